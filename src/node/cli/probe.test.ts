import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CAUSE_IDS, defaultPayload, mintToken } from '../../core/index.ts';
import { CONSOLE_ONLY_WORDS } from '../../core/diagnosis/surface.ts';
import { DEFAULT_JWT_SECRET } from '../server/env.ts';
import { createReferenceServer } from '../server/reference-server.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';
import { createStyle } from './io.ts';
import type { ProbeJson, ProbeReport } from './probe.ts';
import { timelineLines } from './probe.ts';

const SECRET = 'probe-cli-test-secret';
const servers: ReferenceServer[] = [];
let goodToken = '';

async function server(
  options: Partial<Parameters<typeof createReferenceServer>[0]> = {},
): Promise<ReferenceServer> {
  const s = await createReferenceServer({ port: 0, secret: SECRET, log: () => undefined, ...options });
  servers.push(s);
  return s;
}

async function token(payload: Record<string, unknown>, secret = SECRET): Promise<string> {
  const minted = await mintToken(payload, { text: secret, encoding: 'utf8' }, 'HS256');
  if (!minted.ok) throw new Error(minted.message);
  return minted.token;
}

async function probe(
  argv: string[],
  options: Parameters<typeof fakeIo>[0] = {},
): Promise<{ code: unknown; out: string; err: string }> {
  const fake = fakeIo(options);
  const code = await main(['probe', ...argv], fake.io);
  return { code, out: fake.stdout(), err: fake.stderr() };
}

async function probeJson(
  argv: string[],
  options: Parameters<typeof fakeIo>[0] = {},
): Promise<{ code: unknown; json: ProbeJson; err: string }> {
  const r = await probe([...argv, '--json'], options);
  return { code: r.code, json: JSON.parse(r.out) as ProbeJson, err: r.err };
}

