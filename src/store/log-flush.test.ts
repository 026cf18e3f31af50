// The log flush (no requestAnimationFrame in Node: the 250 ms fallback does the work) and the clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countReceived, resetClock, startClock } from './clock.ts';
import { flushEvidence, queueMessageEvidence, resetEvidence, updateAttempt } from './evidence.ts';
import { clearLog, resetLogFlush, scheduleFlush } from './log-flush.ts';
import { logBuffer } from './log.ts';
import { useConsole } from './store.ts';

const get = useConsole.getState;
const entry = (n: number) => ({
  type: 'message' as const,
  at: n,
  time: n,
  data: `m${n}`,
  seq: 0,
  attempt: 1,
});

afterEach(() => {
  resetLogFlush();
  resetClock();
  resetEvidence();
  vi.useRealTimers();
});

describe('the log flush', () => {
  it('tells the store once, however many entries arrived', () => {
    vi.useFakeTimers();
    const setState = vi.spyOn(useConsole, 'setState');
    for (let i = 0; i < 100; i++) {
      logBuffer.add(entry(i));
      scheduleFlush();
    }
    expect(get().logTotal).toBe(0);
    vi.advanceTimersByTime(250);
    expect(get().logTotal).toBe(100);
    expect(setState).toHaveBeenCalledTimes(1);
    setState.mockRestore();
  });

  it('Clear log empties the log and the counts at once', () => {
    logBuffer.add(entry(1));
    clearLog();
    expect(get().logTotal).toBe(0);
    expect(logBuffer.snapshot()).toEqual([]);
  });
});

describe('evidence', () => {
  it('joins queued messages to the current attempt only, in order', () => {
    useConsole.setState({
      attempt: { id: 7, url: 'ws://x', startedAt: 0, events: [], reachability: { state: 'unknown' } },
    });
    queueMessageEvidence(7, { type: 'message', at: 1, time: 1, data: 'a' });
    queueMessageEvidence(7, { type: 'message', at: 2, time: 2, data: 'b' });
    flushEvidence();
    updateAttempt(6, (a) => ({ ...a, events: [] })); // a late answer for an older attempt: dropped
    expect(get().attempt?.events.map((e) => e.data)).toEqual(['a', 'b']);
  });
});

describe('the clock', () => {
  it('ticks once a second and publishes the message rate of that second', () => {
    vi.useFakeTimers();
    const stop = startClock();
    countReceived(10);
    countReceived(5);
    vi.advanceTimersByTime(1000);
    expect(get().rate).toEqual({ messages: 2, bytes: 15 });
    vi.advanceTimersByTime(1000);
    expect(get().rate).toEqual({ messages: 0, bytes: 0 });
    expect(get().now).toBe(Date.now());
    stop();
  });

  it('brings now up to date as it starts (the page may have shown a countdown computed long before)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z'));
    useConsole.setState({ now: 0 });
    const stop = startClock();
    expect(get().now).toBe(Date.parse('2026-11-27T10:00:00Z'));
    stop();
  });
});
