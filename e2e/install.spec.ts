// The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty prefix,
// then the installed `wsjwt` from an empty directory — `wsjwt open --no-open --port 0` serving a console that
// connects, fails with the x-ray showing the refused upgrade's status and WWW-Authenticate, and `wsjwt
// probe` / `wsjwt serve` from the installed bin. Slow (a real pack and install): one file, generous timeout.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConsolePage, expect, signToken, test } from './support/fixtures.ts';
import { REFUSAL_CHALLENGE, startRefusingServer, type RefusingServer } from './support/refusing-server.ts';

const run = promisify(execFile);
const SECRET = 'install-spec-secret-0123456789abcdef';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let work: string;
let bin: string;
let installedRoot: string;
let installOutput: string;
let packedFiles: string[];
const children: ChildProcess[] = [];

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wsjwt-install-'));
  const prefix = join(work, 'prefix');
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  // prepack builds the console and the Node side into the tarball.
  const packed = await run('npm', ['pack', '--json', '--pack-destination', packDir], {
    maxBuffer: 64 * 1024 * 1024,
  });
  // prepack's build output comes first on stdout; the JSON report is the array after it.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[$/m))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  if (info === undefined) throw new Error('npm pack printed no package');
  packedFiles = info.files.map((f) => f.path);
  const installed = await run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(packDir, info.filename)],
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
  expect(packedFiles).toContain('bin/wsjwt.mjs');
  expect(packedFiles).toContain('lib/wsjwt.mjs');
  expect(packedFiles).toContain('dist/index.html');
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

test('wsjwt --version, and decode from the compiled CLI', async () => {
  expect(await wsjwt(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  const token = await signToken({}, { secret: SECRET });
  const decoded = await wsjwt(['decode', token, '--json']);
  expect(decoded.code).toBe(0);
  expect(JSON.parse(decoded.stdout)).toMatchObject({ status: 'valid', payload: { userId: '123' } });
});

test('wsjwt open from an empty directory: the console connects, and x-rays a refused upgrade', async ({
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
  } finally {
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
