// The page's adapter against the real relay (src/node/relay) and real upstream servers, with ws standing in
// for the browser's WebSocket (Node 20 has none): what the console sees is what a browser WebSocket to the
// upstream would show, plus the evidence a browser hides.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  CHALLENGE,
  closeAll,
  closedPortUrl,
  GOOD_TOKEN,
  REFUSAL_BODY,
  startRelay,
  startUpstream,
} from '../node/relay/relay.test-helpers.ts';
import type { RelayUnderTest } from '../node/relay/relay.test-helpers.ts';
import {
  openRelaySocket,
  RELAY_ERROR_CODE,
  RELAY_UNAVAILABLE_MESSAGE,
  relayAvailable,
} from './relay-socket.ts';
import type { RelaySocket, RelaySocketOptions, WebSocketLike } from './relay-socket.ts';

afterEach(async () => {
  vi.unstubAllGlobals();
  await closeAll();
});

/** ws as the console's page: its Origin and Host are the console's. */
function environment(r: RelayUnderTest, sessionToken = r.token) {
  return {
    relayUrl: r.url.replace('localhost', '127.0.0.1'),
    sessionToken,
    createSocket: (url: string, protocols: string[]) =>
      new WebSocket(url, protocols, {
        origin: r.origin,
        headers: { Host: `localhost:${r.port}` },
      }) as unknown as WebSocketLike,
  };
}

/** Every event the socket's user sees, in order. */
function watch(socket: RelaySocket) {
  const events: Array<Record<string, unknown>> = [];
  let done: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (done = resolve));
  const opened = new Promise<void>((resolve) => {
    socket.onopen = () => {
      events.push({ type: 'open', protocol: socket.protocol, readyState: socket.readyState });
      resolve();
    };
  });
  const messages: unknown[] = [];
  let waiter: ((data: unknown) => void) | undefined;
  socket.onmessage = (ev) => {
    messages.push(ev.data);
    waiter?.(ev.data);
  };
  socket.onerror = () => events.push({ type: 'error' });
  socket.onclose = (ev) => {
    events.push({ type: 'close', code: ev.code, reason: ev.reason, wasClean: ev.wasClean });
    done();
  };
  socket.onupstreamrefused = (r) => events.push({ type: 'refused', ...r });
  socket.onupstreamerror = (e) => events.push({ type: 'upstream-error', ...e });
  const nextMessage = () => new Promise<unknown>((resolve) => (waiter = resolve));
  return { events, opened, closed, nextMessage };
}

const options = (url: string, headers: Record<string, string> = {}): RelaySocketOptions => ({
  url,
  protocols: ['chat.v1'],
  headers,
  timeoutMs: 5000,
});

describe('relayAvailable', () => {
  it('says what the relay needs when the page holds no session token', () => {
    expect(relayAvailable()).toEqual({ ok: false, message: RELAY_UNAVAILABLE_MESSAGE });
    expect(RELAY_UNAVAILABLE_MESSAGE).toMatch(/npx wsjwt open/);
  });

  it('is ok on a page served with the session meta tag', () => {
    vi.stubGlobal('document', { querySelector: () => ({ content: 'a-token' }) });
    expect(relayAvailable()).toEqual({ ok: true });
  });
});

