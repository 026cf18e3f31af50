// The "Copy as command" output, run by a real POSIX shell: the words the programs receive are exactly the
// URL and token intended, and the wsjwt command works as copied.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCopyCommands, defaultPayload, mintToken } from '../../core/index.ts';
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

const servers: ReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

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
    const r = await sh(`${c.wsjwt.replace(/^npx wsjwt/, `"${process.execPath}" bin/wsjwt.mjs`)} --json`, {
      TOKEN: minted.token,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ diagnosis: [] });
  });
});
