// Issue 16, defect 9: `wsjwt probe` against a server whose refusal page echoes the URL printed the whole
// token (text) and part of it (--json) while its URL line said <redacted>. Secrets are planted in every
// input — URL userinfo, api_key, an old token, the token, the secret — and a purpose-built server echoes
// them back in its refusal (status line, WWW-Authenticate, body) or in a message and a close reason.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { plantedLeaks, plantSecrets, type Planted } from '../../core/redact/planted.test-helpers.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';
import type { ProbeJson } from './probe.ts';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Refuses /refuse… with 401 and echoes everything; accepts anything else, echoes, closes with 4001. */
async function echoingServer(p: Planted): Promise<string> {
  const wss = new WebSocketServer({ noServer: true });
  const srv = createServer((_req, res) => res.end('ok'));
  srv.on('upgrade', (req, socket, head) => {
    const url = req.url ?? '';
    const auth = req.headers.authorization ?? '';
    if (url.startsWith('/refuse')) {
      const body = `<html><h1>Refused</h1><p>${url}</p><p>${auth}</p><p>expected ${p.secret}</p></html>`;
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="${url}"\r\nX-Echo: ${auth}\r\n` +
          `Content-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(`you came with ${url} and ${auth}; I expected ${p.secret}`);
      ws.close(4001, url.slice(0, 120));
    });
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

async function probe(argv: string[]): Promise<{ code: unknown; out: string; err: string }> {
  const fake = fakeIo();
  const code = await main(['probe', ...argv], fake.io);
  return { code, out: fake.stdout(), err: fake.stderr() };
}

describe('wsjwt probe prints no planted secret (text and --json)', () => {
  it.each(['/refuse', '/accept'])('a server that echoes them on %s', async (path) => {
    const p = await plantSecrets(Date.now());
    const url = p.serverUrl(await echoingServer(p), path);
    const args = [url, '--token', p.token, '--secret', p.secret, '--timeout', '3000'];

    const text = await probe(args);
    expect(text.code).toBe(1);
    // The server really echoed (so the check below looks at real data).
    expect(text.out).toMatch(path === '/refuse' ? /HTTP 401/ : /close 4001/);
    expect(plantedLeaks(text.out + text.err, p)).toEqual([]);

    const json = await probe([...args, '--json']);
    expect(plantedLeaks(json.out + json.err, p)).toEqual([]);
    const parsed = JSON.parse(json.out) as ProbeJson;
    expect(parsed.url).toMatch(
      /^ws:\/\/<redacted>@127\.0\.0\.1:\d+\/(refuse|accept)\?api_key=<redacted>&access_token=<redacted>&token=<redacted>$/,
    );
  });

  it('--show-token shows the token, and still never the secret, the password, the key or the old token', async () => {
    const p = await plantSecrets(Date.now());
    const url = p.serverUrl(await echoingServer(p), '/refuse');
    const args = [url, '--token', p.token, '--secret', p.secret, '--show-token'];
    for (const r of [await probe(args), await probe([...args, '--json'])]) {
      expect(r.out).toContain(`token=${p.token}`);
      expect(plantedLeaks(r.out + r.err, p, { revealToken: true })).toEqual([]);
    }
  });
});
