// Saved connection profiles: Server URL, token parameter, required claims, the mint payload template, and
// how the token travels (Protocol, Token travels in, the subprotocol and Connection payload templates), by
// name. Never the secret (not even inside another field), never the credentials inside the Server URL; the
// token only when the user ticks it — a token pasted into a template is saved as {token}.
import type { StateCreator } from 'zustand';
import { DEFAULT_SUBPROTOCOL_TEMPLATE, isAppProtocolId, isTokenPlacement } from '../core/index.ts';
import type { AppProtocolId, TokenPlacement } from '../core/index.ts';
import { joinWithAnd, redactUrlForStorage } from '../core/redact/index.ts';
import { derive } from './derive.ts';
import type { ConnectionProfile, ConsoleState, ProfilesSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], ProfilesSlice>;

export const MAX_PROFILES = 50;
export const MAX_PROFILE_NAME = 80;
const MAX_URL = 4096;
const MAX_PARAM = 256;
const MAX_CLAIMS = 100;
const MAX_TEMPLATE = 64 * 1024;
const MAX_TOKEN = 64 * 1024;
/** Shorter secrets would match by accident everywhere ("a", "123"); they are still never stored as such. */
const MIN_SECRET_TO_SCRUB = 4;

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** Anything shaped like a compact JWS (the token, pasted into a template instead of {token}). */
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/** Protocol and placement of a stored profile: an unknown or missing one (a profile from before the
 * protocols) is the plain socket with the token in the query. */
function travelFields(
  r: Record<string, unknown>,
): Required<
  Pick<ConnectionProfile, 'appProtocol' | 'tokenTravel' | 'subprotocolTemplate' | 'connectionPayload'>
> {
  const appProtocol: AppProtocolId =
    typeof r.appProtocol === 'string' && isAppProtocolId(r.appProtocol) ? r.appProtocol : 'plain';
  const tokenTravel: TokenPlacement =
    typeof r.tokenTravel === 'string' && isTokenPlacement(r.tokenTravel)
      ? r.tokenTravel
      : appProtocol === 'plain'
        ? 'query'
        : 'first-message';
  return {
    appProtocol,
    tokenTravel,
    subprotocolTemplate: isString(r.subprotocolTemplate, MAX_PARAM)
      ? withoutTokens(r.subprotocolTemplate)
      : DEFAULT_SUBPROTOCOL_TEMPLATE,
    connectionPayload: isString(r.connectionPayload, MAX_TEMPLATE)
      ? withoutTokens(r.connectionPayload)
      : null,
  };
}

/** A template with any token in it put back as {token}. */
function withoutTokens(template: string, token = ''): string {
  const out = token.length >= 16 ? template.replaceAll(token, '{token}') : template;
  return out.replace(JWT_IN_TEXT, '{token}');
}

/** Profiles stored in localStorage are data from outside: keep well-typed entries only, never throw. */
export function sanitizeProfiles(raw: unknown): ConnectionProfile[] {
  if (!Array.isArray(raw)) return [];
  const out: ConnectionProfile[] = [];
  const names = new Set<string>();
  for (const entry of raw.slice(0, MAX_PROFILES * 2)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
    const r = entry as Record<string, unknown>;
    if (!isString(r.name, MAX_PROFILE_NAME)) continue;
    const name = r.name.trim();
    if (name === '' || names.has(name)) continue;
    if (!isString(r.serverUrl, MAX_URL) || !isString(r.paramName, MAX_PARAM)) continue;
    const claims = Array.isArray(r.requiredClaims)
      ? r.requiredClaims.filter((c): c is string => isString(c, MAX_PARAM)).slice(0, MAX_CLAIMS)
      : [];
    const profile: ConnectionProfile = {
      name,
      // A profile stored by an older version may hold credentials in its URL: cleaned on the way in.
      serverUrl: redactUrlForStorage(r.serverUrl, r.paramName).url,
      paramName: r.paramName,
      requiredClaims: claims,
      claimsTemplate: isString(r.claimsTemplate, MAX_TEMPLATE) ? r.claimsTemplate : '',
      ...travelFields(r),
      savedAt: typeof r.savedAt === 'number' && Number.isFinite(r.savedAt) ? r.savedAt : 0,
    };
    if (isString(r.token, MAX_TOKEN) && r.token !== '') profile.token = r.token;
    names.add(name);
    out.push(profile);
    if (out.length >= MAX_PROFILES) break;
  }
  return out;
}

/**
 * What of the profiles may be written to localStorage: an explicit allow-list of fields, and any field
 * that contains the current secret left out (a secret pasted into the payload template must not leak).
 */
