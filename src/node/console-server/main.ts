// Entry point of the console server under `npm start`: `tsx src/node/console-server/main.ts [--port N]
// [--host H] [--dist DIR]`. Prints one line with the console's URL and runs until interrupted.
//
// Exit codes: 0 stopped (SIGINT/SIGTERM); 1 could not start for another reason (no build in DIR …);
// 2 bad usage; 3 the port is already in use.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isEntryPoint } from '../entry-point.ts';
import { DEFAULT_CONSOLE_PORT, startConsoleServer } from './console-server.ts';
import type { ConsoleServer } from './console-server.ts';

export const EXIT_START_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_PORT_IN_USE = 3;

interface ConsoleCliOptions {
  out?: (line: string) => void;
  err?: (line: string) => void;
}

type Parsed = { ok: true; port: number; host: string; distDir: string } | { ok: false; error: string };

function parseArgs(argv: readonly string[]): Parsed {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(port|host|dist)(?:=(.*))?$/.exec(arg);
    if (!match?.[1])
      return { ok: false, error: `unknown argument "${arg}" (use --port N, --host H, --dist DIR)` };
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') return { ok: false, error: `--${match[1]} needs a value` };
    values[match[1]] = value;
  }
  const port = values.port === undefined ? DEFAULT_CONSOLE_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return { ok: false, error: `--port must be a whole number from 0 to 65535, not "${values.port}"` };
  return { ok: true, port, host: values.host ?? '127.0.0.1', distDir: values.dist ?? 'dist' };
}

/** Starts the console server; resolves to it, or to an exit code when nothing was started. */
export async function runConsoleServerCli(
  argv: readonly string[],
  options: ConsoleCliOptions = {},
): Promise<number | ConsoleServer> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    err(`wsjwt console: ${parsed.error}`);
    return EXIT_USAGE;
  }
  if (!existsSync(join(parsed.distDir, 'index.html'))) {
    err(`wsjwt console: no built console in ${parsed.distDir}/ (run npm run build first)`);
    return EXIT_START_FAILED;
  }
  try {
    const server = await startConsoleServer(parsed);
    out(`wsjwt console on ${server.url} (the built console, with its CSP and the handshake x-ray)`);
    return server;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      err(
        `Port ${parsed.port} is already in use — set --port (or WSJWT_CONSOLE_PORT for npm start) to another one`,
      );
      return EXIT_PORT_IN_USE;
    }
    err(`wsjwt console: could not listen on ${parsed.host}:${parsed.port}: ${String(error)}`);
    return EXIT_START_FAILED;
  }
}

if (isEntryPoint(import.meta.url)) {
  void runConsoleServerCli(process.argv.slice(2)).then((result) => {
    if (typeof result === 'number') {
      process.exitCode = result;
      return;
    }
    const stop = (): void => void result.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
