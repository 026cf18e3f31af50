// Where the Chromium for tests and benchmarks is: $CHROMIUM_PATH, Debian's, or Playwright's own.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string | undefined, source: string } | null} path undefined = Playwright's default */
export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return { path: env, source: '$CHROMIUM_PATH' };
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(p)) return { path: p, source: 'system' };
  }
  try {
    const { chromium } = require('playwright-core');
    const p = chromium.executablePath();
    if (p && existsSync(p)) return { path: undefined, source: `playwright (${p})` };
  } catch {
    // playwright-core missing or no browser registry: fall through
  }
  return null;
}

/** Launch options shared by the e2e config and the benchmark. */
export function chromiumLaunchOptions() {
  const found = findChromium();
  return {
    executablePath: found?.path,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  };
}
