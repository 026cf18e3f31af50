// Configuration of the reference server: flags beat the environment, the environment beats `.env`, and
// `.env` beats the defaults. Everything here is pure except readDotEnvFile (one file read).
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { FAULT_NAMES, isFaultName } from './faults.ts';
import type { FaultName } from './faults.ts';
import { DEFAULT_REQUIRED_CLAIMS } from './verify-token.ts';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
/** Used when JWT_SECRET is unset or empty; a warning says so. Documented in .env.example. */
export const DEFAULT_JWT_SECRET = 'dev-secret-change-me';

export type ServerEnv = Readonly<Record<string, string | undefined>>;

export interface ServerConfig {
  port: number;
  host: string;
  secret: string;
  /** Where the secret came from: a flag, the environment (including .env), or the built-in default. */
  secretSource: 'flag' | 'env' | 'default';
  fault: FaultName | undefined;
  requiredClaims: string[];
  /** --help was given: print usage and start nothing. */
  help: boolean;
}

export type ServerConfigResult =
  { ok: true; config: ServerConfig; warnings: string[] } | { ok: false; error: string };

export const SERVER_USAGE = `Usage: npm run server -- [options]      (or: tsx src/node/server/main.ts [options])

The wsjwt reference server: WebSocket + JWT in ?token=, as in the troubleshooting guide.

Options:
  --port N         port to listen on (env PORT, default ${DEFAULT_PORT}; 0 = any free port)
  --host H         address to bind (env HOST, default ${DEFAULT_HOST})
  --secret S       HMAC secret (env JWT_SECRET, default "${DEFAULT_JWT_SECRET}" with a warning)
  --fault NAME     apply a fault scenario to every connection (env FAULT)
  --help           show this help

Environment: PORT, HOST, JWT_SECRET, FAULT, REQUIRED_CLAIMS (comma list, default ${DEFAULT_REQUIRED_CLAIMS.join(',')}).
A .env file in the current directory is read first; real environment variables win over it.
Per connection: ws://HOST:PORT/fault/<name>?token=... or ?fault=<name>.
Faults: ${FAULT_NAMES.join(', ')}

Exit codes: 0 stopped cleanly or --help, 1 could not start, 2 bad usage, 3 port already in use.`;

/** Reads KEY=VALUE lines from a .env file. undefined when there is no readable file. */
export function readDotEnvFile(path = '.env'): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseEnv(text);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== undefined) out[key] = value;
  return out;
}

function parsePort(raw: string, from: string): number | string {
  const trimmed = raw.trim();
  if (!/^\d+$/.test(trimmed)) return `${from} must be a port number (0-65535), got "${raw}"`;
  const port = Number(trimmed);
  return port <= 65535 ? port : `${from} must be a port number (0-65535), got "${raw}"`;
}

function parseFault(raw: string, from: string): FaultName | undefined | { error: string } {
  const name = raw.trim();
  if (name === '' || name === 'none') return undefined;
  return isFaultName(name)
    ? name
    : { error: `${from}: unknown fault "${name}". Known faults: ${FAULT_NAMES.join(', ')}` };
}

/**
 * Turn argv (without node and the script: `process.argv.slice(2)`) and an environment into a config.
 * Pure: does not read files or touch process.env (merge `.env` into `env` before calling).
 */
export function loadServerConfig(argv: readonly string[], env: ServerEnv): ServerConfigResult {
  const flags: Partial<Record<'port' | 'host' | 'secret' | 'fault', string>> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--(port|host|secret|fault)(?:=(.*))?$/s.exec(arg);
    if (match === null) return { ok: false, error: `Unknown option "${arg}". Run with --help for usage.` };
    const name = match[1] as 'port' | 'host' | 'secret' | 'fault';
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        return { ok: false, error: `--${name} needs a value` };
      i++;
    }
    flags[name] = value;
  }

  const warnings: string[] = [];

  const portRaw = flags.port ?? env.PORT;
  let port = DEFAULT_PORT;
  if (portRaw !== undefined && portRaw.trim() !== '') {
    const parsed = parsePort(portRaw, flags.port !== undefined ? '--port' : 'PORT');
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    port = parsed;
  }

  const hostRaw = (flags.host ?? env.HOST ?? '').trim();
  const host = hostRaw === '' ? DEFAULT_HOST : hostRaw;

  let secret: string;
  let secretSource: ServerConfig['secretSource'];
  if (flags.secret !== undefined) {
    if (flags.secret === '') return { ok: false, error: '--secret must not be empty' };
    secret = flags.secret;
    secretSource = 'flag';
  } else if (env.JWT_SECRET !== undefined && env.JWT_SECRET !== '') {
    secret = env.JWT_SECRET;
    secretSource = 'env';
  } else {
    secret = DEFAULT_JWT_SECRET;
    secretSource = 'default';
    warnings.push(
      `JWT_SECRET is not set: using the built-in default "${DEFAULT_JWT_SECRET}". Tokens must be signed with exactly this secret; set JWT_SECRET (or .env) to use yours.`,
    );
  }
  if (secretSource !== 'default' && secret === DEFAULT_JWT_SECRET) {
    warnings.push(
      `JWT_SECRET is the example value "${DEFAULT_JWT_SECRET}" (from .env.example): fine for a demo, change it for anything else.`,
    );
  }
  if (secret !== secret.trim())
    warnings.push('JWT_SECRET has leading or trailing whitespace; it is used as is, spaces included.');

  let fault: FaultName | undefined;
  const faultRaw = flags.fault ?? env.FAULT;
  if (faultRaw !== undefined) {
    const parsed = parseFault(faultRaw, flags.fault !== undefined ? '--fault' : 'FAULT');
    if (typeof parsed === 'object') return { ok: false, error: parsed.error };
    fault = parsed;
  }

  let requiredClaims = [...DEFAULT_REQUIRED_CLAIMS];
  if (env.REQUIRED_CLAIMS !== undefined) {
    requiredClaims = env.REQUIRED_CLAIMS.split(',')
      .map((claim) => claim.trim())
      .filter((claim) => claim !== '');
  }

  return { ok: true, config: { port, host, secret, secretSource, fault, requiredClaims, help }, warnings };
}
