// `npm run bench`: the console against the browser's own ceiling, in real Chromium, in the same run.
//
//   bare page  – a tiny page that opens a WebSocket to the reference server's flood and counts messages
//   console    – the production build, driven like a user: Token, Server URL = the flood, Connect, and
//                the time until the close entry is in the Event log
//
// Rounds alternate (bare/console, then console/bare …). Also: heap after 1,000,000 messages, the longest
// main-thread task, typing and Disconnect during a flood, bundle sizes, time to interactive on loopback,
// and a pasted 64 KB token. Times are taken in the page (performance.now()), never with Node timers.
//
// WSJWT_BENCH_SMOKE=1   CI smoke test: n=2,000, one round, no 1M heap run; prints figures, judges nothing
// WSJWT_BENCH_ROUNDS    rounds (default 7)        WSJWT_BENCH_N      messages per flood (default 20,000)
// WSJWT_BENCH_SIZE      bytes per message (100)   WSJWT_BENCH_HEAP_N messages for the heap run (1,000,000)
// WSJWT_BENCH_SKIP_HEAP=1  skip the heap run
// WSJWT_BENCH_ONLY=package  only the installed package: tarball, installed size, cold decode (bench/package.ts)
//
// The package figures (npm pack + npm install -g into a temp prefix, ~30 s) run in smoke mode too.
//
// Exit status: 0 when the bench ran (whatever the figures), 1 when the bench itself broke.
import { chromium, type Browser, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../scripts/chromium-path.mjs';
import { analyzeToken, buildConnectionUrl, DEFAULT_REQUIRED_CLAIMS } from '../src/core/index.ts';
import { createReferenceServer } from '../src/node/server/reference-server.ts';
import { measurePackage, packageRows } from './package.ts';
import { measureFirstLoad } from './first-load.ts';
import { BARE_PAGE, CONSOLE_INSTRUMENTATION } from './pages.ts';
import { serveStatic } from './static-server.ts';

const SMOKE = process.env.WSJWT_BENCH_SMOKE === '1';
const ONLY_PACKAGE = process.env.WSJWT_BENCH_ONLY === 'package';
const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const N = SMOKE ? 2_000 : int('WSJWT_BENCH_N', 20_000);
const SIZE = int('WSJWT_BENCH_SIZE', 100);
const ROUNDS = SMOKE ? 1 : int('WSJWT_BENCH_ROUNDS', 7);
const HEAP_N = int('WSJWT_BENCH_HEAP_N', 1_000_000);
const SECRET = 'wsjwt-bench-secret-0123456789abcdef';
const OUT = resolve('.bench');
const DIST = resolve(OUT, 'dist');
const FLOOD_TIMEOUT = 600_000;

// The KB are read as 1,000 bytes (the stricter reading).
const TARGETS = { ratio: 1.25, longTaskExtraMs: 50, initialJsKB: 100, initialCssKB: 15, frameMs: 16.7 };

// ---------------------------------------------------------------- helpers

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const kib = (bytes: number) => bytes / 1024;
const verdict = (ok: boolean) => (SMOKE ? '(smoke: not judged)' : ok ? 'PASS' : 'FAIL');

async function signToken(extra: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ userId: '123', role: 'principal', iat: now, exp: now + 3600, ...extra })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
}

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    // not Linux
  }
  return {
    cpu,
    nproc: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

// ---------------------------------------------------------------- bundle

interface BundleSizes {
  initialJs: number;
  initialCss: number;
  allJs: number;
  files: Array<{ file: string; gzip: number; initial: boolean }>;
}

function bundleSizes(dir: string): BundleSizes {
  const html = readFileSync(resolve(dir, 'index.html'), 'utf8');
  // What the browser must fetch before the app runs: the entry script, modulepreloads and stylesheets.
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string),
  );
  const files = readdirSync(resolve(dir, 'assets'))
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => ({
      file: `assets/${f}`,
      gzip: gzipSync(readFileSync(resolve(dir, 'assets', f)), { level: 9 }).length,
    }))
    .map((f) => ({ ...f, initial: initial.has(f.file) }));
  const sum = (pred: (f: (typeof files)[number]) => boolean) =>
    files.filter(pred).reduce((a, f) => a + f.gzip, 0);
  return {
    initialJs: sum((f) => f.initial && f.file.endsWith('.js')),
    initialCss: sum((f) => f.initial && f.file.endsWith('.css')),
    allJs: sum((f) => f.file.endsWith('.js')),
    files: files.sort((a, b) => b.gzip - a.gzip),
  };
}

