// Sending, echo round trips and the interval sender, on a fake socket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeWebSocket, lastSocket } from './fake-websocket.test-helpers.ts';
import { resetEchoTracker, takeEchoStats } from './echo-rtt.ts';
import { resetLogFlush } from './log-flush.ts';
import { logBuffer } from './log.ts';
import { sendBinary, sendText, startHeartbeat, stopHeartbeat } from './send.ts';
import { connect, resetSocketState } from './socket.ts';
import { useConsole } from './store.ts';

beforeEach(() => {
  installFakeWebSocket();
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
  );
  logBuffer.clear();
});

afterEach(() => {
  stopHeartbeat();
  resetSocketState();
  resetLogFlush();
  resetEchoTracker();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function openSocket() {
  connect();
  const ws = lastSocket();
  ws.serverOpens();
  return ws;
}

describe('sending', () => {
  it('says to connect first when no socket is open', () => {
    expect(sendText('hi')).toBe('Not connected: click Connect first.');
    connect(); // still connecting
    expect(sendBinary(new Uint8Array([1]))).toBe('Not connected: click Connect first.');
  });

  it('sends, logs what was sent, and times the echo', () => {
    const ws = openSocket();
    expect(sendText('ping')).toBeNull();
    const bytes = new Uint8Array([9, 8, 7]);
    expect(sendBinary(bytes)).toBeNull();
    bytes[0] = 0; // the caller reusing its buffer does not change what was sent
    expect(ws.sent[0]).toBe('ping');
    expect([...(ws.sent[1] as Uint8Array)]).toEqual([9, 8, 7]);
    ws.serverSends('ping');
    ws.serverSends(new Uint8Array([9, 8, 7]).buffer);
    ws.serverSends('not an echo');
    const log = logBuffer.snapshot();
    expect(log.map((e) => e.type)).toEqual([
      'connecting',
      'open',
      'sent',
      'sent',
      'message',
      'message',
      'message',
    ]);
    expect(log[4]?.rtt).toBeTypeOf('number');
    expect(log[5]?.rtt).toBeTypeOf('number');
    expect(log[6]?.rtt).toBeUndefined();
    expect(takeEchoStats()).toMatchObject({ count: 2 });
    expect(takeEchoStats()).toBeUndefined(); // unchanged since
  });
});

describe('the interval sender', () => {
  it('sends now and every period, and stops by itself when the socket closes', () => {
    vi.useFakeTimers();
    const ws = openSocket();
    expect(startHeartbeat({ kind: 'text', text: 'hb' }, 500)).toBeNull();
    expect(useConsole.getState().heartbeatMs).toBe(500);
    vi.advanceTimersByTime(1000);
    expect(ws.sent).toEqual(['hb', 'hb', 'hb']);
    ws.ends(1000);
    vi.advanceTimersByTime(1000);
    expect(ws.sent).toHaveLength(3);
    expect(useConsole.getState().heartbeatMs).toBeNull();
  });

  it('an interval out of range is refused with the range, not clamped', () => {
    const ws = openSocket();
    expect(startHeartbeat({ kind: 'text', text: 'hb' }, 5)).toBe(
      'Interval (ms) must be a whole number from 100 to 3,600,000 ms; “5” is below that.',
    );
    expect(ws.sent).toEqual([]);
    expect(useConsole.getState().heartbeatMs).toBeNull();
  });

  it('needs an open socket', () => {
    expect(startHeartbeat({ kind: 'text', text: 'hb' }, 500)).toBe('Not connected: click Connect first.');
  });
});
