import { connect } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { SignJWT, base64url } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ClientOptions } from 'ws';
import { FAULT_DESCRIPTIONS, FAULT_NAMES, createReferenceServer } from './reference-server.ts';
import type { ReferenceServer, ReferenceServerOptions } from './reference-server.ts';

const SECRET = 'test-secret-8c1f4a';
const encoder = new TextEncoder();
const nowS = (): number => Math.floor(Date.now() / 1000);

// ---- fixtures -------------------------------------------------------------------------------------------

const servers: ReferenceServer[] = [];
const clients: WebSocket[] = [];
const rawSockets: Array<{ destroy(): void }> = [];
const minted: string[] = [];
let logLines: string[] = [];

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  for (const socket of rawSockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  // The server never logs a token or the secret.
  const logText = logLines.join('\n');
  for (const token of minted.splice(0)) expect(logText).not.toContain(token.split('.')[2]);
  expect(logText).not.toContain(SECRET);
  logLines = [];
});

async function start(options: Partial<ReferenceServerOptions> = {}): Promise<ReferenceServer> {
  const server = await createReferenceServer({
    port: 0,
    secret: SECRET,
    log: (line) => logLines.push(line),
    ...options,
  });
  servers.push(server);
  return server;
}

async function mint(
  claims: Record<string, unknown> = {},
  options: { key?: Uint8Array; alg?: string } = {},
): Promise<string> {
  const token = await new SignJWT({
    userId: 'u-42',
    role: 'principal',
    iat: nowS(),
    exp: nowS() + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .sign(options.key ?? encoder.encode(SECRET));
  minted.push(token);
  return token;
}

function withToken(base: string, token: string | undefined, extra = ''): string {
  const query = [token === undefined ? '' : `token=${encodeURIComponent(token)}`, extra]
    .filter((part) => part !== '')
    .join('&');
  return query === '' ? base : `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

interface Received {
  text?: string;
  binary?: Buffer;
}

interface Outcome {
  opened: boolean;
  protocol: string;
  messages: Received[];
  close?: { code: number; reason: string };
  error?: string;
  response?: { status: number; headers: IncomingHttpHeaders; body: string };
}

interface RunOptions extends ClientOptions {
  protocols?: string[];
  /** Called for each message; return true to stop listening (the client then closes 1000). */
  onMessage?: (ws: WebSocket, message: Received, all: Received[]) => void;
  onOpen?: (ws: WebSocket) => void;
  /** Count messages without keeping them (flood). */
  countOnly?: boolean;
}

/** Opens a client and resolves once the attempt is over: closed, failed, or refused with HTTP. */
function run(
  url: string,
  options: RunOptions = {},
): Promise<Outcome & { count: number; lengths: Set<number> }> {
  const { protocols, onMessage, onOpen, countOnly, ...clientOptions } = options;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, clientOptions);
    clients.push(ws);
    const outcome: Outcome & { count: number; lengths: Set<number> } = {
      opened: false,
      protocol: '',
      messages: [],
      count: 0,
      lengths: new Set(),
    };
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve(outcome);
    };
    ws.on('open', () => {
      outcome.opened = true;
      outcome.protocol = ws.protocol;
      onOpen?.(ws);
    });
    ws.on('message', (data, isBinary) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      outcome.count++;
      if (countOnly === true) {
        outcome.lengths.add(buffer.length);
        return;
      }
      const message: Received = isBinary ? { binary: buffer } : { text: buffer.toString('utf8') };
      outcome.messages.push(message);
      onMessage?.(ws, message, outcome.messages);
    });
    ws.on('error', (error) => {
      outcome.error = error.message;
    });
    ws.on('close', (code, reason) => {
      outcome.close = { code, reason: reason.toString('utf8') };
      finish();
    });
    ws.on('unexpected-response', (req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        outcome.response = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        req.destroy();
        finish();
      });
    });
  });
}

function welcomeOf(outcome: Outcome): Record<string, unknown> {
  const first = outcome.messages[0]?.text;
  expect(first, 'welcome message').toBeDefined();
  return JSON.parse(first ?? 'null') as Record<string, unknown>;
}

/** Sends raw bytes on a TCP connection and resolves with everything the server answered until it closed. */
function rawExchange(port: number, request: Buffer | string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    rawSockets.push(socket);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('connect', () => socket.write(request));
  });
}

function upgradeRequest(path: string, extraHeaders: string[] = []): string {
  return [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...extraHeaders,
    '',
    '',
  ].join('\r\n');
}

// ---- HTTP ---------------------------------------------------------------------------------------------

describe('plain HTTP', () => {
  it('serves /health as JSON with CORS', async () => {
    const server = await start({ requiredClaims: ['userId', 'role'] });
    const res = await fetch(`${server.httpUrl}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'ok',
      jwtSecretSet: true,
      requiredClaims: ['userId', 'role'],
      algorithms: ['HS256'],
      faults: [...FAULT_NAMES],
    });
    expect(typeof body.uptime).toBe('number');
    expect(Math.abs(Number(body.serverTimeMs) - Date.now())).toBeLessThan(60_000);
    expect(new Date(String(body.serverTime)).getTime()).toBe(body.serverTimeMs);
  });

  it('answers preflights, 426 on WebSocket paths, 404 elsewhere, all with CORS', async () => {
    const server = await start();
    const preflight = await fetch(`${server.httpUrl}/health`, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'GET', Origin: 'http://x' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    for (const path of ['/', '/ws', '/fault/close-1011']) {
      const res = await fetch(`${server.httpUrl}${path}`);
      expect(res.status, path).toBe(426);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.text()).toMatch(/WebSocket endpoint/);
    }
    const missing = await fetch(`${server.httpUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${server.httpUrl}/health`, { method: 'POST' })).status).toBe(405);
  });

  it('describes every fault', () => {
    for (const name of FAULT_NAMES) expect(FAULT_DESCRIPTIONS[name].length).toBeGreaterThan(10);
  });
});

