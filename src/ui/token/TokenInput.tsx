import { LEEWAY_S_RANGE } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { LongTextArea } from '../shared/LongTextArea.tsx';
import { Note } from '../shared/Note.tsx';
import { RangeNumberField } from '../shared/RangeNumberField.tsx';
import { TokenStatusBadge } from './TokenStatusBadge.tsx';

/** Clock tolerance for exp / nbf / iat, as servers configure it (jsonwebtoken's clockTolerance, jose's clockTolerance). */
function LeewayInput() {
  const leewaySeconds = useConsole((s) => s.leewaySeconds);
  const setLeewaySeconds = useConsole((s) => s.setLeewaySeconds);
  return (
    <span className="inline-flex items-center gap-1 text-xs">
      <label htmlFor="token-leeway" className="font-semibold text-slate-600 dark:text-slate-400">
        Leeway (s)
      </label>
      <RangeNumberField
        id="token-leeway"
        range={LEEWAY_S_RANGE}
        step={1}
        className="field w-16 px-1.5 py-0.5 text-xs"
        title="Seconds of clock difference tolerated when checking exp, nbf and iat"
        value={leewaySeconds}
        onValid={setLeewaySeconds}
        meanwhile={`Time checks use ${leewaySeconds} s until then.`}
      />
    </span>
  );
}

export function TokenInput() {
  const tokenInput = useConsole((s) => s.tokenInput);
  const setTokenInput = useConsole((s) => s.setTokenInput);
  const analysis = useConsole((s) => s.analysis);
  const rememberToken = useConsole((s) => s.rememberToken);
  const setRememberToken = useConsole((s) => s.setRememberToken);
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  const warnings = analysis.problems.filter(
    (p) => p.severity !== 'error' && p.code !== 'WARN_MISSING_CLAIMS',
  );

  return (
    <div className="space-y-2">
      <div className="flex items-end justify-between gap-2">
        <label htmlFor="token-input" className="field-label">
          Token
        </label>
        <div className="flex items-center gap-3">
          <TokenStatusBadge analysis={analysis} />
          <LeewayInput />
        </div>
      </div>
      <LongTextArea
        id="token-input"
        className="field h-24 resize-y font-mono text-xs break-all"
        placeholder="Paste a JWT (eyJ…), also “Bearer eyJ…”, a quoted token or a URL with ?token=…"
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        value={tokenInput}
        onValue={setTokenInput}
      />
      {analysis.cleanups.length > 0 ? (
        <Note tone="info">
          <span className="font-semibold">Cleaned up before use:</span>
          <ul className="ml-4 list-disc">
            {analysis.cleanups.map((c) => (
              <li key={c.kind + c.message}>{c.message}</li>
            ))}
          </ul>
        </Note>
      ) : null}
      {errors.map((p) => (
        <Note key={p.code + p.message} tone="error">
          <span data-problem={p.code}>{p.message}</span>
        </Note>
      ))}
      {warnings.map((p) => (
        <Note key={p.code + p.message} tone={p.code === 'WARN_ALG_NONE' ? 'error' : 'warn'}>
          <span data-problem={p.code}>{p.message}</span>
        </Note>
      ))}
      <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <input type="checkbox" checked={rememberToken} onChange={(e) => setRememberToken(e.target.checked)} />
        Remember the token on this device (stored in this browser's localStorage; the secret never is)
      </label>
    </div>
  );
}
