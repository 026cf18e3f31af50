import { SECRET, expect, freePort, signToken, startPurposeServer, test } from './support/fixtures.ts';

test.describe('connect and watch the live event log', () => {
  test('mint → Connect → open → send → echo', async ({ consolePage: c, server, page }) => {
    await c.secret.fill(SECRET);
    await page.getByRole('button', { name: 'Mint token', exact: true }).click();
    await expect(c.token).toHaveValue(/^eyJ/);
    await expect(c.status).toHaveAttribute('data-token-status', 'valid');
    await c.connectTo(server.url);
    await expect(c.event('connecting')).toHaveCount(1);
    await expect(c.event('open')).toHaveCount(1);
    await expect(c.event('message').first()).toContainText('"type":"welcome"');
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('hello from the console');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(c.event('message').filter({ hasText: 'hello from the console' })).toHaveCount(1);
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
  });

  test('a token signed with another secret is closed with 1008 and the reason is shown', async ({
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({}, { secret: 'some-other-secret' }));
    await c.connectTo(server.url);
    const close = c.event('close');
    await expect(close).toHaveAttribute('data-code', '1008');
    await expect(close).toContainText('invalid signature');
    await expect(close).toContainText('Policy Violation');
  });

  test('an expired token is closed with 1008 and its reason', async ({ consolePage: c, server }) => {
    await c.token.fill(await signToken({}, { iatOffset: -7200, expOffset: -3600 }));
    await expect(c.status).toHaveAttribute('data-token-status', 'expired');
    await c.connectTo(server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(c.event('close')).toContainText('jwt expired');
  });

  test('nothing listening: error, then close 1006', async ({ consolePage: c }) => {
    const port = await freePort();
    await c.token.fill(await signToken());
    await c.connectTo(`ws://127.0.0.1:${port}`);
    await expect(c.event('error')).toHaveCount(1);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    // error comes before close in the log
    const order = await c.log
      .locator('[data-event]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
    expect(order.indexOf('error')).toBeLessThan(order.indexOf('close'));
  });

  test('a pasted "Bearer " token still connects', async ({ consolePage: c, server, page }) => {
    const token = await signToken();
    await c.token.fill(`Bearer ${token}\n`);
    await expect(page.getByText(/Bearer/).first()).toBeVisible(); // the cleanup is shown
    await expect(c.status).toHaveAttribute('data-token-status', 'valid');
    await c.connectTo(server.url);
    await expect(c.connectionUrl).toHaveValue(`${server.url}?token=${encodeURIComponent(token)}`);
    await expect(c.event('open')).toHaveCount(1);
  });

  test('Disconnect closes cleanly with 1000', async ({ consolePage: c, server, page }) => {
    await c.token.fill(await signToken());
    await c.connectTo(server.url);
    await expect(c.event('open')).toHaveCount(1);
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    const close = c.event('close');
    await expect(close).toHaveAttribute('data-code', '1000');
    await expect(close).toContainText('wasClean true');
  });

  test('binary messages show their size and a hex preview', async ({ consolePage: c }) => {
    const srv = await startPurposeServer((ws) => ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01])));
    try {
      await c.token.fill(await signToken());
      await c.connectTo(srv.url);
      const msg = c.event('message');
      await expect(msg).toContainText('binary 6 B');
      await expect(msg).toContainText('de ad be ef 00 01');
    } finally {
      await srv.close();
    }
  });

  test('close codes are named from the catalog, private codes included', async ({ consolePage: c }) => {
    const srv = await startPurposeServer((ws) => ws.close(4401, 'Unauthorized'));
    try {
      await c.token.fill(await signToken());
      await c.connectTo(srv.url);
      const close = c.event('close');
      await expect(close).toHaveAttribute('data-code', '4401');
      await expect(close).toContainText('Unauthorized');
      await expect(close).toContainText('graphql-ws');
    } finally {
      await srv.close();
    }
  });
});

test('the token reaches the server exactly, encoded with encodeURIComponent', async ({ consolePage: c }) => {
  let received: string | null = null;
  const srv = await startPurposeServer((ws, url) => {
    received = url.searchParams.get('token');
    ws.close(1000, 'bye');
  });
  try {
    const odd = 'abc+def/ghi==';
    await c.token.fill(odd);
    await c.serverUrl.fill(`${srv.url}/socket?room=a%20b&token=old`);
    await expect(c.connectionUrl).toHaveValue(`${srv.url}/socket?room=a%20b&token=abc%2Bdef%2Fghi%3D%3D`);
    await c.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(c.event('close')).toHaveAttribute('data-code', '1000');
    expect(received).toBe(odd);
  } finally {
    await srv.close();
  }
});

test('the connection URL follows the server URL and parameter name', async ({ consolePage: c, page }) => {
  await c.token.fill('t.o.k');
  await c.serverUrl.fill('http://localhost:3000/ws');
  await c.param.fill('access_token');
  await expect(c.connectionUrl).toHaveValue('ws://localhost:3000/ws?access_token=t.o.k');
  await expect(page.locator('[data-url-note="HTTP_SCHEME_CONVERTED"]')).toBeVisible();
});
