// wsjwt probe --travel / --protocol / --payload against purpose-built `ws` servers on port 0: the token goes
// where it was told to go (and nowhere else), usage mistakes get a message that says what to write, and
// nothing printed holds the token — not the headers, the cookie or the first message a server echoes.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { mintToken } from '../../core/index.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';
import type { ProbeJson } from './probe.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Seen {
  url: string;
  authorization?: string;
  cookie?: string;
  protocol?: string;
  messages: string[];
}

/** Accepts everything; records what arrived; echoes the request's headers and every message back. */
async function recordingServer(): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (set) => [...set][0] ?? false });
  const srv = createServer();
  srv.on('upgrade', (req: IncomingMessage, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const entry: Seen = { url: req.url ?? '', messages: [] };
      if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
      if (req.headers.cookie !== undefined) entry.cookie = req.headers.cookie;
      if (req.headers['sec-websocket-protocol'] !== undefined)
        entry.protocol = req.headers['sec-websocket-protocol'];
      seen.push(entry);
      ws.send(`headers: ${entry.authorization ?? ''} | ${entry.cookie ?? ''} | ${entry.protocol ?? ''}`);
      ws.on('message', (data) => {
        entry.messages.push(String(data));
        ws.send(`you said ${String(data)}`);
      });
    });
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `ws://127.0.0.1:${(srv.address() as AddressInfo).port}/ws`, seen };
}

async function probe(argv: string[]) {
  const fake = fakeIo();
  const code = await main(['probe', ...argv], fake.io);
  return { code, out: fake.stdout(), err: fake.stderr() };
}

async function token(): Promise<string> {
  const minted = await mintToken(
    {
      userId: '123',
      role: 'principal',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    },
    { text: 'travel-test-secret-travel-test-secret', encoding: 'utf8' },
    'HS256',
  );
  if (!minted.ok) throw new Error(minted.message);
  return minted.token;
}