// ---- the guide's server ---------------------------------------------------------------------------------

describe('authentication (the guide server)', () => {
  it('welcomes a valid token, then echoes text as text and binary as binary', async () => {
    const server = await start();
    const token = await mint();
    for (const base of [server.url, `${server.url}/ws`]) {
      const outcome = await run(withToken(base, token), {
        onMessage: (ws, _message, all) => {
          if (all.length === 1) {
            ws.send('hello');
            ws.send(Buffer.from([0, 1, 2, 255]));
          }
          if (all.length === 3) ws.close(1000, 'bye');
        },
      });
      expect(outcome.opened).toBe(true);
      expect(welcomeOf(outcome)).toEqual({
        type: 'welcome',
        userId: 'u-42',
        role: 'principal',
        exp: expect.any(Number),
      });
      expect(outcome.messages[1]).toEqual({ text: 'hello' });
      expect(outcome.messages[2]).toEqual({ binary: Buffer.from([0, 1, 2, 255]) });
      expect(outcome.close).toEqual({ code: 1000, reason: 'bye' });
    }
    expect(logLines.some((line) => line.includes('→ open') && line.includes('alg HS256'))).toBe(true);
  });

  it('does not lose a message sent right after open, before verification finished', async () => {
    const server = await start();
    const outcome = await run(withToken(server.url, await mint()), {
      onOpen: (ws) => ws.send('early'),
      onMessage: (ws, _m, all) => {
        if (all.length === 2) ws.close();
      },
    });
    expect(outcome.messages.map((m) => m.text)).toEqual([expect.stringContaining('welcome'), 'early']);
  });

  it('closes 1008 with jsonwebtoken wording for each failure', async () => {
    const server = await start();
    const t = nowS();
    const cases: Array<[string, string | undefined, string]> = [
      ['no token', undefined, 'No token provided'],
      ['empty token', '', 'No token provided'],
      ['bad signature', await mint({}, { key: encoder.encode('some-other-secret') }), 'invalid signature'],
      ['expired', await mint({ iat: t - 100, exp: t - 10 }), 'jwt expired'],
      ['malformed', 'this-is-not-a-jwt', 'jwt malformed'],
      ['nbf in the future', await mint({ nbf: t + 600 }), 'jwt not active'],
      [
        'missing claims',
        await mint({ role: undefined, exp: undefined }),
        'Missing required claims: role, exp',
      ],
      ['wrong alg', await mint({}, { alg: 'HS384' }), 'invalid algorithm'],
      [
        'unsigned',
        `${base64url.encode('{"alg":"none"}')}.${base64url.encode('{}')}.`,
        'jwt signature is required',
      ],
    ];
    const outcomes = await Promise.all(cases.map(([, token]) => run(withToken(server.url, token))));
    cases.forEach(([name, , reason], i) => {
      expect(outcomes[i]?.opened, name).toBe(true);
      expect(outcomes[i]?.messages, name).toEqual([]);
      expect(outcomes[i]?.close, name).toEqual({ code: 1008, reason });
    });
    expect(logLines.filter((line) => line.includes('→ close 1008'))).toHaveLength(cases.length);
  });

  it('reads "+" in an unencoded token as a space, like every query parser (so the token breaks)', async () => {
    const server = await start();
    const outcome = await run(`${server.url}?token=${(await mint()).replace(/.$/, '+')}`);
    expect(outcome.close?.code).toBe(1008);
  });

  it('keeps close reasons within 123 bytes and valid UTF-8, even for a very long claim list', async () => {
    const server = await start({ requiredClaims: Array.from({ length: 60 }, (_, i) => `утверждение_${i}`) });
    const outcome = await run(withToken(server.url, await mint()));
    expect(outcome.close?.code).toBe(1008);
    expect(Buffer.byteLength(outcome.close?.reason ?? '')).toBeLessThanOrEqual(123);
    expect(outcome.close?.reason).toMatch(/^Missing required claims: утверждение_0, .*…$/);
  });

  it('closes 1009 on a message over 1 MiB', async () => {
    const server = await start();
    const outcome = await run(withToken(server.url, await mint()), {
      onMessage: (ws, _m, all) => {
        if (all.length === 1) ws.send(Buffer.alloc(1024 * 1024 + 1));
      },
    });
    expect(outcome.close?.code).toBe(1009);
  });

  it('echoes the first offered subprotocol, like a stock ws server', async () => {
    const server = await start();
    const outcome = await run(withToken(server.url, await mint()), {
      protocols: ['graphql-ws', 'other'],
      onMessage: (ws) => ws.close(),
    });
    expect(outcome.protocol).toBe('graphql-ws');
  });
});

