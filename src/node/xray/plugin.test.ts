import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, preview } from 'vite';
import type { PreviewServer, ViteDevServer } from 'vite';
import viteConfig from '../../../vite.config.ts';
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
import { XRAY_PATH, xrayPlugin } from './plugin.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await closeAll();
  await Promise.all(closers.splice(0).map((close) => close()));
});

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function address(server: ViteDevServer | PreviewServer): { port: number; host: string } {
  const a = server.httpServer?.address();
  if (a === null || a === undefined || typeof a === 'string') throw new Error('no address');
  return { port: a.port, host: a.address };
}

/** The session token the served index.html holds (a <meta> tag), as the console reads it. */
async function servedToken(port: number): Promise<string> {
  const page = await get(`http://127.0.0.1:${port}/`, { Host: `localhost:${port}`, Accept: 'text/html' });
  expect(page.status).toBe(200);
  const token = /<meta name="wsjwt-session" content="([\w-]{43})">/.exec(page.body)?.[1];
  if (token === undefined) throw new Error(`no session token in ${page.body}`);
  return token;
}

async function checkServes(port: number): Promise<void> {
  const token = await servedToken(port);
  const own = { Host: `localhost:${port}`, Origin: `http://localhost:${port}`, [SESSION_HEADER]: token };
  const ok = await get(`http://127.0.0.1:${port}${XRAY_PATH}`, own);
  expect(ok.status).toBe(200);
  const { [SESSION_HEADER]: _dropped, ...withoutToken } = own;
  expect((await get(`http://127.0.0.1:${port}${XRAY_PATH}`, withoutToken)).status).toBe(403);
  expect(JSON.parse(ok.body)).toMatchObject({ available: true });
  const foreign = await get(`http://127.0.0.1:${port}${XRAY_PATH}`, {
    ...own,
    Origin: 'https://evil.example',
  });
  expect(foreign.status).toBe(403);
  await checkRelays(port, token);
}

/** The relay answers the page holding the served token, and no one else. */
async function checkRelays(port: number, token: string): Promise<void> {
  const relay = {
    port,
    token,
    url: `ws://localhost:${port}/__wsjwt/relay`,
    origin: `http://localhost:${port}`,
  } as RelayUnderTest;
  const refused = await upgradeOutcome(openPage({ ...relay, token: 'guessed' }));
  expect(refused).toMatchObject({ opened: false, status: 403 });
  const upstream = await startUpstream();
  const page = openPage(relay);
  const log = record(page);
  await onceOpen(page);
  page.send(connectMessage(upstream.url, { Authorization: `Bearer ${GOOD_TOKEN}` }));
  expect((await log.next()).json).toMatchObject({ type: 'upstream-open', protocol: 'chat.v1' });
  expect((await get(`http://127.0.0.1:${port}/__wsjwt/relay`, { Host: `localhost:${port}` })).status).toBe(
    426,
  );
}

describe('xrayPlugin', () => {
  it('is in vite.config.ts, whose dev and preview servers bind to loopback only', () => {
    const names = (viteConfig.plugins ?? [])
      .flat()
      .map((p) => (p !== null && typeof p === 'object' && 'name' in p ? p.name : undefined));
    expect(names).toContain('wsjwt-xray');
    expect(['localhost', '127.0.0.1', '::1']).toContain(viteConfig.server?.host);
    expect(['localhost', '127.0.0.1', '::1']).toContain(viteConfig.preview?.host);
  });

  it('never puts a token into a build (only the dev server injects one, per start)', () => {
    const hook = xrayPlugin().transformIndexHtml as { handler: (html: string, ctx: object) => unknown };
    expect(hook.handler('<html></html>', { path: '/index.html', filename: 'index.html' })).toEqual([]);
  });

  it('serves the x-ray under a real Vite dev server', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wsjwt-xray-dev-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    const server = await createServer({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [xrayPlugin()],
      server: { host: '127.0.0.1', port: 0, hmr: false, ws: false },
    });
    await server.listen();
    closers.push(async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    });
    const { port, host } = address(server);
    expect(host).toBe('127.0.0.1');
    await checkServes(port);
  });

  it('serves the x-ray under a real Vite preview server', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wsjwt-xray-preview-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    const server = await preview({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [xrayPlugin()],
      build: { outDir: root },
      preview: { host: '127.0.0.1', port: 0 },
    });
    closers.push(async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    });
    const { port, host } = address(server);
    expect(host).toBe('127.0.0.1');
    await checkServes(port);
  });
});
