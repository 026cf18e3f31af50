// The reference server survives abuse (SECURITY.md, promise 7). The server runs in a child process of its
// own (abuse-target.test-helpers.ts) so that an uncaught throw would kill it — the test watches for that —
// and so its memory (after a forced GC) is measured apart from the clients. Everything stays on loopback,
// every loop is bounded in count and time, and the figures are printed in the test output.
import { fork, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { badTokenCorpus } from '../../core/token/corpus.fixtures.ts';
import { ABUSE_HANDSHAKE_TIMEOUT_MS, ABUSE_SECRET } from './abuse-target.test-helpers.ts';
import { verifyServerToken } from './verify-token.ts';

const HOST = '127.0.0.1';
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const CONCURRENT = 1000;
const MB = 1024 * 1024;

let child: ChildProcess;
let port = 0;
let exited: { code: number | null; signal: string | null } | null = null;
const figures: string[] = [];

function figure(line: string): void {
  figures.push(line);
  console.log(`[abuse] ${line}`);
}

interface Memory {
  heapUsed: number;
  rss: number;
  arrayBuffers: number;
}

function ask<T>(request: { type: string }, reply: string, waitMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    // Generous: under a full parallel test run, starting a process with tsx takes a while.
    const timer = setTimeout(() => reject(new Error(`no ${reply} from the server process`)), waitMs);
    const onMessage = (m: { type: string } & Record<string, unknown>): void => {
      if (m.type !== reply) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(request);
  });
}

async function memory(): Promise<Memory> {
  const m = await ask<{ usage: NodeJS.MemoryUsage; gc: boolean }>({ type: 'memory' }, 'memory');
  expect(m.gc).toBe(true); // measured after a real GC, not a guess
  return { heapUsed: m.usage.heapUsed, rss: m.usage.rss, arrayBuffers: m.usage.arrayBuffers };
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** The server process is alive and answers GET /health. */
async function expectHealthy(): Promise<void> {
  expect(exited).toBeNull();
  const res = await fetch(`http://${HOST}:${port}/health`, { signal: AbortSignal.timeout(5000) });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('ok');
}

async function token(
  claims: Record<string, unknown> = {},
  alg = 'HS256',
  secret = ABUSE_SECRET,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ userId: 'u-1', role: 'principal', iat: now, exp: now + 3600, ...claims })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

interface RawResult {
  /** First line the server wrote ('' when it wrote nothing). */
  statusLine: string;
  /** The server ended the connection (as opposed to our bounded wait running out). */
  closedByServer: boolean;
  received: number;
}

/** Writes `data` on a raw TCP connection (optionally one byte every `dribbleMs`) and reads until the server closes. */
function raw(
  data: Buffer | string,
  {
    dribbleMs = 0,
    waitMs = 4000,
    after,
  }: { dribbleMs?: number; waitMs?: number; after?: (s: Socket, chunk: Buffer) => void } = {},
): Promise<RawResult> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    let dribble: NodeJS.Timeout | undefined;
    const done = (closedByServer: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(dribble);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ statusLine: text.split('\r\n', 1)[0] ?? '', closedByServer, received });
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on('error', () => done(true));
    socket.on('close', () => done(true));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (chunks.length < 4) chunks.push(chunk);
      after?.(socket, chunk);
    });
    socket.on('connect', () => {
      if (dribbleMs === 0) {
        socket.write(bytes);
        return;
      }
      let i = 0;
      dribble = setInterval(() => {
        if (i >= bytes.length || socket.destroyed) return clearInterval(dribble);
        socket.write(bytes.subarray(i, i + 1));
        i++;
      }, dribbleMs);
    });
  });
}

