import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PORT_IN_USE, EXIT_USAGE, runServerCli } from './main.ts';

function collect(): { out: string[]; err: string[]; options: Parameters<typeof runServerCli>[2] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    options: {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      log: () => undefined,
      loadDotEnv: false,
      handleSignals: false,
    },
  };
}

describe('runServerCli', () => {
  it('starts the server and prints one line with the URL and the health URL', async () => {
    const io = collect();
    const result = await runServerCli(['--port', '0'], { JWT_SECRET: 'cli-secret-value' }, io.options);
    if (typeof result === 'number') throw new Error(`expected a server, got exit code ${result}`);
    try {
      expect(io.out).toHaveLength(1);
      expect(io.out[0]).toContain(`${result.url}/?token=<JWT>`);
      expect(io.out[0]).toContain(`${result.httpUrl}/health`);
      expect(io.out.join('\n')).not.toContain('cli-secret-value');
      expect(io.err).toEqual([]);
      const health = (await (await fetch(`${result.httpUrl}/health`)).json()) as {
        jwtSecretIsDefault: boolean;
      };
      expect(health.jwtSecretIsDefault).toBe(false);
    } finally {
      await result.close();
    }
  });

  it('warns when it falls back to the default secret', async () => {
    const io = collect();
    const result = await runServerCli(['--port=0'], {}, io.options);
    if (typeof result !== 'number') await result.close();
    expect(io.err).toEqual([expect.stringMatching(/^warning: JWT_SECRET is not set/)]);
  });

  it('prints one clear line and returns 3 when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const io = collect();
      expect(await runServerCli([], { PORT: String(port), JWT_SECRET: 'x' }, io.options)).toBe(
        EXIT_PORT_IN_USE,
      );
      expect(await runServerCli([], { PORT: String(port) }, io.options)).toBe(EXIT_PORT_IN_USE);
      expect(io.err).toEqual([
        `Port ${port} is already in use — probably your own server; set PORT=${port + 1} npm run server to run the reference server beside it`,
        `Port ${port} is already in use — probably your own server; set PORT=${port + 1} npm run server to run the reference server beside it`,
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('returns 0 for --help and 2 for bad usage', async () => {
    const help = collect();
    expect(await runServerCli(['--help'], {}, help.options)).toBe(EXIT_OK);
    expect(help.out.join('\n')).toMatch(/Usage:[^]*--fault NAME[^]*hang-handshake/);
    const bad = collect();
    expect(await runServerCli(['--fault', 'nope'], {}, bad.options)).toBe(EXIT_USAGE);
    expect(bad.err).toEqual([expect.stringContaining('unknown fault "nope"')]);
  });
});
