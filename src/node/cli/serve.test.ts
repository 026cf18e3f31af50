import { afterEach, describe, expect, it } from 'vitest';
import { defaultPayload, mintToken } from '../../core/index.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';

const servers: ReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function isServer(value: unknown): value is ReferenceServer {
  return typeof value === 'object' && value !== null && 'close' in value;
}

describe('wsjwt serve', () => {
  it('starts the reference server with JWT_SECRET from --env-file; probe connects to it', async () => {
    const serveIo = fakeIo({ files: { 'test.env': 'JWT_SECRET=from-env-file\n' } });
    const result = await main(['serve', '--port', '0', '--env-file', 'test.env'], serveIo.io);
    if (!isServer(result)) throw new Error(`serve returned ${String(result)}: ${serveIo.stderr()}`);
    servers.push(result);
    expect(serveIo.stdout()).toContain('wsjwt reference server on ws://127.0.0.1:');
    expect(serveIo.stdout()).toMatch(/JWT_SECRET from .*\(13 chars\)/);

    const minted = await mintToken(
      { ...defaultPayload(Date.now()) },
      { text: 'from-env-file', encoding: 'utf8' },
      'HS256',
    );
    if (!minted.ok) throw new Error('mint');
    const probeIo = fakeIo();
    expect(await main(['probe', result.url, '--token', minted.token, '--json'], probeIo.io)).toBe(0);
  });

  it('--fault applies a fault scenario', async () => {
    const serveIo = fakeIo({ env: { JWT_SECRET: 's' } });
    const result = await main(['serve', '--port', '0', '--fault', 'reject-401'], serveIo.io);
    if (!isServer(result)) throw new Error('not started');
    servers.push(result);
    const probeIo = fakeIo({ env: { JWT_SECRET: 's' } });
    expect(await main(['probe', result.url, '--mint', '--json'], probeIo.io)).toBe(1);
    expect(probeIo.stdout()).toContain('"status": 401');
  });

  it('bad usage exits 2: unknown fault, unreadable env file', async () => {
    const a = fakeIo();
    expect(await main(['serve', '--fault', 'nope'], a.io)).toBe(2);
    expect(a.stderr()).toMatch(/unknown fault "nope"/);
    const b = fakeIo();
    expect(await main(['serve', '--env-file', 'missing.env'], b.io)).toBe(2);
    expect(b.stderr()).toMatch(/^wsjwt serve: cannot read --env-file missing\.env/);
  });
});

describe('wsjwt serve speaks like the other commands', () => {
  it('accepts --no-color and --dotenv; unknown options and bad values: "wsjwt serve: …", exit 2', async () => {
    const serveIo = fakeIo({ files: { 'x.env': 'JWT_SECRET=from-dotenv\n' } });
    const result = await main(['serve', '--port', '0', '--no-color', '--dotenv', 'x.env'], serveIo.io);
    if (!isServer(result)) throw new Error(`serve returned ${String(result)}: ${serveIo.stderr()}`);
    servers.push(result);
    expect(serveIo.stdout()).toMatch(/JWT_SECRET from .*\(11 chars\)/);

    const unknown = fakeIo();
    expect(await main(['serve', '--bogus'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toBe('wsjwt serve: unknown option --bogus (see wsjwt serve --help)\n');
    const badPort = fakeIo();
    expect(await main(['serve', '--port', 'x'], badPort.io)).toBe(2);
    expect(badPort.stderr()).toMatch(/^wsjwt serve: --port must be a port number/);
  });

  it("a taken port: one line in the CLI's words (--port, not npm run server), exit 3", async () => {
    const first = fakeIo({ env: { JWT_SECRET: 's' } });
    const running = await main(['serve', '--port', '0'], first.io);
    if (!isServer(running)) throw new Error('not started');
    servers.push(running);
    const second = fakeIo({ env: { JWT_SECRET: 's' } });
    expect(await main(['serve', '--port', String(running.port)], second.io)).toBe(3);
    expect(second.stderr()).toBe(
      `wsjwt serve: port ${running.port} is already in use — probably your own server; use --port ${running.port + 1} to run the reference server beside it\n`,
    );
  });
});
