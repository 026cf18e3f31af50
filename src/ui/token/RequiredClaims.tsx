import { useState } from 'react';
import { useConsole } from '../../store/store.ts';

/** The claims the server requires (the guide's userId, role, iat, exp by default), editable. */
export function RequiredClaims() {
  const required = useConsole((s) => s.requiredClaims);
  const setRequired = useConsole((s) => s.setRequiredClaims);
  const analysis = useConsole((s) => s.analysis);
  const [draft, setDraft] = useState<string | null>(null);
  const hasPayload = !!analysis.payload;

  const commit = (text: string) => {
    const claims = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
    setRequired(claims);
    setDraft(null);
  };

  return (
    <div className="space-y-1">
      <label htmlFor="required-claims" className="field-label">
        Required claims
      </label>
      <input
        id="required-claims"
        className="field font-mono text-xs"
        value={draft ?? required.join(', ')}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      {hasPayload ? (
        <ul className="flex flex-wrap gap-1" aria-label="Required claims check">
          {required.map((c) => {
            const missing = analysis.missingClaims.includes(c);
            return (
              <li
                key={c}
                data-claim-present={missing ? 'false' : 'true'}
                className={`rounded px-1.5 py-0.5 font-mono text-xs ${missing ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200' : 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'}`}
              >
                {missing ? '✗' : '✓'} {c}
                <span className="sr-only">{missing ? ' missing' : ' present'}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