function upgradeRequest(path: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: ${HOST}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\n${extra}\r\n`;
}

/** A client→server frame (masked, as RFC 6455 requires of clients). */
function frame(opcode: number, payload: Buffer): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, 0x80 | len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(len));
              return b;
            })(),
          ]);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([head, mask, body]);
}

interface WsOutcome {
  /** A message (the welcome) arrived: the server accepted the token. */
  opened: boolean;
  code?: number;
  reason?: string;
  httpStatus?: number;
  error?: string;
}

/** Opens a ws client; resolves on the first message (open=true, the socket is kept), on close, or on refusal. */
function wsClient(url: string, keep?: WebSocket[]): Promise<WsOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: 4 * MB });
    let opened = false;
    let settled = false;
    const settle = (o: WsOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    ws.on('message', () => {
      opened = true;
      if (keep) keep.push(ws);
      else ws.close();
      settle({ opened: true });
    });
    ws.on('close', (code, reason) => settle({ opened, code, reason: reason.toString('utf8') }));
    ws.on('unexpected-response', (_req, res) => {
      settle({ opened: false, httpStatus: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.on('error', (e) => {
      if (!settled && !opened) setTimeout(() => settle({ opened: false, error: e.message }), 50);
    });
  });
}

beforeAll(async () => {
  const entry = fileURLToPath(new URL('./abuse-target.test-helpers.ts', import.meta.url));
  child = fork(entry, [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const ready = await ask<{ port: number }>({ type: 'noop' }, 'ready', 90_000);
  port = ready.port;
  await expectHealthy();
  const m = await memory();
  figure(`baseline: heapUsed ${mb(m.heapUsed)}, rss ${mb(m.rss)}, arrayBuffers ${mb(m.arrayBuffers)}`);
}, 120_000);

afterAll(async () => {
  if (child && exited === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.send({ type: 'close' });
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    if (exited === null) child.kill('SIGKILL');
  }
  console.log(`[abuse] figures:\n  ${figures.join('\n  ')}`);
});

describe('the reference server under abuse', () => {
  it('answers garbage and malformed upgrade requests with an HTTP error, never a crash', async () => {
    const random = Buffer.alloc(512);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) & 0xff;
    const cases: Array<[string, Buffer | string, RegExp]> = [
      ['512 bytes of binary junk', random, /^HTTP\/1\.1 400/],
      ['not HTTP at all', 'HELLO WORLD\r\n\r\n', /^HTTP\/1\.1 400/],
      [
        'a TLS ClientHello on the plain port',
        Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
        /^HTTP\/1\.1 400/,
      ],
      [
        'upgrade without Sec-WebSocket-Key',
        `GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        /^HTTP\/1\.1 400/,
      ],
      ['an invalid Sec-WebSocket-Key', upgradeRequest('/').replace(KEY, 'short'), /^HTTP\/1\.1 400/],
      [
        'Sec-WebSocket-Version 99',
        upgradeRequest('/').replace('Version: 13', 'Version: 99'),
        /^HTTP\/1\.1 400/,
      ],
      ['POST with Upgrade: websocket', upgradeRequest('/').replace(/^GET/, 'POST'), /^HTTP\/1\.1 405/],
      ['Upgrade: h2c', upgradeRequest('/').replace('Upgrade: websocket', 'Upgrade: h2c'), /^HTTP\/1\.1 400/],
      ['a NUL byte in the request line', `GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n`, /^HTTP\/1\.1 400/],
      [
        'a header line without a colon',
        `GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
        /^HTTP\/1\.1 400/,
      ],
      [
        'an invalid Sec-WebSocket-Protocol',
        upgradeRequest('/', 'Sec-WebSocket-Protocol: a,,b\r\n'),
        /^HTTP\/1\.1 400/,
      ],
      [
        'HTML in an unknown fault path',
        upgradeRequest('/fault/%3Cscript%3Ealert(1)%3C%2Fscript%3E'),
        /^HTTP\/1\.1 404/,
      ],
      ['a path that is not served', upgradeRequest('/../../etc/passwd'), /^HTTP\/1\.1 404/],
      ['an unknown ?fault=', upgradeRequest('/?fault=%00%FF'), /^HTTP\/1\.1 400/],
      ['broken percent-encoding in the token', upgradeRequest('/?token=%E0%A4%A&x=%'), /^HTTP\/1\.1 101/],
      ['64 KB of headers', upgradeRequest('/', `X-Big: ${'a'.repeat(64 * 1024)}\r\n`), /^HTTP\/1\.1 431/],
      ['a 1 MB query string', upgradeRequest(`/?token=${'a'.repeat(MB)}`), /^HTTP\/1\.1 431/],
      ['10,000 tiny headers', upgradeRequest('/', 'X: y\r\n'.repeat(10_000)), /^HTTP\/1\.1 431/],
    ];
    const results: string[] = [];
    for (const [name, bytes, expected] of cases) {
      // An accepted upgrade stays open until the close handshake, which this raw client never answers.
      const r = await raw(bytes, { waitMs: expected.source.includes('101') ? 500 : 4000 });
      results.push(`${name} → ${r.statusLine || '(closed)'}`);
      expect(r.statusLine, name).toMatch(expected);
      // A 101 was accepted: the server closes it with a close frame (1008) and waits for ours, as RFC 6455 says.
      if (!r.statusLine.includes(' 101 '))
        expect(r.closedByServer, `${name}: the server closed the connection`).toBe(true);
    }
    figure(`garbage upgrade requests: ${cases.length} kinds, every one answered and closed`);
    for (const line of results) console.log(`[abuse]   ${line}`);
    await expectHealthy();
  }, 60_000);

  it('closes a socket that sends garbage frames, a huge frame header or a frame over the 1 MiB limit', async () => {
    const good = await token();
    const path = `/?token=${encodeURIComponent(good)}`;
    const afterHandshake = (payload: Buffer) => (socket: Socket, chunk: Buffer) => {
      if (chunk.toString('latin1').startsWith('HTTP/1.1 101')) socket.write(payload);
    };
    const huge = Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]);
    const cases: Array<[string, Buffer]> = [
      ['unmasked, reserved-bit junk', Buffer.from([0xf3, 0x05, 1, 2, 3, 4, 5])],
      ['a frame claiming 2^63 bytes', huge],
      ['a 2 MiB text frame', frame(0x1, Buffer.alloc(2 * MB, 0x61))],
      ['invalid UTF-8 in a text frame', frame(0x1, Buffer.from([0xff, 0xfe, 0xfd]))],
      ['a close frame with code 999', frame(0x8, Buffer.from([0x03, 0xe7]))],
    ];
    for (const [name, payload] of cases) {
      const r = await raw(upgradeRequest(path), { after: afterHandshake(payload) });
      expect(r.statusLine, name).toBe('HTTP/1.1 101 Switching Protocols');
      expect(r.closedByServer, `${name}: the server closed the socket`).toBe(true);
    }
    figure(`bad frames after the handshake: ${cases.length} kinds, every socket closed by the server`);
    await expectHealthy();
  }, 60_000);

  it('cuts slow clients at the handshake timeout and keeps serving meanwhile', async () => {
    const SLOW = 25;
    const request = upgradeRequest(`/?token=${encodeURIComponent(await token())}`);
    const started = Date.now();
    const slow = Array.from({ length: SLOW }, () => raw(request, { dribbleMs: 50, waitMs: 15_000 }));
    // While they dribble, the server still answers others.
    await expectHealthy();
    const results = await Promise.all(slow);
    const elapsed = Date.now() - started;
    for (const r of results) {
      expect(r.closedByServer).toBe(true);
      expect(r.statusLine === '' || /^HTTP\/1\.1 408/.test(r.statusLine)).toBe(true);
    }
    figure(
      `slow clients: ${SLOW} sockets sending 1 byte / 50 ms (a ${request.length}-byte request needs ${((request.length * 50) / 1000).toFixed(1)} s) were all cut by the ${ABUSE_HANDSHAKE_TIMEOUT_MS} ms handshake timeout; last one gone after ${elapsed} ms`,
    );
    await expectHealthy();
  }, 30_000);

  it('keeps its memory bounded against a client that sends 16 MiB to echo and never reads', async () => {
    const before = await memory();
    const path = `/?token=${encodeURIComponent(await token())}`;
    const chunk = frame(0x2, Buffer.alloc(64 * 1024, 0x62));
    let during: Memory | undefined;
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: HOST, port });
      socket.on('error', reject);
      socket.once('data', async (data: Buffer) => {
        try {
          expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
          socket.pause(); // never read again: the server's echo backs up
          for (let i = 0; i < 256; i++) socket.write(chunk); // 16 MiB, buffered on our side once the server stops reading
          await new Promise((r) => setTimeout(r, 1500));
          during = await memory();
          socket.destroy();
          resolve();
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      socket.write(upgradeRequest(path));
    });
    const grown =
      (during?.heapUsed ?? 0) + (during?.arrayBuffers ?? 0) - before.heapUsed - before.arrayBuffers;
    figure(
      `slow reader: 16 MiB sent to echo, never read → server heap+buffers grew ${mb(grown)} (bounded by its 1 MiB high-water mark + socket buffers)`,
    );
    expect(grown).toBeLessThan(12 * MB);
    await expectHealthy();
  }, 30_000);

  it(`holds ${CONCURRENT} concurrent authenticated connections, then releases them`, async () => {
    const before = await memory();
    const good = await token();
    const url = `ws://${HOST}:${port}/?token=${encodeURIComponent(good)}`;
    const open: WebSocket[] = [];
    const started = Date.now();
    // Waves of 100 keep the listen backlog happy; all 1,000 are open at the same time in the end.
    for (let wave = 0; wave < CONCURRENT / 100; wave++) {
      const outcomes = await Promise.all(Array.from({ length: 100 }, () => wsClient(url, open)));
      for (const o of outcomes) expect(o).toEqual({ opened: true });
    }
    const openedIn = Date.now() - started;
    expect(open.length).toBe(CONCURRENT);
    expect(open.every((ws) => ws.readyState === WebSocket.OPEN)).toBe(true);
    await expectHealthy();
    const peak = await memory();
    const closed = Promise.all(
      open.map((ws) => new Promise<number>((r) => ws.once('close', (code) => r(code)))),
    );
    for (const ws of open) ws.close(1000, 'load test done');
    const codes = await closed;
    expect(codes.every((c) => c === 1000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const after = await memory();
    const perConnection =
      (peak.heapUsed + peak.arrayBuffers - before.heapUsed - before.arrayBuffers) / CONCURRENT;
    figure(
      `${CONCURRENT} concurrent connections: all opened (welcome received) in ${openedIn} ms; server heapUsed ${mb(before.heapUsed)} → ${mb(peak.heapUsed)} with all open (≈ ${(perConnection / 1024).toFixed(1)} KB per connection) → ${mb(after.heapUsed)} after all closed; rss ${mb(before.rss)} → ${mb(peak.rss)} → ${mb(after.rss)}`,
    );
    // Bounded: what 1,000 connections took is given back once they are gone.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * MB);
    await expectHealthy();
  }, 60_000);

  it('refuses every token of the bad-token corpus with 1008 and a reason (or 431 when too big for a URL)', async () => {
    const signed: Array<[string, string]> = [
      ['signed, expired', await token({ iat: 1, exp: 2 })],
      ['signed, not active yet', await token({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
      ['signed, missing claims', await token({ userId: undefined, role: undefined })],
      ['signed, HS384 (not accepted)', await token({}, 'HS384')],
      ['signed with another secret', await token({}, 'HS256', 'not-the-secret')],
      ['signed, exp as a string', await token({ exp: 'tomorrow' })],
      ['signed, payload claims null', await token({ userId: null })],
    ];
    const entries: Array<[string, string]> = [
      ...badTokenCorpus().map((e) => [e.name, e.input] as [string, string]),
      ...signed,
    ];
    const outcomes = await Promise.all(
      entries.map(([, t]) => wsClient(`ws://${HOST}:${port}/?token=${encodeURIComponent(t)}`)),
    );
    const reasons = new Map<string, number>();
    entries.forEach(([name, input], i) => {
      const o = outcomes[i] ?? { opened: false };
      const key = o.httpStatus !== undefined ? `HTTP ${o.httpStatus}` : `${o.code} ${o.reason}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
      if (encodeURIComponent(input).length > 16 * 1024) {
        expect(o.httpStatus, name).toBe(431);
      } else {
        expect(o.opened, name).toBe(false);
        expect(o.code, name).toBe(1008);
        expect(o.reason, name).toMatch(
          /^(No token provided|jwt malformed|jwt signature is required|invalid algorithm|invalid signature|jwt expired|jwt not active|invalid token|Missing required claims: .+|invalid \w+ value|jwt \w+ invalid)$/,
        );
      }
    });
    figure(
      `bad tokens: ${entries.length} (corpus ${entries.length - signed.length} + ${signed.length} signed) → ${[...reasons].map(([k, n]) => `${k} ×${n}`).join(', ')}`,
    );
    await expectHealthy();
  }, 60_000);

  it('verifyServerToken never throws (the classic uncaught jwt.verify), for the corpus and 2,000 generated tokens', async () => {
    const secret = new TextEncoder().encode(ABUSE_SECRET);
    const options = {
      secret,
      algorithms: ['HS256'],
      requiredClaims: ['userId', 'role', 'iat', 'exp'],
      now: Date.now(),
    };
    for (const e of badTokenCorpus()) {
      const r = await verifyServerToken(e.input, options);
      expect(r.ok).toBe(false);
    }
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(
              fc.jsonValue({ maxDepth: 2 }),
              fc.jsonValue({ maxDepth: 2 }),
              fc.base64String({ maxLength: 60 }),
            )
            .map(([h, p, s]) => `${b64(h)}.${b64(p)}.${s}`),
          fc
            .tuple(
              fc.record({ alg: fc.constantFrom('HS256', 'none', 'RS256', 'HS512') }),
              fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })),
            )
            .map(([h, p]) => `${b64(h)}.${b64(p)}.c2ln`),
        ),
        async (t) => {
          const r = await verifyServerToken(t, options);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(Buffer.byteLength(r.reason)).toBeLessThanOrEqual(123);
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('is still alive and serving at the end', async () => {
    await expectHealthy();
    const m = await memory();
    figure(
      `end: heapUsed ${mb(m.heapUsed)}, rss ${mb(m.rss)}, arrayBuffers ${mb(m.arrayBuffers)}; the process never exited`,
    );
    expect(exited).toBeNull();
  });
});
