// The console as `npm start` serves it: the build, by the Node console server (src/node/console-server),
// with the CSP as a header (frame-ancestors 'none' included) and the handshake x-ray working through it.
// The test starts the server itself on port 0, on the build the Playwright config made for this run.
import { resolve } from 'node:path';
import { ConsolePage, expect, signToken, test } from './support/fixtures.ts';
import { startConsoleServer, type ConsoleServer } from '../src/node/console-server/console-server.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../src/node/csp/plugin.ts';

const DIST = resolve(`.e2e/dist-${process.env.WSJWT_E2E_PORT ?? 4317}`);

const served = test.extend<{ consoleServer: ConsoleServer }>({
  consoleServer: async ({}, use) => {
    const server = await startConsoleServer({ port: 0, distDir: DIST });
    await use(server);
    await server.close();
  },
});

served(
  'sends the CSP header with frame-ancestors, nosniff and no-referrer, and the meta tag',
  async ({ consoleServer, page, request }) => {
    const res = await request.get(`${consoleServer.url}/`);
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await page.goto(consoleServer.url);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      CONTENT_SECURITY_POLICY,
    );
  },
);

served('no page can frame it', async ({ consoleServer, page }) => {
  const refused = page.waitForEvent('console', (m) => /frame-ancestors 'none'/.test(m.text()));
  await page.setContent(`<iframe src="${consoleServer.url}/" title="framed console"></iframe>`);
  expect((await refused).text()).toContain(consoleServer.url);
  await expect(page.frameLocator('iframe').getByLabel('Token', { exact: true })).toHaveCount(0);
});

served(
  'the x-ray works through it: a 401 at the upgrade is read from Node',
  async ({ consoleServer, page, startServer }) => {
    const server = await startServer({ fault: 'reject-401' });
    await page.goto(consoleServer.url);
    const c = new ConsolePage(page);
    await expect(page.locator('[data-xray="on"]')).toBeVisible();
    await c.token.fill(await signToken());
    await c.connectTo(server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    await expect(c.event('unexpected-response')).toContainText('HTTP 401');
    await expect(c.diagnosis.locator('[data-cause]').first()).toHaveAttribute(
      'data-cause',
      'handshake-rejected',
    );
  },
);
