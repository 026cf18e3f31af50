import { expect, signToken, test } from './support/fixtures.ts';

// Functional checks only: the console survives a flood and stays usable. Speed is measured by
// `npm run bench` (BENCHMARKS.md), never asserted here.

const LONG = { timeout: 90_000 };

test.describe('a flood of messages', () => {
  test.describe.configure({ timeout: 120_000 });

  test('50,000 messages end with the close in the log, and the drops are counted', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/flood?n=50000&size=100`);
    const close = c.event('close');
    await expect(close).toHaveAttribute('data-code', '1000', LONG);
    await expect(close).toContainText('flood done');
    await expect(close).toBeVisible(); // following the tail: the newest entry is on screen
    // connecting + open + 50,000 messages + close, counted; the ring kept 10,000 entries
    await expect(page.locator('[data-log-total]')).toHaveAttribute('data-log-total', '50003');
    const dropped = Number(await page.locator('[data-log-dropped]').getAttribute('data-log-dropped'));
    expect(dropped).toBeGreaterThanOrEqual(40_000);
    await expect(page.locator('[data-log-dropped]')).toContainText('dropped');
    // the pinned events are kept and findable: show only connecting/open/close
    for (const t of ['message', 'sent'])
      await page.getByRole('button', { name: `Show ${t} events`, exact: true }).click();
    await expect(c.log.locator('[data-event]')).toHaveCount(3);
    await expect(c.event('connecting')).toHaveCount(1);
    await expect(c.event('open')).toHaveCount(1);
    // the list is virtualised: far fewer rows in the DOM than entries kept
    for (const t of ['message', 'sent'])
      await page.getByRole('button', { name: `Show ${t} events`, exact: true }).click();
    const rows = await c.log.locator('[data-event]').count();
    expect(rows).toBeLessThan(200);
  });

  test('Disconnect works in the middle of a flood', async ({ consolePage: c, server, page }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/flood?n=5000000&size=100`);
    await expect
      .poll(async () => Number(await page.locator('[data-log-total]').getAttribute('data-log-total')), LONG)
      .toBeGreaterThan(5000);
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    const close = c.event('close');
    await expect(close).toHaveAttribute('data-code', /^(1000|1005|1006)$/, LONG);
    const total = Number(await page.locator('[data-log-total]').getAttribute('data-log-total'));
    expect(total).toBeLessThan(5_000_003); // it stopped before the server was done
  });

  test('typing in the Token field works during a flood', async ({ consolePage: c, server, page }) => {
    const token = await signToken();
    await c.token.fill(token);
    await c.connectTo(`${server.url}/fault/flood?n=5000000&size=100`);
    await expect
      .poll(async () => Number(await page.locator('[data-log-total]').getAttribute('data-log-total')), LONG)
      .toBeGreaterThan(5000);
    await c.token.fill('');
    await c.token.pressSequentially('not.a.token', { delay: 5 });
    await expect(c.token).toHaveValue('not.a.token');
    await expect(c.status).toHaveAttribute('data-token-status', 'malformed');
    // and the flood is still being recorded meanwhile
    const before = Number(await page.locator('[data-log-total]').getAttribute('data-log-total'));
    await expect
      .poll(async () => Number(await page.locator('[data-log-total]').getAttribute('data-log-total')), LONG)
      .toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(c.event('close')).toHaveCount(1, LONG);
  });

  test('scrolling up stops following; "Jump to latest" follows again', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await c.token.fill(await signToken());
    await c.connectTo(`${server.url}/fault/flood?n=3000&size=20`);
    await expect(c.event('close')).toHaveAttribute('data-code', '1000', LONG);
    await c.log.hover();
    await page.mouse.wheel(0, -200_000); // the user scrolls up: the log stops following
    const jump = page.getByRole('button', { name: 'Jump to latest', exact: true });
    await expect(jump).toBeVisible();
    await expect(c.event('close')).toHaveCount(0); // the top of the list is shown, not the tail
    await expect(c.event('connecting')).toBeVisible();
    await jump.click();
    await expect(c.event('close')).toBeVisible();
    await expect(jump).toHaveCount(0);
  });
});
