import { mkdirSync } from 'node:fs';
import { SECRET, expect, signToken, test } from './support/fixtures.ts';

// The README's screenshot, taken in real Chromium against the real reference server. Always written to
// test-results/; written to docs/ only when WSJWT_UPDATE_SCREENSHOT=1 (so a test run leaves git clean).
test('screenshot of a diagnosed failure', async ({ consolePage: c, server, page }) => {
  await page.setViewportSize({ width: 1440, height: 1100 });
  await c.token.fill(`Bearer ${await signToken({}, { secret: 'the-signers-secret' })}`);
  await c.secret.fill(SECRET);
  await c.connectTo(server.url);
  await expect(c.event('close')).toHaveAttribute('data-code', '1008');
  await expect(c.diagnosis.locator('[data-cause]').first()).toBeVisible();
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshot.png', fullPage: true });
  if (process.env.WSJWT_UPDATE_SCREENSHOT === '1') {
    await page.screenshot({ path: 'docs/screenshot.png', fullPage: false });
  }
});