// ---------------------------------------------------------------- measurements

interface FloodResult {
  ms: number;
  count: number;
  longestTask: number;
  /** CPU time the page's renderer process used during the flood (all its threads), ms. */
  cpuMs: number;
}

/** Renderer processes' CPU time so far (ms): the same work costs the same CPU on a busy machine. */
async function rendererCpuMs(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ type: string; cpuTime: number }>;
    };
    return processInfo.filter((p) => p.type === 'renderer').reduce((a, p) => a + p.cpuTime * 1000, 0);
  } finally {
    await cdp.detach();
  }
}

async function barePage(browser: Browser, pageUrl: string, floodUrl: string): Promise<FloodResult> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    const cpu0 = await rendererCpuMs(browser);
    const r = await page.evaluate(
      (url) =>
        (
          window as unknown as {
            runFlood(u: string): Promise<{ count: number; ms: number; code: number; t0: number; t1: number }>;
          }
        ).runFlood(url),
      floodUrl,
    );
    const cpuMs = (await rendererCpuMs(browser)) - cpu0;
    if (r.code !== 1000) throw new Error(`bare page: the flood closed with ${r.code}, not 1000`);
    const longestTask = await longestTaskBetween(page, r.t0, r.t1);
    return { ms: r.ms, count: r.count, longestTask, cpuMs };
  } finally {
    await context.close();
  }
}

async function longestTaskBetween(page: Page, t0: number, t1: number): Promise<number> {
  return page.evaluate(
    ([a, b]) =>
      (window as unknown as { __longTasks: Array<[number, number]> }).__longTasks
        .filter(([start, d]) => start + d >= a && start <= b)
        .reduce((m, [, d]) => Math.max(m, d), 0),
    [t0, t1] as const,
  );
}

async function openBare(browser: Browser, bareUrl: string) {
  const context = await browser.newContext();
  await context.addInitScript(CONSOLE_INSTRUMENTATION);
  const page = await context.newPage();
  await page.goto(bareUrl);
  return { context, page };
}

async function openConsole(browser: Browser, consoleUrl: string) {
  const context = await browser.newContext();
  await context.addInitScript(CONSOLE_INSTRUMENTATION);
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await page.getByRole('log', { name: 'Event log' }).waitFor();
  return { context, page };
}

async function consolePage(
  browser: Browser,
  consoleUrl: string,
  token: string,
  floodUrl: string,
  expected: number,
): Promise<FloodResult> {
  const { context, page } = await openConsole(browser, consoleUrl);
  try {
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByLabel('Server URL', { exact: true }).fill(floodUrl);
    await page.evaluate(() => void (window as unknown as { __watchClose(): Promise<number> }).__watchClose());
    const cpu0 = await rendererCpuMs(browser);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    // The page notes the moment itself (MutationObserver); Node only looks twice a second.
    await page.waitForFunction(
      () => (window as unknown as { __bench: { closeAt: number | null } }).__bench.closeAt !== null,
      undefined,
      {
        timeout: FLOOD_TIMEOUT,
        polling: 500,
      },
    );
    const cpuMs = (await rendererCpuMs(browser)) - cpu0;
    const { clickAt, closeAt } = await page.evaluate(
      () => (window as unknown as { __bench: { clickAt: number; closeAt: number } }).__bench,
    );
    const code = await page.locator('[data-event="close"]').getAttribute('data-code');
    if (code !== '1000') throw new Error(`console: the flood closed with ${code}, not 1000`);
    // Every message counted: connecting + open + n messages + close.
    await page.locator(`[data-log-total="${expected + 3}"]`).waitFor({ timeout: 10_000 });
    const longestTask = await longestTaskBetween(page, clickAt, closeAt);
    return { ms: closeAt - clickAt, count: expected, longestTask, cpuMs };
  } finally {
    await context.close();
  }
}

