// The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty prefix,
// then the installed `wsjwt` from an empty directory — `wsjwt open --no-open --port 0` serving a console that
// connects, fails with the x-ray showing the refused upgrade's status and WWW-Authenticate, relays a socket
// with the Authorization header, and `wsjwt probe` / `wsjwt serve` from the installed bin. Slow (a real pack and install): one file, generous timeout.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packFromCopy } from '../scripts/pack-copy.mjs';
import { ConsolePage, expect, signToken, test } from './support/fixtures.ts';
import { closeAll, GOOD_TOKEN, startUpstream } from '../src/node/relay/relay.test-helpers.ts';
import { REFUSAL_CHALLENGE, startRefusingServer, type RefusingServer } from './support/refusing-server.ts';
import { control, runRelay } from './support/relay-page.ts';

const run = promisify(execFile);
const SECRET = 'install-spec-secret-0123456789abcdef';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let work: string;
let bin: string;
let installedRoot: string;
let installOutput: string;
let packedFiles: string[];
let checkoutBuilds: { before: Array<number | null>; after: Array<number | null> };
const children: ChildProcess[] = [];

const CHECKOUT = fileURLToPath(new URL('../', import.meta.url));

/** When this checkout's own builds (dist/, lib/) last changed; null when there is none. */
function builtAt(): Array<number | null> {
  return ['dist', 'lib'].map((dir) => {
    const path = join(CHECKOUT, dir);
    return existsSync(path) ? statSync(path).mtimeMs : null;
  });
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wsjwt-install-'));
  const prefix = join(work, 'prefix');
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  // prepack builds the console and the Node side into the tarball — in a copy of the repository, so this
  // checkout's own dist/ and lib/ are left as they are.
  const before = builtAt();
  const packed = packFromCopy(packDir);
  checkoutBuilds = { before, after: builtAt() };
  packedFiles = packed.files;
  const installed = await run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', packed.tarball],
    { cwd: work },
  );
  installOutput = `${installed.stdout}\n${installed.stderr}`;
  bin = join(prefix, 'bin', 'wsjwt');
  installedRoot = join(prefix, 'lib', 'node_modules', 'wsjwt');
});

test.afterAll(() => {
  for (const child of children) child.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Starts the installed bin from an empty directory; resolves with the first stdout line matching `line`. */
async function startInstalled(args: string[], line: RegExp): Promise<RegExpExecArray> {
  const cwd = mkdtempSync(join(work, 'cwd-'));
  const child = spawn(bin, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const match = line.exec(out);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`wsjwt ${args.join(' ')} exited ${code}: ${out}${err}`)));
  });
}