// ---- faults -------------------------------------------------------------------------------------------------

describe('fault scenarios', () => {
  it('reject-401: HTTP 401 with WWW-Authenticate and a JSON body', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/reject-401`, await mint()));
    expect(outcome.opened).toBe(false);
    expect(outcome.response?.status).toBe(401);
    expect(outcome.response?.headers['www-authenticate']).toBe('Bearer realm="wsjwt", error="invalid_token"');
    expect(outcome.response?.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(outcome.response?.body ?? '{}')).toMatchObject({ error: 'invalid_token' });
  });

  it('reject-403-origin: 403 unless the Origin is allowed', async () => {
    const server = await start({ allowedOrigins: ['http://good.example'] });
    const token = await mint();
    const refused = await run(withToken(`${server.url}/fault/reject-403-origin`, token), {
      origin: 'http://evil.example',
    });
    expect(refused.response?.status).toBe(403);
    expect(refused.response?.body).toMatch(/not allowed/);
    const allowed = await run(withToken(`${server.url}/fault/reject-403-origin`, token), {
      origin: 'http://good.example',
      onMessage: (ws) => ws.close(),
    });
    expect(allowed.opened).toBe(true);
  });

  it('wrong path: 404 for other paths, the wrong-path fault and unknown faults; 400 for an unknown ?fault=', async () => {
    const server = await start();
    const token = await mint();
    expect((await run(withToken(`${server.url}/socket`, token))).response?.status).toBe(404);
    expect((await run(withToken(`${server.url}/fault/wrong-path`, token))).response?.status).toBe(404);
    expect((await run(withToken(`${server.url}/fault/no-such-fault`, token))).response?.status).toBe(404);
    expect((await run(withToken(server.url, token, 'fault=no-such-fault'))).response?.status).toBe(400);
  });

  it('close-1011 after a valid token; 1008 still wins for a bad one', async () => {
    const server = await start();
    expect((await run(withToken(`${server.url}/fault/close-1011`, await mint()))).close).toEqual({
      code: 1011,
      reason: 'Internal server error',
    });
    expect((await run(`${server.url}/fault/close-1011`)).close).toEqual({
      code: 1008,
      reason: 'No token provided',
    });
  });

  it('drop-after-open: opens, then 1006 without a close frame', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/drop-after-open`, await mint()));
    expect(outcome.opened).toBe(true);
    expect(outcome.close).toEqual({ code: 1006, reason: '' });
  });

  it('graphql-ws-4401: 4401 on auth failure, normal on success', async () => {
    const server = await start();
    expect((await run(withToken(`${server.url}/fault/graphql-ws-4401`, 'junk'))).close).toEqual({
      code: 4401,
      reason: 'Unauthorized',
    });
    const ok = await run(withToken(`${server.url}/fault/graphql-ws-4401`, await mint()), {
      onMessage: (ws) => ws.close(),
    });
    expect(welcomeOf(ok).type).toBe('welcome');
  });

  it('graphql-ws-4403: 4403 right after open, whatever the token', async () => {
    const server = await start();
    expect((await run(withToken(`${server.url}/fault/graphql-ws-4403`, await mint()))).close).toEqual({
      code: 4403,
      reason: 'Forbidden',
    });
    expect((await run(`${server.url}/fault/graphql-ws-4403`)).close).toEqual({
      code: 4403,
      reason: 'Forbidden',
    });
  });

  it('hang-handshake: the client times out, and close() still resolves with a hanging client attached', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/hang-handshake`, await mint()), {
      handshakeTimeout: 200,
    });
    expect(outcome.opened).toBe(false);
    expect(outcome.error).toMatch(/timed out/i);
    const pending = run(withToken(`${server.url}/fault/hang-handshake`, await mint()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect((await pending).opened).toBe(false);
  });

  it('base64-secret: the secret is base64-decoded before verifying (fault and option)', async () => {
    const b64Secret = Buffer.from('raw key bytes \x01\x02').toString('base64');
    const server = await start({ secret: b64Secret });
    const base64Token = await mint({}, { key: new Uint8Array(Buffer.from(b64Secret, 'base64')) });
    const utf8Token = await mint({}, { key: encoder.encode(b64Secret) });
    expect(
      welcomeOf(
        await run(withToken(`${server.url}/fault/base64-secret`, base64Token), {
          onMessage: (ws) => ws.close(),
        }),
      ).type,
    ).toBe('welcome');
    expect((await run(withToken(`${server.url}/fault/base64-secret`, utf8Token))).close).toEqual({
      code: 1008,
      reason: 'invalid signature',
    });
    expect((await run(withToken(server.url, base64Token))).close).toEqual({
      code: 1008,
      reason: 'invalid signature',
    });

    const optionServer = await start({ secret: b64Secret, secretEncoding: 'base64' });
    expect(
      welcomeOf(await run(withToken(optionServer.url, base64Token), { onMessage: (ws) => ws.close() })).type,
    ).toBe('welcome');
  });

  it('rs256-only: an HS256 token gets 1008 "invalid algorithm"', async () => {
    const server = await start();
    expect((await run(withToken(`${server.url}/fault/rs256-only`, await mint()))).close).toEqual({
      code: 1008,
      reason: 'invalid algorithm',
    });
  });

  it('expire-open-sockets: closes 1008 "jwt expired" when exp passes', async () => {
    // The server's clock is set 300 ms before the token's exp, so the test neither waits nor races a second boundary.
    const exp = nowS() + 3600;
    const shift = Date.now() - (exp * 1000 - 300);
    const server = await start({ now: () => Date.now() - shift });
    const outcome = await run(withToken(`${server.url}/fault/expire-open-sockets`, await mint({ exp })));
    expect(welcomeOf(outcome).type).toBe('welcome');
    expect(outcome.close).toEqual({ code: 1008, reason: 'jwt expired' });
  });

  it('close-1009: closes "Message too big" when a message arrives', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/close-1009`, await mint()), {
      onMessage: (ws) => ws.send('tiny'),
    });
    expect(outcome.close).toEqual({ code: 1009, reason: 'Message too big' });
  });

  it('close-1002: protocol error right after open', async () => {
    const server = await start();
    expect((await run(withToken(`${server.url}/fault/close-1002`, await mint()))).close).toEqual({
      code: 1002,
      reason: 'Protocol error',
    });
  });

  it('subprotocol: accepts without echoing the offered protocol, so the client fails', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/subprotocol`, await mint()), {
      protocols: ['graphql-ws'],
    });
    expect(outcome.opened).toBe(false);
    expect(outcome.error).toMatch(/no subprotocol/i);
    expect(outcome.close?.code).toBe(1006);
  });

  it('flood: exactly n messages of size bytes, then 1000 "flood done"', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/flood`, await mint(), 'n=2000&size=100'), {
      countOnly: true,
    });
    expect(outcome.count).toBe(2000);
    expect([...outcome.lengths]).toEqual([100]);
    expect(outcome.close).toEqual({ code: 1000, reason: 'flood done' });
  });

  it('flood: respects backpressure with large messages', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/flood`, await mint(), 'n=300&size=65536'), {
      countOnly: true,
    });
    expect(outcome.count).toBe(300);
    expect([...outcome.lengths]).toEqual([65536]);
    expect(outcome.close?.code).toBe(1000);
  });

  it('slow-open: answers after the delay, then behaves normally', async () => {
    const server = await start();
    const outcome = await run(withToken(`${server.url}/fault/slow-open`, await mint(), 'delay=150'), {
      onMessage: (ws) => ws.close(),
    });
    expect(welcomeOf(outcome).type).toBe('welcome');
  });

  it('accept-expired: expired tokens pass, forged ones do not', async () => {
    const server = await start();
    const t = nowS();
    const expired = await run(
      withToken(`${server.url}/fault/accept-expired`, await mint({ iat: t - 100, exp: t - 50 })),
      { onMessage: (ws) => ws.close() },
    );
    expect(welcomeOf(expired)).toMatchObject({ type: 'welcome', exp: t - 50 });
    const forged = await run(
      withToken(`${server.url}/fault/accept-expired`, await mint({}, { key: encoder.encode('nope') })),
    );
    expect(forged.close).toEqual({ code: 1008, reason: 'invalid signature' });
  });

  it('accept-any: accepts no token and junk tokens', async () => {
    const server = await start();
    const none = await run(`${server.url}/fault/accept-any`, { onMessage: (ws) => ws.close() });
    expect(welcomeOf(none)).toEqual({ type: 'welcome', userId: null, role: null, exp: null });
    const junk = await run(withToken(`${server.url}/fault/accept-any`, 'junk'), {
      onMessage: (ws) => ws.close(),
    });
    expect(welcomeOf(junk).type).toBe('welcome');
    const forged = await run(
      withToken(`${server.url}/fault/accept-any`, await mint({}, { key: encoder.encode('nope') })),
      { onMessage: (ws) => ws.close() },
    );
    expect(welcomeOf(forged).userId).toBe('u-42');
  });

  it('selects faults by ?fault= and at start-up; the path wins over both', async () => {
    const token = await mint();
    const plain = await start();
    expect((await run(withToken(plain.url, token, 'fault=close-1002'))).close?.code).toBe(1002);
    const faulty = await start({ fault: 'graphql-ws-4403' });
    expect((await run(withToken(faulty.url, token))).close?.code).toBe(4403);
    expect((await run(withToken(`${faulty.url}/fault/close-1002`, token))).close?.code).toBe(1002);
    const health = (await (await fetch(`${faulty.httpUrl}/health`)).json()) as { fault: string };
    expect(health.fault).toBe('graphql-ws-4403');
  });
});

// ---- robustness ------------------------------------------------------------------------------------------------

describe('robustness', () => {
  it('survives garbage, oversized and half-finished requests, then still serves /health', async () => {
    const server = await start();
    const answers = await Promise.all([
      rawExchange(server.port, 'GARBAGE \x00\x01\x02\r\n\r\n'),
      rawExchange(server.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a])), // a TLS hello on a plain port
      rawExchange(server.port, upgradeRequest(`/?token=${'a'.repeat(64 * 1024)}`)),
      rawExchange(
        server.port,
        Buffer.concat([
          Buffer.from('GET /?token='),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from(upgradeRequest('').slice(5)),
        ]),
      ),
      rawExchange(
        server.port,
        upgradeRequest('/', []).replace('Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n', ''),
      ),
      rawExchange(server.port, upgradeRequest('/').replace('Version: 13', 'Version: 99')),
      rawExchange(server.port, upgradeRequest('/').replace('Upgrade: websocket', 'Upgrade: h2c')),
      rawExchange(server.port, upgradeRequest('/', ['Sec-WebSocket-Protocol: ,,bad proto'])),
      rawExchange(server.port, upgradeRequest('/%E0%A4%A/?token=%ZZ')),
      rawExchange(server.port, 'GET /health HTTP/1.1\r\nHost: x\r\n', 100), // never finished
    ]);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 400/);
    expect(answers[2]).toMatch(/^HTTP\/1\.1 431/);
    expect(answers[4]).toMatch(/^HTTP\/1\.1 400/);
    expect(answers[5]).toMatch(/^HTTP\/1\.1 400[^]*Sec-WebSocket-Version: 13, 8/);
    expect(answers[7]).toMatch(/^HTTP\/1\.1 400/);
    expect(logLines.some((line) => line.includes('bad Sec-WebSocket-Protocol'))).toBe(true);
    for (const answer of answers) expect(answer).not.toMatch(/HTTP\/1\.1 5\d\d/);

    // A client that resets the connection mid-session.
    const outcome = await run(withToken(server.url, await mint()), {
      onMessage: (ws) => {
        const socket = (ws as unknown as { _socket: { resetAndDestroy(): void } })._socket;
        socket.resetAndDestroy();
      },
    });
    expect(outcome.close?.code).toBe(1006);

    const res = await fetch(`${server.httpUrl}/health`);
    expect(res.status).toBe(200);
  });

  it('verifies a token made of non-UTF-8 percent-escapes without crashing', async () => {
    const server = await start();
    const outcome = await run(`${server.url}/?token=%FF%FE.%C3%28.%80`);
    expect(outcome.close).toEqual({ code: 1008, reason: 'jwt malformed' });
  });

  it('close() terminates open sockets and is idempotent', async () => {
    const server = await start();
    let opened!: () => void;
    const openedPromise = new Promise<void>((resolve) => (opened = resolve));
    const pending = run(withToken(server.url, await mint()), { onMessage: () => opened() });
    await openedPromise;
    await Promise.all([server.close(), server.close()]);
    expect((await pending).close?.code).toBe(1006);
    await expect(fetch(`${server.httpUrl}/health`)).rejects.toThrow();
  });

  it('rejects with the listen error when the port is taken', async () => {
    const first = await start();
    await expect(start({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
