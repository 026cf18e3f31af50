// Issue #15, item 5: what knows about a connection knows about the protocol and where the token travels —
// Copy as command and the support bundle, driven through the Protocol and Token travels in controls, against
// a real graphql-ws server (e2e/real-servers/node-protocols).
import {
  realServerTokens,
  REAL_SERVER_SECRET,
  startGraphqlWs,
  type RunningServer,
} from './real-servers/node-protocols/servers.ts';
import { expect, test } from './support/fixtures.ts';

test.describe.configure({ timeout: 90_000 });

const servers: RunningServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

test('Copy as command follows the Protocol and Token travels in, with a note where a tool cannot follow', async ({
  consolePage: c,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const token = realServerTokens().good;
  await c.token.fill(token);
  await c.serverUrl.fill('ws://localhost:4000/graphql');
  await page.getByLabel('Protocol', { exact: true }).selectOption({ label: 'graphql-ws' });
  await page.getByRole('button', { name: 'Copy as command', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('--protocol graphql-ws');
  const wscat = page.locator('[data-command="wscat"]');
  await expect(wscat).toContainText(
    `-s graphql-transport-ws -x '{"type":"connection_init","payload":{"token":"'"$TOKEN"'"}}'`,
  );

  await page.getByLabel('Token travels in', { exact: true }).selectOption({
    label: 'Authorization header (via local relay)',
  });
  await expect(page.locator('[data-command="wsjwt"]')).toContainText('--protocol graphql-ws --travel header');
  await expect(wscat).toContainText('-H "Authorization: Bearer $TOKEN"');
  await expect(page.locator('[data-command="websocat"]')).toContainText('-H "Authorization: Bearer $TOKEN"');

  await page.getByLabel('Protocol', { exact: true }).selectOption({ label: 'Socket.IO' });
  await expect(wscat).toContainText('/socket.io/?EIO=4&transport=websocket');
  await expect(page.locator('[data-command-note]')).toContainText('do not answer its pings');
  await expect(page.locator('[data-command="wsjwt"]')).not.toContainText(token);
});

test('the support bundle says the protocol, the placement and the refusal — never the token, its signature or the secret', async ({
  consolePage: c,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const server = await startGraphqlWs();
  servers.push(server);
  const token = realServerTokens().wrongSecret;
  await c.token.fill(token);
  await c.secret.fill(REAL_SERVER_SECRET);
  await page.getByLabel('Protocol', { exact: true }).selectOption({ label: 'graphql-ws' });
  await c.connectTo(server.url);
  await expect(c.event('close')).toHaveAttribute('data-code', '4403');

  await page.getByRole('button', { name: 'Copy support bundle', exact: true }).click();
  await expect(page.getByText('✓ Copied as Markdown')).toBeVisible();
  const bundle = await page.evaluate(() => navigator.clipboard.readText());
  expect(bundle).toContain('- Protocol: graphql-ws');
  expect(bundle).toContain('- Token travels in: First message');
  expect(bundle).toContain('- Connection payload template: `{"token": "{token}"}`');
  expect(bundle).toContain('- Subprotocols offered: `graphql-transport-ws`');
  expect(bundle).toContain('- Protocol outcome: refused — close 4403 Forbidden');
  const signature = token.split('.')[2] ?? '';
  expect(signature.length).toBeGreaterThan(20);
  for (const leak of [token, signature, REAL_SERVER_SECRET]) expect(bundle).not.toContain(leak);
});
