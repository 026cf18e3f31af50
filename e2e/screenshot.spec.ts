import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SECRET, expect, signToken, test } from './support/fixtures.ts';

// The README's screenshots, taken in real Chromium against the real reference server, at a common laptop
// size (the workbench fits it: nothing below the fold). Always written to test-results/; written to docs/
// only when WSJWT_UPDATE_SCREENSHOT=1 (so a test run leaves git clean).
const VIEWPORT = { width: 1440, height: 900 };

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png` });
  if (process.env.WSJWT_UPDATE_SCREENSHOT === '1') await page.screenshot({ path: `docs/${name}.png` });
}

test('screenshot of a diagnosed failure', async ({ consolePage: c, server, page }) => {
  await page.setViewportSize(VIEWPORT);
  await c.token.fill(`Bearer ${await signToken({}, { secret: 'the-signers-secret' })}`);
  await c.secret.fill(SECRET);
  await c.connectTo(server.url);
  await expect(c.event('close')).toHaveAttribute('data-code', '1008');
  await expect(c.diagnosis.locator('[data-cause]').first()).toBeVisible();
  await c.token.scrollIntoViewIfNeeded(); // the token pane from its top
  await shoot(page, 'screenshot');
});

test('screenshot of the server test matrix', async ({ consolePage: c, server, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(VIEWPORT);
  await c.token.fill(await signToken());
  await c.secret.fill(SECRET);
  await c.serverUrl.fill(server.url);
  await page.getByRole('button', { name: 'Run test matrix', exact: true }).click();
  const table = page.getByRole('table', { name: 'Test matrix' });
  await expect(table).toHaveAttribute('data-matrix-state', 'done', { timeout: 100_000 });
  // The token pane widened with its splitter (keyboard: End), the table's top in view within the tools pane.
  await page.getByRole('separator', { name: 'Resize the token pane' }).press('End');
  await table.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shoot(page, 'screenshot-matrix');
});
