import { lazy, Suspense, useState, type CSSProperties } from 'react';
import type { SecretEncoding } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import type { VerifyKeyMode } from '../../store/types.ts';
import { Note } from '../shared/Note.tsx';

// Public keys are loaded when chosen, so the first paint stays small.
const PublicKeyInput = lazy(() =>
  import('./PublicKeyInput.tsx').then((m) => ({ default: m.PublicKeyInput })),
);
const JwksUrlInput = lazy(() => import('./PublicKeyInput.tsx').then((m) => ({ default: m.JwksUrlInput })));

const keyModes: Array<[VerifyKeyMode, string]> = [
  ['secret', 'Shared secret (HMAC)'],
  ['public-key', 'Public key (PEM, JWK or JWKS)'],
  ['jwks-url', 'JWKS from a URL'],
];

/** Which key verifies the signature: the server's JWT_SECRET, its public key, or its JWKS URL. */
function KeyModeChoice() {
  const mode = useConsole((s) => s.verifyKeyMode);
  const setMode = useConsole((s) => s.setVerifyKeyMode);
  return (
    <fieldset>
      <legend className="field-label">Verification key</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {keyModes.map(([value, text]) => (
          <label key={value} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="verify-key-mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {text}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const encodings: Array<[SecretEncoding, string]> = [
  ['utf8', 'UTF-8 text'],
  ['base64', 'base64'],
  ['base64url', 'base64url'],
  ['hex', 'hex'],
];

function Verdict() {
  const verification = useConsole((s) => s.verification);
  const hasSecret = useConsole((s) => s.secretText !== '');
  const status = useConsole((s) => s.analysis.status);
  if (!hasSecret) {
    return (
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Enter the server's JWT_SECRET to check the signature. It stays in this tab.
      </p>
    );
  }
  if (status === 'empty')
    return <p className="text-xs text-slate-500 dark:text-slate-400">Paste or mint a token to verify it.</p>;
  // One fact, one source: a malformed (e.g. cut) token is not a secret problem, whatever verify says.
  if (status === 'malformed')
    return (
      <p data-verify="malformed" className="text-xs text-slate-500 dark:text-slate-400">
        The token is malformed (see Token): no secret verifies it until it is whole.
      </p>
    );
  if (verification.state === 'failed')
    return (
      <Note tone="error">
        <span data-verify="unavailable">{verification.error}</span>
      </Note>
    );
  if (verification.state !== 'done' || !verification.triage) {
    return (
      <p data-verify="checking" className="text-xs text-slate-500 dark:text-slate-400">
        Checking the signature…
      </p>
    );
  }
  const { given, match, notes } = verification.triage;
  return (
    <div className="space-y-1">
      {given.ok ? (
        <Note tone="ok">
          <span data-verify="ok">✓ Signature verified with this secret ({given.alg}).</span>
        </Note>
      ) : (
        <Note tone="error">
          <span data-verify="failed">✗ The signature does not verify with this secret: {given.message}</span>
        </Note>
      )}
      {match ? (
        <Note tone="warn">
          <span data-verify-variant={match.id}>{match.explanation}</span>
        </Note>
      ) : null}
      {notes.map((n) => (
        <p key={n} className="text-xs text-amber-700 dark:text-amber-300">
          {n}
        </p>
      ))}
    </div>
  );
}

export function SecretInput() {
  const mode = useConsole((s) => s.verifyKeyMode);
  return (
    <div className="space-y-3">
      <KeyModeChoice />
      {mode === 'secret' ? (
        <SharedSecretInput />
      ) : (
        <Suspense fallback={<p className="text-xs text-slate-500 dark:text-slate-400">Loading…</p>}>
          {mode === 'public-key' ? <PublicKeyInput /> : <JwksUrlInput />}
        </Suspense>
      )}
    </div>
  );
}

function SharedSecretInput() {
  const secretText = useConsole((s) => s.secretText);
  const setSecretText = useConsole((s) => s.setSecretText);
  const encoding = useConsole((s) => s.secretEncoding);
  const setEncoding = useConsole((s) => s.setSecretEncoding);
  const [shown, setShown] = useState(false);
  // A textarea (not a password input) so a pasted .env keeps its lines and no password manager offers
  // to save the secret; masked with text-security until the user asks to see it.
  const masked = { WebkitTextSecurity: shown ? 'none' : 'disc' } as CSSProperties;

  return (
    <div className="space-y-2">
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="secret-input" className="field-label">
            Secret
          </label>
          <textarea
            id="secret-input"
            rows={1}
            className="field resize-y font-mono text-xs"
            style={masked}
            placeholder="JWT_SECRET (or paste the server's .env)"
            spellCheck={false}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            value={secretText}
            onChange={(e) => setSecretText(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="secret-encoding" className="field-label">
            Secret encoding
          </label>
          <select
            id="secret-encoding"
            className="field w-auto"
            value={encoding}
            onChange={(e) => setEncoding(e.target.value as SecretEncoding)}
          >
            {encodings.map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn-secondary" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide secret' : 'Show secret'}
        </button>
      </div>
      <Verdict />
    </div>
  );
}
