// Issue 15 in the console: real library servers from npm (e2e/real-servers/node-protocols) spoken to by
// real Chromium — graphql-ws (useServer, onConnect), subscriptions-transport-ws (SubscriptionServer,
// onConnect), Socket.IO (io.use JWT middleware) and a STOMP broker
// (stomp-broker-js). For each, a good token authenticates (the protocol's own ack in the Event log, no
// cause) and a bad one gets its specific cause first, the same as `wsjwt probe --json --protocol …`.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  REAL_SERVER_SECRET,
  startFastifyHeaderJwt,
  startGraphqlWs,
  startSocketIo,
  startStompBroker,
  startSubscriptionsTransportWs,
  type RunningServer,
} from './real-servers/node-protocols/servers.ts';
import { runProbe } from './support/cli-probe.ts';
import { caseToken, type CaseId } from './support/case-tokens.ts';
import { expect, test as base } from './support/fixtures.ts';

interface Stack {
  title: string;
  /** The Protocol option and the CLI's --protocol. */
  option: string;
  cli: string;
  start: () => Promise<RunningServer>;
  /** The decoded frame that says the server authenticated the token. */
  ack: string;
  /** The server's refusal says nothing specific (STOMP broker: "CONNECTION ERROR"): the user enters the
   * Secret (and the CLI gets --secret) for the signature to be named. */
  wordless?: boolean;
}

const STACKS: Stack[] = [
  {
    title: 'graphql-ws',
    option: 'graphql-ws',
    cli: 'graphql-ws',
    start: startGraphqlWs,
    ack: 'connection_ack',
  },
  { title: 'Socket.IO', option: 'Socket.IO', cli: 'socket.io', start: startSocketIo, ack: 'CONNECT' },
  {
    title: 'subscriptions-transport-ws',
    option: 'subscriptions-transport-ws',
    cli: 'subscriptions-transport-ws',
    start: startSubscriptionsTransportWs,
    ack: 'connection_ack',
  },
  {
    title: 'STOMP (stomp-broker-js)',
    option: 'STOMP',
    cli: 'stomp',
    start: startStompBroker,
    ack: 'CONNECTED',
    wordless: true,
  },
];

const CASES: { id: CaseId; top: string | null }[] = [
  { id: 'good', top: null },
  { id: 'wrong-secret', top: 'secret-mismatch' },
  { id: 'expired', top: 'token-expired' },
  { id: 'no-role', top: 'missing-claims' },
];

