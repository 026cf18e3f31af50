// The server auth test matrix against real library servers that speak a protocol (e2e/real-servers/
// node-protocols): graphql-ws (onConnect closes 4403 after accepting the upgrade), subscriptions-transport-ws
// (connection_error), a STOMP broker (ERROR) and Socket.IO (io.use middleware answering CONNECT_ERROR), plus
// a cookie-reading server and the header without the relay. Each variant is sent the way the server expects
// — the protocol's address, subprotocol and first message with the token — and judged by the protocol's
// answer: the good token gets connection_ack / CONNECT / CONNECTED, the wrong-secret, expired and unsigned
// ones are refused (pass).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import jwt from 'jsonwebtoken';
import { WebSocketServer } from 'ws';
import {
  realServerTokens,
  REAL_SERVER_SECRET,
  startFastifyHeaderJwt,
  startGraphqlWs,
  startSocketIo,
  startStompBroker,
  startSubscriptionsTransportWs,
  type RunningServer,
} from './real-servers/node-protocols/servers.ts';
import { expect, test, type ConsolePage } from './support/fixtures.ts';
import { matrixVerdicts } from './support/matrix.ts';

test.describe.configure({ timeout: 120_000 });

const REFUSED = ['wrong-secret', 'expired', 'alg-none', 'tampered-payload', 'nbf-future'];

async function runMatrixWith(c: ConsolePage, page: Page, url: string, protocol: string): Promise<Locator> {
  await c.token.fill(realServerTokens().good);
  await c.secret.fill(REAL_SERVER_SECRET);
  await page.getByLabel('Protocol', { exact: true }).selectOption({ label: protocol });
  await c.serverUrl.fill(url);
  await c.openTool('Test matrix');
  await page.getByRole('button', { name: 'Run test matrix', exact: true }).click();
  const table = page.getByRole('table', { name: 'Test matrix', exact: true });
  await expect(table).toHaveAttribute('data-matrix-state', 'done', { timeout: 100_000 });
  return table;
}

const servers: RunningServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

test('graphql-ws: connection_ack for the good token, 4403 after the upgrade refuses the others', async ({
  consolePage: c,
  page,
}) => {
  const server = await startGraphqlWs();
  servers.push(server);
  const table = await runMatrixWith(c, page, server.url, 'graphql-ws');
  const result = await matrixVerdicts(table);
  expect(result.good).toBe('pass');
  for (const id of REFUSED) expect(result[id], id).toBe('pass');
  await expect(table.locator('[data-variant="good"]')).toContainText('graphql-ws accepted the token');
  await expect(table.locator('[data-variant="wrong-secret"]')).toContainText('4403 Forbidden');
  await expect(table.locator('[data-variant="expired"]')).toContainText('jwt expired');
  // onConnect checks the signature and exp only: a token without a required claim is let in, and said so.
  expect(result['missing-role']).toBe('fail');
  await expect(page.locator('[data-matrix-travel]')).toContainText('graphql-ws, token in the first message');
});

test('Socket.IO: CONNECT for the good token, CONNECT_ERROR with the middleware’s words for the others', async ({
  consolePage: c,
  page,
}) => {
  const server = await startSocketIo();
  servers.push(server);
  const table = await runMatrixWith(c, page, server.url, 'Socket.IO');
  const result = await matrixVerdicts(table);
  expect(result.good).toBe('pass');
  for (const id of REFUSED) expect(result[id], id).toBe('pass');
  await expect(table.locator('[data-variant="wrong-secret"]')).toContainText('"invalid signature"');
  await expect(table.locator('[data-variant="expired"]')).toContainText('"jwt expired"');
  await expect(page.locator('[data-matrix-travel]')).toContainText('Socket.IO');
  // The console's own connection was never used.
  await expect(c.log.locator('[data-event]')).toHaveCount(0);
});

test('subscriptions-transport-ws: connection_ack for the good token, connection_error for the others', async ({
  consolePage: c,
  page,
}) => {
  const server = await startSubscriptionsTransportWs();
  servers.push(server);
  const table = await runMatrixWith(c, page, server.url, 'subscriptions-transport-ws');
  const result = await matrixVerdicts(table);
  expect(result.good).toBe('pass');
  for (const id of REFUSED) expect(result[id], id).toBe('pass');
  await expect(table.locator('[data-variant="wrong-secret"]')).toContainText(
    'connection_error: "invalid signature"',
  );
});

