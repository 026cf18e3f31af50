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

test('Copy as command leaves the Server URL credentials out, as shell variables, even with the token ticked in', async ({
  consolePage: c,
  server,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const token = await signToken({}, { secret: SECRET });
  const oldToken = await signToken({ userId: 'old' }, { secret: 'an-old-secret-somewhere-else-0123' });
  const [, oldPayload = '', oldSignature = ''] = oldToken.split('.');
  const password = 'pl4nted-pa55word-8c1e';
  const apiKey = 'planted-api-key-7f3a9c2b';
  const host = server.url.replace(/^ws:\/\//, '');
  await c.token.fill(token);
  await c.serverUrl.fill(`ws://alice:${password}@${host}/?api_key=${apiKey}&state=${oldToken}&room=1`);
  const leaks = (text: string) =>
    [password, apiKey, oldPayload, oldSignature, 'alice'].filter((v) => text.includes(v));

  const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Copy as command', exact: true }).click();
  // The clipboard itself, not the 1.5 s "copied" flash (missable on a loaded machine).
  await expect.poll(readClipboard).toContain('npx wsjwt probe');
  const copied = await readClipboard();
  expect(leaks(copied)).toEqual([]);
  expect(copied).not.toContain(token);
  expect(copied).toContain(
    `npx wsjwt probe 'ws://'"$WS_USERINFO"'@${host}/?api_key='"$API_KEY"'&state='"$STATE"'&room=1'`,
  );
  const note = page.locator('[data-left-out]');
  await expect(note).toContainText(
    'Left out of the commands: the userinfo, the value of api_key and the value of state.',
  );
  await expect(note).toContainText("export WS_USERINFO='…'; export API_KEY='…'; export STATE='…'");

  // The opt-in is for the token only: the other credentials stay out.
  await page.getByLabel('Include the token in the commands', { exact: true }).check();
  await expect(page.locator('[data-command="wsjwt"]')).toContainText(token);
  for (const name of ['wsjwt', 'wscat', 'websocat'])
    expect(leaks(await page.locator(`[data-command="${name}"]`).innerText())).toEqual([]);
  await page.getByRole('button', { name: 'Copy as command', exact: true }).click();
  await expect.poll(readClipboard).toContain(token);
  const copiedWithToken = await readClipboard();
  expect(leaks(copiedWithToken)).toEqual([]);
});
