// Where the token travels: the query string or the Sec-WebSocket-Protocol header, and the encoding lab.
import type { IncomingMessage } from 'node:http';
import { expect, signToken, startPurposeServer, test } from './support/fixtures.ts';

test.describe('the token in Sec-WebSocket-Protocol', () => {
  test('a server that echoes the protocol: open, and it received the token in the header', async ({
    consolePage: c,
    page,
  }) => {
    test.slow(); // real servers and sockets; the page loads lazy panels
    const token = await signToken();
    const srv = await startPurposeServer((ws) => ws.send('welcome'));
    const seen: Array<string | undefined> = [];
    srv.wss.on('connection', (_ws, req: IncomingMessage) => seen.push(req.headers['sec-websocket-protocol']));
    try {
      await c.token.fill(token);
      await page.getByLabel('Token travels in', { exact: true }).selectOption('subprotocol');
      await expect(page.getByLabel('Subprotocols', { exact: true })).toHaveValue('access_token, {token}');
      await c.serverUrl.fill(srv.url);
      await expect(c.connectionUrl).toHaveValue(`${srv.url}`);
      await expect(page.locator('[data-travel-note="subprotocol"]')).toContainText('must echo one of them');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(c.event('open')).toHaveCount(1);
      await expect(c.event('message')).toContainText('welcome');
      expect(seen).toEqual([`access_token, ${token}`]);
      await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
    } finally {
      await srv.close();
    }
  });

  test('the reference server that does not echo it: subprotocol-mismatch', async ({
    consolePage: c,
    page,
    server,
  }) => {
    test.slow(); // real servers and sockets; the page loads lazy panels
    await c.token.fill(await signToken());
    await page.getByLabel('Token travels in', { exact: true }).selectOption('subprotocol');
    await c.connectTo(`${server.url}/fault/subprotocol`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    await expect(c.diagnosis.locator('[data-cause="subprotocol-mismatch"]')).toBeVisible();
    await expect(c.diagnosis.locator('[data-cause="token-missing"]')).toHaveCount(0);
  });

  test('characters a subprotocol may not hold are flagged', async ({ consolePage: c, page }) => {
    test.slow(); // real servers and sockets; the page loads lazy panels
    await c.token.fill(await signToken());
    await page.getByLabel('Token travels in', { exact: true }).selectOption('subprotocol');
    await page.getByLabel('Subprotocols', { exact: true }).fill('access_token, Bearer {token}');
    await expect(page.locator('[data-subprotocol-problem="ERR_PROTOCOL_CHARS"]')).toContainText('a space');
  });
});

test('the encoding lab shows the token four ways, with a copy button each', async ({
  consolePage: c,
  page,
}) => {
  test.slow(); // real servers and sockets; the page loads lazy panels
  const token = await signToken();
  await c.token.fill(token);
  await c.openTool('Encoding lab');
  const lab = page.getByRole('list', { name: 'Encoding lab', exact: true });
  await expect(lab.getByRole('listitem').and(page.locator('[data-encoding]'))).toHaveCount(4);
  for (const name of ['Raw (no encoding)', 'encodeURIComponent', 'URLSearchParams', 'Double-encoded']) {
    const item = lab.getByRole('listitem', { name, exact: true });
    await expect(item).toContainText(`?token=${token}`);
    await expect(item.getByRole('button', { name: 'Copy' })).toBeVisible();
  }
  await expect(lab.locator('[data-encoding="raw"]')).toContainText('only has the characters A–Z, a–z, 0–9');
  await expect(page.locator('[data-travel-note="cookies"]')).toContainText('cannot set custom headers');
});
