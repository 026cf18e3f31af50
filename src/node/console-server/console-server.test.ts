import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp/policy.ts';
import { SESSION_HEADER } from '../guard/local-request.ts';
import {
  closeAll,
  connectMessage,
  GOOD_TOKEN,
  onceOpen,
  openPage,
  record,
  startUpstream,
  upgradeOutcome,
} from '../relay/relay.test-helpers.ts';
import type { RelayUnderTest } from '../relay/relay.test-helpers.ts';
import { XRAY_PATH } from '../xray/handler.ts';
import { resolveConsoleFile, startConsoleServer } from './console-server.ts';
import type { ConsoleServer } from './console-server.ts';

let dist: string;
const servers: ConsoleServer[] = [];

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'wsjwt-console-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>wsjwt</title>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(dist, '..', 'wsjwt-console-secret.txt'), 'outside');
});
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(join(dist, '..', 'wsjwt-console-secret.txt'), { force: true });
});
afterEach(async () => {
  await closeAll();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(): Promise<ConsoleServer> {
  const server = await startConsoleServer({ port: 0, distDir: dist });
  servers.push(server);
  return server;
}

/** A raw request: the path goes out exactly as written (fetch would normalise "/../"). */
function raw(
  port: number,
  path: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startConsoleServer', () => {
  it('serves the built console on loopback with the CSP (frame-ancestors included), nosniff and no-referrer', async () => {
    const server = await start();
    expect(server.url).toBe(`http://localhost:${server.port}`);
    for (const path of ['/', '/assets/index-abc.js', '/nope', '/../wsjwt-console-secret.txt']) {
      const res = await raw(server.port, path);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    const index = await raw(server.port, '/?url=ws%3A%2F%2Flocalhost%3A3000');
    expect(index).toMatchObject({
      status: 200,
      body: `<!doctype html><title>wsjwt</title><meta name="wsjwt-session" content="${server.sessionToken}">`,
    });
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    // It holds this launch's session token: never stored.
    expect(index.headers['cache-control']).toBe('no-store');
    const asset = await raw(server.port, '/assets/index-abc.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('serves nothing outside distDir: traversal, encoded traversal, NUL, directories, other methods', async () => {
    const server = await start();
    for (const path of [
      '/../wsjwt-console-secret.txt',
      '/%2e%2e/wsjwt-console-secret.txt',
      '/a%00b',
      '/%2e%2e%2fwsjwt-console-secret.txt',
      '/assets',
      '/%E0%A4%A',
    ])
      expect((await raw(server.port, path)).status).toBe(404);
    expect((await raw(server.port, '/', { method: 'POST' })).status).toBe(405);
    const head = await raw(server.port, '/', { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '' });
    // The URL parser drops "/../"; an encoded slash survives it and is caught after decoding.
    expect(resolveConsoleFile('/srv/dist', '/../etc/passwd')).toBe('/srv/dist/etc/passwd');
    expect(resolveConsoleFile('/srv/dist', '/%2e%2e%2fetc/passwd')).toBeNull();
    expect(resolveConsoleFile('/srv/dist', '/..%5cetc')).toBeNull();
    expect(resolveConsoleFile('/srv/dist', '/')).toBe('/srv/dist/index.html');
  });

  it('a new session token at every start, 256 random bits', async () => {
    const [a, b] = [await start(), await start()];
    expect(a.sessionToken).toMatch(/^[\w-]{43}$/);
    expect(b.sessionToken).not.toBe(a.sessionToken);
  });

  it('answers nothing to a Host it does not serve (DNS rebinding): not the page, not the x-ray', async () => {
    const server = await start();
    for (const path of ['/', '/index.html', '/assets/index-abc.js', XRAY_PATH]) {
      const res = await raw(server.port, path, { headers: { Host: `rebind.example:${server.port}` } });
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain(server.sessionToken);
    }
    expect((await raw(server.port, '/', { headers: { Host: `127.0.0.1:${server.port}` } })).status).toBe(200);
  });

  it('carries the handshake x-ray, for the console’s own page only', async () => {
    const server = await start();
    const own = {
      Host: `localhost:${server.port}`,
      Origin: `http://localhost:${server.port}`,
      [SESSION_HEADER]: server.sessionToken,
    };
    const ok = await raw(server.port, XRAY_PATH, { headers: own });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ available: true });
    expect(ok.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    const foreign = await raw(server.port, XRAY_PATH, { headers: { ...own, Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const { [SESSION_HEADER]: _dropped, ...withoutToken } = own;
    expect((await raw(server.port, XRAY_PATH, { headers: withoutToken })).status).toBe(403);
  });
});

describe('the console server: the relay', () => {
  const asRelay = (s: ConsoleServer): RelayUnderTest =>
    ({
      port: s.port,
      token: s.sessionToken,
      url: `ws://localhost:${s.port}/__wsjwt/relay`,
      origin: `http://localhost:${s.port}`,
    }) as RelayUnderTest;

  it('relays the console page to a header-only upstream, and refuses a page without the token', async () => {
    const server = await start();
    const upstream = await startUpstream();
    expect(await upgradeOutcome(openPage({ ...asRelay(server), token: 'guessed' }))).toMatchObject({
      status: 403,
      body: expect.stringMatching(/session token/),
    });
    // The console's CSP lets its page reach the relay (a ws: URL on its own origin).
    expect(CONTENT_SECURITY_POLICY_HEADER).toMatch(/connect-src [^;]*\bws:/);
    const page = openPage(asRelay(server));
    const log = record(page);
    await onceOpen(page);
    page.send(connectMessage(upstream.url, { Authorization: `Bearer ${GOOD_TOKEN}` }));
    expect((await log.next()).json).toMatchObject({ type: 'upstream-open' });
    expect(upstream.upgrades[0]?.headers.authorization).toBe(`Bearer ${GOOD_TOKEN}`);
    // Shutting the server down ends the relayed connection too.
    await server.close();
    expect((await log.closed).code).toBe(1006);
  });

  it('answers a plain GET of the relay path with 426, and other upgrades with 404', async () => {
    const server = await start();
    const get = await raw(server.port, '/__wsjwt/relay', { headers: { Host: `localhost:${server.port}` } });
    expect(get.status).toBe(426);
    const elsewhere = new WebSocket(`ws://127.0.0.1:${server.port}/socket`, {
      headers: { Host: `localhost:${server.port}` },
    });
    expect(await upgradeOutcome(elsewhere)).toMatchObject({ opened: false, status: 404 });
  });
});
