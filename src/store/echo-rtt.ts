// Round trips of echoed messages: a sent message is remembered (per attempt, bounded) until a received
// message matches it. Owns the tracker; the log flush takes its stats when they changed.
import { hexPreview } from '../core/index.ts';
import type { EchoRtt } from './types.ts';

/** Sends remembered per attempt while waiting for their echo (the oldest are forgotten past this). */
const MAX_PENDING_ECHOES = 256;
/** Binary messages are matched by length and their first bytes. */
const ECHO_KEY_BYTES = 64;

interface EchoTracker {
  attempt: number;
  text: Map<string, number[]>;
  binary: Map<string, number[]>;
  pending: number;
  stats: EchoRtt | null;
  dirty: boolean;
}

const echo: EchoTracker = {
  attempt: 0,
  text: new Map(),
  binary: new Map(),
  pending: 0,
  stats: null,
  dirty: false,
};

function echoFor(attempt: number): EchoTracker {
  if (echo.attempt !== attempt) {
    echo.attempt = attempt;
    echo.text.clear();
    echo.binary.clear();
    echo.pending = 0;
    echo.stats = null;
    echo.dirty = true;
  }
  return echo;
}

export function binaryEchoKey(bytes: Uint8Array): string {
  return `${bytes.byteLength}:${hexPreview(bytes.subarray(0, ECHO_KEY_BYTES), ECHO_KEY_BYTES)}`;
}

/** Whether any sent message still waits for its echo (the hot path skips matching when none does). */
export function echoesPending(): boolean {
  return echo.pending !== 0;
}

export function expectEcho(attempt: number, map: 'text' | 'binary', key: string): void {
  const t = echoFor(attempt);
  if (t.pending >= MAX_PENDING_ECHOES) {
    t.text.clear();
    t.binary.clear();
    t.pending = 0;
  }
  const queue = t[map].get(key);
  if (queue) queue.push(performance.now());
  else t[map].set(key, [performance.now()]);
  t.pending++;
}

/** The round trip (ms) when this received message echoes one the console sent, else undefined. */
export function matchEcho(
  attempt: number,
  map: 'text' | 'binary',
  key: string,
  receivedAt: number,
): number | undefined {
  if (echo.attempt !== attempt) return undefined;
  const queue = echo[map].get(key);
  const sentAt = queue?.shift();
  if (sentAt === undefined) return undefined;
  if (queue?.length === 0) echo[map].delete(key);
  echo.pending--;
  const rtt = Math.round((receivedAt - sentAt) * 10) / 10;
  const s = echo.stats;
  echo.stats = s
    ? {
        last: rtt,
        min: Math.min(s.min, rtt),
        max: Math.max(s.max, rtt),
        sum: s.sum + rtt,
        count: s.count + 1,
      }
    : { last: rtt, min: rtt, max: rtt, sum: rtt, count: 1 };
  echo.dirty = true;
  return rtt;
}

/** The stats for the store when they changed since the last call (a copy, or null), else undefined. */
export function takeEchoStats(): EchoRtt | null | undefined {
  if (!echo.dirty) return undefined;
  echo.dirty = false;
  return echo.stats ? { ...echo.stats } : null;
}

/** Forgets every pending send and the stats. */
export function resetEchoTracker(): void {
  echo.attempt = 0;
  echo.text.clear();
  echo.binary.clear();
  echo.pending = 0;
  echo.stats = null;
  echo.dirty = false;
}
