import { SECRET, expect, signToken, test } from './support/fixtures.ts';

test.describe('the handshake x-ray (what the browser hides)', () => {
  test('a 401 at the upgrade is read from Node and named in the diagnosis', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await expect(page.locator('[data-xray="on"]')).toBeVisible();
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/reject-401`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1006');
    const xray = c.event('unexpected-response');
    await expect(xray).toContainText('HTTP 401');
    await expect(xray).toContainText('WWW-Authenticate: Bearer');
    const top = c.diagnosis.locator('[data-cause]').first();
    await expect(top).toHaveAttribute('data-cause', 'handshake-rejected');
    await expect(top).toContainText('401');
  });

  test('a wrong path is a 404 at the upgrade', async ({ consolePage: c, server }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/no-such-path`);
    await expect(c.event('unexpected-response')).toContainText('HTTP 404');
    await expect(c.diagnosis.locator('[data-cause]').first()).toHaveAttribute(
      'data-cause',
      'handshake-rejected',
    );
  });
});

test('Copy as command gives wsjwt probe with a $TOKEN placeholder unless the token is asked for', async ({
  consolePage: c,
  server,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const token = await signToken({}, { secret: SECRET });
  await c.token.fill(token);
  await c.serverUrl.fill(server.url);
  await page.getByRole('button', { name: 'Copy as command', exact: true }).click();
  await expect(page.getByText('wsjwt command copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`npx wsjwt probe '${server.url}'`);
  expect(copied).toContain('"$TOKEN"');
  expect(copied).not.toContain(token);
  await expect(page.locator('[data-command="wscat"]')).toContainText('wscat -c');
  await expect(page.locator('[data-command="websocat"]')).toContainText('websocat');
  await page.getByLabel('Include the token in the commands', { exact: true }).check();
  await expect(page.locator('[data-command="wsjwt"]')).toContainText(token);
});
