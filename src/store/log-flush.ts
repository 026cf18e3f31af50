// The log flush: entries go into the log buffer at O(1) per event, and the store (so React) hears about
// them at most once per animation frame (per FLOOD_FLUSH_MS in a flood). Owns the flush scheduling state.
import { flushEvidence } from './evidence.ts';
import { takeEchoStats } from './echo-rtt.ts';
import { freezeLog, logBuffer } from './log.ts';
import { useConsole } from './store.ts';
import type { ConsoleState } from './types.ts';

/** More entries than this in one frame is a flood: the view then updates every FLOOD_FLUSH_MS. */
const FLOOD_BATCH = 40;
/** During a flood, re-rendering the page 60 times a second costs the socket its throughput
 * (BENCHMARKS.md): 4 updates a second still reads as live. Pinned events flush on the next frame. */
const FLOOD_FLUSH_MS = 250;

let flushScheduled = false;
let flushUrgent = false;
let flushFallback: ReturnType<typeof setTimeout> | undefined;
let lastFlushAt = -Infinity;
let lastFlushedVersion = 0;

function flushLog(): void {
  if (!flushScheduled) return;
  const now = performance.now();
  if (
    !flushUrgent &&
    logBuffer.version - lastFlushedVersion > FLOOD_BATCH &&
    now - lastFlushAt < FLOOD_FLUSH_MS
  ) {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flushLog);
    return;
  }
  flushScheduled = false;
  flushUrgent = false;
  lastFlushAt = now;
  lastFlushedVersion = logBuffer.version;
  const patch: Partial<ConsoleState> = {
    logVersion: logBuffer.version,
    logTotal: logBuffer.total,
    logDropped: logBuffer.dropped,
  };
  const echoRtt = takeEchoStats();
  if (echoRtt !== undefined) patch.echoRtt = echoRtt;
  useConsole.setState(patch);
  flushEvidence();
}

/** One store update per animation frame at most (per FLOOD_FLUSH_MS in a flood), however many
 * messages arrived. `urgent`: flush on the next frame whatever the rate (open, close, errors). */
export function scheduleFlush(urgent = false): void {
  if (urgent) flushUrgent = true;
  if (flushScheduled) return;
  flushScheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flushLog);
  // rAF does not run in a background tab: make sure the log still catches up (one timer at a time).
  flushFallback ??= setTimeout(() => {
    flushFallback = undefined;
    flushUrgent = true;
    flushLog();
  }, 250);
}

export function clearLog(): void {
  logBuffer.clear();
  if (useConsole.getState().logPaused) freezeLog(true); // a paused view shows the (now empty) log
  flushScheduled = true;
  flushUrgent = true;
  flushLog();
}

/** Drops a scheduled flush and forgets the flood window (a test's fresh start; the log itself stays). */
export function resetLogFlush(): void {
  if (flushFallback !== undefined) clearTimeout(flushFallback);
  flushFallback = undefined;
  flushScheduled = false;
  flushUrgent = false;
  lastFlushAt = -Infinity;
  lastFlushedVersion = logBuffer.version;
}