beforeAll(async () => {
  goodToken = await token({ ...defaultPayload(Date.now()) });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('wsjwt probe against the reference server', () => {
  it('a good token: exit 0, diagnosis [], a timeline with TCP connect, 101, open and the welcome', async () => {
    const s = await server();
    const json = await probeJson([s.url, '--token', goodToken]);
    expect(json.code).toBe(0);
    expect(json.json.diagnosis).toEqual([]);
    expect(json.json.events.map((e) => e.type)).toEqual(['connecting', 'open', 'message', 'close']);
    expect(json.json.token.status).toBe('valid');

    const human = await probe([s.url, '--token', goodToken]);
    expect(human.code).toBe(0);
    expect(human.out).toContain('TCP connected');
    expect(human.out).toContain('HTTP 101 Switching Protocols');
    expect(human.out).toContain('"type":"welcome"');
    expect(human.out).toContain('Diagnosis: no problem found');
    expect(human.out).not.toContain(goodToken.split('.')[2] ?? '-');
  });

  it('--json prints the contract object, with added fields only', async () => {
    const s = await server();
    const r = await probe([`${s.url}/fault/reject-401`, '--token', goodToken, '--json']);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual([
      'bodyTruncated',
      'diagnosis',
      // Added by travel discovery: a 401 is an unauthenticated refusal, so the token was tried elsewhere.
      'discovery',
      'droppedMessages',
      'events',
      'interrupted',
      'timings',
      'token',
      'url',
    ]);
    expect(typeof json.url).toBe('string');
    expect(json).toMatchObject({ interrupted: false, droppedMessages: 0, bodyTruncated: false });
    const allowedEventKeys = ['type', 'at', 'code', 'reason', 'wasClean', 'status', 'headers'];
    allowedEventKeys.push('statusText', 'body', 'data', 'binary', 'size', 'protocol', 'message');
    const types = ['connecting', 'open', 'message', 'error', 'close', 'unexpected-response', 'timeout'];
    for (const e of json.events as Array<Record<string, unknown>>) {
      for (const key of Object.keys(e)) expect(allowedEventKeys).toContain(key);
      expect(types).toContain(e.type);
      expect(typeof e.at).toBe('number');
      if ('status' in e) expect(typeof e.status).toBe('number');
      if ('headers' in e) expect(typeof e.headers).toBe('object');
    }
    const tok = json.token as Record<string, unknown>;
    for (const key of Object.keys(tok)) expect(['status', 'header', 'payload']).toContain(key);
    for (const d of json.diagnosis as Array<Record<string, unknown>>) {
      expect(Object.keys(d).sort()).toEqual(['cause', 'confidence', 'evidence', 'fix', 'title']);
      expect(CAUSE_IDS).toContain(d.cause);
      expect(['high', 'medium', 'low']).toContain(d.confidence);
      expect(typeof d.title).toBe('string');
      expect((d.evidence as unknown[]).every((x) => typeof x === 'string')).toBe(true);
      expect((d.fix as unknown[]).every((x) => typeof x === 'string')).toBe(true);
    }
  });

  it('redacts the token in the URL unless --show-token', async () => {
    const s = await server();
    const signature = goodToken.split('.')[2] ?? '';
    const redacted = await probeJson([s.url, '--token', goodToken]);
    expect(redacted.json.url).toBe(`${s.url}?token=<redacted>`);
    expect(JSON.stringify(redacted.json)).not.toContain(signature);
    const shown = await probeJson([s.url, '--token', goodToken, '--show-token']);
    expect(shown.json.url).toContain(signature);
  });

  it("a token signed with another secret: exit 1, secret-mismatch first (the server's 1008 invalid signature)", async () => {
    const s = await server();
    const r = await probeJson([
      s.url,
      '--token',
      await token({ ...defaultPayload(Date.now()) }, 'not-the-server-secret'),
    ]);
    expect(r.code).toBe(1);
    expect(r.json.events.find((e) => e.type === 'close')).toMatchObject({
      code: 1008,
      reason: 'invalid signature',
    });
    expect(r.json.diagnosis[0]?.cause).toBe('secret-mismatch');
  });

  it('--secret lets the probe check the signature too', async () => {
    const s = await server();
    const bad = await token({ ...defaultPayload(Date.now()) }, 'not-the-server-secret');
    const r = await probeJson([s.url, '--token', bad, '--secret', SECRET]);
    expect(r.json.diagnosis[0]?.cause).toBe('secret-mismatch');
    expect(r.json.diagnosis[0]?.evidence.join(' ')).toMatch(
      /does not verify with the secret you gave \(--secret\)/,
    );
  });

  it('an expired token: token-expired', async () => {
    const s = await server();
    const now = Math.floor(Date.now() / 1000);
    const r = await probeJson([
      s.url,
      '--token',
      await token({ userId: '1', role: 'r', iat: now - 7200, exp: now - 3600 }),
    ]);
    expect(r.code).toBe(1);
    expect(r.json.token.status).toBe('expired');
    expect(r.json.events.find((e) => e.type === 'close')).toMatchObject({
      code: 1008,
      reason: 'jwt expired',
    });
    expect(r.json.diagnosis[0]?.cause).toBe('token-expired');
  });

  it('--mint uses the secret (JWT_SECRET from the environment) and connects', async () => {
    const s = await server();
    const r = await probeJson([s.url, '--mint'], { env: { JWT_SECRET: SECRET } });
    expect(r.code).toBe(0);
    expect(r.json.token.payload).toMatchObject({ userId: '123', role: 'principal' });
  });

  it('--param sends the token under another name (and the server then finds none)', async () => {
    const s = await server();
    const r = await probeJson([s.url, '--token', goodToken, '--param', 'access_token', '--no-discover']);
    expect(r.json.url).toContain('access_token=<redacted>');
    expect(r.code).toBe(1);
    expect(r.json.diagnosis[0]?.cause).toBe('token-missing');
    // Travel discovery tries ?token= too, which the reference server accepts: the place is the problem.
    const found = await probeJson([s.url, '--token', goodToken, '--param', 'access_token']);
    expect(found.json.diagnosis[0]?.cause).toBe('token-travel-mismatch');
    expect(found.json.diagnosis[0]?.fix[0]).toBe('Set --param to token');
  });

  it('a token already in the URL is used as is', async () => {
    const s = await server();
    const r = await probeJson([`${s.url}/?token=${goodToken}`]);
    expect(r.code).toBe(0);
    expect(r.json.token.status).toBe('valid');
  });

  it('fault reject-401: the unexpected-response event carries 401 and WWW-Authenticate; handshake-rejected', async () => {
    const s = await server();
    const r = await probeJson([`${s.url}/fault/reject-401`, '--token', goodToken]);
    expect(r.code).toBe(1);
    const refusal = r.json.events.find((e) => e.type === 'unexpected-response');
    expect(refusal?.status).toBe(401);
    expect(refusal?.headers?.['www-authenticate']).toBe('Bearer realm="wsjwt", error="invalid_token"');
    expect(r.json.diagnosis[0]?.cause).toBe('handshake-rejected');
    expect(r.json.diagnosis[0]?.evidence.join('\n')).toContain('WWW-Authenticate: Bearer');

    const human = await probe([`${s.url}/fault/reject-401`, '--token', goodToken]);
    expect(human.out).toContain('HTTP 401 Unauthorized');
    expect(human.out).toContain('www-authenticate: Bearer realm="wsjwt"');
    expect(human.out).toContain('body: {"error":"invalid_token"');
  });

  it('fault wrong-path: 404', async () => {
    const s = await server();
    const r = await probeJson([`${s.url}/fault/wrong-path`, '--token', goodToken]);
    expect(r.json.events.find((e) => e.type === 'unexpected-response')?.status).toBe(404);
    expect(r.json.diagnosis[0]?.cause).toBe('handshake-rejected');
  });

  it('--origin is sent: fault reject-403-origin lets an allowed origin through', async () => {
    const s = await server({ allowedOrigins: ['http://localhost:5173'] });
    expect(
      (await probeJson([`${s.url}/fault/reject-403-origin`, '--token', goodToken])).json.events.find(
        (e) => e.type === 'unexpected-response',
      )?.status,
    ).toBe(403);
    expect(
      (
        await probeJson([
          `${s.url}/fault/reject-403-origin`,
          '--token',
          goodToken,
          '--origin',
          'http://localhost:5173',
        ])
      ).code,
    ).toBe(0);
  });

  it('nothing listening: server-unreachable', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    const r = await probeJson([url, '--token', goodToken]);
    expect(r.code).toBe(1);
    expect(r.json.events.map((e) => e.type)).toEqual(['connecting', 'error', 'close']);
    expect(r.json.diagnosis[0]?.cause).toBe('server-unreachable');
  });

  it('fault hang-handshake with --timeout 500: a timeout event and handshake-timeout', async () => {
    const s = await server();
    const started = Date.now();
    const r = await probeJson([`${s.url}/fault/hang-handshake`, '--token', goodToken, '--timeout', '500']);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code).toBe(1);
    const timeout = r.json.events.find((e) => e.type === 'timeout');
    expect(timeout?.at).toBeGreaterThanOrEqual(490);
    expect(r.json.diagnosis[0]?.cause).toBe('handshake-timeout');
  });

  it('fault drop-after-open: connection-dropped', async () => {
    const s = await server();
    const r = await probeJson([`${s.url}/fault/drop-after-open`, '--token', goodToken, '--wait', '1000']);
    expect(r.json.events.find((e) => e.type === 'close')).toMatchObject({ code: 1006, wasClean: false });
    expect(r.json.diagnosis[0]?.cause).toBe('connection-dropped');
  });

  it('fault subprotocol with --subprotocol: subprotocol-mismatch', async () => {
    const s = await server();
    const r = await probeJson([`${s.url}/fault/subprotocol`, '--token', goodToken, '--subprotocol', 'chat']);
    expect(r.json.diagnosis[0]?.cause).toBe('subprotocol-mismatch');
  });

  it('fault close-1011: server-error', async () => {
    const s = await server();
    const r = await probeJson([`${s.url}/fault/close-1011`, '--token', goodToken]);
    expect(r.json.diagnosis[0]?.cause).toBe('server-error');
  });
});