describe('wsjwt probe --travel', () => {
  it('header: Authorization: Bearer <token>, nothing in the URL, nothing printed', async () => {
    const s = await recordingServer();
    const t = await token();
    for (const json of [false, true]) {
      const r = await probe([
        s.url,
        '--token',
        t,
        '--travel',
        'header',
        '--timeout',
        '3000',
        ...(json ? ['--json'] : []),
      ]);
      expect(r.err).toBe('');
      expect(r.out).not.toContain(t.split('.')[2]);
      expect(r.out).toContain(json ? '"type": "message"' : 'headers: Bearer <');
    }
    expect(s.seen.map((x) => [x.url, x.authorization, x.cookie])).toEqual([
      ['/ws', `Bearer ${t}`, undefined],
      ['/ws', `Bearer ${t}`, undefined],
    ]);
  });

  it('subprotocol with --subprotocol-template: the values offered as the template says', async () => {
    const s = await recordingServer();
    const t = await token();
    const r = await probe([
      s.url,
      '--token',
      t,
      '--travel',
      'subprotocol',
      '--subprotocol-template',
      'bearer, {token}',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(s.seen[0]?.protocol).toBe(`bearer,${t}`);
    const misuse = await probe([s.url, '--token', t, '--subprotocol-template', 'bearer, {token}']);
    expect(misuse.code).toBe(2);
    expect(misuse.err).toContain('--travel subprotocol only');
  });

  it('cookie: Cookie: <param>=<token>', async () => {
    const s = await recordingServer();
    const t = await token();
    const r = await probe([s.url, '--token', t, '--travel', 'cookie', '--param', 'jwt', '--json']);
    expect(s.seen[0]?.cookie).toBe(`jwt=${t}`);
    expect(s.seen[0]?.url).toBe('/ws');
    expect(r.out).not.toContain(t.split('.')[2]);
  });

  it('first-message (plain): the payload template, {token} replaced, sent after open — and redacted', async () => {
    const s = await recordingServer();
    const t = await token();
    const r = await probe([
      s.url,
      '--token',
      t,
      '--travel',
      'first-message',
      '--payload',
      '{"type":"auth","jwt":"{token}"}',
    ]);
    expect(s.seen[0]?.messages).toEqual([`{"type":"auth","jwt":"${t}"}`]);
    expect(r.out).toContain('you said {"type":"auth","jwt":"<');
    expect(r.out).not.toContain(t.split('.')[2]);
  });

  it('a token JSON-escaped in the payload, or percent-encoded in a cookie, is redacted in that form too', async () => {
    const s = await recordingServer();
    const odd = 'not"a;jwt\\but-pasted-junk-zzzz';
    const msg = await probe([
      s.url,
      '--token',
      odd,
      '--travel',
      'first-message',
      '--payload',
      '{"token":"{token}"}',
    ]);
    expect(s.seen[0]?.messages).toEqual([JSON.stringify({ token: odd })]);
    expect(msg.out).toContain('you said {"token":"<');
    expect(msg.out).not.toContain('pasted-junk-zzzz');
    const cookie = await probe([s.url, '--token', odd, '--travel', 'cookie']);
    expect(s.seen[1]?.cookie).toBe(`token=${encodeURIComponent(odd)}`);
    expect(cookie.out).toContain('headers:  | token=<');
    expect(cookie.out).not.toContain('pasted-junk-zzzz');
  });

  it('subprotocol: the token offered in Sec-WebSocket-Protocol after the --subprotocol values', async () => {
    const s = await recordingServer();
    const t = await token();
    await probe([s.url, '--token', t, '--travel', 'subprotocol', '--subprotocol', 'chat', '--json']);
    expect(s.seen[0]?.protocol).toBe(`chat,access_token,${t}`);
  });

  it('query stays the default, as before', async () => {
    const s = await recordingServer();
    const t = await token();
    await probe([s.url, '--token', t, '--json']);
    expect(s.seen[0]?.url).toBe(`/ws?token=${t}`);
    expect(s.seen[0]?.authorization).toBeUndefined();
  });

  it('a --header credential is never printed, even with --show-token', async () => {
    const s = await recordingServer();
    const t = await token();
    const r = await probe([
      s.url,
      '--token',
      t,
      '--header',
      'X-Api-Key: k3y-k3y-k3y-k3y',
      '--header',
      'Cookie: sid=s3ss10n-s3ss10n',
      '--show-token',
    ]);
    expect(r.out).not.toContain('s3ss10n-s3ss10n');
    expect(s.seen[0]?.cookie).toBe('sid=s3ss10n-s3ss10n');
  });
});

describe('wsjwt probe: usage of --protocol / --travel / --payload', () => {
  it('--protocol takes an application protocol; a subprotocol name points to --subprotocol', async () => {
    const r = await probe(['ws://127.0.0.1:9', '--token', 'x', '--protocol', 'chat']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '--protocol must be one of plain, graphql-ws, subscriptions-transport-ws, socket.io, stomp',
    );
    expect(r.err).toContain('use --subprotocol chat');
  });

  it('an unknown --travel, a bad payload or cookie name say what is wrong', async () => {
    const travel = await probe(['ws://127.0.0.1:9', '--token', 'x', '--travel', 'body']);
    expect(travel.code).toBe(2);
    expect(travel.err).toContain('--travel must be one of query, subprotocol, cookie, first-message, header');
    const payload = await probe([
      'ws://127.0.0.1:9',
      '--token',
      'x',
      '--protocol',
      'graphql-ws',
      '--payload',
      '{token:',
    ]);
    expect(payload.code).toBe(2);
    expect(payload.err).toContain('not valid JSON');
    const cookie = await probe(['ws://127.0.0.1:9', '--token', 'x', '--travel', 'cookie', '--param', 'a b']);
    expect(cookie.code).toBe(2);
    expect(cookie.err).toContain('cannot be a cookie name');
  });

  it('--protocol socket.io adds the Engine.IO path to a base URL', async () => {
    const s = await recordingServer();
    const r = await probe([
      s.url.replace(/\/ws$/, ''),
      '--token',
      'x',
      '--protocol',
      'socket.io',
      '--timeout',
      '300',
      '--json',
    ]);
    expect(s.seen[0]?.url).toBe('/socket.io/?EIO=4&transport=websocket');
    const json = JSON.parse(r.out) as ProbeJson;
    expect(json.url).toContain('/socket.io/?EIO=4&transport=websocket');
    expect(json.protocol?.frames[0]?.type).toBe('invalid');
  });
});