// One server per stack per worker (the cases differ only by token), stopped when the worker ends.
const test = base.extend<Record<never, never>, { protocolServer: (s: Stack) => Promise<RunningServer> }>({
  protocolServer: [
    async ({}, use) => {
      const started = new Map<string, Promise<RunningServer>>();
      await use((stack) => {
        if (!started.has(stack.cli)) started.set(stack.cli, stack.start());
        return started.get(stack.cli)!;
      });
      const servers = await Promise.allSettled(started.values());
      await Promise.all(servers.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    },
    { scope: 'worker' },
  ],
});

test.describe.configure({ timeout: 90_000 });

for (const stack of STACKS) {
  for (const k of CASES) {
    test(`${stack.title}: ${k.id} → ${k.top ?? 'authenticated, no cause'}`, async ({
      page,
      consolePage: c,
      protocolServer,
    }) => {
      const server = await protocolServer(stack);
      const token = await caseToken(k.id, REAL_SERVER_SECRET);
      const secret = stack.wordless && k.id === 'wrong-secret' ? REAL_SERVER_SECRET : undefined;
      const cli = runProbe(server.url, token, secret, ['--protocol', stack.cli, '--timeout', '4000']);

      await page.getByLabel('Protocol', { exact: true }).selectOption({ label: stack.option });
      await expect(page.getByLabel('Token travels in', { exact: true })).toHaveValue('first-message');
      await expect(page.getByLabel('Connection payload', { exact: true })).toBeVisible();
      if (secret !== undefined) await c.secret.fill(secret);
      await c.token.fill(token);
      await c.connectTo(server.url);
      const causes = c.diagnosis.locator('[data-cause]');
      if (k.top === null) {
        await expect(c.log.locator(`[data-frame="${stack.ack}"]`)).toHaveCount(1);
        await expect(causes).toHaveCount(0);
        expect((await cli).diagnosis).toEqual([]);
        return;
      }
      const cliCauses = (await cli).diagnosis.map((d) => d.cause);
      await expect
        .soft(causes.first(), `console; the CLI said ${JSON.stringify(cliCauses)}`)
        .toHaveAttribute('data-cause', k.top);
      // subscriptions-transport-ws closes 1011 after connection_error: read the causes once it has (its
      // onConnect checks the signature and exp only: a token without role is let in, not closed).
      if (stack.cli === 'subscriptions-transport-ws' && k.id !== 'no-role')
        await expect(c.event('close')).toHaveAttribute('data-code', '1011');
      const shown = await causes.evaluateAll((els) => els.map((el) => el.getAttribute('data-cause')));
      expect(cliCauses[0], `wsjwt probe --json; the console showed ${JSON.stringify(shown)}`).toBe(k.top);
      // How each library ends a refused connection (subscriptions-transport-ws: 1011 after
      // connection_error) is not a server fault of its own.
      expect(shown, 'console').not.toContain('server-error');
      expect(cliCauses, 'wsjwt probe --json').not.toContain('server-error');
    });
  }
}

/** A plain ws server that reads the token from the Cookie header only (port 0, 127.0.0.1). */
async function startCookieServer(): Promise<{ port: number; cookies: string[]; close(): Promise<void> }> {
  const cookies: string[] = [];
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws, req) => {
    const header = req.headers.cookie ?? '';
    cookies.push(header);
    const token = /(?:^|;\s*)token=([^;]+)/.exec(header)?.[1];
    if (token === undefined) ws.close(1008, 'No token cookie');
    else ws.send(`welcome, cookie of ${token.length} chars`);
  });
  return {
    port: (wss.address() as AddressInfo).port,
    cookies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

test.describe('Token travels in: Cookie', () => {
  test('same site (localhost, another port): sent with the handshake, then gone from the jar', async ({
    page,
    consolePage: c,
  }) => {
    const server = await startCookieServer();
    try {
      const token = await caseToken('good', REAL_SERVER_SECRET);
      await page.getByLabel('Token travels in', { exact: true }).selectOption({ label: 'Cookie' });
      await expect(page.locator('[data-cookie-plan]')).toHaveAttribute('data-cookie-plan', 'ok');
      await c.token.fill(token);
      await c.connectTo(`ws://localhost:${server.port}/ws`);
      await expect(c.event('message')).toContainText(`welcome, cookie of ${token.length} chars`);
      expect(server.cookies).toEqual([`token=${token}`]);
      // Removed once the handshake is over: not in the page's cookies, not in the browser's jar.
      expect(await page.evaluate(() => document.cookie)).not.toContain(token);
      expect((await page.context().cookies()).map((k) => k.name)).not.toContain('token');
      // The Connection URL carries no token.
      await expect(c.connectionUrl).toHaveValue(`ws://localhost:${server.port}/ws`);
    } finally {
      await server.close();
    }
  });

  test('another site (127.0.0.1 from a console on localhost): said plainly, nothing sent', async ({
    page,
    consolePage: c,
  }) => {
    const server = await startCookieServer();
    try {
      const token = await caseToken('good', REAL_SERVER_SECRET);
      await page.getByLabel('Token travels in', { exact: true }).selectOption({ label: 'Cookie' });
      await c.token.fill(token);
      await c.serverUrl.fill(`ws://127.0.0.1:${server.port}/ws`);
      const note = page.locator('[data-cookie-plan]');
      await expect(note).toHaveAttribute('data-cookie-plan', 'COOKIE_OTHER_SITE');
      await expect(note).toContainText('The browser cannot send a cookie to 127.0.0.1');
      await expect(note).toContainText('Open the console on 127.0.0.1');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(c.event('close')).toHaveAttribute('data-code', '1008');
      // The browser's own handshake carried no cookie.
      expect(server.cookies[0]).toBe('');
      // The verdict is what happened: nothing was sent — not "the server reads the token elsewhere".
      const top = c.diagnosis.locator('[data-cause]').first();
      await expect(top).toHaveAttribute('data-cause', 'token-missing');
      await expect(top).toContainText('No token was sent: The browser cannot send a cookie to 127.0.0.1');
      await expect(top).toContainText('Open the console on 127.0.0.1');
      await expect(c.diagnosis).not.toContainText('Your token was sent in a cookie');
      await expect(c.diagnosis.locator('[data-cause="token-travel-mismatch"]')).toHaveCount(0);
      // The x-ray helper (which can send a cookie anywhere) tried the same place: the server takes it there.
      await expect(top).toContainText('The server does accept this token in a cookie token=');
      expect(server.cookies).toContain(`token=${token}`);
    } finally {
      await server.close();
    }
  });
});

test.describe('Token travels in: Authorization header (via local relay)', () => {
  for (const k of [
    { id: 'good', top: null },
    { id: 'wrong-secret', top: 'secret-mismatch' },
    { id: 'expired', top: 'token-expired' },
    { id: 'no-role', top: 'missing-claims' },
  ] as const) {
    test(`fastify + @fastify/jwt (header only): ${k.id} → ${k.top ?? 'open, no cause'}`, async ({
      page,
      consolePage: c,
    }) => {
      const server = await startFastifyHeaderJwt();
      try {
        const token = await caseToken(k.id, REAL_SERVER_SECRET);
        const cli = runProbe(server.url, token, undefined, ['--travel', 'header', '--timeout', '4000']);
        await page
          .getByLabel('Token travels in', { exact: true })
          .selectOption({ label: 'Authorization header (via local relay)' });
        await expect(page.locator('[data-relay]')).toHaveAttribute('data-relay', 'available');
        await c.token.fill(token);
        await c.connectTo(server.url);
        const causes = c.diagnosis.locator('[data-cause]');
        if (k.top === null) {
          await expect(c.event('message')).toContainText('welcome');
          await expect(causes).toHaveCount(0);
          expect((await cli).diagnosis).toEqual([]);
          return;
        }
        // The upstream's refusal, as the relay saw it, is in the log.
        await expect(c.log.locator('[data-event="unexpected-response"]')).toContainText('HTTP 401');
        const cliCauses = (await cli).diagnosis.map((d) => d.cause);
        await expect
          .soft(causes.first(), `console; the CLI said ${JSON.stringify(cliCauses)}`)
          .toHaveAttribute('data-cause', k.top);
        expect(cliCauses[0]).toBe(k.top);
      } finally {
        await server.close();
      }
    });
  }
});

test('through the relay, the Extra headers reach the server with Authorization', async ({
  page,
  consolePage: c,
}) => {
  const seen: Record<string, string | undefined>[] = [];
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws, req) => {
    seen.push({ authorization: req.headers.authorization, tenant: req.headers['x-tenant'] as string });
    ws.send('hello');
  });
  try {
    const token = await caseToken('good', REAL_SERVER_SECRET);
    await page
      .getByLabel('Token travels in', { exact: true })
      .selectOption({ label: 'Authorization header (via local relay)' });
    await page.getByLabel('Extra headers', { exact: true }).fill('X-Tenant: acme');
    await c.token.fill(token);
    await c.connectTo(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
    await expect(c.event('message')).toContainText('hello');
    expect(seen).toEqual([{ authorization: `Bearer ${token}`, tenant: 'acme' }]);
  } finally {
    for (const client of wss.clients) client.terminate();
    await new Promise((r) => wss.close(r));
  }
});

