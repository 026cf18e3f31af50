import { expect, signToken, test } from './support/fixtures.ts';

// The deep link (contract, second wave): ?url=…&param=…&protocol=…&travel=… prefills the connection bar;
// a token or a secret in the address is never read, and leaves the address bar.

test('url, param, protocol and travel prefill the connection bar', async ({ page }) => {
  await page.goto('/?url=ws%3A%2F%2F127.0.0.1%3A4999%2Fws&param=jwt&protocol=plain&travel=subprotocol');
  await expect(page.getByLabel('Server URL', { exact: true })).toHaveValue('ws://127.0.0.1:4999/ws');
  await expect(page.getByLabel('Token parameter', { exact: true })).toHaveValue('jwt');
  await expect(page.getByLabel('Token travels in', { exact: true })).toHaveValue('subprotocol');
  await expect(page.locator('[data-deep-link-notice]')).toHaveCount(0);
});

test('a token or a secret in the address is ignored, said so, and removed from the address bar', async ({
  page,
}) => {
  const token = await signToken();
  await page.goto(`/?url=ws%3A%2F%2F127.0.0.1%3A4999&token=${token}&secret=hunter2-secret`);
  await expect(page.getByLabel('Server URL', { exact: true })).toHaveValue('ws://127.0.0.1:4999');
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_CREDENTIAL_IGNORED"]')).toContainText(
    'never reads a token or a secret',
  );
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Secret', { exact: true })).toHaveValue('');
  expect(page.url()).not.toContain(token);
  expect(page.url()).not.toContain('hunter2');
  expect(new URL(page.url()).searchParams.get('url')).toBe('ws://127.0.0.1:4999');
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(page.locator('[data-deep-link-notice]')).toHaveCount(0);
});

test('every protocol and placement: protocol= and travel= set Protocol and Token travels in', async ({
  page,
}) => {
  await page.goto('/?url=ws%3A%2F%2F127.0.0.1%3A4999&protocol=socket.io&travel=cookie&param=has%20space');
  await expect(page.getByLabel('Protocol', { exact: true })).toHaveValue('socket.io');
  await expect(page.getByLabel('Token travels in', { exact: true })).toHaveValue('cookie');
  await expect(page.getByLabel('Connection URL', { exact: true })).toHaveValue(
    'ws://127.0.0.1:4999/socket.io/?EIO=4&transport=websocket',
  );
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_BAD_PARAM"]')).toBeVisible();
  await expect(page.locator('[data-deep-link-notice*="UNSUPPORTED"]')).toHaveCount(0);
  await expect(page.getByLabel('Token parameter', { exact: true })).toHaveValue('token');
});

test('protocol= alone moves the token to its first message; unknown values keep the defaults', async ({
  page,
}) => {
  await page.goto('/?protocol=graphql-ws');
  await expect(page.getByLabel('Protocol', { exact: true })).toHaveValue('graphql-ws');
  await expect(page.getByLabel('Token travels in', { exact: true })).toHaveValue('first-message');
  await expect(page.getByLabel('Connection payload', { exact: true })).toHaveValue('{"token": "{token}"}');
  await page.goto('/?protocol=mqtt&travel=carrier-pigeon');
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_PROTOCOL_UNKNOWN"]')).toBeVisible();
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_TRAVEL_UNKNOWN"]')).toBeVisible();
});