describe('openRelaySocket against the real relay', () => {
  it('opens with the Authorization header, pipes text and binary, closes with the page’s code', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const socket = openRelaySocket(
      options(upstream.url, { Authorization: `Bearer ${GOOD_TOKEN}` }),
      environment(r),
    );
    socket.binaryType = 'arraybuffer';
    const seen = watch(socket);
    expect(socket.readyState).toBe(0);
    expect(() => socket.send('early')).toThrow(/CONNECTING/);
    await seen.opened;
    expect(seen.events).toEqual([{ type: 'open', protocol: 'chat.v1', readyState: 1 }]);
    expect(socket.upstreamHeaders).toMatchObject({ 'sec-websocket-protocol': 'chat.v1' });
    socket.send('hello');
    expect(await seen.nextMessage()).toBe('hello');
    socket.send(new Uint8Array([1, 2, 3]));
    expect(new Uint8Array((await seen.nextMessage()) as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    socket.close(4001, 'done here');
    expect(socket.readyState).toBe(2);
    await seen.closed;
    expect(seen.events.at(-1)).toEqual({ type: 'close', code: 4001, reason: 'done here', wasClean: true });
    expect(socket.readyState).toBe(3);
    await expect.poll(() => upstream.closes).toEqual([{ code: 4001, reason: 'done here' }]);
  });

  it('repeats the upstream’s close code and reason', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const socket = openRelaySocket(
      options(upstream.url, { Authorization: `Bearer ${GOOD_TOKEN}` }),
      environment(r),
    );
    const seen = watch(socket);
    await seen.opened;
    socket.send('close-1008');
    await seen.closed;
    expect(seen.events.at(-1)).toEqual({
      type: 'close',
      code: 1008,
      reason: 'invalid signature',
      wasClean: true,
    });
  });

  it('a refused upgrade: the refusal as evidence, then error and close 1006 as a browser shows it', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const seen = watch(openRelaySocket(options(upstream.url), environment(r)));
    await seen.closed;
    expect(seen.events).toEqual([
      {
        type: 'refused',
        status: 401,
        statusText: 'Unauthorized',
        headers: expect.objectContaining({ 'www-authenticate': CHALLENGE }),
        body: REFUSAL_BODY,
      },
      { type: 'error' },
      { type: 'close', code: 1006, reason: '', wasClean: false },
    ]);
  });

  it('an unreachable upstream: its error code as evidence, then error and close 1006', async () => {
    const r = await startRelay();
    const seen = watch(openRelaySocket(options(await closedPortUrl()), environment(r)));
    await seen.closed;
    expect(seen.events).toEqual([
      { type: 'upstream-error', code: 'ECONNREFUSED', message: expect.any(String) },
      { type: 'error' },
      { type: 'close', code: 1006, reason: '', wasClean: false },
    ]);
  });

  it('a header the relay refuses: its message under ERELAY', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const seen = watch(openRelaySocket(options(upstream.url, { Host: 'elsewhere' }), environment(r)));
    await seen.closed;
    expect(seen.events[0]).toEqual({
      type: 'upstream-error',
      code: RELAY_ERROR_CODE,
      message: expect.stringMatching(/sets Host itself/),
    });
    expect(upstream.upgrades).toHaveLength(0);
  });

  it('a relay that refuses the page (wrong session token): ERELAY, error, close 1006', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const seen = watch(openRelaySocket(options(upstream.url), environment(r, 'not-this-launch')));
    await seen.closed;
    expect(seen.events.map((e) => e.type)).toEqual(['upstream-error', 'error', 'close']);
    expect(seen.events[0]).toMatchObject({ code: RELAY_ERROR_CODE });
    expect(upstream.upgrades).toHaveLength(0);
  });

  it('without a session token at all: says it needs wsjwt open', async () => {
    const seen = watch(openRelaySocket(options('ws://127.0.0.1:1/')));
    await seen.closed;
    expect(seen.events[0]).toEqual({
      type: 'upstream-error',
      code: RELAY_ERROR_CODE,
      message: RELAY_UNAVAILABLE_MESSAGE,
    });
  });

  it('close() while connecting fails the connection as a browser does', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const socket = openRelaySocket(options(upstream.url), environment(r));
    const seen = watch(socket);
    socket.close();
    await seen.closed;
    expect(seen.events).toEqual([
      { type: 'error' },
      { type: 'close', code: 1006, reason: '', wasClean: false },
    ]);
  });

  it('throws as a browser’s constructor and close() do', () => {
    expect(() => openRelaySocket(options('ws://x/#frag'))).toThrow(/fragment/);
    expect(() => openRelaySocket(options('http://x/'))).toThrow(/scheme/);
    expect(() => openRelaySocket({ ...options('ws://x/'), protocols: ['a', 'a'] })).toThrow(/duplicates/);
    const socket = openRelaySocket(options('ws://127.0.0.1:1/'));
    socket.onerror = socket.onclose = () => undefined;
    expect(() => socket.close(1001)).toThrow(/1000, or between 3000 and 4999/);
    expect(() => socket.close(1000, 'x'.repeat(124))).toThrow(/123/);
  });
});
