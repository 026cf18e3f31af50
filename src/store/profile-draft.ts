// A profile of the current settings, and a saved payload template brought up to date: the pure half of
// saving and loading profiles (the store half: src/store/profile-actions.ts).
import {
  MAX_CLAIMS,
  MAX_PARAM,
  MAX_PROFILE_NAME,
  MAX_TEMPLATE,
  MAX_TOKEN,
  MAX_URL,
  scrubForStorage,
  travelFields,
  withoutTokens,
} from './profiles-slice.ts';
import type { ConnectionProfile, ConsoleState } from './types.ts';

/** A profile of the current settings. The secret is never part of it. */
export function profileFromState(
  s: Pick<
    ConsoleState,
    'serverUrl' | 'paramName' | 'requiredClaims' | 'payloadText' | 'analysis' | 'secretText'
  > &
    Partial<Pick<ConsoleState, 'appProtocol' | 'tokenTravel' | 'subprotocolTemplate' | 'connectionPayload'>>,
  name: string,
  includeToken: boolean,
  now: number,
): { profile: ConnectionProfile | null; notes: string[] } {
  const trimmed = name.trim();
  if (trimmed === '') return { profile: null, notes: ['Give the profile a name.'] };
  if (trimmed.length > MAX_PROFILE_NAME)
    return { profile: null, notes: [`A profile name has at most ${MAX_PROFILE_NAME} characters.`] };
  // The token itself never goes into a template: where it was, the template says {token}.
  const subprotocols =
    s.subprotocolTemplate === undefined ? undefined : withoutTokens(s.subprotocolTemplate, s.analysis.token);
  const payload =
    typeof s.connectionPayload === 'string' ? withoutTokens(s.connectionPayload, s.analysis.token) : null;
  const draft: ConnectionProfile = {
    name: trimmed,
    serverUrl: s.serverUrl.slice(0, MAX_URL),
    paramName: s.paramName.slice(0, MAX_PARAM),
    requiredClaims: s.requiredClaims.slice(0, MAX_CLAIMS),
    claimsTemplate: s.payloadText.length <= MAX_TEMPLATE ? s.payloadText : '',
    ...travelFields({
      appProtocol: s.appProtocol,
      tokenTravel: s.tokenTravel,
      subprotocolTemplate: subprotocols,
      connectionPayload: payload,
    }),
    savedAt: now,
  };
  const notes: string[] = [];
  if (subprotocols !== s.subprotocolTemplate || payload !== (s.connectionPayload ?? null))
    notes.push('A token written into a template was saved as {token}.');
  if (s.payloadText.length > MAX_TEMPLATE)
    notes.push('The payload template is too long to save: saved without it.');
  if (includeToken) {
    if (s.analysis.token === '') notes.push('There is no token to include.');
    else if (s.analysis.token.length > MAX_TOKEN)
      notes.push('The token is too long to save: saved without it.');
    else draft.token = s.analysis.token;
  }
  const scrubbed = scrubForStorage(draft, s.secretText);
  return { profile: scrubbed.profile, notes: [...notes, ...scrubbed.notes] };
}

/**
 * A saved payload template is a template: when it has a numeric iat, the time claims move to `now`
 * keeping their distances (a 24 h token stays 24 h), so minting from it gives a fresh token. Text that is
 * not a JSON object with a numeric iat comes back unchanged.
 */
export function rebaseTemplateTimes(text: string, now: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return text;
  const payload = parsed as Record<string, unknown>;
  const iat = payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return text;
  const shift = Math.floor(now / 1000) - iat;
  if (shift === 0) return text;
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    const v = payload[claim];
    if (typeof v === 'number' && Number.isFinite(v)) payload[claim] = v + shift;
  }
  return JSON.stringify(payload, null, 2);
}
