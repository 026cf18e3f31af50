// Saved connection profiles: Server URL, token parameter, required claims, the mint payload template, and
// how the token travels (Protocol, Token travels in, the subprotocol and Connection payload templates), by
// name. Never the secret (not even inside another field), never the credentials inside the Server URL; the
// token only when the user ticks it — a token pasted into a template is saved as {token}. Saving and
// loading one (src/store/profile-actions.ts) load with the Profiles tab; this is what every page needs:
// reading stored profiles and keeping secrets out of what is written back.
import type { StateCreator } from 'zustand';
import { DEFAULT_SUBPROTOCOL_TEMPLATE, isAppProtocolId, isTokenPlacement } from '../core/index.ts';
import type { AppProtocolId, TokenPlacement } from '../core/index.ts';
import { joinWithAnd, redactUrlForStorage } from '../core/redact/index.ts';
import type { ConnectionProfile, ConsoleState, ProfilesSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], ProfilesSlice>;

export const MAX_PROFILES = 50;
export const MAX_PROFILE_NAME = 80;
export const MAX_URL = 4096;
export const MAX_PARAM = 256;
export const MAX_CLAIMS = 100;
export const MAX_TEMPLATE = 64 * 1024;
export const MAX_TOKEN = 64 * 1024;
/** Shorter secrets would match by accident everywhere ("a", "123"); they are still never stored as such. */
const MIN_SECRET_TO_SCRUB = 4;

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** Anything shaped like a compact JWS (the token, pasted into a template instead of {token}). */
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/** Protocol and placement of a stored profile: an unknown or missing one (a profile from before the
 * protocols) is the plain socket with the token in the query. */
export function travelFields(
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
export function withoutTokens(template: string, token = ''): string {
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

export function scrubForStorage(
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

export const createProfilesSlice: Slice = (set) => ({
  profiles: [],
  deleteProfile: (name) => set((s) => ({ profiles: s.profiles.filter((p) => p.name !== name) })),
});
