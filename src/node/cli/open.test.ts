import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleServer } from '../console-server/console-server.ts';
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp/policy.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';
import { browserCommand, browserDecision } from './open-browser.ts';
import { consoleUrl, EXIT_PORT_IN_USE, isLoopbackBindHost, runOpen } from './open.ts';

// An installed package's layout: package.json named wsjwt and the built console in dist/ (no sources, so
// nothing is rebuilt).
let root: string;
const servers: ConsoleServer[] = [];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wsjwt-open-'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'package.json'), '{"name":"wsjwt","version":"0.1.0"}');
  writeFileSync(
    join(root, 'dist', 'index.html'),
    '<!doctype html><html><head><title>wsjwt</title></head></html>',
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function open(argv: string[], env: Record<string, string> = {}) {
  const fake = fakeIo({ env });
  const opened: string[] = [];
  const result = await runOpen(argv, fake.io, {
    root,
    openBrowser: (url) => opened.push(url),
    platform: 'linux',
  });
  if (typeof result !== 'number') servers.push(result);
  return { result, opened, stdout: fake.stdout(), stderr: fake.stderr() };
}

describe('wsjwt open', () => {
  it('--port 0: prints the real port, serves the console with its CSP', async () => {
    const r = await open(['--port', '0', '--no-open']);
    if (typeof r.result === 'number') throw new Error(`exit ${r.result}: ${r.stderr}`);
    expect(r.stdout).toBe(`wsjwt console: http://127.0.0.1:${r.result.port}/\n`);
    expect(r.result.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${r.result.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(await res.text()).toContain('<title>wsjwt</title>');
    expect(r.opened).toEqual([]);
  });

  it('--server-url travels as the deep link ?url=…, and the browser opens that URL when there is a display', async () => {
    const r = await open(['--port=0', '--server-url', 'ws://localhost:3000/chat?room=1'], { DISPLAY: ':0' });
    if (typeof r.result === 'number') throw new Error(`exit ${r.result}`);
    const url = `http://127.0.0.1:${r.result.port}/?url=${encodeURIComponent('ws://localhost:3000/chat?room=1')}`;
    expect(r.stdout).toBe(`wsjwt console: ${url}\n`);
    expect(r.opened).toEqual([url]);
  });

  it('port taken: one line on stderr, nothing on stdout, exit 3', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as AddressInfo;
    try {
      const r = await open(['--port', String(port), '--no-open']);
      expect(r.result).toBe(EXIT_PORT_IN_USE);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `wsjwt open: port ${port} is already in use — use --port N for another one (--port 0: any free port)\n`,
      );
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });

  it('a package without its built console: says so, exit 1', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'wsjwt-open-empty-'));
    writeFileSync(join(empty, 'package.json'), '{"name":"wsjwt"}');
    try {
      const fake = fakeIo();
      expect(await runOpen(['--port', '0', '--no-open'], fake.io, { root: empty })).toBe(1);
      expect(fake.stderr()).toMatch(/^wsjwt open: no built console in .*dist \(the package is incomplete/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  const usage: Array<[string[], RegExp]> = [
    [['--host', '0.0.0.0'], /--host 0\.0\.0\.0 is not a loopback address: .*--allow-remote/],
    [['--host', '192.168.1.20'], /is not a loopback address/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535, not "70000"/],
    [['--port', 'x'], /--port must be a whole number/],
    [
      ['--server-url', 'ftp://x'],
      /--server-url must be ws:\/\/, wss:\/\/, http:\/\/ or https:\/\/, not ftp:\/\//,
    ],
    [['--server-url', 'not a url'], /--server-url "not a url" is not a URL/],
    [['ws://localhost:3000'], /open takes no arguments/],
    [['--open-now'], /unknown option --open-now/],
  ];
  for (const [argv, message] of usage) {
    it(`bad usage ${argv.join(' ')}: one line, exit 2`, async () => {
      const fake = fakeIo();
      expect(await main(['open', ...argv], fake.io)).toBe(2);
      expect(fake.stderr()).toMatch(message);
      expect(fake.stderr().trim().split('\n')).toHaveLength(1);
      expect(fake.stdout()).toBe('');
    });
  }

  it('--help and wsjwt help open print the usage', async () => {
    for (const argv of [
      ['open', '--help'],
      ['help', 'open'],
    ]) {
      const fake = fakeIo();
      expect(await main(argv, fake.io)).toBe(0);
      expect(fake.stdout()).toMatch(/^Usage: wsjwt open \[options\]/);
    }
  });
});

describe('the console URL and the browser', () => {
  it('prints the address a browser on this machine opens', () => {
    expect(consoleUrl('127.0.0.1', 5173)).toBe('http://127.0.0.1:5173/');
    expect(consoleUrl('localhost', 5173)).toBe('http://localhost:5173/');
    expect(consoleUrl('::1', 5173)).toBe('http://[::1]:5173/');
    expect(consoleUrl('0.0.0.0', 80)).toBe('http://127.0.0.1:80/');
    expect(consoleUrl('::', 80)).toBe('http://[::1]:80/');
    expect(consoleUrl('127.0.0.1', 1, 'ws://h:3000/?a=1&b=2')).toBe(
      'http://127.0.0.1:1/?url=ws%3A%2F%2Fh%3A3000%2F%3Fa%3D1%26b%3D2',
    );
  });

  it('loopback is 127/8, ::1 and localhost', () => {
    for (const h of ['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost', 'LOCALHOST'])
      expect(isLoopbackBindHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '127.0.0.1.nip.io'])
      expect(isLoopbackBindHost(h), h).toBe(false);
  });

  it('opens a browser unless --no-open, CI, or no display', () => {
    expect(browserDecision(true, { DISPLAY: ':0' }, 'linux')).toEqual({ open: false, why: '--no-open' });
    expect(browserDecision(false, { CI: 'true', DISPLAY: ':0' }, 'linux')).toEqual({
      open: false,
      why: 'CI is set',
    });
    expect(browserDecision(false, { CI: '1' }, 'darwin')).toMatchObject({ open: false });
    expect(browserDecision(false, {}, 'linux')).toEqual({ open: false, why: 'no display' });
    expect(browserDecision(false, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({ open: true });
    expect(browserDecision(false, { CI: 'false', DISPLAY: ':0' }, 'linux')).toEqual({ open: true });
    expect(browserDecision(false, {}, 'darwin')).toEqual({ open: true });
    expect(browserDecision(false, {}, 'win32')).toEqual({ open: true });
  });

  it("uses the platform's own opener", () => {
    expect(browserCommand('http://x/', 'darwin')).toEqual({ command: 'open', args: ['http://x/'] });
    expect(browserCommand('http://x/', 'win32')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'http://x/'],
    });
    expect(browserCommand('http://x/', 'linux')).toEqual({ command: 'xdg-open', args: ['http://x/'] });
  });
});