describe('wsjwt probe: bad usage exits 2 with one line and nothing on stdout', () => {
  const cases: Array<[string, string[], RegExp, Parameters<typeof fakeIo>[0]?]> = [
    ['no url', [], /missing <ws-url>/],
    ['unknown flag', ['ws://localhost:1', '--bogus'], /unknown option --bogus/],
    ['bad timeout', ['ws://localhost:1', '--timeout', 'soon'], /--timeout must be a whole number/],
    ['zero timeout', ['ws://localhost:1', '--timeout', '0'], /--timeout must be between/],
    ['invalid url', ['ws://exa mple:1'], /not a valid address/],
    ['non-ws scheme', ['ftp://localhost:1'], /not a WebSocket scheme/],
    ['two urls', ['ws://a:1', 'ws://b:1'], /one URL/],
    ['--token and --mint', ['ws://localhost:1', '--token', 'x', '--mint', '--secret', 's'], /not both/],
    ['--mint without a secret', ['ws://localhost:1', '--mint'], /--mint needs a secret/],
    [
      'unreadable env file',
      ['ws://localhost:1', '--env-file', 'nope.env'],
      /cannot read --env-file nope\.env/,
    ],
    ['bad header', ['ws://localhost:1', '--header', 'no colon'], /--header must be "Name: value"/],
  ];
  for (const [name, argv, pattern, options] of cases) {
    it(name, async () => {
      const r = await probe(argv, options);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^wsjwt probe: /);
      expect(r.err).toMatch(pattern);
    });
  }
});