/** Typing in Token and clicking Disconnect while a long flood runs: event durations, time to the close. */
async function responsiveness(browser: Browser, consoleUrl: string, token: string, floodUrl: string) {
  const { context, page } = await openConsole(browser, consoleUrl);
  try {
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByLabel('Server URL', { exact: true }).fill(floodUrl);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-log-total]')?.getAttribute('data-log-total')) > 2000,
      undefined,
      { timeout: 60_000 },
    );
    const t0 = await page.evaluate(() => performance.now());
    await page.getByLabel('Token', { exact: true }).press('End');
    await page.keyboard.type(' typed during the flood', { delay: 20 });
    const total0 = Number(await page.locator('[data-log-total]').getAttribute('data-log-total'));
    const clickAt = await page.evaluate(() => {
      const t = performance.now();
      (window as unknown as { __disconnectAt: number }).__disconnectAt = t;
      return t;
    });
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.locator('[data-event="close"]').waitFor({ timeout: 60_000 });
    const closeSeen = await page.evaluate(() => performance.now());
    const events = await page.evaluate(
      () => (window as unknown as { __events: Array<[string, number, number, number, number]> }).__events,
    );
    const typing = events.filter(
      ([name, start]) => start >= t0 && /^(keydown|keyup|keypress|input|beforeinput)$/.test(name),
    );
    const click = events.filter(
      ([name, start]) =>
        start >= clickAt - 1000 && /^(pointerdown|pointerup|click|mousedown|mouseup)$/.test(name),
    );
    return {
      typedWhileCounting: total0 > 2000,
      worstTypingEventMs: typing.reduce((m, e) => Math.max(m, e[2]), 0),
      worstDisconnectEventMs: click.reduce((m, e) => Math.max(m, e[2]), 0),
      disconnectToCloseMs: closeSeen - clickAt,
      longestTaskMs: await longestTaskBetween(page, t0, closeSeen),
    };
  } finally {
    await context.close();
  }
}

/** Heap (after a forced GC) after `first` messages and after `n` more: flat means the ring holds. */
async function heapRun(
  browser: Browser,
  consoleUrl: string,
  token: string,
  floodUrl: (n: number) => string,
  first: number,
  n: number,
) {
  const { context, page } = await openConsole(browser, consoleUrl);
  try {
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const baseline = await heap();
    await page.getByLabel('Token', { exact: true }).fill(token);
    const flood = async (count: number) => {
      await page.getByLabel('Server URL', { exact: true }).fill(floodUrl(count));
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.locator(`[data-event="close"][data-code="1000"]`).last().waitFor({ timeout: FLOOD_TIMEOUT });
    };
    await flood(first);
    const afterFirst = await heap();
    await page.getByRole('button', { name: 'Clear log', exact: true }).click();
    await flood(n);
    const afterN = await heap();
    const total = Number(await page.locator('[data-log-total]').getAttribute('data-log-total'));
    const kept = Number(await page.locator('[data-log-kept]').getAttribute('data-log-kept'));
    return { baseline, afterFirst, afterN, total, kept };
  } finally {
    await context.close();
  }
}

