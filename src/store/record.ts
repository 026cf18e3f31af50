// What a live socket writes: log entries (O(1), no store update: the flush does that once per frame) and,
// for the diagnosis, the attempt's events.
import type { ConnectionEvent } from '../core/index.ts';
import { countReceived } from './clock.ts';
import { flushEvidence, queueMessageEvidence, updateAttempt } from './evidence.ts';
import { scheduleFlush } from './log-flush.ts';
import type { LogEntry } from './log-buffer.ts';
import { logBuffer } from './log.ts';
import { countMessageForTimeline } from './timeline.ts';

/** Messages kept as diagnosis evidence per attempt (the log keeps them all, up to its cap). */
const EVIDENCE_MESSAGES = 20;
/** Text kept per message entry; longer messages keep their size and a prefix. */
export const MAX_TEXT = 256 * 1024;
/** Bytes of a binary message kept for the hex view. */
export const BINARY_KEEP_BYTES = 4096;

/** One socket of one attempt. */
export interface Live {
  ws: WebSocket | null;
  attempt: number;
  t0: number;
  evidenceMessages: number;
  opened: boolean;
  timeout: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() at open (auto-reconnect: how long it stayed up). */
  openedAt?: number;
  /** The user's Disconnect closed it: no auto-reconnect. */
  userClosed?: boolean;
}

export function sinceConnect(live: Pick<Live, 't0'>, now = performance.now()): number {
  return Math.round((now - live.t0) * 10) / 10;
}

export function record(live: Live, event: Omit<ConnectionEvent, 'at' | 'time'>): void {
  keep(live, { ...event, at: sinceConnect(live), time: Date.now(), seq: 0, attempt: live.attempt });
}

/** Puts an entry in the log (O(1), no store update: the flush does that once per frame). */
export function keep(live: Live, entry: LogEntry): void {
  logBuffer.add(entry);
  scheduleFlush(entry.type !== 'message');
  if (entry.type === 'sent') return;
  if (entry.type === 'message') {
    countMessageForTimeline(live.attempt, entry.at);
    countReceived(entry.size ?? 0);
    if (live.evidenceMessages >= EVIDENCE_MESSAGES) return;
    live.evidenceMessages++;
  }
  // The diagnosis sees plain events (the log's extras stay in the log).
  const { seq: _seq, attempt: _attempt, bytes: _bytes, rtt: _rtt, frame: _frame, ...event } = entry;
  if (entry.type === 'message') {
    // Message evidence joins the attempt with the next flush: one re-diagnosis per frame, not per message.
    queueMessageEvidence(live.attempt, event);
    return;
  }
  flushEvidence(); // keep the order: earlier messages first
  updateAttempt(live.attempt, (a) => ({ ...a, events: [...a.events, event] }));
}
