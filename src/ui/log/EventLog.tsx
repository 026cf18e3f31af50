import { useEffect, useRef } from 'react';
import { formatBytes } from '../../core/index.ts';
import { logBuffer } from '../../store/log.ts';
import { useConsole } from '../../store/store.ts';
import { LogRow } from './LogRow.tsx';

export function EventLog() {
  // The version is the subscription; the entries are read from the buffer (no copy per message).
  const version = useConsole((s) => s.logVersion);
  const total = useConsole((s) => s.logTotal);
  const dropped = useConsole((s) => s.logDropped);
  const rate = useConsole((s) => s.rate);
  const entries = logBuffer.snapshot();
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  useEffect(() => {
    const el = scroller.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [version]);

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-3 text-xs text-slate-600 dark:text-slate-400" aria-live="off">
        <span>
          <b>{total.toLocaleString()}</b> events
        </span>
        {dropped > 0 ? (
          <span data-log-dropped={dropped}>
            <b>{dropped.toLocaleString()}</b> oldest messages dropped (cap {logBuffer.cap.toLocaleString()})
          </span>
        ) : null}
        <span>
          {rate.messages.toLocaleString()} msg/s · {formatBytes(rate.bytes)}/s
        </span>
      </div>
      <div
        ref={scroller}
        role="log"
        aria-label="Event log"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        className="h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950"
      >
        {entries.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">No events yet. Click Connect to open the socket.</p>
        ) : (
          entries.map((e) => <LogRow key={e.seq} e={e} />)
        )}
      </div>
    </div>
  );
}