test('STOMP (stomp-broker-js): CONNECTED for the good token, ERROR for the others', async ({
  consolePage: c,
  page,
}) => {
  const server = await startStompBroker();
  servers.push(server);
  const table = await runMatrixWith(c, page, server.url, 'STOMP');
  const result = await matrixVerdicts(table);
  expect(result.good).toBe('pass');
  for (const id of REFUSED) expect(result[id], id).toBe('pass');
  await expect(table.locator('[data-variant="good"]')).toContainText('STOMP accepted the token');
  await expect(table.locator('[data-variant="expired"]')).toContainText('CONNECTION ERROR');
});

test('the Authorization header without the local relay: inconclusive, with the reason', async ({
  consolePage: c,
  page,
}) => {
  const server = await startGraphqlWs();
  servers.push(server);
  // Hosted as static files, the page holds no session token: the relay is out of its reach.
  await page.evaluate(() => document.querySelector('meta[name="wsjwt-session"]')?.remove());
  await page.getByLabel('Token travels in', { exact: true }).selectOption({
    label: 'Authorization header (via local relay)',
  });
  const table = await runMatrixWith(c, page, server.url, 'Plain WebSocket');
  const result = await matrixVerdicts(table);
  expect(new Set(Object.values(result))).toEqual(new Set(['inconclusive']));
  await expect(table.locator('[data-variant="good"]')).toContainText('local relay');
});

test('the Authorization header through the local relay: fastify + @fastify/jwt passes the good token, refuses the others', async ({
  consolePage: c,
  page,
}) => {
  const server = await startFastifyHeaderJwt();
  servers.push(server);
  await page.getByLabel('Token travels in', { exact: true }).selectOption({
    label: 'Authorization header (via local relay)',
  });
  await expect(page.locator('[data-relay]')).toHaveAttribute('data-relay', 'available');
  const table = await runMatrixWith(c, page, server.url, 'Plain WebSocket');
  const result = await matrixVerdicts(table);
  expect(result.good).toBe('pass');
  for (const id of REFUSED) expect(result[id], id).toBe('pass');
  // The server's own refusal, which a browser never sees, is what the rows judge by: @fastify/jwt answers
  // an nbf in the future with 500 FAST_JWT_INACTIVE, and its words say it is the token.
  await expect(table.locator('[data-variant="expired"]')).toContainText('401');
  await expect(table.locator('[data-variant="nbf-future"]')).toContainText('The token will be active at');
  await expect(table.locator('[data-variant="nbf-future"]')).toContainText('though with HTTP 500');
});

/** A plain server that reads the token from a cookie only (`token=…`), as cookie-session setups do: it
 * accepts the upgrade and closes 1008 with jsonwebtoken's words when the cookie's token does not verify. */
async function startCookieServer(): Promise<
  RunningServer & { seen: Array<{ url: string; cookie: string }> }
> {
  const seen: Array<{ url: string; cookie: string }> = [];
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer();
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    const cookie = req.headers.cookie ?? '';
    seen.push({ url: req.url ?? '', cookie });
    const token = /(?:^|;\s*)token=([^;]*)/.exec(cookie)?.[1] ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        jwt.verify(token, REAL_SERVER_SECRET, { algorithms: ['HS256'] });
        ws.send('welcome');
      } catch (error) {
        ws.close(1008, error instanceof Error ? error.message : 'unauthorized');
      }
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    // The console's own site (localhost): a page can set a cookie the browser sends there, whatever the port.
    url: `ws://localhost:${(http.address() as AddressInfo).port}/ws`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        http.close(() => r());
      }),
  };
}

test('a cookie-reading server: each variant travels in a cookie set for the server’s site', async ({
  consolePage: c,
  page,
}) => {
  const server = await startCookieServer();
  servers.push(server);
  await page.getByLabel('Token travels in', { exact: true }).selectOption({ label: 'Cookie' });
  await c.openTool('Test matrix');
  await page.getByLabel('Observation window (ms)', { exact: true }).fill('3000');
  const table = await runMatrixWith(c, page, server.url, 'Plain WebSocket');
  const result = await matrixVerdicts(table);
  expect(result.good).toBe('pass');
  for (const id of ['wrong-secret', 'expired', 'alg-none', 'tampered-payload'])
    expect(result[id], id).toBe('pass');
  await expect(table.locator('[data-variant="expired"]')).toContainText('"jwt expired"');
  // Never in the URL; in a cookie every time, and removed afterwards (the last row's is not left behind).
  expect(server.seen.every((s) => s.url === '/ws' && s.cookie.startsWith('token=eyJ'))).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain('token=');
});
