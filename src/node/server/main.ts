// Entry point of `npm run server` (and, through runServerCli, of `wsjwt serve`).
//
// Exit codes: 0 stopped cleanly (SIGINT/SIGTERM) or --help; 1 could not start for another reason;
// 2 bad usage (unknown flag, bad port, unknown fault); 3 the port is already in use.
import { isEntryPoint } from '../entry-point.ts';
import { DEFAULT_JWT_SECRET, loadServerConfig, readDotEnvFile, SERVER_USAGE } from './env.ts';
import type { ServerEnv } from './env.ts';
import { createReferenceServer } from './reference-server.ts';
import type { ReferenceServer } from './reference-server.ts';

export const EXIT_OK = 0;
export const EXIT_START_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_PORT_IN_USE = 3;

export interface ServerCliOptions {
  /** Normal output (default: console.log). */
  out?: (line: string) => void;
  /** Errors and warnings (default: console.error). */
  err?: (line: string) => void;
  /** The server's per-connection log (default: console.log with an ISO timestamp). */
  log?: (line: string) => void;
  /** Read ./.env (default true). Values already in `env` win. */
  loadDotEnv?: boolean;
  /** Close the server on SIGINT/SIGTERM (default true; tests pass false). */
  handleSignals?: boolean;
  /** Prefix of error lines (default "wsjwt server"; `wsjwt serve` passes its own). */
  label?: string;
  /** How to pick another port, in the caller's words (default: "set PORT=N npm run server"). */
  otherPortHint?: (port: number) => string;
}

/**
 * Parse flags and environment, start the reference server and print how to use it.
 * Resolves to the running server, or to an exit code when nothing was started (help, bad usage, port taken).
 */
export async function runServerCli(
  argv: readonly string[],
  env: ServerEnv = process.env,
  options: ServerCliOptions = {},
): Promise<number | ReferenceServer> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const label = options.label ?? 'wsjwt server';

  const dotEnv = options.loadDotEnv === false ? undefined : readDotEnvFile('.env');
  const merged: ServerEnv = { ...dotEnv, ...env };
  const result = loadServerConfig(argv, merged);
  if (!result.ok) {
    err(`${label}: ${result.error}`);
    return EXIT_USAGE;
  }
  const { config, warnings } = result;
  if (config.help) {
    out(SERVER_USAGE);
    return EXIT_OK;
  }

  let server: ReferenceServer;
  try {
    server = await createReferenceServer({
      port: config.port,
      host: config.host,
      secret: config.secret,
      secretIsDefault: config.secret === DEFAULT_JWT_SECRET,
      requiredClaims: config.requiredClaims,
      fault: config.fault,
      ...(options.log !== undefined ? { log: options.log } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EADDRINUSE') {
      const next = config.port === 65535 ? 3001 : config.port + 1;
      const hint = options.otherPortHint?.(next) ?? `set PORT=${next} npm run server`;
      err(
        `${options.label !== undefined ? `${label}: port` : 'Port'} ${config.port} is already in use — probably your own server; ${hint} to run the reference server beside it`,
      );
      return EXIT_PORT_IN_USE;
    }
    err(
      `${label}: could not listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT_START_FAILED;
  }

  const secretNote =
    config.secretSource === 'default'
      ? 'default secret (see the warning)'
      : `JWT_SECRET from ${config.secretSource === 'flag' ? '--secret' : 'the environment or .env'} (${config.secret.length} chars)`;
  out(
    `wsjwt reference server on ${server.url}/?token=<JWT> — health: ${server.httpUrl}/health — ${secretNote}` +
      `${config.fault !== undefined ? ` — fault: ${config.fault}` : ''}` +
      ` — mint & test: TOKEN=$(npx wsjwt mint --secret ${config.secretSource === 'default' ? DEFAULT_JWT_SECRET : '"$JWT_SECRET"'}) && npx wsjwt probe ${server.url} --token "$TOKEN"` +
      ` (or the console: npm start, same secret, Mint token, Connect); faults: ${server.url}/fault/<name>`,
  );
  // Warnings only once listening, so a taken port stays a one-line answer.
  for (const warning of warnings) err(`warning: ${warning}`);

  if (options.handleSignals !== false) {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        // A second Ctrl-C means "now".
        process.exit(130);
      }
      stopping = true;
      out(`${label}: ${signal}, closing…`);
      void server.close().then(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.exitCode = EXIT_OK;
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
  return server;
}

if (isEntryPoint(import.meta.url)) {
  runServerCli(process.argv.slice(2))
    .then((result) => {
      if (typeof result === 'number') process.exitCode = result;
    })
    .catch((error: unknown) => {
      console.error(`wsjwt server: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT_START_FAILED;
    });
}