describe('wsjwt probe: streamed timeline, Ctrl-C, complete JSON', () => {
  it('prints the timeline as it happens; Ctrl-C prints what was seen and the diagnosis so far', async () => {
    const s = await server();
    const fake = fakeIo();
    const running = main(
      ['probe', `${s.url}/fault/hang-handshake`, '--token', goodToken, '--timeout', '60000'],
      fake.io,
    );
    await vi.waitFor(() => expect(fake.stdout()).toContain('TCP connected'), { timeout: 5000 });
    expect(fake.stdout()).toMatch(/Token: --token — valid[\s\S]*Timeline:[\s\S]*connecting to/);
    fake.interrupt();
    expect(await running).toBe(1);
    const out = fake.stdout();
    expect(out).toContain('interrupted (Ctrl-C)');
    expect(out).toContain('waiting for the answer to the upgrade');
    expect(out).toContain('Diagnosis so far: nothing found yet');
    expect(out).not.toContain('cancelled');
  });

  it('--json on Ctrl-C: the one object, marked interrupted, with what was seen', async () => {
    const logs: string[] = [];
    const s = await server({ log: (line) => logs.push(line) });
    const fake = fakeIo();
    const running = main(
      ['probe', `${s.url}/fault/hang-handshake`, '--token', goodToken, '--timeout', '60000', '--json'],
      fake.io,
    );
    // The server has the upgrade request (and holds it): the probe is connected and waiting.
    await vi.waitFor(() => expect(logs.join('\n')).toContain('holding the handshake'), { timeout: 5000 });
    expect(fake.stdout()).toBe('');
    fake.interrupt();
    expect(await running).toBe(1);
    const json = JSON.parse(fake.stdout()) as ProbeJson;
    expect(json.interrupted).toBe(true);
    expect(json.events.map((e) => e.type)).toEqual(['connecting']);
    expect(json.timings.tcpConnectMs).toBeTypeOf('number');
  });

  it('--json carries message contents, the refusal body and the count of messages not listed', async () => {
    const s = await server();
    const refused = await probeJson([`${s.url}/fault/reject-401`, '--token', goodToken]);
    const refusal = refused.json.events.find((e) => e.type === 'unexpected-response');
    expect(refusal?.body).toContain('invalid_token');
    expect(refusal?.statusText).toBe('Unauthorized');
    const flood = await probeJson([
      `${s.url}/?fault=flood&n=50&size=10`,
      '--token',
      goodToken,
      '--wait',
      '1000',
    ]);
    expect(flood.json.events.filter((e) => e.type === 'message')).toHaveLength(20);
    expect(flood.json.events.find((e) => e.type === 'message')?.data).toBeTypeOf('string');
    expect(flood.json.droppedMessages).toBeGreaterThan(0);
    expect(flood.json.timings.tcpConnectMs).toBeTypeOf('number');
  });

  it('the timeline keeps the order things happened in, also within one millisecond', () => {
    const xray = { status: 101, statusText: 'Switching Protocols', headers: {}, body: '' };
    const report = {
      url: 'ws://h:1?token=t',
      paramName: 'token',
      probe: {
        events: [
          { type: 'connecting', at: 0, time: 0 },
          { type: 'open', at: 12, time: 12, protocol: '' },
        ],
        steps: [
          { kind: 'event', at: 0, event: { type: 'connecting', at: 0, time: 0 } },
          { kind: 'tcp-connected', at: 12 },
          { kind: 'switching-protocols', at: 12, xray },
          { kind: 'event', at: 12, event: { type: 'open', at: 12, time: 12, protocol: '' } },
        ],
        timings: { tcpConnectMs: 12, responseMs: 12, openMs: 12 },
        xray,
        outcome: 'opened',
        droppedMessages: 0,
        bodyTruncated: false,
        closedByProbe: false,
        durationMs: 12,
      },
    } as unknown as ProbeReport;
    const lines = timelineLines(report, createStyle({ isTTY: false, env: {} }), 'ws://h:1');
    expect(lines.map((line) => line.trim())).toEqual([
      '+0 ms  connecting to ws://h:1',
      '+12 ms  TCP connected',
      '+12 ms  HTTP 101 Switching Protocols',
      '+12 ms  open',
    ]);
  });
});

