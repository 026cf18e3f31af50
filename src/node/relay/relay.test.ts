import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { RELAY_SUBPROTOCOL } from '../../core/relay/protocol.ts';
import { SESSION_SUBPROTOCOL_PREFIX } from '../guard/local-request.ts';
import {
  CHALLENGE,
  closeAll,
  closedPortUrl,
  connectMessage,
  GOOD_TOKEN,
  onceOpen,
  openPage,
  record,
  REFUSAL_BODY,
  startRelay,
  startSilentServer,
  startUpstream,
  upgradeOutcome,
} from './relay.test-helpers.ts';
import type { RelayUnderTest } from './relay.test-helpers.ts';

afterEach(closeAll);

const bearer = { Authorization: `Bearer ${GOOD_TOKEN}` };

/** A page connected through the relay to a fresh header-only upstream, past upstream-open. */
async function relayed(r: RelayUnderTest) {
  const upstream = await startUpstream();
  const page = openPage(r);
  const log = record(page);
  await onceOpen(page);
  page.send(connectMessage(upstream.url, { ...bearer, Cookie: 'session=abc', 'X-Extra': 'yes' }));
  const opened = await log.next();
  return { upstream, page, log, opened };
}

describe('the relay: who may open it', () => {
  it('answers the console’s own page and echoes only its own subprotocol', async () => {
    const r = await startRelay();
    const page = openPage(r);
    expect(await upgradeOutcome(page)).toEqual({ opened: true });
    expect(page.protocol).toBe(RELAY_SUBPROTOCOL);
  });

  it.each([
    ['without the session subprotocol', { protocols: [RELAY_SUBPROTOCOL] }, /session token/],
    [
      'with a wrong session token',
      { protocols: [RELAY_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}guessed`] },
      /session token/,
    ],
    ['from another origin', { origin: 'http://localhost:3000' }, /Origin must match Host/],
    ['without an Origin', { origin: null }, /Origin header/],
    ['under a rebinding Host', { host: 'rebind.test:80', origin: 'http://rebind.test:80' }, /localhost/],
  ])('refuses a page %s with 403 and a reason, opening nothing', async (_name, options, reason) => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const outcome = await upgradeOutcome(openPage(r, options));
    expect(outcome).toMatchObject({ opened: false, status: 403, body: expect.stringMatching(reason) });
    expect(upstream.upgrades).toHaveLength(0);
    expect(r.relay.active()).toBe(0);
  });

  it('refuses a page that does not offer wsjwt-relay.v1', async () => {
    const r = await startRelay();
    const outcome = await upgradeOutcome(
      openPage(r, { protocols: [`${SESSION_SUBPROTOCOL_PREFIX}${r.token}`] }),
    );
    expect(outcome).toMatchObject({ status: 403, body: expect.stringMatching(/wsjwt-relay\.v1/) });
  });

  it('carries at most 8 connections: the 9th gets 503 with a message', async () => {
    const r = await startRelay();
    const pages = Array.from({ length: 8 }, () => openPage(r));
    await Promise.all(pages.map(onceOpen));
    expect(r.relay.active()).toBe(8);
    const ninth = await upgradeOutcome(openPage(r));
    expect(ninth).toMatchObject({ status: 503, body: expect.stringMatching(/at most 8/) });
    const closed = record(pages[0] as WebSocket).closed;
    pages[0]?.close();
    await closed;
    await expect.poll(() => r.relay.active()).toBe(7);
    expect(await upgradeOutcome(openPage(r))).toEqual({ opened: true });
  });
});

describe('the relay: opening the upstream', () => {
  it('sends the headers a browser cannot, offers the subprotocols, reports the 101', async () => {
    const r = await startRelay();
    const { upstream, opened } = await relayed(r);
    expect(opened.json).toMatchObject({
      type: 'upstream-open',
      protocol: 'chat.v1',
      headers: { upgrade: 'websocket', 'sec-websocket-protocol': 'chat.v1' },
    });
    const seen = upstream.upgrades[0]?.headers;
    expect(seen).toMatchObject({
      authorization: `Bearer ${GOOD_TOKEN}`,
      cookie: 'session=abc',
      'x-extra': 'yes',
      origin: r.origin,
      'sec-websocket-protocol': 'chat.v1',
    });
  });

  it('reports a refused upgrade with its status, headers and body, then closes 4502', async () => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const page = openPage(r);
    const log = record(page);
    await onceOpen(page);
    page.send(connectMessage(upstream.url, { Authorization: 'Bearer wrong' }));
    expect((await log.next()).json).toEqual({
      type: 'upstream-refused',
      status: 401,
      statusText: 'Unauthorized',
      headers: expect.objectContaining({ 'www-authenticate': CHALLENGE, 'content-type': 'application/json' }),
      body: REFUSAL_BODY,
    });
    expect(await log.closed).toMatchObject({ code: 4502, reason: expect.stringMatching(/HTTP 401/) });
  });

  it('reports a connection refused as ECONNREFUSED, then closes 4502', async () => {
    const r = await startRelay();
    const page = openPage(r);
    const log = record(page);
    await onceOpen(page);
    page.send(connectMessage(await closedPortUrl()));
    expect((await log.next()).json).toMatchObject({ type: 'upstream-error', code: 'ECONNREFUSED' });
    expect((await log.closed).code).toBe(4502);
  });

  it('reports a handshake that never answers as ETIMEDOUT', async () => {
    const r = await startRelay();
    const page = openPage(r);
    const log = record(page);
    await onceOpen(page);
    page.send(connectMessage(await startSilentServer(), {}, { timeoutMs: 100 }));
    expect((await log.next()).json).toMatchObject({ type: 'upstream-error', code: 'ETIMEDOUT' });
    expect((await log.closed).code).toBe(4502);
  });

  it.each([
    ['a forbidden header', { headers: { Host: 'example.com' } }, /sets Host itself/],
    ['a Sec-WebSocket-Protocol header', { headers: { 'Sec-WebSocket-Protocol': 'x' } }, /protocols/],
    ['a CR/LF in a value', { headers: { 'X-A': 'a\r\nInjected: 1' } }, /CR, LF/],
    ['an http: URL', { url: 'http://127.0.0.1:1/' }, /only ws:\/\/ and wss:\/\//],
    ['a bad header name', { headers: { 'Bad Name': 'x' } }, /not a valid header name/],
  ])('refuses a connect message with %s: relay-error, then 1008', async (_name, change, message) => {
    const r = await startRelay();
    const upstream = await startUpstream();
    const page = openPage(r);
    const log = record(page);
    await onceOpen(page);
    page.send(JSON.stringify({ ...JSON.parse(connectMessage(upstream.url)), ...change }));
    expect((await log.next()).json).toMatchObject({
      type: 'relay-error',
      message: expect.stringMatching(message),
    });
    expect((await log.closed).code).toBe(1008);
    expect(upstream.upgrades).toHaveLength(0);
  });

  it('refuses a connect message over 16 KB, and one that is not JSON', async () => {
    const r = await startRelay();
    for (const text of [connectMessage('ws://127.0.0.1:1/', { 'X-Big': 'a'.repeat(17_000) }), 'hello']) {
      const page = openPage(r);
      const log = record(page);
      await onceOpen(page);
      page.send(text);
      expect((await log.next()).json).toMatchObject({ type: 'relay-error' });
      expect((await log.closed).code).toBe(1008);
    }
  });

  it('waits for the connect message a bounded time', async () => {
    const r = await startRelay({ connectWaitMs: 50 });
    const page = openPage(r);
    const log = record(page);
    expect((await log.next()).json).toMatchObject({
      type: 'relay-error',
      message: expect.stringMatching(/did not arrive within 50 ms/),
    });
    expect((await log.closed).code).toBe(1008);
  });
});

describe('the relay: piping faithfully', () => {
  it('keeps text as text and binary as binary, both ways', async () => {
    const r = await startRelay();
    const { page, log } = await relayed(r);
    page.send('hello');
    expect(await log.next()).toMatchObject({ text: 'hello' });
    page.send(Buffer.from([9, 8, 7]));
    expect((await log.next()).binary).toEqual(Buffer.from([9, 8, 7]));
    page.send('send-binary');
    expect((await log.next()).binary).toEqual(Buffer.from([0, 1, 2, 255]));
    // A text message that looks like a control message is data now.
    page.send('{"type":"upstream-error","code":"X","message":"x"}');
    expect((await log.next()).text).toBe('{"type":"upstream-error","code":"X","message":"x"}');
  });

  it('repeats the upstream’s close code and reason', async () => {
    const r = await startRelay();
    const { page, log } = await relayed(r);
    page.send('close-1008');
    expect(await log.closed).toEqual({ code: 1008, reason: 'invalid signature' });
  });

  it('an upstream close without a code (1005) is a close without a code', async () => {
    const r = await startRelay();
    const { page, log } = await relayed(r);
    page.send('close-no-code');
    expect(await log.closed).toEqual({ code: 1005, reason: '' });
  });

  it('an upstream dropped without a close frame (1006) drops the page’s connection', async () => {
    const r = await startRelay();
    const { page, log } = await relayed(r);
    page.send('drop');
    expect(await log.closed).toEqual({ code: 1006, reason: '' });
  });

  it('repeats the page’s close code and reason to the upstream', async () => {
    const r = await startRelay();
    const { page, log, upstream } = await relayed(r);
    page.close(4001, 'bye from the page');
    await log.closed;
    await expect.poll(() => upstream.closes).toEqual([{ code: 4001, reason: 'bye from the page' }]);
    await expect.poll(() => r.relay.active()).toBe(0);
  });

  it('refuses data sent before upstream-open', async () => {
    const r = await startRelay();
    const page = openPage(r);
    const log = record(page);
    await onceOpen(page);
    page.send(connectMessage(await startSilentServer()));
    page.send('too early');
    expect((await log.next()).json).toMatchObject({ type: 'relay-error', message: /before upstream-open/ });
    expect((await log.closed).code).toBe(1008);
  });
});

describe('the relay: bounds', () => {
  it('ends a connection whose upstream sends a message over the frame limit with 1009', async () => {
    const r = await startRelay({ maxMessageBytes: 1024 });
    const { page, log } = await relayed(r);
    page.send('a'.repeat(1000));
    expect((await log.next()).text).toHaveLength(1000);
    // The page → relay leg has the same limit: ws refuses the page's own oversized message with 1009.
    page.send(Buffer.alloc(2048));
    expect((await log.closed).code).toBe(1009);
  });

  it('ends an upstream message over the limit with 1009 to the page', async () => {
    const r = await startRelay({ maxMessageBytes: 1024 });
    const { upstream, log } = await relayed(r);
    upstream.sockets[0]?.send(Buffer.alloc(4096));
    expect(await log.closed).toMatchObject({ code: 1009, reason: expect.stringMatching(/limit/) });
  });

  it('ends a connection at its maximum lifetime: 4508 to the page, 1001 to the upstream', async () => {
    const r = await startRelay({ lifetimeMs: 300 });
    const { log, upstream } = await relayed(r);
    expect((await log.closed).code).toBe(4508);
    await expect.poll(() => upstream.closes[0]?.code).toBe(1001);
  });

  it('stays faithful under backpressure: 40 MiB to a page that stops reading all arrive, in order', async () => {
    const r = await startRelay();
    const { page, log, upstream } = await relayed(r);
    page.pause();
    const chunk = 1024 * 1024;
    for (let i = 0; i < 40; i++) upstream.sockets[0]?.send(Buffer.alloc(chunk, i));
    page.resume();
    const firsts: number[] = [];
    for (let i = 0; i < 40; i++) firsts.push((await log.next()).binary?.[0] ?? -1);
    expect(firsts).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
