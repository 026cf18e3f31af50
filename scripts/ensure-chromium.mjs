#!/usr/bin/env node
// Makes sure a Chromium for the e2e tests and benchmarks exists, installing one when it can.
// Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own browser; else install
// (apt-get when root on Debian/Ubuntu, where Playwright cannot download its browsers; otherwise
// `npx playwright install chromium`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

function run(cmd, args) {
  console.log(`ensure-chromium: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

const found = findChromium();
if (found) {
  if (process.env.WSJWT_VERBOSE) console.log(`ensure-chromium: using ${found.path} (${found.source})`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && existsSync('/usr/bin/apt-get') && isRoot) {
  console.log("ensure-chromium: no Chromium found; installing Debian's chromium with apt-get");
  if (
    run('apt-get', ['update', '-qq']) &&
    run('apt-get', ['install', '-y', '-qq', 'chromium']) &&
    findChromium()
  ) {
    process.exit(0);
  }
}
console.log("ensure-chromium: trying Playwright's own browser download");
if (run('npx', ['--no-install', 'playwright', 'install', 'chromium']) && findChromium()) process.exit(0);

console.error(
  'ensure-chromium: no Chromium available. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
    'elsewhere: npx playwright install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
);
process.exit(1);