/** Navigation to interactive (Token + Connect usable) and to every panel loaded, in the page's clock. */
async function loadTimes(browser: Browser, consoleUrl: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(consoleUrl, { waitUntil: 'commit' });
    const interactive = await page.waitForFunction(
      () => {
        const token = document.querySelector('textarea');
        const connect = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Connect' && !b.disabled,
        );
        return token && connect ? performance.now() : 0;
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const complete = await page.waitForFunction(
      () =>
        document.querySelector('[role="log"]') &&
        document.querySelector('[aria-label="Diagnosis"]') &&
        document.querySelector('#composer-message')
          ? performance.now()
          : 0,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    );
    return {
      fcp,
      interactive: (await interactive.jsonValue()) as number,
      complete: (await complete.jsonValue()) as number,
    };
  } finally {
    await context.close();
  }
}

/**
 * A 64 KB token pasted, in a fresh page. `processing`: the input event's dispatch (cleaning, analysis, the
 * Connection URL, diagnosis, the React render and commit of the Token panel); `shown`: until the Payload
 * view holds the new token (a MutationObserver); `painted`: the Event Timing API's duration of that input
 * event, from the event to the next frame painted after it (8 ms granularity; entries under 16 ms are not
 * reported, counted as 16). `first` is the first paste after load (code not yet optimized, the token
 * panels mount); `again` a second, different 64 KB token pasted into the same page (the steady state).
 * `bare`: the same pastes into a plain textarea.
 */
async function bigToken(browser: Browser, url: string, tokens: readonly [string, string], bare = false) {
  const { context, page } = bare ? await openBare(browser, url) : await openConsole(browser, url);
  type Paste = { t0: number; t1: number; shown: number; painted: number };
  const paste = async (token: string, marker: string) => {
    await page.evaluate((m) => {
      const w = window as unknown as { __paste: Paste };
      w.__paste = { t0: 0, t1: 0, shown: 0, painted: 0 };
      // (no named helpers in here: tsx would wrap them in a __name() the page does not have)
      const watch = new MutationObserver(() => {
        const text = document.querySelector('pre[aria-label="Payload JSON"]')?.textContent ?? '';
        if (!w.__paste.shown && w.__paste.t0 && text.includes(m)) {
          w.__paste.shown = performance.now();
          watch.disconnect();
        }
      });
      watch.observe(document.body, { childList: true, subtree: true, characterData: true });
      const timing = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === 'input' && w.__paste.t0 && e.startTime >= w.__paste.t0 - 20) {
            w.__paste.painted = e.duration;
            timing.disconnect();
          }
        }
      });
      timing.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
      document.addEventListener('input', () => (w.__paste.t0 = performance.now()), {
        capture: true,
        once: true,
      });
      window.addEventListener('input', () => (w.__paste.t1 = performance.now()), { once: true });
    }, marker);
    await page.getByLabel('Token', { exact: true }).fill(token);
    if (!bare)
      await page.locator('pre[aria-label="Payload JSON"]', { hasText: marker }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // the Event Timing entry arrives after the paint
    const p = await page.evaluate(() => (window as unknown as { __paste: Paste }).__paste);
    return {
      processingMs: p.t1 - p.t0,
      shownMs: bare ? p.t1 - p.t0 : p.shown - p.t0,
      paintedMs: p.painted || 16, // not reported: under 16 ms
    };
  };
  try {
    // A user pastes seconds after the page opened, not while its lazy panels are still being compiled.
    await page.waitForTimeout(1000);
    const first = await paste(tokens[0], '"blob": "x');
    await page.waitForTimeout(500); // the deferred panels (Encoding lab, lifetime) finish
    const again = await paste(tokens[1], '"blob": "y');
    return { first, again };
  } finally {
    await context.close();
  }
}

