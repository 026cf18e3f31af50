import { useMemo } from 'react';
import { inspectKeyText, type KeyInspection, type KeyProblem } from '../../core/index.ts';
import { fetchJwks } from '../../store/key-actions.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';

const problemTone = { error: 'error', warning: 'warn', info: 'info' } as const;

function ProblemList({ problems }: { problems: KeyProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="space-y-1">
      {problems.map((p) => (
        <li key={`${p.code}:${p.message}`}>
          <Note tone={problemTone[p.severity]} className="text-xs">
            <span data-key-problem={p.code}>{p.message}</span>
          </Note>
        </li>
      ))}
    </ul>
  );
}

/** What the pasted key is, read locally (no token needed): type, size, curve, kids, certificate. */
function KeySummary({ inspection }: { inspection: KeyInspection }) {
  if (!inspection.ok) {
    return (
      <div className="space-y-1">
        <ProblemList problems={inspection.problems.filter((p) => p.severity !== 'error')} />
        <Note tone="error">
          <span data-key-problem={inspection.code}>{inspection.message}</span>
        </Note>
      </div>
    );
  }
  const keys = inspection.keys;
  const first = keys[0]?.info;
  const cert = first?.certificate;
  return (
    <div className="space-y-1">
      <p data-key-info={inspection.format} className="text-xs text-slate-600 dark:text-slate-400">
        {inspection.format === 'jwks'
          ? `JWKS with ${keys.length} usable key${keys.length === 1 ? '' : 's'}: ${keys.map((k) => (k.info.kid !== undefined ? `kid "${k.info.kid}" (${k.info.label.replace(/ \(JWKS.*$/, '')})` : k.info.label.replace(/ \(JWKS.*$/, ''))).join('; ')}`
          : `${first?.label ?? ''} — fits ${first?.algorithms.filter((a) => a !== 'Ed25519').join(', ') || 'no JWS algorithm'}`}
        {cert
          ? ` · certificate valid ${cert.notBefore?.slice(0, 10) ?? '?'} to ${cert.notAfter?.slice(0, 10) ?? '?'}`
          : ''}
      </p>
      <ProblemList problems={inspection.problems} />
    </div>
  );
}

/** The signature verdict for the current token with the key; never stale (keyed like the secret's). */
function KeyVerdict({ known }: { known: KeyProblem[] }) {
  const verification = useConsole((s) => s.verification);
  const status = useConsole((s) => s.analysis.status);
  if (status === 'empty')
    return <p className="text-xs text-slate-500 dark:text-slate-400">Paste or mint a token to verify it.</p>;
  const check = verification.keyCheck;
  if (verification.state === 'failed')
    return (
      <Note tone="error">
        <span data-verify="unavailable">{verification.error}</span>
      </Note>
    );
  if (verification.state !== 'done' || !check) {
    return (
      <p data-verify="checking" className="text-xs text-slate-500 dark:text-slate-400">
        Checking the signature…
      </p>
    );
  }
  const seen = new Set(known.map((p) => p.message));
  const extra = check.problems.filter((p) => !seen.has(p.message) && p.severity !== 'error');
  return (
    <div className="space-y-1">
      {check.ok ? (
        <Note tone="ok">
          <span data-verify="ok">
            ✓ Signature verified with this key ({check.alg}
            {check.info ? `; ${check.info.label}` : ''}).
          </span>
        </Note>
      ) : (
        <Note tone="error">
          <span data-verify={check.keyUsable ? 'failed' : 'key-problem'} data-key-problem={check.code}>
            ✗ {check.message}
          </span>
        </Note>
      )}
      <ProblemList problems={extra} />
    </div>
  );
}

export function PublicKeyInput() {
  const text = useConsole((s) => s.publicKeyText);
  const setText = useConsole((s) => s.setPublicKeyText);
  const inspection = useMemo(() => (text.trim() === '' ? null : inspectKeyText(text)), [text]);
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor="public-key-input" className="field-label">
          Public key
        </label>
        <textarea
          id="public-key-input"
          rows={5}
          className="field resize-y font-mono text-xs"
          placeholder={
            '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n(or an X.509 certificate, a JWK {"kty": …}, a JWKS {"keys": [ … ]})'
          }
          spellCheck={false}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {inspection ? (
        <KeySummary inspection={inspection} />
      ) : (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Paste the key the server verifies with (RS*, PS*, ES*, EdDSA): a PEM public key, an X.509
          certificate, a JWK or a JWKS — the token's kid picks the JWKS key. It stays in this tab and is never
          stored.
        </p>
      )}
      {inspection?.ok ? <KeyVerdict known={inspection.problems} /> : null}
    </div>
  );
}

export function JwksUrlInput() {
  const url = useConsole((s) => s.jwksUrl);
  const setUrl = useConsole((s) => s.setJwksUrl);
  const jwks = useConsole((s) => s.jwks);
  const current = jwks.url === url && url !== '' ? jwks : null;
  const inspection = useMemo(
    () => (current?.state === 'done' && current.text ? inspectKeyText(current.text) : null),
    [current?.state, current?.text],
  );
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor="jwks-url-input" className="field-label">
          JWKS URL
        </label>
        <div className="flex gap-2">
          <input
            id="jwks-url-input"
            type="url"
            className="field font-mono text-xs"
            placeholder="https://issuer.example.com/.well-known/jwks.json"
            spellCheck={false}
            autoComplete="off"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void fetchJwks();
            }}
          />
          <button
            type="button"
            className="btn-secondary whitespace-nowrap"
            onClick={() => void fetchJwks()}
            disabled={current?.state === 'fetching'}
          >
            Fetch JWKS
          </button>
        </div>
      </div>
      {current === null ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          The browser fetches the JWKS from this page, so the JWKS server must allow this origin (CORS); an
          OpenID discovery URL (/.well-known/openid-configuration) works too.
        </p>
      ) : current.state === 'fetching' ? (
        <p data-jwks-state="fetching" className="text-xs text-slate-500 dark:text-slate-400">
          Fetching…
        </p>
      ) : current.state === 'failed' ? (
        <Note tone="error">
          <span data-jwks-state="failed">{current.message}</span>
        </Note>
      ) : (
        <div className="space-y-2">
          <p data-jwks-state="done" className="text-xs text-slate-600 dark:text-slate-400">
            {current.message}
          </p>
          <details className="text-xs">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Show the JWKS</summary>
            <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-slate-100 p-2 break-all whitespace-pre-wrap dark:bg-slate-950">
              {current.text}
            </pre>
          </details>
          {inspection ? <KeySummary inspection={inspection} /> : null}
          {inspection?.ok ? <KeyVerdict known={inspection.problems} /> : null}
        </div>
      )}
    </div>
  );
}