test.describe('Composer: protocol frames sent through the protocol', () => {
  test('graphql-ws: Subscribe runs an operation (next, complete decoded); the raw frame in the inspector', async ({
    page,
    consolePage: c,
    protocolServer,
  }) => {
    const server = await protocolServer(STACKS.find((k) => k.cli === 'graphql-ws')!);
    await page.getByLabel('Protocol', { exact: true }).selectOption({ label: 'graphql-ws' });
    await c.token.fill(await caseToken('good', REAL_SERVER_SECRET));
    await c.connectTo(server.url);
    await expect(c.log.locator('[data-frame="connection_ack"]')).toHaveCount(1);
    await c.openTool('Composer');
    await page.getByLabel('GraphQL operation', { exact: true }).fill('{ hello }');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect(c.log.locator('[data-event="sent"][data-frame="subscribe"]')).toHaveCount(1);
    const next = c.log.locator('[data-frame="next"]');
    await expect(next).toContainText('world');
    await expect(c.log.locator('[data-frame="complete"]')).toHaveCount(1);
    await next.getByRole('button', { name: /^Inspect event/ }).click();
    const inspected = page.getByRole('region', { name: 'Inspected event' });
    await expect(inspected.getByLabel('Message as JSON')).toContainText('"type": "next"');
  });

  // stomp-broker-js delivers a SEND to the other sessions' subscriptions (not the sender's own), and ignores
  // receipts: a second client, from Node, subscribes and sends too.
  test('STOMP: SUBSCRIBE and SEND frames reach another client, its MESSAGE comes back decoded', async ({
    page,
    consolePage: c,
    protocolServer,
  }) => {
    const server = await protocolServer(STACKS.find((k) => k.cli === 'stomp')!);
    const token = await caseToken('good', REAL_SERVER_SECRET);
    const other = await stompClient(server.url, token);
    try {
      await page.getByLabel('Protocol', { exact: true }).selectOption({ label: 'STOMP' });
      await c.token.fill(token);
      await c.connectTo(server.url);
      await expect(c.log.locator('[data-frame="CONNECTED"]')).toHaveCount(1);
      await c.openTool('Composer');
      await page.getByRole('button', { name: 'SUBSCRIBE', exact: true }).click();
      await expect(c.log.locator('[data-event="sent"][data-frame="SUBSCRIBE"]')).toHaveCount(1);
      await page.getByLabel('Frame body', { exact: true }).fill('hello from the console');
      await page.getByRole('button', { name: 'SEND', exact: true }).click();
      await expect(c.log.locator('[data-event="sent"][data-frame="SEND"]')).toHaveCount(1);
      await expect.poll(() => other.received.join('\n')).toContain('hello from the console');
      other.send('hello from Node');
      await expect(c.log.locator('[data-event="message"][data-frame="MESSAGE"]')).toHaveCount(1);
    } finally {
      other.close();
    }
  });
});