export function persistableProfiles(
  profiles: readonly ConnectionProfile[],
  secretText: string,
): ConnectionProfile[] {
  return profiles.map((p) => scrubForStorage(p, secretText).profile);
}

function scrubForStorage(
  p: ConnectionProfile,
  secretText: string,
): { profile: ConnectionProfile; notes: string[] } {
  const secret = secretText.trim();
  const leaks = (v: string) =>
    secret.length >= MIN_SECRET_TO_SCRUB && (v.includes(secret) || v.includes(secretText));
  const notes: string[] = [];
  // The one redaction of everything stored (src/core/redact): no userinfo, key or token in the URL.
  const server = redactUrlForStorage(p.serverUrl, p.paramName);
  if (server.notKept.length > 0)
    notes.push(
      `Not saved from the Server URL: ${joinWithAnd(server.notKept)} (credentials are never stored).`,
    );
  const out: ConnectionProfile = {
    name: p.name,
    serverUrl: server.url,
    paramName: p.paramName,
    requiredClaims: [...p.requiredClaims],
    claimsTemplate: p.claimsTemplate,
    ...travelFields(p as unknown as Record<string, unknown>),
    savedAt: p.savedAt,
  };
  if (p.token !== undefined) out.token = p.token;
  if (secret.length < MIN_SECRET_TO_SCRUB) return { profile: out, notes };
  if (leaks(out.name)) {
    out.name = 'Profile';
    notes.push('The name contains the secret: saved as "Profile".');
  }
  if (leaks(out.serverUrl)) {
    out.serverUrl = '';
    notes.push('The Server URL contains the secret: saved without it.');
  }
  if (leaks(out.paramName)) {
    out.paramName = '';
    notes.push('The token parameter contains the secret: saved without it.');
  }
  if (out.requiredClaims.some(leaks)) {
    out.requiredClaims = out.requiredClaims.filter((c) => !leaks(c));
    notes.push('A required claim contains the secret: saved without it.');
  }
  if (leaks(out.claimsTemplate)) {
    out.claimsTemplate = '';
    notes.push('The payload template contains the secret: saved without the template.');
  }
  if (out.subprotocolTemplate !== undefined && leaks(out.subprotocolTemplate)) {
    out.subprotocolTemplate = DEFAULT_SUBPROTOCOL_TEMPLATE;
    notes.push('The subprotocol template contains the secret: saved with the default one.');
  }
  if (typeof out.connectionPayload === 'string' && leaks(out.connectionPayload)) {
    out.connectionPayload = null;
    notes.push('The Connection payload contains the secret: saved with the protocol’s default.');
  }
  if (out.token !== undefined && leaks(out.token)) {
    delete out.token;
    notes.push('The token contains the secret: saved without the token.');
  }
  return { profile: out, notes };
}

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

export const createProfilesSlice: Slice = (set, get) => ({
  profiles: [],
  saveProfile: (name, { includeToken }) => {
    const s = get();
    const { profile, notes } = profileFromState(s, name, includeToken, Date.now());
    if (!profile) return { ok: false, notes };
    const existing = s.profiles.findIndex((p) => p.name === profile.name);
    if (existing < 0 && s.profiles.length >= MAX_PROFILES) {
      return { ok: false, notes: [`At most ${MAX_PROFILES} profiles: delete one first.`] };
    }
    const profiles =
      existing >= 0 ? s.profiles.map((p, i) => (i === existing ? profile : p)) : [...s.profiles, profile];
    set({ profiles });
    return { ok: true, notes: existing >= 0 ? [`Replaced the profile “${profile.name}”.`, ...notes] : notes };
  },
  loadProfile: (name) => {
    const p = get().profiles.find((x) => x.name === name);
    if (!p) return false;
    set((s) =>
      derive(s, {
        serverUrl: p.serverUrl,
        paramName: p.paramName,
        requiredClaims: [...p.requiredClaims],
        ...(p.claimsTemplate !== ''
          ? { payloadText: rebaseTemplateTimes(p.claimsTemplate, s.now), mintError: null }
          : {}),
        ...(p.token !== undefined ? { tokenInput: p.token } : {}),
        // A profile from before the protocols (sanitized on load) is a plain socket, token in the query.
        appProtocol: p.appProtocol ?? 'plain',
        tokenTravel: p.tokenTravel ?? 'query',
        subprotocolTemplate: p.subprotocolTemplate ?? DEFAULT_SUBPROTOCOL_TEMPLATE,
        connectionPayload: p.connectionPayload ?? null,
      }),
    );
    return true;
  },
  deleteProfile: (name) => set((s) => ({ profiles: s.profiles.filter((p) => p.name !== name) })),
});
