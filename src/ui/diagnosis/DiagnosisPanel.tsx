import type { Cause, ChecklistItem } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';

const confidenceLook = {
  high: 'bg-rose-600 text-white',
  medium: 'bg-amber-500 text-white',
  low: 'bg-slate-400 text-white',
} as const;

function CauseCard({ c, top }: { c: Cause; top: boolean }) {
  return (
    <article
      data-cause={c.cause}
      data-confidence={c.confidence}
      className={`rounded-lg border p-3 ${top ? 'border-rose-300 bg-rose-50 dark:border-rose-800 dark:bg-rose-950/60' : 'border-slate-200 dark:border-slate-800'}`}
    >
      <header className="mb-1 flex flex-wrap items-center gap-2">
        <h3 className={top ? 'text-base font-semibold' : 'text-sm font-semibold'}>{c.title}</h3>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${confidenceLook[c.confidence]}`}>
          {c.confidence}
        </span>
        <code className="text-xs text-slate-500">{c.cause}</code>
      </header>
      {c.evidence.length > 0 ? (
        <div className="text-sm">
          <h4 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Evidence</h4>
          <ul className="ml-4 list-disc">
            {c.evidence.map((e) => (
              <li key={e} className="break-words">
                {e}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {top || c.fix.length <= 2 ? (
        <div className="mt-1 text-sm">
          <h4 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Fix</h4>
          <ol className="ml-4 list-decimal">
            {c.fix.map((f) => (
              <li key={f} className="break-words">
                {f}
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-xs font-semibold text-slate-600 dark:text-slate-400">How to fix</summary>
          <ol className="ml-4 list-decimal">
            {c.fix.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

const checkLook = { pass: '✓', fail: '✗', unknown: '?' } as const;
const checkCls = {
  pass: 'text-emerald-600 dark:text-emerald-400',
  fail: 'text-rose-600 dark:text-rose-400',
  unknown: 'text-slate-400',
} as const;

function Checklist({ items }: { items: ChecklistItem[] }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Quick fix checklist</h3>
      <ul className="space-y-0.5 text-sm" aria-label="Quick fix checklist">
        {items.map((i) => (
          <li key={i.id} data-check={i.id} data-state={i.state} className="grid grid-cols-[1.25rem_1fr] gap-1">
            <span className={`font-bold ${checkCls[i.state]}`} aria-label={i.state}>
              {checkLook[i.state]}
            </span>
            <span>
              <span className="font-medium">{i.label}</span>
              <span className="text-slate-600 dark:text-slate-400"> — {i.evidence}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DiagnosisPanel() {
  const causes = useConsole((s) => s.causes);
  const checklist = useConsole((s) => s.checklist);
  const socketState = useConsole((s) => s.socketState);
  const opened = useConsole((s) => s.attempt?.events.some((e) => e.type === 'open') ?? false);
  const [top, ...others] = causes;
  return (
    <section role="region" aria-label="Diagnosis" className="space-y-3">
      {top ? (
        <>
          <CauseCard c={top} top />
          {others.length > 0 ? (
            <div className="space-y-2">
              <h3 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Also possible</h3>
              {others.map((c) => (
                <CauseCard key={c.cause} c={c} top={false} />
              ))}
            </div>
          ) : null}
        </>
      ) : opened ? (
        <p data-diagnosis="ok" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm font-semibold text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          No problems found: the socket {socketState === 'open' ? 'is open' : 'opened'} and the token checks out.
        </p>
      ) : (
        <p data-diagnosis="none" className="text-sm text-slate-600 dark:text-slate-400">
          Nothing looks wrong yet. Click Connect to test the server.
        </p>
      )}
      {checklist.length > 0 ? <Checklist items={checklist} /> : null}
    </section>
  );
}
