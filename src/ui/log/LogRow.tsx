import { memo } from 'react';
import { closeCodeInfo, formatBytes, formatWallClock } from '../../core/index.ts';
import type { LogEntry, LoggedFrame } from '../../store/log-buffer.ts';

/** Every row has this height (px): the list is virtualised by arithmetic, never by measuring. */
export const ROW_HEIGHT = 26;

const typeLook: Record<string, string> = {
  connecting: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  open: 'bg-emerald-700 text-white',
  message: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100',
  sent: 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-100',
  error: 'bg-rose-700 text-white',
  close: 'bg-slate-700 text-white',
  timeout: 'bg-amber-700 text-white',
  'unexpected-response': 'bg-rose-700 text-white',
  reconnect: 'bg-amber-600 text-white',
  discovery: 'bg-indigo-700 text-white',
};

function Detail({ e }: { e: LogEntry }) {
  switch (e.type) {
    case 'connecting':
      return <span className="font-mono">{e.data}</span>;
    case 'open':
      return <span>socket open{e.protocol ? `, subprotocol “${e.protocol}”` : ''}</span>;
    case 'message':
    case 'sent':
      if (e.frame !== undefined && !e.binary) return <FrameDetail e={e} frame={e.frame} />;
      return (
        <span className="font-mono">
          {e.rtt !== undefined ? (
            <span className="mr-1 font-sans text-emerald-700 dark:text-emerald-400">echo {e.rtt} ms</span>
          ) : null}
          {e.binary ? (
            <span className="mr-1 text-slate-500 dark:text-slate-400">
              binary {formatBytes(e.size ?? 0)}:
            </span>
          ) : null}
          {e.data}
          {!e.binary && e.size !== undefined && e.data !== undefined && e.size > e.data.length ? (
            <span className="text-slate-500 dark:text-slate-400">
              {' '}
              … ({e.size.toLocaleString()} characters, shown in part)
            </span>
          ) : null}
        </span>
      );
    case 'error':
      return (
        <span>
          {e.thrown ? <b>{e.thrown}: </b> : null}
          {e.message}
        </span>
      );
    case 'close':
      return <CloseDetail e={e} />;
    default:
      return <span>{e.message ?? e.data}</span>;
  }
}

/** A protocol frame, decoded: its type and id, then one line; the raw frame is in the inspector. */
function FrameDetail({ e, frame }: { e: LogEntry; frame: LoggedFrame }) {
  return (
    <span>
      <b className="mr-1 font-mono">
        {frame.type}
        {frame.id !== undefined ? ` #${frame.id}` : ''}
      </b>
      {e.type === 'sent' ? (
        <span className="font-mono text-slate-600 dark:text-slate-400">{e.data}</span>
      ) : (
        <span>{frame.summary}</span>
      )}
    </span>
  );
}

function CloseDetail({ e }: { e: LogEntry }) {
  const info = closeCodeInfo(e.code ?? 1005);
  return (
    <span>
      <b className="font-mono">{e.code}</b> <b>{info.name}</b>
      {e.reason ? (
        <>
          {' '}
          reason “<span className="font-mono">{e.reason}</span>”
        </>
      ) : (
        <span className="text-slate-500 dark:text-slate-400"> (no reason)</span>
      )}
      <span className="text-slate-500 dark:text-slate-400"> · wasClean {String(e.wasClean)} · </span>
      <span className="text-slate-600 dark:text-slate-400">{info.meaning}</span>
    </span>
  );
}

interface LogRowProps {
  e: LogEntry;
  selected: boolean;
  onInspect: (e: LogEntry) => void;
}

/**
 * One event on one line of fixed height (long content is cut with an ellipsis; Inspect shows it whole).
 * Hostile content (messages, reasons) is rendered as text, never as HTML.
 */
export const LogRow = memo(function LogRow({ e, selected, onInspect }: LogRowProps) {
  return (
    <div
      data-event={e.type}
      data-code={e.type === 'close' ? e.code : undefined}
      data-frame={e.frame?.type}
      data-attempt={e.attempt}
      data-seq={e.seq}
      style={{ height: ROW_HEIGHT }}
      className={`grid grid-cols-[6.5rem_4.5rem_5.5rem_1fr_auto] items-center gap-2 border-b border-slate-100 px-2 text-xs dark:border-slate-800 ${
        selected ? 'bg-sky-50 dark:bg-sky-950/60' : ''
      }`}
    >
      <time
        className="font-mono text-slate-500 dark:text-slate-400"
        dateTime={new Date(e.time).toISOString()}
      >
        {formatWallClock(e.time)}
      </time>
      <span className="text-right font-mono text-slate-500 dark:text-slate-400">
        +{e.at.toFixed(e.at < 100 ? 1 : 0)} ms
      </span>
      <span className={`justify-self-start rounded px-1.5 leading-5 font-semibold ${typeLook[e.type] ?? ''}`}>
        {e.type}
      </span>
      <div className="min-w-0 truncate">
        <Detail e={e} />
      </div>
      <button
        type="button"
        aria-label={`Inspect event ${e.seq}`}
        aria-pressed={selected}
        onClick={() => onInspect(e)}
        className="rounded px-1 text-slate-500 dark:text-slate-400 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-700 dark:hover:text-slate-100"
      >
        ⋯
      </button>
    </div>
  );
});
