// The "Copy as command" output, run by a real POSIX shell: the words the programs receive are exactly the
// URL and token intended, and the wsjwt command works as copied.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_PROTOCOL_IDS,
  buildCopyCommands,
  defaultPayload,
  mintToken,
  TOKEN_PLACEMENTS,
} from '../../core/index.ts';
import {
  realServerTokens,
  startFastifyHeaderJwt,
  startGraphqlWs,
  startSocketIo,
  startSubscriptionsTransportWs,
  type RunningServer,
} from '../../../e2e/real-servers/node-protocols/servers.ts';
import { createReferenceServer } from '../server/reference-server.ts';
import type { ReferenceServer } from '../server/reference-server.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.c2lnbmF0dXJl';

function sh(
  script: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', script],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The words a command line hands to its program, one per line. */
async function words(command: string, program: string, env: Record<string, string>): Promise<string[]> {
  expect(command.startsWith(program)).toBe(true);
  const r = await sh(`printf '%s\\n' ${command.slice(program.length)}`, env);
  return r.stdout.split('\n').slice(0, -1);
}

const servers: Array<ReferenceServer | RunningServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** What a websocat pipeline hands over: its arguments, then the lines it reads (the first frame). */
async function websocatPipeline(command: string, env: Record<string, string>): Promise<string[]> {
  // Stand-ins for the tools: websocat prints its words and its input; cat (the user's typing) sends nothing.
  const stubs = `websocat() { printf 'ARG:%s\\n' "$@"; while IFS= read -r line; do printf 'IN:%s\\n' "$line"; done; }; cat() { :; };`;
  const r = await sh(`${stubs} ${command}`, env);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').slice(0, -1);
}

describe.skipIf(process.platform === 'win32')('Copy as command in a real shell', () => {
  const nasty = "ws://h:1/it's/$HOME/`id`/!x?a=1&b=$PATH";

  for (const includeToken of [false, true]) {
    it(`hands the programs the intended words (includeToken ${includeToken})`, async () => {
      const token = "odd'to$ken+";
      const c = buildCopyCommands({ url: nasty, paramName: 'token', token, includeToken });
      const env = { TOKEN: token };
      const expectedUrl = `ws://h:1/it's/$HOME/\`id\`/!x?a=1&b=$PATH&token=${includeToken ? encodeURIComponent(token) : token}`;
      expect(await words(c.wscat, 'wscat', env)).toEqual(['-c', expectedUrl]);
      expect(await words(c.websocat, 'websocat', env)).toEqual([expectedUrl]);
      expect(await words(c.wsjwt, 'npx wsjwt', env)).toEqual([
        'probe',
        "ws://h:1/it's/$HOME/`id`/!x?a=1&b=$PATH",
        '--token',
        token,
        '--param',
        'token',
      ]);
    });
  }

  it('a protocol first frame and the Authorization header reach the programs as single words', async () => {
    const token = 'odd\'to$ken"+';
    for (const includeToken of [false, true]) {
      const gql = buildCopyCommands({
        url: 'ws://h:1/graphql',
        paramName: 'token',
        token,
        includeToken,
        protocol: 'graphql-ws',
      });
      const init = JSON.stringify({
        type: 'connection_init',
        payload: { token: includeToken ? token : token },
      });
      const sent = await words(gql.wscat, 'wscat', { TOKEN: token });
      // With $TOKEN the shell pastes the raw value into the JSON; included, the token is JSON-escaped.
      expect(sent.slice(0, 4)).toEqual(['-c', 'ws://h:1/graphql', '-s', 'graphql-transport-ws']);
      expect(sent[5]).toBe(includeToken ? init : `{"type":"connection_init","payload":{"token":"${token}"}}`);
      const header = buildCopyCommands({
        url: 'ws://h:1',
        paramName: 'token',
        token,
        includeToken,
        travel: 'header',
      });
      expect(await words(header.wscat, 'wscat', { TOKEN: token })).toEqual([
        '-c',
        'ws://h:1',
        '-H',
        `Authorization: Bearer ${token}`,
      ]);
    }
  });

  it('the plain placeholder form expands $TOKEN', async () => {
    const c = buildCopyCommands({
      url: 'ws://localhost:3000/ws',
      paramName: 'token',
      token: '',
      includeToken: false,
    });
    expect(await words(c.wscat, 'wscat', { TOKEN })).toEqual(['-c', `ws://localhost:3000/ws?token=${TOKEN}`]);
  });

  it('with its variables set, a URL whose credentials were left out is the URL the user typed', async () => {
    const typed = `ws://bob:p%40ss@h:1/ws?api_key=k%2B1&state=${TOKEN}&room=1`;
    const c = buildCopyCommands({ url: typed, paramName: 'token', token: '', includeToken: false });
    // The variables hold the values as written in the URL (percent-encoded), as the UI says.
    const env = { TOKEN, WS_USERINFO: 'bob:p%40ss', API_KEY: 'k%2B1', STATE: TOKEN };
    expect(c.variables.map((v) => v.name)).toEqual(['WS_USERINFO', 'API_KEY', 'STATE']);
    expect(await words(c.wscat, 'wscat', env)).toEqual(['-c', `${typed}&token=${TOKEN}`]);
    expect((await words(c.wsjwt, 'npx wsjwt', env))[1]).toBe(typed);
  });

  it('the copied wsjwt command connects', async () => {
    const server = await createReferenceServer({ port: 0, secret: 'copy-secret', log: () => undefined });
    servers.push(server);
    const minted = await mintToken(
      { ...defaultPayload(Date.now()) },
      { text: 'copy-secret', encoding: 'utf8' },
      'HS256',
    );
    if (!minted.ok) throw new Error('mint');
    const c = buildCopyCommands({
      url: `${server.url}/?token=${minted.token}`,
      paramName: 'token',
      token: minted.token,
      includeToken: false,
      timeoutMs: 3000,
    });
    const r = await sh(`${c.wsjwt.replace(/^npx wsjwt/, `"${process.execPath}" bin/wsjwt.cjs`)} --json`, {
      TOKEN: minted.token,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ diagnosis: [] });
  });

  // Every protocol with every placement, the token as $TOKEN and included: each tool receives it whole,
  // where it travels, and nothing of the shell leaks in (no $ expansion, no word split).
  for (const protocol of APP_PROTOCOL_IDS)
    for (const travel of TOKEN_PLACEMENTS)
      it(`${protocol}, token in ${travel}: the words the tools receive`, async () => {
        const token = "odd'to$ken+`x`";
        for (const includeToken of [false, true]) {
          const c = buildCopyCommands({
            url: 'ws://h:1/ws?room=1',
            paramName: 'token',
            token,
            includeToken,
            protocol,
            travel,
          });
          const env = { TOKEN: token };
          const wscat = await words(c.wscat, 'wscat', env);
          const wsjwt = await words(c.wsjwt, 'npx wsjwt', env);
          expect(wsjwt.slice(0, 4)).toEqual(['probe', 'ws://h:1/ws?room=1', '--token', token]);
          expect(wsjwt.includes('--protocol')).toBe(protocol !== 'plain');
          const where = {
            query: (w: string[]) =>
              w.some((x) => x.endsWith(`token=${includeToken ? encodeURIComponent(token) : token}`)),
            subprotocol: (w: string[]) => w.includes(token) && w.includes('access_token'),
            cookie: (w: string[]) => w.includes(`Cookie: token=${token}`),
            header: (w: string[]) => w.includes(`Authorization: Bearer ${token}`),
            // STOMP's frame cannot be copied (a NUL byte): the note says so instead.
            'first-message': (w: string[]) =>
              protocol === 'stomp'
                ? c.notes.length > 0
                : w.some((x) => x.includes(token) || x.includes(JSON.stringify(token).slice(1, -1))),
          }[travel];
          expect(where(wscat), `wscat ${c.wscat}`).toBe(true);
          expect(wscat.some((x) => x.includes('$TOKEN'))).toBe(false);
          const websocat = c.websocat.startsWith('{')
            ? await websocatPipeline(c.websocat, env)
            : (await words(c.websocat, 'websocat', env)).map((w) => `ARG:${w}`);
          const args = websocat.filter((l) => l.startsWith('ARG:')).map((l) => l.slice(4));
          const sent = websocat.filter((l) => l.startsWith('IN:')).map((l) => l.slice(3));
          expect(where([...args, ...sent]), `websocat ${c.websocat}`).toBe(true);
          // The first frame websocat sends is the one wscat sends with -x.
          const x = wscat.indexOf('-x');
          expect(sent).toEqual(x === -1 ? [] : [wscat[x + 1]]);
        }
      });

  const REAL = [
    { name: 'graphql-ws', start: startGraphqlWs, protocol: 'graphql-ws', travel: undefined },
    {
      name: 'subscriptions-transport-ws',
      start: startSubscriptionsTransportWs,
      protocol: 'subscriptions-transport-ws',
      travel: undefined,
    },
    { name: 'Socket.IO', start: startSocketIo, protocol: 'socket.io', travel: undefined },
    { name: 'fastify + @fastify/jwt', start: startFastifyHeaderJwt, protocol: 'plain', travel: 'header' },
  ] as const;
  for (const real of REAL)
    it(`the copied wsjwt command is accepted by a real ${real.name} server, and refuses a wrong secret`, async () => {
      const server = await real.start();
      servers.push(server);
      const tokens = realServerTokens();
      const c = buildCopyCommands({
        url: server.url,
        paramName: 'token',
        token: '',
        includeToken: false,
        timeoutMs: 4000,
        protocol: real.protocol,
        ...(real.travel !== undefined ? { travel: real.travel } : {}),
      });
      const run = (token: string) =>
        sh(`${c.wsjwt.replace(/^npx wsjwt/, `"${process.execPath}" bin/wsjwt.cjs`)} --json`, {
          TOKEN: token,
        });
      const good = await run(tokens.good);
      expect(good.stderr).toBe('');
      expect(good.code).toBe(0);
      const bad = await run(tokens.wrongSecret);
      expect(bad.code).toBe(1);
      expect((JSON.parse(bad.stdout) as { diagnosis: Array<{ cause: string }> }).diagnosis[0]?.cause).toBe(
        'secret-mismatch',
      );
    });
});