/** A second STOMP client from Node (raw frames over ws): CONNECT, SUBSCRIBE /topic/test, SEND on demand. */
async function stompClient(
  url: string,
  token: string,
): Promise<{ received: string[]; send(body: string): void; close(): void }> {
  const ws = new WebSocket(url, ['v12.stomp']);
  const received: string[] = [];
  ws.on('message', (data) => received.push(String(data)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(`CONNECT\naccept-version:1.2\nhost:127.0.0.1\nAuthorization:Bearer ${token}\n\n\u0000`);
  await expect.poll(() => received.join('')).toContain('CONNECTED');
  ws.send('SUBSCRIBE\nid:node-1\ndestination:/topic/test\n\n\u0000');
  return {
    received,
    send: (body) => ws.send(`SEND\ndestination:/topic/test\ncontent-type:text/plain\n\n${body}\u0000`),
    close: () => ws.close(),
  };
}

test.describe('the controls stay accessible and the workbench does not scroll', () => {
  const axe = async (page: Page) =>
    (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze()
    ).violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));

  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: a protocol, a bad payload, decoded frames, the composer form, each placement's note`, async ({
      page,
      consolePage: c,
      protocolServer,
    }) => {
      test.slow();
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width: 1280, height: 800 });
      const server = await protocolServer(STACKS.find((k) => k.cli === 'socket.io')!);
      await page.getByLabel('Protocol', { exact: true }).selectOption({ label: 'Socket.IO' });
      const payload = page.getByLabel('Connection payload', { exact: true });
      await payload.fill('{"token": {token}');
      await expect(page.locator('[data-payload-problem]')).toContainText('not valid JSON');
      await expect(payload).toHaveAttribute('aria-invalid', 'true');
      expect(await axe(page), 'a payload problem').toEqual([]);
      await payload.fill('["not", "an object"]');
      await expect(page.locator('[data-payload-problem]')).toContainText('must be a JSON object');
      await payload.fill('{"token": "{token}"}');
      await expect(page.locator('[data-payload-problem]')).toHaveCount(0);

      await c.token.fill(await caseToken('wrong-secret', REAL_SERVER_SECRET));
      await c.connectTo(server.url);
      await expect(c.log.locator('[data-frame="CONNECT_ERROR"]')).toContainText('invalid signature');
      await expect(c.diagnosis.locator('[data-cause]').first()).toHaveAttribute(
        'data-cause',
        'secret-mismatch',
      );
      await c.openTool('Composer');
      await expect(page.getByLabel('Event name', { exact: true })).toBeVisible();
      const scroll = await page.evaluate(() => ({
        h: document.scrollingElement?.scrollHeight ?? 0,
        w: document.scrollingElement?.scrollWidth ?? 0,
      }));
      expect(scroll.h, 'page height').toBeLessThanOrEqual(800);
      expect(scroll.w, 'page width').toBeLessThanOrEqual(1280);
      expect(await axe(page), 'Socket.IO, refused, composer').toEqual([]);

      const travel = page.getByLabel('Token travels in', { exact: true });
      for (const label of [
        'Cookie',
        'Authorization header (via local relay)',
        'Sec-WebSocket-Protocol header',
      ]) {
        await travel.selectOption({ label });
        expect(await axe(page), label).toEqual([]);
      }
    });
  }
});
