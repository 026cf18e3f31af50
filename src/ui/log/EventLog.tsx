import {
  lazy,
  Suspense,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { compileLogFilter, NO_LOG_FILTER, type LogFilter } from '../../core/index.ts';
import type { LogEntry } from '../../store/log-buffer.ts';
import { frozenLog, logBuffer } from '../../store/log.ts';
import { useConsole } from '../../store/store.ts';
import { LogRow, ROW_HEIGHT } from './LogRow.tsx';
import { LogStats, LogToolbar } from './LogToolbar.tsx';

const LogDetail = lazy(() => import('./LogDetail.tsx').then((m) => ({ default: m.LogDetail })));

/** Rows rendered above and below the visible ones (keeps short logs fully in the DOM, too). */
const OVERSCAN = 8;
/** A scroll within this long (ms) after a wheel, touch, pointer or key in the log is the user's. */
const USER_SCROLL_MS = 1000;
/** Up to this many entries the list renders every row. */
const WHOLE_LOG_ROWS = 64;
/** Row keys cycle through this many slots, so a flood updates rows in place instead of replacing them. */
const KEY_SLOTS = 256;

/** What the list shows: the live buffer, a frozen copy (paused) or a filtered copy. O(1) by index. */
interface LogView {
  readonly length: number;
  at(i: number): LogEntry | undefined;
  indexOfSeq(seq: number): number;
}

function arrayView(entries: readonly LogEntry[]): LogView {
  return {
    length: entries.length,
    at: (i) => entries[i],
    indexOfSeq: (seq) => {
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((entries[mid]?.seq ?? Infinity) < seq) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

/** Where the list is: following the newest entry, or held at an entry (so evictions don't move it). */
type Position = { following: true } | { following: false; seq: number; offset: number };

export function EventLog() {
  // The version is the subscription; entries are read from the buffer by index (no copy per message).
  const version = useConsole((s) => s.logVersion);
  const paused = useConsole((s) => s.logPaused);
  const [filter, setFilter] = useState<LogFilter>(NO_LOG_FILTER);
  const [selected, setSelected] = useState<LogEntry | null>(null);
  const [position, setPosition] = useState<Position>({ following: true });
  const [viewport, setViewport] = useState(ROW_HEIGHT * 14);
  const scroller = useRef<HTMLDivElement>(null);
  const lastSetTop = useRef(-1);

  const predicate = useMemo(() => compileLogFilter(filter), [filter]);
  const view = useMemo<LogView>(() => {
    void version; // a new view per flush
    const source = paused ? frozenLog() : null;
    if (source && !predicate) return arrayView(source);
    if (predicate) return arrayView((source ?? logBuffer.snapshot()).filter(predicate));
    return {
      length: logBuffer.length,
      at: (i) => logBuffer.at(i),
      indexOfSeq: (seq) => logBuffer.indexOfSeq(seq),
    };
  }, [version, paused, predicate]);

  const length = view.length;
  const maxTop = Math.max(0, length * ROW_HEIGHT - viewport);
  const top = position.following
    ? maxTop
    : Math.min(maxTop, Math.max(0, view.indexOfSeq(position.seq) * ROW_HEIGHT + position.offset));
  // Following the tail of a long log (a flood), rows above the viewport would only cost layout and paint.
  // A short log keeps its overscan, so it stays whole in the DOM however short the pane.
  const overscan = position.following && length > KEY_SLOTS ? 0 : OVERSCAN;
  // A short log is rendered whole, however short the pane (a few rows in the workbench's answer pane):
  // find-in-page and tests see every entry; virtualisation starts where it pays.
  const whole = length <= WHOLE_LOG_ROWS;
  const first = whole ? 0 : Math.max(0, Math.floor(top / ROW_HEIGHT) - overscan);
  const last = whole ? length : Math.min(length, Math.ceil((top + viewport) / ROW_HEIGHT) + OVERSCAN);

  // Put the scroll position where the render assumed it (the newest rows, or the held entry). Never
  // read layout here: a full ring scrolls nowhere, so a flood costs no forced layout per update.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || Math.abs(lastSetTop.current - top) < 1) return;
    el.scrollTop = top;
    lastSetTop.current = top;
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || ROW_HEIGHT * 14);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Only the user stops the following: a scroll the browser makes by itself (clamping, a resize) while
  // following is undone on the next render instead.
  const lastUserInput = useRef(-Infinity);
  const noteUserInput = () => (lastUserInput.current = performance.now());

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const st = el.scrollTop;
    if (Math.abs(st - lastSetTop.current) < 1) return; // our own scroll
    if (position.following && performance.now() - lastUserInput.current > USER_SCROLL_MS) {
      el.scrollTop = top; // back to the newest entry
      lastSetTop.current = top;
      return;
    }
    lastSetTop.current = st;
    if (st >= el.scrollHeight - el.clientHeight - 2) {
      if (!position.following) setPosition({ following: true });
      return;
    }
    const index = Math.floor(st / ROW_HEIGHT);
    const entry = view.at(index);
    setPosition(
      entry ? { following: false, seq: entry.seq, offset: st - index * ROW_HEIGHT } : { following: true },
    );
  };

  const onInspect = useCallback((e: LogEntry) => setSelected((s) => (s?.seq === e.seq ? null : e)), []);

  // Keys by seq modulo KEY_SLOTS: a quiet log mounts one row per new entry, and a flood (every row new)
  // reuses the DOM rows instead of unmounting and mounting them all. A clash (the pinned events, or a
  // filtered view) falls back to the seq itself.
  const rows: ReactNode[] = [];
  const used = new Set<string>();
  for (let i = first; i < last; i++) {
    const e = view.at(i);
    if (!e) continue;
    let key = `s${e.seq % KEY_SLOTS}`;
    if (used.has(key)) key = `q${e.seq}`;
    used.add(key);
    rows.push(<LogRow key={key} e={e} selected={selected?.seq === e.seq} onInspect={onInspect} />);
  }

  return (
    // Fills the answer pane's remaining height (a fixed 24rem when the page stacks below 1024 px).
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <LogToolbar filter={filter} onFilter={setFilter} shown={predicate ? length : null} />
      <div className="relative h-96 min-h-16 lg:h-auto lg:flex-1">
        <div
          ref={scroller}
          role="log"
          aria-label="Event log"
          tabIndex={0}
          onScroll={onScroll}
          onWheel={noteUserInput}
          onTouchStart={noteUserInput}
          onPointerDown={noteUserInput}
          onKeyDown={(e) => {
            noteUserInput();
            if (e.key === 'End') setPosition({ following: true });
          }}
          // Its own layout and paint: rows changing in a flood never re-lay out the page around it. No
          // scroll anchoring: the list positions itself (following the tail, or held at an entry).
          style={{ contain: 'strict', overflowAnchor: 'none' }}
          className="h-full overflow-auto overscroll-contain rounded-md border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950"
        >
          {length === 0 ? (
            <p className="p-3 text-sm text-slate-500 dark:text-slate-400">
              {predicate
                ? 'No event matches the filter.'
                : 'No events yet. Click Connect to open the socket.'}
            </p>
          ) : (
            <div style={{ height: length * ROW_HEIGHT, position: 'relative' }}>
              <div style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>{rows}</div>
            </div>
          )}
        </div>
        {!position.following && top < maxTop - 1 ? (
          <button
            type="button"
            onClick={() => setPosition({ following: true })}
            className="btn-primary absolute right-4 bottom-3 shadow-md"
          >
            Jump to latest
          </button>
        ) : null}
      </div>
      <LogStats />
      {selected ? (
        <div className="max-h-[45%] shrink-0 overflow-auto">
          <Suspense fallback={<p className="text-xs text-slate-500 dark:text-slate-400">Loading…</p>}>
            <LogDetail entry={selected} onClose={() => setSelected(null)} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
