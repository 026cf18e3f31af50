import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { checkRange, LEEWAY_S_RANGE, TIMEOUT_MS_RANGE } from '../core/bounds.ts';
import { redactUrlCredentials, redactUrlForStorage } from '../core/redact/index.ts';
import { DEFAULT_TOKEN_PARAM } from '../core/url/connection-url.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { derive, setDiagnosisEngine } from './derive.ts';
import { createLogSlice } from './log-slice.ts';
import { createMatrixSlice } from './matrix-slice.ts';
import { createMintSlice } from './mint-slice.ts';
import { createProfilesSlice, persistableProfiles, sanitizeProfiles } from './profiles-slice.ts';
import { createReconnectSlice } from './reconnect-slice.ts';
import { createTokenSlice } from './token-slice.ts';
import { quietStorage } from './quiet-storage.ts';
import type { ConsoleState } from './types.ts';

export const STORAGE_KEY = 'wsjwt-settings';

/** What may be persisted: an allow-list. Never the secret; the token only when the user opted in. */
type Persisted = Partial<
  Pick<
    ConsoleState,
    | 'serverUrl'
    | 'paramName'
    | 'requiredClaims'
    | 'leewaySeconds'
    | 'timeoutMs'
    | 'rememberToken'
    | 'tokenInput'
    | 'profiles'
  >
> & {
  /** What the stored Server URL did not keep, in words (no values), to tell the user after a reload. */
  serverUrlNotKept?: string[];
};

const MAX_NOT_KEPT = 20;

// partialize runs on every state change (the log flush sets state every frame): the last answer is kept.
let lastStoredUrl: { url: string; param: string; stored: ReturnType<typeof redactUrlForStorage> } | null =
  null;

/** The Server URL as stored: through the one redaction (src/core/redact) — no userinfo, key, token. */
function storedServerUrl(url: string, param: string): ReturnType<typeof redactUrlForStorage> {
  if (lastStoredUrl?.url !== url || lastStoredUrl.param !== param)
    lastStoredUrl = { url, param, stored: redactUrlForStorage(url, param) };
  return lastStoredUrl.stored;
}

/**
 * The remembered Token input (opt-in): the token stays, anything else that is a credential does not (a
 * pasted URL's userinfo or api_key, a second JWT under another parameter).
 */
function storedTokenInput(input: string, param: string): string {
  // Only a pasted URL has a userinfo or parameters; other text (a JSON paste with an "@") stays as it is.
  if (!/^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(input)) return input;
  const tokenParams = [param.trim() || DEFAULT_TOKEN_PARAM];
  return redactUrlCredentials(input, { tokenParams, keepTokenParams: true, placeholder: '' }).url;
}

function partialize(s: ConsoleState): Persisted {
  const server = storedServerUrl(s.serverUrl, s.paramName);
  return {
    serverUrl: server.url,
    ...(server.notKept.length > 0 ? { serverUrlNotKept: server.notKept } : {}),
    paramName: s.paramName,
    requiredClaims: s.requiredClaims,
    leewaySeconds: s.leewaySeconds,
    timeoutMs: s.timeoutMs,
    rememberToken: s.rememberToken,
    ...(s.rememberToken ? { tokenInput: storedTokenInput(s.tokenInput, s.paramName) } : {}),
    // Saved profiles: their own allow-list of fields; never the secret (see persistableProfiles).
    profiles: persistableProfiles(s.profiles, s.secretText),
  };
}

/**
 * Stored settings are data from outside: take only well-typed values, ignore the rest. A Server URL stored
 * by an older version, credentials included, is cleaned here too.
 */
export function sanitizePersisted(raw: unknown): Persisted {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const out: Persisted = {};
  if (typeof r.paramName === 'string' && r.paramName.length < 256) out.paramName = r.paramName;
  if (typeof r.serverUrl === 'string' && r.serverUrl.length < 4096) {
    const stored = redactUrlForStorage(r.serverUrl, out.paramName ?? '');
    out.serverUrl = stored.url;
    const said = Array.isArray(r.serverUrlNotKept)
      ? r.serverUrlNotKept.filter((n): n is string => typeof n === 'string' && n.length <= 80)
      : [];
    const notKept = [...new Set([...said, ...stored.notKept])].slice(0, MAX_NOT_KEPT);
    if (notKept.length > 0) out.serverUrlNotKept = notKept;
  }
  if (Array.isArray(r.requiredClaims) && r.requiredClaims.every((c) => typeof c === 'string'))
    out.requiredClaims = (r.requiredClaims as string[]).slice(0, 100);
  // Stored values pass the same ranges as typed ones (an older version kept any positive number).
  if (typeof r.leewaySeconds === 'number' && checkRange(r.leewaySeconds, LEEWAY_S_RANGE).ok)
    out.leewaySeconds = r.leewaySeconds;
  if (typeof r.timeoutMs === 'number' && checkRange(r.timeoutMs, TIMEOUT_MS_RANGE).ok)
    out.timeoutMs = r.timeoutMs;
  if (typeof r.rememberToken === 'boolean') out.rememberToken = r.rememberToken;
  if (out.rememberToken && typeof r.tokenInput === 'string' && r.tokenInput.length < 1_000_000)
    out.tokenInput = storedTokenInput(r.tokenInput, out.paramName ?? '');
  if (Array.isArray(r.profiles)) out.profiles = sanitizeProfiles(r.profiles);
  return out;
}

/** The restored settings as state: what the Server URL did not keep becomes a note beside it. */
function restoredState(persisted: unknown): Partial<ConsoleState> {
  const { serverUrlNotKept, ...settings } = sanitizePersisted(persisted);
  return serverUrlNotKept !== undefined && settings.serverUrl !== undefined
    ? { ...settings, restoredUrlNote: { url: settings.serverUrl, notKept: serverUrlNotKept } }
    : settings;
}

export const useConsole = create<ConsoleState>()(
  persist(
    (...a) => ({
      ...createTokenSlice(...a),
      ...createMintSlice(...a),
      ...createConnectionSlice(...a),
      ...createLogSlice(...a),
      ...createProfilesSlice(...a),
      ...createMatrixSlice(...a),
      ...createReconnectSlice(...a),
      causes: [],
      checklist: [],
      staleInputs: [],
    }),
    {
      name: STORAGE_KEY,
      // 2: the Server URL is stored without its credentials (a version-1 URL is cleaned by migrate).
      version: 2,
      // Writes only when the persisted settings changed (the log flush sets state every frame).
      storage: createJSONStorage(() =>
        quietStorage(() => (typeof localStorage === 'undefined' ? undefined : localStorage)),
      ),
      partialize,
      migrate: (persisted) => sanitizePersisted(persisted) as ConsoleState,
      merge: (persisted, current) => ({
        ...current,
        ...derive(current, restoredState(persisted), { all: true }),
      }),
    },
  ),
);

// The initial diagnosis (before any input): computed once the store exists.
useConsole.setState((s) => derive(s, { now: Date.now() }, { all: true }));

// The diagnosis engine is not in the first load (see BENCHMARKS.md): it loads once the page has loaded,
// then everything is re-derived once. A Connect cannot run before then either: the socket actions load
// after the load event too (src/app/main.tsx).
function loadDiagnosisEngine(): void {
  void import('../core/diagnosis/index.ts').then((m) => {
    setDiagnosisEngine(m);
    useConsole.setState((s) => derive(s, {}, { all: true }));
  });
}
if (typeof window === 'undefined' || document.readyState === 'complete') loadDiagnosisEngine();
else window.addEventListener('load', loadDiagnosisEngine, { once: true });
