import type { Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { SECRET, expect, freePort, signToken, test } from './support/fixtures.ts';

// Multi-step flows against real servers (reloads, sockets): room for a busy shared machine.
test.describe.configure({ timeout: 60_000 });

const sign = (payload: Record<string, unknown>) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));

test.describe('Token lifetime', () => {
  /** The console with its clock installed at t0 and paused 5 min later; returns the paused time in seconds. */
  async function pausedConsole(page: Page): Promise<number> {
    const t0 = new Date('2026-11-27T10:00:00Z');
    await page.clock.install({ time: t0 });
    await page.goto('/');
    // Panels load lazily, and React reveals them on a timer: let them arrive before the clock stops.
    await expect(page.getByRole('img', { name: 'Connection timeline', exact: true })).toBeVisible();
    const paused = t0.getTime() + 5 * 60_000;
    await page.clock.pauseAt(new Date(paused));
    return paused / 1000;
  }

  test('a bar from iat to exp with a live "now" marker (page.clock)', async ({ page }) => {
    const now = await pausedConsole(page);
    // A 1 h token issued 10 min ago.
    await page
      .getByLabel('Token', { exact: true })
      .fill(await sign({ userId: '1', role: 'r', iat: now - 600, exp: now + 3000 }));
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toBeVisible();
    await expect(lifetime).toHaveAttribute('data-state', 'valid');
    await expect(lifetime).toHaveAttribute('data-now-pct', '16.67');
    await expect(lifetime).toHaveAccessibleDescription(
      'Issued 10 min ago. Expires in 50 min; now at 17% of its lifetime.',
    );
    await expect(lifetime.getByText('now · expires in 50 min', { exact: true })).toBeVisible();

    await page.clock.fastForward('20:00');
    await expect(lifetime).toHaveAttribute('data-now-pct', '50');
    await expect(lifetime.getByText('now · expires in 30 min', { exact: true })).toBeVisible();

    await page.clock.fastForward('40:00');
    await expect(lifetime).toHaveAttribute('data-state', 'expired');
    await expect(lifetime.locator('[data-segment="expired"]')).toHaveCount(1);
    await expect(lifetime.getByText('now · expired 10 min ago', { exact: true })).toBeVisible();
    await expect(lifetime).toHaveAccessibleDescription(/Expired 10 min ago\./);
  });

  test('long past exp, "now" is held at the edge and says so (page.clock)', async ({ page }) => {
    const now = await pausedConsole(page);
    await page
      .getByLabel('Token', { exact: true })
      .fill(await sign({ userId: '1', role: 'r', iat: now - 4200, exp: now - 600 }));
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toHaveAttribute('data-state', 'expired');
    await expect(lifetime).not.toHaveAttribute('data-now-clamped', /./);
    await page.clock.fastForward('02:00:00');
    await expect(lifetime).toHaveAttribute('data-now-clamped', 'after');
    await expect(lifetime).toHaveAttribute('data-now-pct', '100');
    await expect(lifetime.getByText('now · expired 2 h 10 min ago ›', { exact: true })).toBeVisible();
  });

  test('the leeway and a future nbf are on the bar', async ({ page, consolePage: c }) => {
    const now = Math.floor(Date.now() / 1000);
    await c.token.fill(
      await sign({ userId: '1', role: 'r', iat: now - 3600, nbf: now + 3600, exp: now + 7200 }),
    );
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toHaveAttribute('data-state', 'not-yet-valid');
    await expect(lifetime.locator('[data-segment="pending"]')).toHaveCount(1);
    await expect(lifetime).toHaveAccessibleDescription(/Not valid before in (59 min|1 h)/);
  });

  test('no exp: an open-ended bar labelled "no expiry"', async ({ page, consolePage: c }) => {
    await c.token.fill(await signToken({}, { expOffset: null }));
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toHaveAttribute('data-state', 'no-expiry');
    await expect(lifetime.locator('[data-segment="open-ended"]')).toHaveCount(1);
    await expect(lifetime.locator('[data-label~="no-exp"]')).toContainText('no expiry');
    await expect(lifetime).toHaveAccessibleDescription(/No expiry: the token never expires\./);
  });

  test('a close at exp is drawn: "the server enforces expiry on open sockets"', async ({
    page,
    consolePage: c,
    server,
  }) => {
    test.slow(); // waits for a real token to expire on a real server
    await c.serverUrl.fill(`${server.url}/fault/expire-open-sockets`);
    // Short-lived, with room for the socket to open before exp on a busy machine.
    await c.token.fill(await signToken({}, { expOffset: 10 }));
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(c.event('open')).toHaveCount(1);
    const close = c.event('close');
    await expect(close).toHaveAttribute('data-code', '1008');
    await expect(close).toContainText('jwt expired');
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toHaveAttribute('data-verdict', 'enforces-expiry');
    await expect(lifetime).toHaveAttribute('data-close-code', '1008');
    await expect(lifetime).toHaveAttribute('data-close-at', /^\d+$/);
    await expect(lifetime.locator('[data-close-marker]')).toBeVisible();
    await expect(lifetime.locator('[data-socket-band]')).toBeVisible();
    await expect(lifetime).toHaveAccessibleDescription(/the server enforces expiry on open sockets/);
    await expect(page.locator('[data-close-verdict="enforces-expiry"]')).toContainText(
      'the server enforces expiry on open sockets',
    );
  });

  test('an expired token closed right after open is "refused at connect", not enforcement', async ({
    page,
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken({}, { iatOffset: -7200, expOffset: -3600 }));
    await c.connectTo(server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toHaveAttribute('data-verdict', 'expired-at-connect');
    await expect(page.locator('[data-close-verdict="expired-at-connect"]')).toContainText(
      'the server closed it at connect',
    );
  });

  test('a socket that outlives its token says the server checks exp only at connect (page.clock)', async ({
    page,
    server,
  }) => {
    await page.clock.install();
    await page.goto('/');
    // Valid for the server at connect; only the browser's clock will move past exp.
    await page.getByLabel('Token', { exact: true }).fill(await signToken({}, { expOffset: 60 }));
    await page.getByLabel('Server URL', { exact: true }).fill(server.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('log', { name: 'Event log' }).locator('[data-event="open"]')).toHaveCount(1);
    // The reference server (without the fault) leaves the socket open. Two minutes of browser time later
    // the token is a minute past exp and the socket is still open.
    await page.clock.fastForward('02:00');
    const lifetime = page.getByRole('img', { name: 'Token lifetime', exact: true });
    await expect(lifetime).toHaveAttribute('data-verdict', 'open-past-expiry');
    await expect(page.locator('[data-close-verdict="open-past-expiry"]')).toContainText(
      'checks exp only at connect',
    );
  });
});

test.describe('Connection timeline', () => {
  test('before any Connect it says so', async ({ page, consolePage: _c }) => {
    const timeline = page.getByRole('img', { name: 'Connection timeline', exact: true });
    await expect(timeline).toHaveAttribute('data-state', 'none');
    await expect(timeline).toHaveAccessibleDescription('No connection yet.');
  });

  test('Connect → open → messages (density) → close, with durations and the close code', async ({
    page,
    consolePage: c,
    server,
  }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/flood?n=500&size=20`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1000');
    const timeline = page.getByRole('img', { name: 'Connection timeline', exact: true });
    await expect(timeline).toHaveAttribute('data-state', 'closed');
    await expect(timeline).toHaveAttribute('data-close-code', '1000');
    await expect(timeline).toHaveAttribute('data-connect-ms', /^\d+(\.\d+)?$/);
    await expect(timeline).toHaveAttribute('data-open-ms', /^\d+(\.\d+)?$/);
    const messages = Number(await timeline.getAttribute('data-messages'));
    expect(messages).toBeGreaterThanOrEqual(500);
    expect(await timeline.locator('[data-density] > div').count()).toBeGreaterThan(0);
    await expect(timeline.locator('[data-phase="connecting"]')).toHaveCount(1);
    await expect(timeline.locator('[data-phase="open"]')).toHaveCount(1);
    await expect(timeline).toHaveAccessibleDescription(
      /^Connect → open \d.*Open for .*, then closed\. [\d,]+ messages received\. Close 1000 Normal Closure/,
    );
    await expect(page.locator('[data-duration="connect"]')).toHaveText(/^Connect → open \d+(\.\d+)? m?s$/);
    await expect(page.locator('[data-duration="open"]')).toHaveText(/^open → close \d/);
    await expect(page.locator('[data-duration="close"]')).toContainText('close 1000 Normal Closure');
  });

  test('a live socket grows; Disconnect ends it', async ({ page, consolePage: c, server }) => {
    await c.token.fill(await signToken());
    await c.connectTo(server.url);
    const timeline = page.getByRole('img', { name: 'Connection timeline', exact: true });
    await expect(timeline).toHaveAttribute('data-state', 'open');
    await expect(page.locator('[data-duration="open"]')).toHaveText(/^open \d/);
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(timeline).toHaveAttribute('data-state', 'closed');
    // The picture shows the close the log shows (1000, or 1006 when a busy server misses the close handshake).
    const code = await c.event('close').getAttribute('data-code');
    expect(code).toMatch(/^\d+$/);
    await expect(timeline).toHaveAttribute('data-close-code', code ?? '');
    await expect(page.locator('[data-duration="open"]')).toHaveText(/^open → close \d/);
  });

  test('never opened: a failed connecting phase', async ({ page, consolePage: c }) => {
    const port = await freePort();
    await c.token.fill(await signToken());
    await c.connectTo(`ws://127.0.0.1:${port}`);
    const timeline = page.getByRole('img', { name: 'Connection timeline', exact: true });
    await expect(timeline).toHaveAttribute('data-close-code', '1006');
    await expect(timeline.locator('[data-marker="error"]')).toHaveCount(1);
    await expect(timeline).toHaveAccessibleDescription(/^Never opened: closed .* after Connect\./);
    await expect(page.locator('[data-duration="connect"]')).toHaveText(/^Connect → close /);
  });
});
