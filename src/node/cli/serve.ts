// wsjwt serve: the reference server (src/node/server), with its fault scenarios — the same as npm run server.
import { parseEnv } from 'node:util';
import { SERVER_USAGE } from '../server/env.ts';
import { runServerCli } from '../server/main.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import type { CliIo } from './io.ts';
import { MAX_ENV_FILE_BYTES, UsageError } from './io.ts';

export const SERVE_USAGE = `${SERVER_USAGE.replace(/^Usage:.*$/m, 'Usage: npx wsjwt serve [options]      (the same as: npm run server -- [options])')}

  --env-file FILE  read JWT_SECRET (and PORT, HOST, FAULT…) from FILE instead of ./.env`;

/** KEY=VALUE pairs of an env file, read the way the server reads ./.env. */
function envFileValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text))) if (value !== undefined) out[key] = value;
  return out;
}

/** Starts the server; resolves to it (it keeps running) or to an exit code. */
export async function runServe(argv: readonly string[], io: CliIo): Promise<number | ReferenceServer> {
  const rest: string[] = [];
  let envFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      io.stdout(`${SERVE_USAGE}\n`);
      return 0;
    }
    if (arg === '--env-file' || arg.startsWith('--env-file=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError('--env-file needs a value');
      envFile = value;
      continue;
    }
    rest.push(arg);
  }
  let env = io.env;
  if (envFile !== undefined) {
    let text: string;
    try {
      text = io.readFile(envFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      throw new UsageError(
        `cannot read --env-file ${envFile}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`,
      );
    }
    if (text.length > MAX_ENV_FILE_BYTES)
      throw new UsageError(`--env-file ${envFile} is larger than ${MAX_ENV_FILE_BYTES} bytes`);
    // An explicit --env-file wins over the environment (unlike the implicit ./.env).
    env = { ...io.env, ...envFileValues(text) };
  }
  return runServerCli(rest, env, {
    out: (line) => io.stdout(`${line}\n`),
    err: (line) => io.stderr(`${line}\n`),
    log: (line) => io.stdout(`${new Date(io.now()).toISOString()} ${line}\n`),
    loadDotEnv: envFile === undefined,
    handleSignals: io.handleSignals,
  });
}
