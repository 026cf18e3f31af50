// The local relay (issue #15, item 3) in real Chromium, under the `vite preview` the suite runs: the
// console's own page opens it and reaches a header-only server with `Authorization: Bearer`, and sees that
// server's 401 relayed with its status and headers; a page on another local origin, a DNS-rebinding Host
// and a connection without the session subprotocol are refused (HTTP 403, never 101) and open nothing.
import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium-path.mjs';
import {
  CHALLENGE,
  closeAll,
  GOOD_TOKEN,
  REFUSAL_BODY,
  startUpstream,
  type Upstream,
} from '../src/node/relay/relay.test-helpers.ts';
import { expect, test } from './support/fixtures.ts';
import { control, runRelay } from './support/relay-page.ts';

const relayTest = test.extend<{ upstream: Upstream; consoleToken: string }>({
  upstream: async ({}, use) => {
    await use(await startUpstream());
    await closeAll();
  },
  // The session token this preview server put into its page, read as the console reads it.
  consoleToken: async ({ request }, use) => {
    const html = await (await request.get('/')).text();
    const token = /<meta name="wsjwt-session" content="([^"]+)">/.exec(html)?.[1];
    if (token === undefined) throw new Error('the served page holds no session token');
    await use(token);
  },
});

/** The handshake errors Chromium reports for the page's sockets ("Unexpected response code: 403"). */
function socketErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('websocket', (ws) => ws.on('socketerror', (message) => errors.push(message)));
  return errors;
}

relayTest(
  "the console's own page reaches a header-only server through the relay, and sees its 401 relayed",
  async ({ page, upstream }) => {
    await page.goto('/');
    const good = await runRelay(page, {
      connect: {
        url: upstream.url,
        protocols: ['chat.v1'],
        headers: { Authorization: `Bearer ${GOOD_TOKEN}` },
      },
      send: 'hello through the relay',
    });
    expect(good).toMatchObject({ opened: true, protocol: 'wsjwt-relay.v1' });
    expect(control(good)).toMatchObject({ type: 'upstream-open', protocol: 'chat.v1' });
    expect(good.messages[1]).toBe('hello through the relay');
    expect(good.close).toEqual({ code: 1000, reason: 'done', wasClean: true });
    expect(upstream.upgrades[0]?.headers).toMatchObject({
      authorization: `Bearer ${GOOD_TOKEN}`,
      origin: new URL(page.url()).origin,
    });
    await expect.poll(() => upstream.closes).toEqual([{ code: 1000, reason: 'done' }]);

    const refused = await runRelay(page, {
      connect: { url: upstream.url, headers: { Authorization: 'Bearer wrong' } },
    });
    expect(control(refused)).toEqual({
      type: 'upstream-refused',
      status: 401,
      statusText: 'Unauthorized',
      headers: expect.objectContaining({ 'www-authenticate': CHALLENGE }),
      body: REFUSAL_BODY,
    });
    expect(refused.close.code).toBe(4502);
  },
);

relayTest('a connection without the session subprotocol is refused', async ({ page, upstream }) => {
  const errors = socketErrors(page);
  await page.goto('/');
  const run = await runRelay(page, { token: null, connect: { url: upstream.url } });
  expect(run).toMatchObject({ opened: false, messages: [], close: { code: 1006 } });
  expect(errors.join('\n')).toMatch(/403/);
  expect(upstream.upgrades).toHaveLength(0);
});

relayTest(
  'a page on another local origin cannot open the relay, even holding the token',
  async ({ page, upstream, consoleToken, baseURL }) => {
    const attacker: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>another app</title>');
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    try {
      const errors = socketErrors(page);
      await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      const relayUrl = `${(baseURL ?? '').replace(/^http/, 'ws')}/__wsjwt/relay`;
      const run = await runRelay(page, {
        relayUrl,
        token: consoleToken,
        connect: { url: upstream.url, headers: { Authorization: `Bearer ${GOOD_TOKEN}` } },
      });
      expect(run).toMatchObject({ opened: false, messages: [], close: { code: 1006 } });
      expect(errors.join('\n')).toMatch(/403/);
      expect(upstream.upgrades).toHaveLength(0);
    } finally {
      attacker.closeAllConnections();
      await new Promise<void>((done) => attacker.close(() => done()));
    }
  },
);

relayTest(
  'a DNS-rebinding Host cannot open the relay, even holding the token',
  async ({ upstream, consoleToken, baseURL }) => {
    // A real browser resolving an attacker's name to the address the preview server listens on.
    const { address } = await lookup('localhost');
    const base = chromiumLaunchOptions();
    const browser = await chromium.launch({
      ...base,
      args: [
        ...base.args,
        `--host-resolver-rules=MAP rebind.test ${address.includes(':') ? `[${address}]` : address}`,
      ],
    });
    try {
      const page = await browser.newPage();
      const errors = socketErrors(page);
      const port = new URL(baseURL ?? '').port;
      await page.goto(`http://rebind.test:${port}/`);
      expect(await page.content()).not.toContain(consoleToken);
      const run = await runRelay(page, {
        token: consoleToken,
        connect: { url: upstream.url, headers: { Authorization: `Bearer ${GOOD_TOKEN}` } },
      });
      expect(run).toMatchObject({ opened: false, messages: [], close: { code: 1006 } });
      expect(errors.join('\n')).toMatch(/403/);
      expect(upstream.upgrades).toHaveLength(0);
    } finally {
      await browser.close();
    }
  },
);
