// The console server's local endpoint (the x-ray: it opens sockets for its caller) protected like a local
// proxy must be (CVE-2025-49596, MCP Inspector): loopback peer, loopback Host, exact Origin, and this
// launch's session token, which only the console's own page holds. Real Chromium, a real console server on
// port 0 serving this run's build, and a purpose-built server that counts the upgrades it receives — so
// "refused" is checked where it matters: no socket was opened on the attacker's behalf.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium-path.mjs';
import { startConsoleServer, type ConsoleServer } from '../src/node/console-server/console-server.ts';
import { ConsolePage, expect, signToken, test } from './support/fixtures.ts';
import { REFUSAL_CHALLENGE, startRefusingServer, type RefusingServer } from './support/refusing-server.ts';

const DIST = resolve(`.e2e/dist-${process.env.WSJWT_E2E_PORT ?? 4317}`);

const guarded = test.extend<{ consoleServer: ConsoleServer; target: RefusingServer }>({
  consoleServer: async ({}, use) => {
    const server = await startConsoleServer({ port: 0, distDir: DIST });
    await use(server);
    await server.close();
  },
  target: async ({}, use) => {
    const server = await startRefusingServer();
    await use(server);
    await server.close();
  },
});

const xrayUrl = (s: ConsoleServer): string => `http://127.0.0.1:${s.port}/__wsjwt/xray`;

guarded(
  "the console's own page: the x-ray answers it and shows the refused upgrade",
  async ({ consoleServer, target, page }) => {
    await page.goto(`http://127.0.0.1:${consoleServer.port}/`);
    const c = new ConsolePage(page);
    await expect(page.locator('[data-xray="on"]')).toBeVisible();
    await c.token.fill(await signToken());
    await c.connectTo(target.url);
    const xray = c.event('unexpected-response');
    await expect(xray).toContainText('HTTP 401');
    await expect(xray).toContainText(`WWW-Authenticate: ${REFUSAL_CHALLENGE}`);
    expect(target.upgrades()).toBeGreaterThanOrEqual(2); // the browser's socket, then the x-ray's
  },
);

guarded(
  'a request without the session token is refused; the same request with it is answered',
  async ({ consoleServer, target, request }) => {
    const origin = `http://127.0.0.1:${consoleServer.port}`;
    const body = { url: target.url };
    const without = await request.post(xrayUrl(consoleServer), { headers: { Origin: origin }, data: body });
    expect(without.status()).toBe(403);
    expect((await without.json()) as { error: string }).toMatchObject({
      error: expect.stringMatching(/session token/),
    });
    expect(target.upgrades()).toBe(0);
    // The token is what the served page holds: read it as the console does.
    const html = await (await request.get(`${origin}/`)).text();
    const token = /<meta name="wsjwt-session" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(token).toBe(consoleServer.sessionToken);
    const withToken = await request.post(xrayUrl(consoleServer), {
      headers: { Origin: origin, 'X-Wsjwt-Session': token },
      data: body,
    });
    expect(withToken.status()).toBe(200);
    expect(target.upgrades()).toBe(1);
  },
);

guarded('a page on another local origin cannot drive the x-ray', async ({ consoleServer, target, page }) => {
  // Another local app (any localhost port) serving a page that tries: a no-cors POST (no preflight, so it
  // reaches the server with the page's own Origin) and a CORS POST with a guessed token (preflighted).
  const attacker: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>another app</title>');
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  try {
    await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
    const refused = page.waitForResponse(
      (r) => r.url() === xrayUrl(consoleServer) && r.request().method() === 'POST',
    );
    const outcome = await page.evaluate(
      async ({ xray, url }) => {
        await fetch(xray, { method: 'POST', mode: 'no-cors', body: JSON.stringify({ url }) });
        try {
          await fetch(xray, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Wsjwt-Session': 'guessed' },
            body: JSON.stringify({ url }),
          });
          return 'read the answer';
        } catch {
          return 'blocked';
        }
      },
      { xray: xrayUrl(consoleServer), url: target.url },
    );
    expect((await refused).status()).toBe(403);
    expect(outcome).toBe('blocked');
    expect(target.upgrades()).toBe(0);
  } finally {
    attacker.closeAllConnections();
    await new Promise<void>((done) => attacker.close(() => done()));
  }
});

guarded(
  'a DNS-rebinding Host gets neither the page (with its token) nor the x-ray',
  async ({ consoleServer, target }) => {
    // A real browser resolving an attacker's name to 127.0.0.1, as after a rebinding.
    const base = chromiumLaunchOptions();
    const browser = await chromium.launch({
      ...base,
      args: [...base.args, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
    });
    try {
      const page = await browser.newPage();
      const origin = `http://rebind.test:${consoleServer.port}`;
      const response = await page.goto(`${origin}/`);
      expect(response?.status()).toBe(403);
      expect(await page.content()).not.toContain(consoleServer.sessionToken);
      const status = await page.evaluate(
        async ({ url, token }) =>
          (
            await fetch('/__wsjwt/xray', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Wsjwt-Session': token },
              body: JSON.stringify({ url }),
            })
          ).status,
        // Even holding the real token (it cannot read it), the rebinding Host alone is refused.
        { url: target.url, token: consoleServer.sessionToken },
      );
      expect(status).toBe(403);
      expect(target.upgrades()).toBe(0);
    } finally {
      await browser.close();
    }
  },
);
