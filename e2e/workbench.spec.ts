import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SECRET, expect, signToken, test } from './support/fixtures.ts';

// The first screen tells the story (issue 14): without scrolling, before Connect the fields to fill and
// Connect are in view; after a failed Connect the close entry (code, name, reason) and the top cause are.

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;

/**
 * The element's box lies wholly inside the viewport and is not clipped by a scrolling pane around it
 * (a pane's hidden overflow is off screen for the user, even when the box is within the viewport).
 */
async function expectInView(page: Page, loc: Locator, what: string): Promise<void> {
  await expect(loc, what).toBeVisible();
  const box = await loc.boundingBox();
  const vp = page.viewportSize();
  if (!box || !vp) throw new Error(`${what}: no bounding box`);
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(vp.height);
  const clippedBy = await loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5) return a.outerHTML.slice(0, 120);
    }
    return null;
  });
  expect(clippedBy, `${what}: clipped by a scrolling pane`).toBeNull();
}

async function expectNoPageScroll(page: Page): Promise<void> {
  const { scrollHeight, scrollWidth, innerHeight, innerWidth } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(scrollHeight, 'page height').toBeLessThanOrEqual(innerHeight);
  expect(scrollWidth, 'page width').toBeLessThanOrEqual(innerWidth);
}

for (const vp of VIEWPORTS) {
  for (const theme of THEMES) {
    test(`${vp.width}×${vp.height} ${theme}: the first screen holds the inputs, then the close and its cause`, async ({
      page,
      consolePage: c,
      server,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize(vp);
      const connect = page.getByRole('button', { name: 'Connect', exact: true });
      await expectInView(page, c.token, 'Token');
      await expectInView(page, c.serverUrl, 'Server URL');
      await expectInView(page, connect, 'Connect');
      await expectNoPageScroll(page);

      await c.token.fill(await signToken({}, { secret: 'not-the-servers-secret' }));
      await c.secret.fill(SECRET);
      await c.connectTo(server.url);
      const close = c.event('close');
      await expect(close).toHaveAttribute('data-code', '1008');
      await expect(close).toContainText('1008');
      await expect(close).toContainText('Policy Violation');
      await expect(close).toContainText(/reason “.+”/);
      await expectInView(page, close, 'close entry in the Event log');
      // The top cause: its title, its first piece of evidence and its first fix, unclipped.
      const top = c.diagnosis.locator('[data-cause]').first();
      await expect(top).toHaveAttribute('data-cause', 'secret-mismatch');
      await expectInView(page, top.locator('header'), 'top cause title');
      await expectInView(page, top.locator('ul > li').first(), 'top cause evidence');
      await expectInView(page, top.locator('ol > li').first(), 'top cause fix');
      await expectNoPageScroll(page);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/workbench-${vp.width}-${theme}.png` });
    });
  }
}