/** The core's own work on the token (analysis + Connection URL), in Node's V8: first call and warm. */
function coreAnalysisMs(token: string): { firstMs: number; warmMs: number } {
  const once = () => {
    const t0 = performance.now();
    const a = analyzeToken(token, {
      now: Date.now(),
      leewaySeconds: 0,
      requiredClaims: [...DEFAULT_REQUIRED_CLAIMS],
    });
    buildConnectionUrl({ serverUrl: 'ws://localhost:3000', paramName: 'token', token: a.token });
    return performance.now() - t0;
  };
  const firstMs = once();
  const warm: number[] = [];
  for (let i = 0; i < 9; i++) warm.push(once());
  return { firstMs, warmMs: median(warm) };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const m = machine();
  console.log(
    ONLY_PACKAGE
      ? 'wsjwt bench: the installed package only (WSJWT_BENCH_ONLY=package)'
      : `wsjwt bench${SMOKE ? ' (smoke)' : ''}: ${N.toLocaleString('en')} × ${SIZE} B messages, ${ROUNDS} round(s)`,
  );
  console.log(
    `machine: ${m.cpu}, ${m.nproc} CPU, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, load ${m.load}`,
  );

  mkdirSync(OUT, { recursive: true });
  if (ONLY_PACKAGE) {
    const pkg = measurePackage(await signToken());
    for (const [a, b, c, d] of packageRows(pkg, median, verdict)) console.log(`${a}  ${b}  ${c} ${d}`);
    writeFileSync(
      resolve(OUT, 'results-package.json'),
      `${JSON.stringify({ date: new Date().toISOString(), machine: m, package: pkg }, null, 2)}\n`,
    );
    return;
  }
  await build({ logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
  const bundle = bundleSizes(DIST);

  const server = await createReferenceServer({ port: 0, secret: SECRET, log: () => {} });
  const site = await serveStatic(DIST, { '/__bench/bare.html': BARE_PAGE });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const version = browser.version();
    const token = await signToken();
    const flood = (n: number, size = SIZE) =>
      `${server.url}/fault/flood?token=${encodeURIComponent(token)}&n=${n}&size=${size}`;
    const floodNoToken = (n: number, size = SIZE) => `${server.url}/fault/flood?n=${n}&size=${size}`;
    const consoleUrl = `${site.url}/`;
    const bareUrl = `${site.url}/__bench/bare.html`;

    // Warm-up (not counted): the first socket and the first page of a fresh browser are slower.
    if (!SMOKE) await barePage(browser, bareUrl, flood(Math.min(N, 2000)));

    const bare: FloodResult[] = [];
    const cons: FloodResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? ['bare', 'console'] : ['console', 'bare'];
      for (const which of order) {
        if (which === 'bare') bare.push(await barePage(browser, bareUrl, flood(N)));
        else cons.push(await consolePage(browser, consoleUrl, token, floodNoToken(N), N));
      }
      const b = bare.at(-1) as FloodResult;
      const c = cons.at(-1) as FloodResult;
      console.log(
        `  round ${r + 1}: bare ${fmt(b.ms)} ms, console ${fmt(c.ms)} ms, ratio ${fmt(c.ms / b.ms, 2)}; renderer CPU ${fmt(b.cpuMs)} / ${fmt(c.cpuMs)} ms; load ${os.loadavg()[0]?.toFixed(1)}`,
      );
    }

    const firstLoad = await measureFirstLoad(browser, consoleUrl, DIST);
    const resp = await responsiveness(browser, consoleUrl, token, floodNoToken(2_000_000));
    const REPEAT = SMOKE ? 1 : Math.max(ROUNDS, 3);
    const loads: Array<Awaited<ReturnType<typeof loadTimes>>> = [];
    for (let r = 0; r < REPEAT; r++) loads.push(await loadTimes(browser, consoleUrl));
    // ~64 KB once base64url-encoded; a second, different one for the paste into a page that has shown one
    const bigTokenText = await signToken({ blob: 'x'.repeat(47_000) });
    const bigTokens = [bigTokenText, await signToken({ blob: 'y'.repeat(47_000) })] as const;
    const pastes: Array<Awaited<ReturnType<typeof bigToken>>> = [];
    const barePastes: Array<Awaited<ReturnType<typeof bigToken>>> = [];
    for (let r = 0; r < REPEAT; r++) {
      pastes.push(await bigToken(browser, consoleUrl, bigTokens));
      barePastes.push(await bigToken(browser, bareUrl, bigTokens, true));
    }
    const pkg = measurePackage(token);
    const heap =
      SMOKE || process.env.WSJWT_BENCH_SKIP_HEAP === '1'
        ? null
        : await heapRun(browser, consoleUrl, token, (n) => floodNoToken(n, 16), 100_000, HEAP_N);

    // ------------------------------------------------------------ report
    const bareMs = median(bare.map((x) => x.ms));
    const consMs = median(cons.map((x) => x.ms));
    const ratio = consMs / bareMs;
    const ratios = bare.map((b, i) => (cons[i] as FloodResult).ms / b.ms);
    const bareTask = Math.max(...bare.map((x) => x.longestTask));
    const consTask = Math.max(...cons.map((x) => x.longestTask));
    const rows: Array<[string, string, string, string]> = [];
    const row = (what: string, value: string, target = '', result = '') =>
      rows.push([what, value, target, result]);
    row('bare page: Connect → close (median)', `${fmt(bareMs)} ms (${fmt((N / bareMs) * 1000)} msg/s)`);
    row(
      'console: Connect → close in the log (median)',
      `${fmt(consMs)} ms (${fmt((N / consMs) * 1000)} msg/s)`,
    );
    row(
      'ratio console / bare (median times)',
      fmt(ratio, 2),
      `≤ ${TARGETS.ratio}`,
      verdict(ratio <= TARGETS.ratio),
    );
    row(
      'ratio per round (median, min–max)',
      `${fmt(median(ratios), 2)} (${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)})`,
    );
    const bareCpu = median(bare.map((x) => x.cpuMs));
    const consCpu = median(cons.map((x) => x.cpuMs));
    row(
      'renderer CPU time: bare / console (median)',
      `${fmt(bareCpu)} / ${fmt(consCpu)} ms (×${fmt(consCpu / bareCpu, 2)})`,
    );
    row(
      'longest task: bare / console',
      `${fmt(bareTask)} / ${fmt(consTask)} ms`,
      `console ≤ bare + ${TARGETS.longTaskExtraMs}`,
      verdict(consTask <= bareTask + TARGETS.longTaskExtraMs),
    );
    row(
      'typing in Token during a flood (worst event)',
      `${fmt(resp.worstTypingEventMs)} ms${resp.worstTypingEventMs === 0 ? ' (all < 16 ms)' : ''}`,
    );
    row(
      'Disconnect during a flood: click event / to close in log',
      `${fmt(resp.worstDisconnectEventMs)} ms / ${fmt(resp.disconnectToCloseMs)} ms`,
    );
    row('longest task during typing + Disconnect', `${fmt(resp.longestTaskMs)} ms`);
    if (heap) {
      const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
      row(
        'heap after GC: start / 100k msgs / +1M msgs',
        `${mib(heap.baseline)} / ${mib(heap.afterFirst)} / ${mib(heap.afterN)} MiB (${heap.kept.toLocaleString('en')} kept of ${heap.total.toLocaleString('en')})`,
        'flat',
        verdict(heap.afterN <= heap.afterFirst * 1.25 + 2 * 1024 * 1024),
      );
    } else row('heap after 1M messages', 'skipped');
    row(
      'first visit: JS requested before load (gzip)',
      `${fmt(kib(firstLoad.beforeLoadJs), 1)} KiB (${fmt(firstLoad.beforeLoadJs / 1000, 1)} KB, ${firstLoad.beforeLoadFiles.length} files)`,
      `≤ ${TARGETS.initialJsKB} KB`,
      verdict(firstLoad.beforeLoadJs <= TARGETS.initialJsKB * 1000),
    );
    row(
      '  then within 3 s of load (gzip)',
      `${fmt(kib(firstLoad.afterLoadJs), 1)} KiB (${firstLoad.afterLoadFiles.length} files)`,
    );
    row(
      '  of which index.html names (entry + modulepreload)',
      `${fmt(kib(bundle.initialJs), 1)} KiB (${fmt(bundle.initialJs / 1000, 1)} KB)`,
    );
    row(
      'initial CSS (gzip)',
      `${fmt(kib(bundle.initialCss), 1)} KiB (${fmt(bundle.initialCss / 1000, 1)} KB)`,
      `≤ ${TARGETS.initialCssKB} KB`,
      verdict(bundle.initialCss <= TARGETS.initialCssKB * 1000),
    );
    row('all JS incl. lazy chunks (gzip)', `${fmt(kib(bundle.allJs), 1)} KiB`);
    row(
      'load on loopback: FCP / interactive / all panels (median)',
      `${fmt(median(loads.map((l) => l.fcp)))} / ${fmt(median(loads.map((l) => l.interactive)))} / ${fmt(median(loads.map((l) => l.complete)))} ms`,
    );
    const pasteRow = (
      what: string,
      list: Array<Awaited<ReturnType<typeof bigToken>>>,
      key: 'first' | 'again',
      judged: boolean,
    ) => {
      const shown = median(list.map((p) => p[key].shownMs));
      row(
        what,
        `${fmt(median(list.map((p) => p[key].processingMs)), 1)} / ${fmt(shown, 1)} / ${fmt(median(list.map((p) => p[key].paintedMs)))} ms`,
        judged ? `shown ≤ ${TARGETS.frameMs} ms` : '',
        judged ? verdict(shown <= TARGETS.frameMs) : '',
      );
    };
    pasteRow('64 KB token, first paste: input / shown / painted', pastes, 'first', true);
    pasteRow('64 KB token, next paste: input / shown / painted', pastes, 'again', true);
    const core = coreAnalysisMs(bigTokenText);
    row(
      '  of which the core analysis (Node, same V8): first / warm',
      `${fmt(core.firstMs, 1)} / ${fmt(core.warmMs, 1)} ms`,
    );
    pasteRow('  the same pastes into a bare textarea: first', barePastes, 'first', false);
    pasteRow('  … and next', barePastes, 'again', false);
    rows.push(...packageRows(pkg, median, verdict));

    const w = Math.max(...rows.map((r) => r[0].length));
    const v = Math.max(...rows.map((r) => r[1].length));
    console.log(
      `\nChromium ${version}; ${ROUNDS} round(s); bench took ${fmt((Date.now() - started) / 1000)} s; load now ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    for (const [a, b, c, d] of rows) console.log(`${a.padEnd(w)}  ${b.padEnd(v)}  ${c.padEnd(22)} ${d}`);
    console.log('\nlargest JS chunks (gzip):');
    for (const f of bundle.files.filter((f) => f.file.endsWith('.js')).slice(0, 8))
      console.log(
        `  ${fmt(kib(f.gzip), 1).padStart(6)} KiB  ${f.initial ? 'initial' : 'lazy   '}  ${f.file}`,
      );

    const results = {
      date: new Date().toISOString(),
      smoke: SMOKE,
      n: N,
      size: SIZE,
      rounds: ROUNDS,
      machine: { ...m, chromium: version },
      bare,
      console: cons,
      ratio,
      responsiveness: resp,
      heap,
      bundle,
      firstLoad,
      loads,
      pastes,
      barePastes,
      package: pkg,
    };
    writeFileSync(
      resolve(OUT, SMOKE ? 'results-smoke.json' : 'results.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    await site.close();
    await server.close();
  }
}

try {
  await main();
  process.exit(0);
} catch (err) {
  console.error('bench: broke:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
}
