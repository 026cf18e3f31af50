import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProbeOptions, ProbeResult } from '../handshake/probe.ts';
import type { DiscoverOptions } from '../handshake/discover.ts';
import type { TravelDiscovery } from '../../core/travel/discovery-read.ts';
import { createReferenceServer } from '../server/reference-server.ts';
import { SESSION_HEADER } from '../guard/local-request.ts';
import { createXrayMiddleware, XRAY_MAX_REQUEST_BYTES, XRAY_PATH } from './handler.ts';
import type { XrayHandlerOptions } from './handler.ts';

const SESSION = 'handler-test-session-token';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A plain node:http server running the middleware (404 for everything else), on port 0. */
async function xrayServer(options: XrayHandlerOptions = {}, host = '127.0.0.1'): Promise<number> {
  const middleware = createXrayMiddleware({ sessionToken: SESSION }, options);
  const server: Server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(404);
      res.end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

function call(
  port: number,
  opts: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    address?: string;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.address ?? '127.0.0.1',
        port,
        method: opts.method ?? 'POST',
        path: opts.path ?? XRAY_PATH,
        headers: opts.headers ?? {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const own = (port: number, extra: Record<string, string> = {}): Record<string, string> => ({
  Host: `localhost:${port}`,
  Origin: `http://localhost:${port}`,
  'Content-Type': 'application/json',
  [SESSION_HEADER]: SESSION,
  ...extra,
});

async function referenceServer(): Promise<string> {
  const server = await createReferenceServer({ port: 0, secret: 'xray-test', log: () => undefined });
  closers.push(() => server.close());
  return server.url;
}

describe('x-ray endpoint', () => {
  it('GET answers { available: true } to the console', async () => {
    const port = await xrayServer();
    const r = await call(port, { method: 'GET', headers: own(port) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ available: true, maxTimeoutMs: 10_000 });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('without the session token of this launch: 403 for GET and POST, and no probe runs', async () => {
    const probe = vi.fn<(o: ProbeOptions) => Promise<ProbeResult>>();
    const port = await xrayServer({ probe });
    const { [SESSION_HEADER]: _dropped, ...withoutToken } = own(port);
    for (const headers of [withoutToken, { ...withoutToken, [SESSION_HEADER]: 'a-guessed-token' }]) {
      const get = await call(port, { method: 'GET', headers });
      expect(get.status).toBe(403);
      expect(String(get.body.error)).toMatch(/session token/);
      const post = await call(port, { headers, body: JSON.stringify({ url: 'ws://127.0.0.1:1' }) });
      expect(post.status).toBe(403);
    }
    expect(probe).not.toHaveBeenCalled();
  });

  it('POST against a server that refuses with 401: status, WWW-Authenticate and body in the answer', async () => {
    const port = await xrayServer();
    const target = await referenceServer();
    const r = await call(port, {
      headers: own(port),
      body: JSON.stringify({ url: `${target}/fault/reject-401?token=abc.def.ghi` }),
    });
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('rejected');
    expect(r.body.xray).toMatchObject({
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'www-authenticate': 'Bearer realm="wsjwt", error="invalid_token"' },
    });
    expect((r.body.xray as { body: string }).body).toContain('invalid_token');
    const events = r.body.events as Array<{ type: string; status?: number }>;
    expect(events.find((e) => e.type === 'unexpected-response')?.status).toBe(401);
    expect(r.body.durationMs).toBeTypeOf('number');
  });

  it("sends the console's Origin with the upgrade, as the browser does", async () => {
    const seen: ProbeOptions[] = [];
    const port = await xrayServer({
      probe: (options) => {
        seen.push(options);
        return Promise.resolve({
          events: [],
          steps: [],
          timings: {},
          outcome: 'failed',
          droppedMessages: 0,
          bodyTruncated: false,
          closedByProbe: false,
          durationMs: 0,
        });
      },
    });
    const r = await call(port, {
      headers: own(port),
      body: JSON.stringify({
        url: 'ws://127.0.0.1:1/?token=t',
        protocols: ['graphql-transport-ws'],
        timeoutMs: 60_000,
      }),
    });
    expect(r.status).toBe(200);
    expect(seen[0]).toMatchObject({
      url: 'ws://127.0.0.1:1/?token=t',
      headers: { Origin: `http://localhost:${port}` },
      protocols: ['graphql-transport-ws'],
      timeoutMs: 10_000,
    });
  });

  it('a non-ws target is refused with 400', async () => {
    const port = await xrayServer();
    for (const url of ['http://127.0.0.1:3000/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const r = await call(port, { headers: own(port), body: JSON.stringify({ url }) });
      expect(r.status, url).toBe(400);
      expect(r.body.error).toBeTypeOf('string');
    }
  });

  it('a bad body is refused with 400: not JSON, no url, bad protocols', async () => {
    const port = await xrayServer();
    expect((await call(port, { headers: own(port), body: '{nope' })).status).toBe(400);
    expect((await call(port, { headers: own(port), body: '{}' })).status).toBe(400);
    expect(
      (
        await call(port, {
          headers: own(port),
          body: JSON.stringify({ url: 'ws://localhost:1', protocols: ['a b'] }),
        })
      ).status,
    ).toBe(400);
  });

  it('a foreign Origin gets 403 and no probe runs', async () => {
    const probe = vi.fn<(o: ProbeOptions) => Promise<ProbeResult>>();
    const port = await xrayServer({ probe });
    const r = await call(port, {
      headers: own(port, { Origin: 'https://evil.example' }),
      body: JSON.stringify({ url: 'ws://127.0.0.1:1/' }),
    });
    expect(r.status).toBe(403);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(probe).not.toHaveBeenCalled();
  });

  it('DNS rebinding (Host and Origin both the attacker name) gets 403', async () => {
    const port = await xrayServer();
    const r = await call(port, {
      headers: own(port, { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` }),
      body: JSON.stringify({ url: 'ws://127.0.0.1:1/' }),
    });
    expect(r.status).toBe(403);
  });

  it('a body over 64 KB gets 413, declared or streamed', async () => {
    const port = await xrayServer();
    const big = JSON.stringify({ url: 'ws://127.0.0.1:1/', pad: 'x'.repeat(XRAY_MAX_REQUEST_BYTES) });
    expect((await call(port, { headers: own(port), body: big })).status).toBe(413);
    // Chunked, without Content-Length: counted as it arrives.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: XRAY_PATH,
          headers: { ...own(port), 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(10_000));
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('415 without a JSON content type, 405 for other methods', async () => {
    const port = await xrayServer();
    expect(
      (await call(port, { headers: own(port, { 'Content-Type': 'text/plain' }), body: '{"url":"ws://a"}' }))
        .status,
    ).toBe(415);
    const put = await call(port, { method: 'PUT', headers: own(port), body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST');
  });

  it('other paths go to the next middleware', async () => {
    const port = await xrayServer();
    const r = await call(port, { method: 'GET', path: '/index.html', headers: own(port) });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ text: 'next' });
  });

  it('at most 4 x-rays at a time (429 beyond), and a client that leaves aborts its probe', async () => {
    const release: Array<() => void> = [];
    const aborted: boolean[] = [];
    const port = await xrayServer({
      probe: (options) =>
        new Promise<ProbeResult>((resolve) => {
          const done = (): void =>
            resolve({
              events: [],
              steps: [],
              timings: {},
              outcome: 'failed',
              droppedMessages: 0,
              bodyTruncated: false,
              closedByProbe: false,
              durationMs: 1,
            });
          release.push(done);
          options.signal?.addEventListener('abort', () => {
            aborted.push(true);
            done();
          });
        }),
    });
    const body = JSON.stringify({ url: 'ws://127.0.0.1:1/' });
    const pending = [1, 2, 3, 4].map(() => call(port, { headers: own(port), body }));
    await vi.waitFor(() => expect(release).toHaveLength(4));
    expect((await call(port, { headers: own(port), body })).status).toBe(429);
    for (const done of release) done();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200, 200]);

    // A client that goes away: its probe is aborted.
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: XRAY_PATH, headers: own(port) });
    req.on('error', () => undefined);
    req.end(body);
    await vi.waitFor(() => expect(release).toHaveLength(5));
    req.destroy();
    await vi.waitFor(() => expect(aborted).toEqual([true]));
  });

  it('logs nothing (the URL carries a token)', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => undefined),
    );
    const port = await xrayServer();
    await call(port, {
      headers: own(port),
      body: JSON.stringify({ url: 'ws://127.0.0.1:1/?token=secret.token.value' }),
    });
    await call(port, { headers: own(port, { Origin: 'http://evil.example' }), body: '{}' });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  // "Not reachable on a non-loopback address": even when the server is bound to every interface, a request
  // arriving over a non-loopback interface is refused (Vite itself binds the console to loopback: see
  // vite.config.ts and plugin.test.ts).
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(lanAddress === undefined)(
    `refuses a request that arrives over a non-loopback interface (${lanAddress ?? 'none here'})`,
    async () => {
      const port = await xrayServer({}, '0.0.0.0');
      const viaLan = await call(port, { method: 'GET', address: lanAddress, headers: own(port) });
      expect(viaLan.status).toBe(403);
      expect(String(viaLan.body.error)).toMatch(/loopback/);
      // The same request over loopback is fine.
      expect((await call(port, { method: 'GET', headers: own(port) })).status).toBe(200);
    },
  );
});

describe('x-ray endpoint, discovery mode', () => {
  it('tries the token in other places on the same target: the reference server accepts ?token=', async () => {
    const port = await xrayServer();
    const target = await referenceServer();
    const { mintToken, defaultPayload } = await import('../../core/index.ts');
    const minted = await mintToken(
      { ...defaultPayload(Date.now()) },
      { text: 'xray-test', encoding: 'utf8' },
      'HS256',
    );
    if (!minted.ok) throw new Error(minted.message);
    const r = await call(port, {
      headers: own(port),
      body: JSON.stringify({
        url: `${target}/?access_token=${minted.token}`,
        discover: { token: minted.token, placement: 'query', paramName: 'access_token', protocol: 'plain' },
      }),
    });
    expect(r.status).toBe(200);
    const discovery = r.body.discovery as {
      used: { label: string };
      attempts: Array<{ label: string; verdict: string }>;
    };
    expect(discovery.used.label).toBe('?access_token=');
    expect(discovery.attempts.find((a) => a.label === '?token=')?.verdict).toBe('accepted');
    expect(discovery.attempts.filter((a) => a.verdict === 'accepted')).toHaveLength(1);
  });

  it('a bad discover object is a 400, and nothing is tried', async () => {
    const discover = vi.fn();
    const port = await xrayServer({ discover });
    for (const bad of [
      { token: '', placement: 'query', paramName: 'token' },
      { token: 'a.b.c', placement: 'carrier-pigeon', paramName: 'token' },
      { token: 'a.b.c', placement: 'query', paramName: 'token', protocol: 'mqtt' },
      { token: 'a.b.c', placement: 'cookie', paramName: 'token', notSent: 'yes' },
    ]) {
      const r = await call(port, {
        headers: own(port),
        body: JSON.stringify({ url: 'ws://127.0.0.1:1/', discover: bad }),
      });
      expect(r.status).toBe(400);
    }
    expect(discover).not.toHaveBeenCalled();
  });

  it('notSent: the page could not send the token there, so that place is asked for too', async () => {
    const found: TravelDiscovery = {
      used: { placement: 'cookie', name: 'token', label: 'a cookie token=' },
      protocol: 'plain',
      attempts: [],
      usedNotSent: true,
    };
    const discover = vi.fn((_o: DiscoverOptions) => Promise.resolve(found));
    const port = await xrayServer({ discover });
    const r = await call(port, {
      headers: own(port),
      body: JSON.stringify({
        url: 'ws://127.0.0.1:1/',
        discover: { token: 'a.b.c', placement: 'cookie', paramName: 'token', notSent: true },
      }),
    });
    expect(r.status).toBe(200);
    expect(discover).toHaveBeenCalledWith(expect.objectContaining({ used: 'cookie', usedNotSent: true }));
  });
});
