import { useState } from 'react';
import { formatDuration } from '../../core/index.ts';
import { cancelMatrix } from '../../store/matrix.ts';
import { MATRIX_OBSERVE_MAX_MS, MATRIX_OBSERVE_MIN_MS } from '../../store/matrix-slice.ts';
import { useConsole } from '../../store/store.ts';
import type { MatrixRow, MatrixRun } from '../../store/types.ts';
import { Note } from '../shared/Note.tsx';

const verdictLook = {
  pass: { text: 'PASS', cls: 'bg-emerald-700 text-white' },
  fail: { text: 'FAIL', cls: 'bg-rose-700 text-white' },
  inconclusive: { text: '?', cls: 'bg-amber-700 text-white' },
} as const;

const summaryTone = { pass: 'ok', fail: 'error', inconclusive: 'warn' } as const;

function Row({ row }: { row: MatrixRow }) {
  const { variant, verdict } = row;
  const look = verdict ? verdictLook[verdict.state] : undefined;
  const failed = verdict?.state === 'fail';
  return (
    <tr
      data-variant={variant.id}
      data-row-state={row.state}
      data-verdict={verdict?.state}
      data-inconclusive-because={verdict?.inconclusiveBecause}
      className={`border-t border-slate-200 align-top dark:border-slate-800 ${failed ? 'bg-rose-50 dark:bg-rose-950/50' : ''}`}
    >
      <td className="py-1.5 pr-3">
        <div className="font-medium">{variant.label}</div>
        <div className="text-xs text-slate-600 dark:text-slate-400">{variant.description}</div>
      </td>
      <td className="py-1.5 pr-3 whitespace-nowrap">{variant.expected}</td>
      <td className="py-1.5 pr-3 break-words">
        {row.state === 'pending' ? (
          <span className="text-slate-500 dark:text-slate-400">waiting</span>
        ) : row.state === 'running' ? (
          <span className="text-sky-700 dark:text-sky-300">connecting…</span>
        ) : (
          (verdict?.observed ?? '')
        )}
      </td>
      <td className="py-1.5">
        {verdict && look ? (
          <div className="flex items-start gap-2">
            <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs font-bold ${look.cls}`}>
              {look.text}
            </span>
            <span className="break-words">{verdict.sentence}</span>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function Status({ run }: { run: MatrixRun }) {
  const done = run.rows.filter((r) => r.state === 'done').length;
  if (run.state === 'error') return <Note tone="error">{run.error}</Note>;
  if (run.state === 'preparing')
    return <p className="text-sm text-slate-600 dark:text-slate-400">Making the token variants…</p>;
  if (run.state === 'running') {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Sending variant {Math.min(done + 1, run.rows.length)} of {run.rows.length}, one socket at a time…
      </p>
    );
  }
  if (!run.summary) return null;
  return (
    <Note tone={run.state === 'cancelled' ? 'warn' : summaryTone[run.summary.state]}>
      <span data-matrix-summary={run.summary.state}>
        {run.state === 'cancelled' ? 'Cancelled. ' : ''}
        {run.summary.sentence} ({run.summary.passed} passed, {run.summary.failed} failed,{' '}
        {run.summary.inconclusive} inconclusive)
      </span>
    </Note>
  );
}

/** How long an opened socket is watched before it counts as accepted. A slow server may close later. */
function ObserveField({ disabled }: { disabled: boolean }) {
  const observeMs = useConsole((s) => s.matrixObserveMs);
  const setObserveMs = useConsole((s) => s.setMatrixObserveMs);
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
      Watch each opened socket for
      <input
        type="number"
        inputMode="numeric"
        min={MATRIX_OBSERVE_MIN_MS}
        max={MATRIX_OBSERVE_MAX_MS}
        step={100}
        aria-label="Observation window (ms)"
        className="field w-24 py-1 text-xs"
        disabled={disabled}
        value={draft ?? String(observeMs)}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const n = Number(text);
          if (text !== '' && Number.isFinite(n) && n >= MATRIX_OBSERVE_MIN_MS && n <= MATRIX_OBSERVE_MAX_MS)
            setObserveMs(n);
        }}
        onBlur={() => setDraft(null)}
      />
      ms before it counts as accepted
    </label>
  );
}

/** The server auth test matrix: replays tokens a correct server must reject, plus the good one. */
export function TestMatrix() {
  const run = useConsole((s) => s.matrix);
  const busy = run?.state === 'preparing' || run?.state === 'running';
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Tests the <em>server</em>: from the current token and Secret it makes the tokens a correct server must
        reject — expired, signed with another secret, missing each required claim, <code>alg: none</code>,{' '}
        <code>nbf</code> in the future, a tampered payload — plus the good token, and sends each to the Server
        URL on its own socket (Run test matrix, above), the way Connect sends it: with the Protocol and where
        the token travels. With a protocol, its own answer counts (connection_ack, CONNECT, CONNECTED — or its
        refusal), not whether the socket stayed open. A correct server accepts only the good one. These
        sockets do not enter the event log or the diagnosis.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {busy ? (
          <button type="button" className="btn-secondary" onClick={cancelMatrix}>
            Cancel test matrix
          </button>
        ) : null}
        <ObserveField disabled={busy} />
      </div>
      {run && run.state !== 'error' ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Last run against <code className="break-all">{run.url}</code>
          {run.travel !== undefined ? <span data-matrix-travel=""> ({run.travel})</span> : null}: each opened
          socket watched for {formatDuration(run.observeMs)}, upgrade timeout{' '}
          {formatDuration(run.connectTimeoutMs)}.
        </p>
      ) : null}
      {run ? (
        <div aria-live="polite" className="space-y-2">
          <Status run={run} />
          {run.base.explanation !== '' ? <p className="text-sm">{run.base.explanation}</p> : null}
          {run.notes.map((n) => (
            <Note key={n} tone="info">
              {n}
            </Note>
          ))}
        </div>
      ) : null}
      {run && run.rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table
            aria-label="Test matrix"
            data-matrix-state={run.state}
            className="w-full min-w-[720px] text-left text-sm"
          >
            <thead>
              <tr className="text-xs text-slate-600 uppercase dark:text-slate-400">
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Variant
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  Expected
                </th>
                <th scope="col" className="py-1 pr-3 font-semibold">
                  What the server did
                </th>
                <th scope="col" className="py-1 font-semibold">
                  Verdict
                </th>
              </tr>
            </thead>
            <tbody>
              {run.rows.map((row) => (
                <Row key={row.variant.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {run && run.skipped.length > 0 ? (
        <div className="text-sm">
          <h3 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Not run</h3>
          <ul className="ml-4 list-disc" aria-label="Variants not run">
            {run.skipped.map((s) => (
              <li key={s.id} data-skipped-variant={s.id}>
                <span className="font-medium">{s.label}</span> — {s.why}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
