// The socket lifecycle with a fake WebSocket (e2e covers the real one): events reach the log and the
// attempt, the timeout fires, Disconnect and a newer Connect close the old socket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeWebSocket, lastSocket, FakeWebSocket } from './fake-websocket.test-helpers.ts';
import { fetchHealth, httpOrigin, MAX_HEALTH_BYTES, probeReachability } from './checks.ts';
import { readCappedText } from './read-capped.ts';
import { resetEvidence } from './evidence.ts';
import { resetLogFlush } from './log-flush.ts';
import { logBuffer } from './log.ts';
import { connect, disconnect, resetSocketState } from './socket.ts';
import { useConsole } from './store.ts';

const get = useConsole.getState;
const types = () => logBuffer.snapshot().map((e) => e.type);
const attemptEvents = () => get().attempt?.events.map((e) => e.type) ?? [];

beforeEach(() => {
  installFakeWebSocket();
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
  );
  logBuffer.clear();
  get().setServerUrl('ws://127.0.0.1:9');
  get().setTokenInput('aaa.bbb.ccc');
});

afterEach(() => {
  resetSocketState();
  resetLogFlush();
  resetEvidence();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the socket lifecycle', () => {
  it('connecting → open → message → close, in the log and in the attempt', () => {
    connect();
    expect(get().socketState).toBe('connecting');
    const ws = lastSocket();
    expect(ws.url).toBe('ws://127.0.0.1:9?token=aaa.bbb.ccc');
    expect(ws.binaryType).toBe('arraybuffer');
    // The token is redacted in the log's connecting line.
    expect(logBuffer.snapshot()[0]?.data).not.toContain('ccc');
    ws.serverOpens();
    expect(get().socketState).toBe('open');
    ws.serverSends('hello');
    ws.serverSends(new Uint8Array([1, 2, 3]).buffer);
    ws.ends(1000, 'bye');
    expect(get().socketState).toBe('closed');
    expect(types()).toEqual(['connecting', 'open', 'message', 'message', 'close']);
    expect(logBuffer.snapshot()[3]).toMatchObject({ binary: true, size: 3, data: '01 02 03' });
    // Message evidence joins the attempt before the close: order kept.
    expect(attemptEvents()).toEqual(['connecting', 'open', 'message', 'message', 'close']);
  });

  it('a constructor that throws (bad URL) is an error with its name, and the state ends closed', () => {
    get().setServerUrl('throw:nonsense');
    connect();
    expect(get().socketState).toBe('closed');
    expect(logBuffer.snapshot().at(-1)).toMatchObject({ type: 'error', thrown: 'SyntaxError' });
  });

  it('no answer within the timeout: a timeout event, and the socket is closed', () => {
    vi.useFakeTimers();
    get().setTimeoutMs(1000);
    connect();
    const ws = lastSocket();
    vi.advanceTimersByTime(999);
    expect(types()).not.toContain('timeout');
    vi.advanceTimersByTime(1);
    expect(types()).toContain('timeout');
    expect(ws.closedWith).toEqual({ code: undefined, reason: undefined });
  });

  it('Disconnect closes with 1000 and says so; a newer Connect closes the older socket quietly', () => {
    connect();
    const first = lastSocket();
    first.serverOpens();
    connect();
    const second = lastSocket();
    expect(first.closedWith).toEqual({ code: 1000, reason: 'Reconnecting from the wsjwt console' });
    // The old socket's close is logged under its own attempt and does not touch the state.
    first.ends(1000);
    expect(logBuffer.snapshot().at(-1)).toMatchObject({ type: 'close', attempt: 1 });
    expect(get().socketState).toBe('connecting');
    second.serverOpens();
    disconnect();
    expect(get().socketState).toBe('closing');
    expect(second.closedWith).toEqual({ code: 1000, reason: 'Disconnect from the wsjwt console' });
  });

  it('a failure before open asks whether anything listens there', async () => {
    connect();
    lastSocket().ends(1006);
    await vi.waitFor(() => expect(get().attempt?.reachability.state).toBe('unreachable'));
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});

describe('the checks', () => {
  it('httpOrigin turns ws(s) into http(s) and refuses anything else', () => {
    expect(httpOrigin('ws://h:1/p?q')).toBe('http://h:1');
    expect(httpOrigin('wss://h/p')).toBe('https://h');
    expect(httpOrigin('http://h')).toBeNull();
    expect(httpOrigin('nonsense')).toBeNull();
  });

  it('GET /health: the server clock and whether JWT_SECRET is set go into the attempt', async () => {
    connect();
    const id = get().attempt?.id ?? 0;
    const serverTimeMs = Date.UTC(2026, 0, 1);
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(Response.json({ jwtSecretSet: true, serverTimeMs }))),
    );
    await fetchHealth(id, 'ws://127.0.0.1:9');
    expect(get().attempt?.health).toMatchObject({ ok: true, jwtSecretSet: true, serverTime: serverTimeMs });
  });

  it('reachability: an opaque answer is "reachable"', async () => {
    connect();
    const id = get().attempt?.id ?? 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(null, { status: 200 }))),
    );
    await probeReachability(id, 'ws://127.0.0.1:9');
    expect(get().attempt?.reachability).toMatchObject({ state: 'reachable' });
  });
});

describe('bounded inputs', () => {
  it('a /health body over 64 KiB is not read past the limit, and not used', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    expect(await readCappedText(new Response(endless), MAX_HEALTH_BYTES)).toBeNull();
    expect(pulled).toBeLessThanOrEqual(6); // 64 KiB in 16 KiB chunks, plus the one that crossed it
    const declared = new Response('{}', { headers: { 'content-length': String(10 * 1024 * 1024) } });
    expect(await readCappedText(declared, MAX_HEALTH_BYTES)).toBeNull();
    expect(await readCappedText(new Response('{"ok":true}'), MAX_HEALTH_BYTES)).toBe('{"ok":true}');
  });

  it('fetchHealth ignores an oversized body', async () => {
    connect();
    const id = get().attempt?.id ?? 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response(JSON.stringify({ pad: 'x'.repeat(70_000), jwtSecretSet: true }))),
      ),
    );
    await fetchHealth(id, 'ws://127.0.0.1:9');
    expect(get().attempt?.health).toBeUndefined();
  });

  it('Timeout (ms) out of range is refused (not clamped), and a stored one out of range is not used', () => {
    vi.useFakeTimers();
    get().setTimeoutMs(2000);
    get().setTimeoutMs(2 ** 31); // setTimeout would fire at once
    expect(get().timeoutMs).toBe(2000);
    useConsole.setState({ timeoutMs: 1e12 }); // as an old stored setting could have it
    connect();
    vi.advanceTimersByTime(5000);
    expect(types()).not.toContain('timeout');
    vi.advanceTimersByTime(5000);
    expect(logBuffer.snapshot().at(-1)).toMatchObject({
      type: 'timeout',
      message: 'no answer to the upgrade within 10000 ms',
    });
  });
});
