import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
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
>;

function partialize(s: ConsoleState): Persisted {
  return {
    serverUrl: s.serverUrl,
    paramName: s.paramName,
    requiredClaims: s.requiredClaims,
    leewaySeconds: s.leewaySeconds,
    timeoutMs: s.timeoutMs,
    rememberToken: s.rememberToken,
    ...(s.rememberToken ? { tokenInput: s.tokenInput } : {}),
    // Saved profiles: their own allow-list of fields; never the secret (see persistableProfiles).
    profiles: persistableProfiles(s.profiles, s.secretText),
  };
}

/** Stored settings are data from outside: take only well-typed values, ignore the rest. */
export function sanitizePersisted(raw: unknown): Persisted {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const out: Persisted = {};
  if (typeof r.serverUrl === 'string' && r.serverUrl.length < 4096) out.serverUrl = r.serverUrl;
  if (typeof r.paramName === 'string' && r.paramName.length < 256) out.paramName = r.paramName;
  if (Array.isArray(r.requiredClaims) && r.requiredClaims.every((c) => typeof c === 'string'))
    out.requiredClaims = (r.requiredClaims as string[]).slice(0, 100);
  if (typeof r.leewaySeconds === 'number' && Number.isFinite(r.leewaySeconds) && r.leewaySeconds >= 0)
    out.leewaySeconds = r.leewaySeconds;
  if (typeof r.timeoutMs === 'number' && Number.isFinite(r.timeoutMs) && r.timeoutMs > 0)
    out.timeoutMs = r.timeoutMs;
  if (typeof r.rememberToken === 'boolean') out.rememberToken = r.rememberToken;
  if (out.rememberToken && typeof r.tokenInput === 'string' && r.tokenInput.length < 1_000_000)
    out.tokenInput = r.tokenInput;
  if (Array.isArray(r.profiles)) out.profiles = sanitizeProfiles(r.profiles);
  return out;
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
      version: 1,
      // Writes only when the persisted settings changed (the log flush sets state every frame).
      storage: createJSONStorage(() =>
        quietStorage(() => (typeof localStorage === 'undefined' ? undefined : localStorage)),
      ),
      partialize,
      migrate: (persisted) => sanitizePersisted(persisted) as ConsoleState,
      merge: (persisted, current) => ({
        ...current,
        ...derive(current, sanitizePersisted(persisted), { all: true }),
      }),
    },
  ),
);

// The initial diagnosis (before any input): computed once the store exists.
useConsole.setState((s) => derive(s, { now: Date.now() }, { all: true }));

// The diagnosis engine is not in the first load (see BENCHMARKS.md): it loads now, then everything is
// re-derived once. A user cannot connect before it arrives on any real connection (it is local).
void import('../core/diagnosis/index.ts').then((m) => {
  setDiagnosisEngine(m);
  useConsole.setState((s) => derive(s, {}, { all: true }));
});
