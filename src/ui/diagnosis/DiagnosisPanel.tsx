import { clockSkew, type Cause, type ChecklistItem } from '../../core/index.ts';
import { staleSentence } from '../../store/attempt-inputs.ts';
import { useConsole } from '../../store/store.ts';
import type { StaleInput } from '../../store/types.ts';
import { ReconnectStopped } from './ReconnectStopped.tsx';

const confidenceLook = {
  high: 'bg-rose-700 text-white',
  medium: 'bg-amber-700 text-white',
  low: 'bg-slate-600 text-white',
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
        <code className="text-xs text-slate-600 dark:text-slate-400">{c.cause}</code>
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
          <summary className="cursor-pointer text-xs font-semibold text-slate-600 dark:text-slate-400">
            How to fix
          </summary>
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
  unknown: 'text-slate-500 dark:text-slate-400',
} as const;

/** The checklist, collapsed under a summary that counts what fails (one click away). */
function Checklist({ items }: { items: ChecklistItem[] }) {
  const failing = items.filter((i) => i.state === 'fail').length;
  return (
    <details className="group">
      <summary className="cursor-pointer text-xs font-semibold text-slate-700 uppercase dark:text-slate-300">
        Quick fix checklist{' '}
        <span className="font-normal normal-case">
          ({failing === 0 ? 'nothing failing' : `${failing} failing`} of {items.length})
        </span>
      </summary>
      <ul className="mt-1 space-y-0.5 text-sm" aria-label="Quick fix checklist">
        {items.map((i) => (
          <li
            key={i.id}
            data-check={i.id}
            data-state={i.state}
            className="grid grid-cols-[1.25rem_1fr] gap-1"
          >
            <span className={`font-bold ${checkCls[i.state]}`} aria-label={i.state}>
              {checkLook[i.state]}
            </span>
            <span>
              <span className="font-medium">{i.label}</span>
              <span className="text-slate-700 dark:text-slate-300"> — {i.evidence}</span>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A failure before open hides the HTTP status from the page; say so, and where the user can read it. */
function BrowserHides() {
  const hidden = useConsole((s) => {
    const a = s.attempt;
    // The x-ray shows the status itself; a refused connection has no HTTP status to hide; a stale attempt's
    // failure is withdrawn from the verdict.
    if (!a || a.xray || a.reachability.state === 'unreachable' || s.staleInputs.length > 0) return false;
    const ev = a.events;
    const opened = ev.some((e) => e.type === 'open');
    const thrown = ev.some((e) => e.type === 'error' && typeof e.thrown === 'string' && e.thrown !== '');
    const timedOut = ev.some((e) => e.type === 'timeout');
    return !opened && !thrown && !timedOut && ev.some((e) => e.type === 'close');
  });
  if (!hidden) return null;
  return (
    <p
      data-browser-hides=""
      className="rounded-md border border-sky-300 bg-sky-50 px-2.5 py-1.5 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      The browser hides the HTTP status of a refused upgrade: open DevTools → Network → WS → the socket →
      Headers to read it. The page only gets an <code>error</code> event and close 1006, whatever the server
      answered.
    </p>
  );
}

/** The server's clock against ours, when GET /health told us its time; and the leeway time checks use. */
function Clock() {
  const health = useConsole((s) => s.attempt?.health);
  const now = useConsole((s) => s.now);
  const leeway = useConsole((s) => s.leewaySeconds);
  const skew = clockSkew(health, now);
  if (!skew) return null;
  return (
    <p data-clock-skew={Math.round(skew.skewMs)} className="text-sm text-slate-700 dark:text-slate-300">
      <span className="font-semibold">Server clock</span> (from GET /health): {skew.sentence}{' '}
      <span className="text-slate-500 dark:text-slate-400">
        Time checks here use a leeway of {leeway} s
        {Math.abs(skew.skewMs) > leeway * 1000 + 1000
          ? ': the skew is larger — set Leeway (s) to what the server tolerates'
          : ''}
        .
      </span>
    </p>
  );
}

/** The verdict shown comes from an attempt made with other inputs: say which, and what to do. */
function StaleNotice({ stale }: { stale: StaleInput[] }) {
  if (stale.length === 0) return null;
  return (
    <p
      data-stale-notice=""
      className="rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      {staleSentence(stale)}{' '}
      {stale.length === 1 && stale[0] === 'secret'
        ? "The server's answer still concerns this token; the checks below use the new Secret."
        : "The server's answer to it is withdrawn: what follows is only what can be checked here."}
    </p>
  );
}

export function DiagnosisPanel() {
  const causes = useConsole((s) => s.causes);
  const checklist = useConsole((s) => s.checklist);
  const socketState = useConsole((s) => s.socketState);
  const stale = useConsole((s) => s.staleInputs);
  const opened = useConsole(
    (s) => s.staleInputs.length === 0 && (s.attempt?.events.some((e) => e.type === 'open') ?? false),
  );
  const noToken = useConsole((s) => s.analysis.status === 'empty' && s.attempt === null);
  const [top, ...others] = causes;
  return (
    <section
      role="region"
      aria-label="Diagnosis"
      className="space-y-3"
      data-stale={stale.length > 0 ? 'true' : undefined}
    >
      <StaleNotice stale={stale} />
      <ReconnectStopped />
      {top ? (
        <>
          <CauseCard c={top} top />
          <BrowserHides />
          {others.length > 0 ? (
            <details className="space-y-2">
              <summary className="cursor-pointer text-xs font-semibold text-slate-700 uppercase dark:text-slate-300">
                Also possible{' '}
                <span className="font-normal normal-case">
                  ({others.length}: {others.map((c) => c.cause).join(', ')})
                </span>
              </summary>
              <div className="mt-2 space-y-2">
                {others.map((c) => (
                  <CauseCard key={c.cause} c={c} top={false} />
                ))}
              </div>
            </details>
          ) : null}
        </>
      ) : opened ? (
        <p
          data-diagnosis="ok"
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm font-semibold text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
        >
          No problems found: the socket {socketState === 'open' ? 'is open' : 'opened'} and the token checks
          out.
        </p>
      ) : noToken ? (
        <p data-diagnosis="none" className="text-sm text-slate-600 dark:text-slate-400">
          Paste a token into Token (or press Mint token), then click Connect: the likely causes of a failure
          show here, with their evidence and the fix.
        </p>
      ) : (
        <p data-diagnosis="none" className="text-sm text-slate-600 dark:text-slate-400">
          Nothing looks wrong yet. Click Connect to test the server.
        </p>
      )}
      <Clock />
      {checklist.length > 0 ? <Checklist items={checklist} /> : null}
    </section>
  );
}
