// Promise 1: nothing leaves the browser except to the console's own origin and the target the user chose.
// Every request and every socket the page makes over a full session (and a reload) is recorded.
import { ConsolePage, expect, freePort, test } from './support/fixtures.ts';
import { fullSession } from './support/security.ts';

// A shared, busy machine renders slowly: generous limits (behaviour is asserted, never timing).
test.describe.configure({ timeout: 90_000 });

test('a full session talks only to the console origin and the chosen server', async ({
  page,
  context,
  server,
  baseURL,
}) => {
  test.slow(); // many steps: mint, connect, send, disconnect, a failed connect, a reload
  const seen: Array<{ kind: string; url: string }> = [];
  context.on('request', (r) => seen.push({ kind: `request ${r.resourceType()}`, url: r.url() }));
  page.on('websocket', (ws) => seen.push({ kind: 'websocket', url: ws.url() }));
  context.on('serviceworker', (w) => seen.push({ kind: 'service worker', url: w.url() }));

  const c = new ConsolePage(page);
  await c.goto();
  await fullSession(c, server);
  // The failure path makes requests of its own (reachability check): a server that is not there.
  const nobody = await freePort();
  await c.connectTo(`ws://127.0.0.1:${nobody}`);
  await expect(c.event('close')).toHaveCount(2);
  await page.reload();
  await expect(c.token).toBeVisible();

  const consoleOrigin = new URL(baseURL ?? '').origin;
  const target = new URL(server.httpUrl);
  const allowed = (url: string): boolean => {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return true; // never leaves the browser
    if (u.origin === consoleOrigin) return true;
    return u.hostname === target.hostname && (u.port === target.port || u.port === String(nobody));
  };
  const foreign = seen.filter((s) => !allowed(s.url));
  expect(foreign, `requests to foreign origins: ${JSON.stringify(foreign, null, 2)}`).toEqual([]);

  // The session really used both allowed destinations.
  expect(seen.some((s) => s.kind === 'websocket' && s.url.startsWith(server.url))).toBe(true);
  expect(seen.some((s) => s.url === `${server.httpUrl}/health`)).toBe(true);
  expect(seen.some((s) => new URL(s.url).origin === consoleOrigin)).toBe(true);
  console.log(
    `egress: ${seen.length} requests/sockets, origins: ${[...new Set(seen.map((s) => new URL(s.url).origin))].join(', ')}`,
  );
});

test('the built console references no third-party host: no fonts, analytics, CDNs or jwt.io', async ({
  request,
}) => {
  const html = await (await request.get('/')).text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
  for (const a of assets) expect(a.startsWith('/'), `asset ${a} is served by the console itself`).toBe(true);
  for (const a of assets.filter((x) => /\.(js|css)$/.test(x))) {
    const body = await (await request.get(a)).text();
    expect(body).not.toMatch(
      /fonts\.googleapis|fonts\.gstatic|googletagmanager|google-analytics|segment\.(io|com)|sentry\.io|cdn\.jsdelivr|unpkg\.com|cdnjs|jwt\.io\//i,
    );
    if (a.endsWith('.css')) expect(body).not.toMatch(/@import\s+url\(\s*["']?https?:|url\(\s*["']?https?:/i);
  }
});
