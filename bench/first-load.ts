// First load as the browser sees it (issue 14): the JavaScript a first visit requests before the `load`
// event, read from the page's own Resource Timing entries in real Chromium, each file counted at its gzip
// size (level 9, what a server sends). Also what follows within 3 s of `load` (the idle-time chunks), so
// the report shows both. The older figure read index.html's entry and modulepreloads only, which missed
// the chunks the app imports while it starts.
import type { Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstLoad {
  /** gzip bytes of the JS requested before the load event. */
  beforeLoadJs: number;
  /** gzip bytes of the JS requested within 3 s after the load event. */
  afterLoadJs: number;
  beforeLoadFiles: string[];
  afterLoadFiles: string[];
}

const AFTER_LOAD_MS = 3000;

/** One fresh visit (empty cache) to `url`, whose files are served from `dist`. */
export async function measureFirstLoad(browser: Browser, url: string, dist: string): Promise<FirstLoad> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    // Let the idle-time loads happen, then read the timeline: which script started before loadEventStart.
    await page.waitForFunction(
      (ms) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav !== undefined && nav.loadEventEnd > 0 && performance.now() > nav.loadEventEnd + ms;
      },
      AFTER_LOAD_MS,
      { polling: 250 },
    );
    const entries = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({
          path: new URL(e.name).pathname,
          beforeLoad: e.startTime < nav.loadEventStart,
          afterLoadMs: e.startTime - nav.loadEventStart,
        }));
    });
    const gzip = (path: string) => gzipSync(readFileSync(resolve(dist, `.${path}`)), { level: 9 }).length;
    const before = entries.filter((e) => e.beforeLoad);
    const after = entries.filter((e) => !e.beforeLoad && e.afterLoadMs <= AFTER_LOAD_MS);
    return {
      beforeLoadJs: before.reduce((a, e) => a + gzip(e.path), 0),
      afterLoadJs: after.reduce((a, e) => a + gzip(e.path), 0),
      beforeLoadFiles: before.map((e) => e.path),
      afterLoadFiles: after.map((e) => e.path),
    };
  } finally {
    await context.close();
  }
}
