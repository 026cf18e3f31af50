// Verification of the token with the secret or a public key, whenever derive() asks for it (state
// 'checking'). A result for other inputs than the current ones is dropped: never a stale verdict.
import { publicKeyMaterial, derive } from './derive.ts';
import { useConsole } from './store.ts';
import type { ConsoleState } from './types.ts';

let verifying = '';
let unsubscribe: (() => void) | null = null;

/** The verification code, loaded on first use (not in the first load). Tests replace these to see a failed load. */
export const verifierCode = {
  secret: () => import('../core/jws/triage.ts'),
  publicKey: () => import('../core/keys/verify-key.ts'),
};

function verifyWhenAsked(s: ConsoleState): void {
  const v = s.verification;
  if (v.state !== 'checking' || v.key === verifying) return;
  verifying = v.key;
  const key = v.key;
  // The secret (with its usual misreadings), or a public key / JWKS: both end as a SecretTriage.
  const check: Promise<Pick<ConsoleState['verification'], 'triage' | 'keyCheck'>> =
    s.verifyKeyMode === 'secret'
      ? verifierCode
          .secret()
          .then((m) => m.triageSecret(s.analysis.token, { text: s.secretText, encoding: s.secretEncoding }))
          .then((triage) => ({ triage }))
      : verifierCode.publicKey().then(async (m) => {
          const keyCheck = await m.verifyWithKey(s.analysis.token, publicKeyMaterial(s));
          return { triage: m.keyOutcomeToTriage(keyCheck), keyCheck };
        });
  const settle = (verification: ConsoleState['verification']) => {
    if (verifying === key) verifying = '';
    useConsole.setState((st) => (st.verification.key === key ? derive(st, { verification }) : {}));
  };
  check.then(
    (result) => settle({ key, state: 'done', ...result }),
    // A chunk that did not load (the dev server restarted, a redeploy) must not leave "Checking…" forever.
    (error: unknown) =>
      settle({
        key,
        state: 'failed',
        error: `The signature could not be checked: the verification code did not load or failed (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`,
      }),
  );
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
