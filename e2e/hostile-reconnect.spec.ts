// Promise 6, second half: optional auto-reconnect with backoff (off by default). With the secret given, an
// expired token is re-minted before the retry. Every wait is on state: a retry is always announced by the
// attempt counter before it happens, so its absence right after a close (or a Disconnect) proves none is
// scheduled; counts come from data-log-total and the counter, not from rows of the virtualised list.
import { SECRET, expect, freePort, signToken, test } from './support/fixtures.ts';

test.describe.configure({ timeout: 90_000 });

test('off by default: a server-side close is not retried', async ({ consolePage: c, startServer, page }) => {
  const server = await startServer({ fault: 'expire-open-sockets' });
  const toggle = page.getByRole('checkbox', { name: 'Auto-reconnect', exact: true });
  await expect(toggle).not.toBeChecked();
  await c.token.fill(await signToken({}, { expOffset: 2 }));
  await c.connectTo(server.url);
  await expect(c.event('close')).toContainText('jwt expired');
  // One attempt (connecting, open, the welcome when the token was still valid on arrival, close) and no retry
  // announced. Whether the welcome came depends on the clock, so the attempts are counted, not the entries.
  await expect(c.event('connecting')).toHaveCount(1);
  await expect(page.locator('[data-event]:not([data-attempt="1"])')).toHaveCount(0);
  await expect(page.locator('[data-socket-state]')).toHaveAttribute('data-socket-state', 'closed');
  await expect(page.locator('[data-reconnect-attempt]')).toHaveCount(0);
  await expect(page.locator('[data-reconnect-stopped]')).toHaveCount(0);
});

test('an expired 2-second token is re-minted with the secret and the console opens again', async ({
  consolePage: c,
  startServer,
  page,
}) => {
  const server = await startServer({ fault: 'expire-open-sockets' });
  const first = await signToken({ room: 'blue' }, { expOffset: 2 });
  await c.token.fill(first);
  await c.secret.fill(SECRET);
  await page.getByRole('checkbox', { name: 'Auto-reconnect', exact: true }).check();
  await c.connectTo(server.url);
  // (Not "exactly one open": on a loaded machine the 2-second token may already be dead on arrival.)
  await expect(c.event('open').first()).toBeAttached();
  // The server closes it when the token expires; the console retries with a fresh token.
  await expect(c.event('close').first()).toContainText('jwt expired');
  // Each re-minted token lives 2 s too, so the cycle repeats: each expired token is a change, re-minted once.
  await expect(c.event('open').nth(1)).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('[data-reconnect-note]')).toContainText('re-minted');
  await page
    .locator('[data-reconnect-note]')
    .locator('..')
    .locator('..')
    .screenshot({ path: '/tmp/wsjwt-remint.png' });
  const second = await c.token.inputValue();
  expect(second).not.toBe(first);
  const claims = JSON.parse(Buffer.from(second.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  expect(claims).toMatchObject({ userId: '123', role: 'principal', room: 'blue' });
  expect((claims.exp as number) - (claims.iat as number)).toBe(2);
  // The re-minted token verifies with the secret (the server accepted it, and so does the console).
  await expect(page.locator('[data-verify="ok"]')).toBeVisible();
  // Disconnect stops the loop.
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.locator('[data-socket-state]')).toHaveAttribute('data-socket-state', 'closed');
  await expect(page.locator('[data-reconnect-attempt]')).toHaveCount(0);
  await expect(page.locator('[data-reconnect-stopped]')).toHaveCount(0);
});

test('nothing listening: retries back off, say when and which attempt, and Disconnect stops them', async ({
  consolePage: c,
  page,
}) => {
  const port = await freePort();
  await c.token.fill(await signToken());
  await page.getByRole('checkbox', { name: 'Auto-reconnect', exact: true }).check();
  await c.connectTo(`ws://127.0.0.1:${port}`);
  const status = page.locator('[data-reconnect-attempt]');
  // The first waits are short (0.5 s, 1 s); by the third attempt the wait (≈ 2 s) is long enough to read.
  await expect(status).toHaveAttribute('data-reconnect-attempt', /^[3-9]$/, { timeout: 45_000 });
  await expect(status).toContainText(/^reconnecting in \d+ s \(attempt [3-9]\)$/);
  // Each attempt logs connecting, error and close: at least three attempts so far.
  const total = Number(await page.locator('[data-log-total]').getAttribute('data-log-total'));
  expect(total).toBeGreaterThanOrEqual(9);
  await page
    .getByRole('checkbox', { name: 'Auto-reconnect', exact: true })
    .screenshot({ path: '/tmp/wsjwt-reconnect-toggle.png' });
  await page
    .locator('[data-socket-state]')
    .locator('..')
    .screenshot({ path: '/tmp/wsjwt-reconnect-pending.png' });
  // Disconnect is enabled while a retry is pending, and stops it.
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(status).toHaveCount(0);
  await expect(page.locator('[data-socket-state]')).toHaveAttribute('data-socket-state', 'closed');
});
