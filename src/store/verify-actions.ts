// Verification of the token with the secret or a public key, whenever derive() asks for it (state
// 'checking'). A result for other inputs than the current ones is dropped: never a stale verdict.
import { publicKeyMaterial, derive } from './derive.ts';
import { useConsole } from './store.ts';
import type { ConsoleState } from './types.ts';

let verifying = '';
let unsubscribe: (() => void) | null = null;

function verifyWhenAsked(s: ConsoleState): void {
  const v = s.verification;
  if (v.state !== 'checking' || v.key === verifying) return;
  verifying = v.key;
  const key = v.key;
  // The secret (with its usual misreadings), or a public key / JWKS: both end as a SecretTriage.
  const check: Promise<Pick<ConsoleState['verification'], 'triage' | 'keyCheck'>> =
    s.verifyKeyMode === 'secret'
      ? // The HMAC code (and jose) loads on first use too: not in the first load.
        import('../core/jws/triage.ts')
          .then((m) => m.triageSecret(s.analysis.token, { text: s.secretText, encoding: s.secretEncoding }))
          .then((triage) => ({ triage }))
      : // Public keys are loaded on first use, so the first paint stays small.
        import('../core/keys/verify-key.ts').then(async (m) => {
          const keyCheck = await m.verifyWithKey(s.analysis.token, publicKeyMaterial(s));
          return { triage: m.keyOutcomeToTriage(keyCheck), keyCheck };
        });
  void check.then((result) => {
    if (verifying === key) verifying = '';
    useConsole.setState((st) =>
      st.verification.key === key ? derive(st, { verification: { key, state: 'done', ...result } }) : {},
    );
  });
}

/** Verifies whenever the store asks. Called once when the actions load. */
export function startVerification(): void {
  unsubscribe?.();
  unsubscribe = useConsole.subscribe(verifyWhenAsked);
  // This module loads after the first paint: a secret typed before then is verified now.
  verifyWhenAsked(useConsole.getState());
}

/** Stops listening and forgets the check in flight. */
export function stopVerification(): void {
  unsubscribe?.();
  unsubscribe = null;
  verifying = '';
}
