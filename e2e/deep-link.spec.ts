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

test('values this console does not support yet: a specific message, the defaults kept', async ({ page }) => {
  await page.goto('/?protocol=socket.io&travel=cookie&param=has%20space');
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_PROTOCOL_UNSUPPORTED"]')).toContainText(
    'protocol=socket.io',
  );
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_TRAVEL_UNSUPPORTED"]')).toContainText(
    'travel=cookie',
  );
  await expect(page.locator('[data-deep-link-notice="DEEP_LINK_BAD_PARAM"]')).toBeVisible();
  await expect(page.getByLabel('Token travels in', { exact: true })).toHaveValue('query');
  await expect(page.getByLabel('Token parameter', { exact: true })).toHaveValue('token');
  await expect(page.getByLabel('Token', { exact: true })).toBeVisible();
});