/** Runs the installed bin to its end. */
async function wsjwt(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(bin, args, { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

test('the tarball ships only what runs; the install has no install scripts and no warning about them', () => {
  expect(packedFiles).toContain('bin/wsjwt.cjs');
  expect(packedFiles).toContain('lib/wsjwt.cjs');
  expect(packedFiles).toContain('dist/index.html');
  expect(packedFiles).toContain('LICENSE');
  expect(packedFiles.filter((f) => /^(src|e2e|bench|scripts|node_modules)\//.test(f))).toEqual([]);
  expect(installOutput).not.toMatch(/install-scripts|postinstall|gyp/i);
  const manifest = JSON.parse(readFileSync(join(installedRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  expect(Object.keys(manifest.dependencies).sort()).toEqual(['jose', 'ws']);
  // Every package in the installed tree: none runs a script at install time.
  const modules = join(installedRoot, 'node_modules');
  const names = readdirSync(modules).flatMap((n) =>
    n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : n.startsWith('.') ? [] : [n],
  );
  expect(names.sort()).toEqual(['jose', 'ws']);
  for (const dir of [installedRoot, ...names.map((n) => join(modules, n))]) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    for (const hook of ['preinstall', 'install', 'postinstall'])
      expect(pkg.scripts?.[hook], `${dir} ${hook}`).toBeUndefined();
  }
  expect(existsSync(join(installedRoot, 'src'))).toBe(false);
});

test("packing builds in a copy: this checkout's own dist/ and lib/ are left as they were", () => {
  expect(checkoutBuilds.after).toEqual(checkoutBuilds.before);
});

test('wsjwt --version, and decode from the compiled CLI', async () => {
  expect(await wsjwt(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  const token = await signToken({}, { secret: SECRET });
  const decoded = await wsjwt(['decode', token, '--json']);
  expect(decoded.code).toBe(0);
  expect(JSON.parse(decoded.stdout)).toMatchObject({ status: 'valid', payload: { userId: '123' } });
});

test('a cold decode reads two files, synchronously: no other chunk, no jose or ws, no ES module loader', async () => {
  // What keeps a cold `wsjwt decode` short (BENCHMARKS.md). Node's module debug log names every file it
  // loads: CommonJS ("MODULE … load") and any ES module ("ESM …").
  const token = await signToken({}, { secret: SECRET });
  const traced = await run(bin, ['decode', token], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1', NODE_DEBUG: 'module,esm' },
  });
  // (the log colors the pid when FORCE_COLOR is set, as under Playwright)
  // eslint-disable-next-line no-control-regex
  const log = traced.stderr.replace(/\u001b\[\d+m/g, '');
  const loaded = [...log.matchAll(/^MODULE \d+: load "([^"]+)"/gm)].map((m) => m[1]);
  expect(loaded).toEqual([join(installedRoot, 'bin', 'wsjwt.cjs'), join(installedRoot, 'lib', 'wsjwt.cjs')]);
  expect(log).not.toMatch(/^ESM \d+:/m);
});

test('wsjwt open from an empty directory: the console connects, x-rays a refused upgrade and relays headers', async ({
  page,
}) => {
  const [, consoleUrl] = await startInstalled(
    ['open', '--no-open', '--port', '0'],
    /wsjwt console: (http:\/\/\S+)\n/,
  );
  expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const [, serverUrl] = await startInstalled(
    ['serve', '--port', '0', '--secret', SECRET],
    /reference server on (ws:\/\/127\.0\.0\.1:\d+)\//,
  );
  const refusing: RefusingServer = await startRefusingServer();
  try {
    const res = await page.goto(consoleUrl ?? '');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const c = new ConsolePage(page);
    await expect(page.locator('[data-xray="on"]')).toBeVisible();
    await c.token.fill(await signToken({}, { secret: SECRET }));
    await c.connectTo(serverUrl ?? '');
    await expect(c.event('open')).toBeVisible();
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(c.event('close')).toBeVisible();
    await page.getByRole('button', { name: 'Clear log', exact: true }).click();

    await c.connectTo(refusing.url);
    const xray = c.event('unexpected-response');
    await expect(xray).toContainText('HTTP 401');
    await expect(xray).toContainText(`WWW-Authenticate: ${REFUSAL_CHALLENGE}`);
    await expect(c.diagnosis.locator('[data-cause]').first()).toHaveAttribute(
      'data-cause',
      'handshake-rejected',
    );

    // The installed package's relay: the page reaches a header-only server with Authorization: Bearer,
    // and gets the refusing server's 401 relayed with its WWW-Authenticate.
    const headerOnly = await startUpstream();
    const relayed = await runRelay(page, {
      connect: { url: headerOnly.url, headers: { Authorization: `Bearer ${GOOD_TOKEN}` } },
      send: 'through the installed relay',
    });
    expect(control(relayed)).toMatchObject({ type: 'upstream-open' });
    expect(relayed.messages[1]).toBe('through the installed relay');
    expect(headerOnly.upgrades[0]?.headers.authorization).toBe(`Bearer ${GOOD_TOKEN}`);
    const refusedRelay = await runRelay(page, { connect: { url: refusing.url } });
    expect(control(refusedRelay)).toMatchObject({
      type: 'upstream-refused',
      status: 401,
      headers: { 'www-authenticate': REFUSAL_CHALLENGE },
    });
  } finally {
    await closeAll();
    await refusing.close();
  }
});

test('wsjwt probe from the installed bin: the refused upgrade with its status and WWW-Authenticate', async () => {
  const refusing = await startRefusingServer();
  try {
    const token = await signToken({}, { secret: SECRET });
    const r = await wsjwt(['probe', refusing.url, '--token', token, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      events: Array<{ type: string; status?: number; headers?: Record<string, string> }>;
      diagnosis: Array<{ cause: string }>;
    };
    const refusal = json.events.find((e) => e.type === 'unexpected-response');
    expect(refusal?.status).toBe(401);
    expect(refusal?.headers?.['www-authenticate']).toBe(REFUSAL_CHALLENGE);
    expect(json.diagnosis[0]?.cause).toBe('handshake-rejected');
  } finally {
    await refusing.close();
  }
});