describe("wsjwt probe: --send, the reference server's default secret, the CLI's own words", () => {
  it("--send / -x sends after open: the server's close 1009 reproduced from a terminal", async () => {
    const s = await server();
    const r = await probe([`${s.url}/fault/close-1009`, '--token', goodToken, '-x', 'hello']);
    expect(r.out).toMatch(/sent hello[\s\S]*close 1009/);
    expect(r.code).toBe(1);
    const json = await probeJson([`${s.url}/fault/close-1009`, '--token', goodToken, '--send', 'hello']);
    expect(json.json.diagnosis[0]?.cause).toBe('message-too-big');
  });

  it("--mint without a secret uses the reference server's default secret when its /health says so", async () => {
    const s = await server({ secret: DEFAULT_JWT_SECRET, secretIsDefault: true });
    const r = await probe([s.url, '--mint', '--json']);
    expect(r.err).toContain("minted with the reference server's default secret");
    // Even a well-known default is a secret: it is named, never printed.
    expect(r.err + r.out).not.toContain(DEFAULT_JWT_SECRET);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as ProbeJson).diagnosis).toEqual([]);

    const other = await server();
    const refused = await probe([other.url, '--mint']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^wsjwt probe: --mint needs a secret: --secret S, --dotenv \.env/);
  });

  it("speaks with flags, never of the console's fields, buttons or DevTools", async () => {
    const s = await server();
    const wrong = await token({ ...defaultPayload(Date.now()) }, 'not-the-server-secret');
    const outputs = [
      await probe([s.url, '--token', wrong]),
      await probe([s.url, '--token', wrong, '--secret', 'also-wrong']),
      await probe([s.url]),
      await probe([`${s.url}/fault/wrong-path`, '--token', goodToken]),
      await probe([`${s.url}/fault/hang-handshake`, '--token', goodToken, '--timeout', '300']),
      await probe([`${s.url}/fault/reject-403-origin`, '--token', goodToken, '--json']),
    ];
    const closed = await server();
    const url = closed.url;
    await closed.close();
    outputs.push(await probe([url, '--token', goodToken]));
    for (const { out } of outputs)
      for (const pattern of CONSOLE_ONLY_WORDS)
        expect(out, `${String(pattern)} in:\n${out}`).not.toMatch(pattern);
    expect(outputs[2]?.out).toContain('--token T');
    expect(outputs[4]?.out).toContain('Raise --timeout MS');
  });
});
