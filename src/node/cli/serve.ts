// wsjwt serve: the reference server (src/node/server), with its fault scenarios — the same server as
// `npm run server`, with the CLI's options, error style and exit codes (2 bad usage, 1 could not start).
import { parseEnv } from 'node:util';
import { DEFAULT_HOST, DEFAULT_JWT_SECRET, DEFAULT_PORT } from '../server/env.ts';
import { FAULT_NAMES } from '../server/faults.ts';
import { runServerCli } from '../server/main.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import { parseArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { UsageError } from './io.ts';
import { envFileOption, readEnvFile } from './secret.ts';

export const SERVE_USAGE = `Usage: npx wsjwt serve [options]

Start the reference server: WebSocket + JWT in ?token=, as in the troubleshooting guide. It runs until
Ctrl-C. The same server as npm run server.

Options:
  --port N                port to listen on (env PORT, default ${DEFAULT_PORT}; 0 = any free port)
  --host H                address to bind (env HOST, default ${DEFAULT_HOST})
  --secret S              HMAC secret (env JWT_SECRET, default "${DEFAULT_JWT_SECRET}" with a warning)
  --fault NAME            apply a fault scenario to every connection (env FAULT)
  --dotenv FILE           read JWT_SECRET (and PORT, HOST, FAULT…) from FILE instead of ./.env; its values
                          win over the environment (--env-file FILE works too, but Node itself stops first
                          when FILE is missing)
  --no-color              no colors (the server prints none; accepted like every command)
  --help                  this help

Per connection: ws://HOST:PORT/fault/<name>?token=… or ?fault=<name>. GET /health for status.
Faults: ${FAULT_NAMES.join(', ')}

Exit status: 0 stopped with Ctrl-C, 1 could not start, 2 bad usage, 3 the port is already in use.`;

/** KEY=VALUE pairs of an env file, read the way the server reads ./.env. */
function envFileValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text))) if (value !== undefined) out[key] = value;
  return out;
}

/** Starts the server; resolves to it (it keeps running) or to an exit code. */
export async function runServe(argv: readonly string[], io: CliIo): Promise<number | ReferenceServer> {
  const args = parseArgs(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      secret: { type: 'string' },
      fault: { type: 'string' },
      dotenv: { type: 'string' },
      'env-file': { type: 'string' },
    },
    'serve',
  );
  if (args.positionals.length > 0)
    throw new UsageError(`serve takes no arguments, got "${args.positionals[0] ?? ''}" (use --port N)`);
  const serverArgv: string[] = [];
  for (const name of ['port', 'host', 'secret', 'fault'] as const) {
    const value = args.string(name);
    if (value !== undefined) serverArgv.push(`--${name}=${value}`);
  }
  const envFile = envFileOption(args);
  // An explicit env file wins over the environment (unlike the implicit ./.env).
  const env = envFile !== undefined ? { ...io.env, ...envFileValues(readEnvFile(envFile, io)) } : io.env;
  return runServerCli(serverArgv, env, {
    out: (line) => io.stdout(`${line}\n`),
    err: (line) => io.stderr(`${line}\n`),
    log: (line) => io.stdout(`${new Date(io.now()).toISOString()} ${line}\n`),
    loadDotEnv: envFile === undefined,
    handleSignals: io.handleSignals,
    label: 'wsjwt serve',
    otherPortHint: (port) => `use --port ${port}`,
  });
}
