import { memo, useState } from 'react';
import { formatBytes, type ConnectionEventType, type LogFilter } from '../../core/index.ts';
import { clearLog } from '../../store/actions.ts';
import { logBuffer } from '../../store/log.ts';
import { useConsole } from '../../store/store.ts';

/** The event types a user can hide (the browser never reports unexpected-response). */
const TYPES: readonly ConnectionEventType[] = [
  'connecting',
  'open',
  'message',
  'sent',
  'error',
  'close',
  'timeout',
];

const CAPS = [1_000, 10_000, 100_000, 1_000_000];

interface ToolbarProps {
  filter: LogFilter;
  onFilter: (f: LogFilter) => void;
  /** Entries matching the filter, or null when nothing is filtered. */
  shown: number | null;
}

/** Filter, pause, clear, export, cap. Memoised: the log re-renders per flush, the toolbar need not. */
export const LogToolbar = memo(function LogToolbar({ filter, onFilter, shown }: ToolbarProps) {
  const paused = useConsole((s) => s.logPaused);
  const setPaused = useConsole((s) => s.setLogPaused);
  const [exportError, setExportError] = useState<string | null>(null);
  const hidden = new Set(filter.hiddenTypes);
  const toggle = (t: ConnectionEventType) =>
    onFilter({
      ...filter,
      hiddenTypes: hidden.has(t) ? filter.hiddenTypes.filter((x) => x !== t) : [...filter.hiddenTypes, t],
    });

  const exportLog = async () => {
    try {
      const { downloadLogExport } = await import('./export-log.ts');
      downloadLogExport();
      setExportError(null);
    } catch (err) {
      setExportError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="log-filter" className="sr-only">
          Filter log
        </label>
        <input
          id="log-filter"
          type="text"
          className="field w-44 py-1 text-xs"
          placeholder="Filter: text, close code, type…"
          spellCheck={false}
          autoComplete="off"
          value={filter.text}
          onChange={(e) => onFilter({ ...filter, text: e.target.value })}
        />
        <div role="group" aria-label="Event types" className="flex flex-wrap gap-1">
          {TYPES.map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={!hidden.has(t)}
              aria-label={`Show ${t} events`}
              title={`${hidden.has(t) ? 'Show' : 'Hide'} ${t} events`}
              onClick={() => toggle(t)}
              className={`rounded-full border px-2 py-0.5 text-xs ${
                hidden.has(t)
                  ? 'border-slate-300 text-slate-400 line-through dark:border-slate-700 dark:text-slate-500'
                  : 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'
              }`}
            >
              {t}
            </button>
          ))}
        </div>
        {shown !== null ? (
          <span className="text-xs text-slate-600 dark:text-slate-400" data-log-shown={shown}>
            {shown.toLocaleString()} shown
          </span>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary py-1 text-xs" onClick={() => setPaused(!paused)}>
          {paused ? 'Resume log' : 'Pause log'}
        </button>
        <button type="button" className="btn-secondary py-1 text-xs" onClick={clearLog}>
          Clear log
        </button>
        <button
          type="button"
          className="btn-secondary py-1 text-xs"
          title="Every kept event as JSON; the token, its signature and the secret are removed"
          onClick={() => void exportLog()}
        >
          Export log
        </button>
        <CapSelect />
        {paused ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            View paused: recording continues
          </span>
        ) : null}
        {exportError ? (
          <span role="alert" className="text-xs text-rose-600">
            {exportError}
          </span>
        ) : null}
      </div>
    </div>
  );
});

function CapSelect() {
  const cap = useConsole((s) => s.logCap);
  const setCap = useConsole((s) => s.setLogCap);
  const options = CAPS.includes(cap) ? CAPS : [...CAPS, cap].sort((a, b) => a - b);
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      Keep
      <select
        aria-label="Log cap"
        className="rounded-md border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950"
        value={cap}
        onChange={(e) => setCap(Number(e.target.value))}
      >
        {options.map((c) => (
          <option key={c} value={c}>
            {c.toLocaleString()}
          </option>
        ))}
      </select>
      entries
    </label>
  );
}

/** Counts and the live rate; its own component so the list does not re-render for them. */
export function LogStats() {
  const total = useConsole((s) => s.logTotal);
  const dropped = useConsole((s) => s.logDropped);
  const rate = useConsole((s) => s.rate);
  useConsole((s) => s.logVersion); // kept count follows the flush
  return (
    <div
      className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400"
      aria-live="off"
    >
      <span data-log-total={total}>
        <b>{total.toLocaleString()}</b> events
      </span>
      <span data-log-kept={logBuffer.length}>{logBuffer.length.toLocaleString()} kept</span>
      {dropped > 0 ? (
        <span data-log-dropped={dropped}>
          <b>{dropped.toLocaleString()}</b> oldest dropped (cap {logBuffer.cap.toLocaleString()}; close and
          errors always kept)
        </span>
      ) : null}
      <span data-log-rate={rate.messages}>
        {rate.messages.toLocaleString()} msg/s · {formatBytes(rate.bytes)}/s
      </span>
    </div>
  );
}
