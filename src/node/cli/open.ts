// wsjwt open: the console from any directory — the built console served by one small Node server (no Vite at
// run time) with its CSP and frame-ancestors 'none', the handshake x-ray and the relay beside it; prints the
// URL and opens the browser. The same server `npm start` runs in a clone.
//
// Decisions worth knowing:
// - Loopback only unless --allow-remote: the x-ray and the relay open sockets for their caller, so binding
//   another address is a choice made out loud, with a warning.
// - --port 0 takes any free port; the printed URL has the real one. Port taken: one line, exit 3.
// - --server-url travels as the console's deep link (?url=…), which the console reads on load; tokens and
//   secrets never go in the address bar.
import { ensureConsoleBuild } from '../console-server/build-on-demand.ts';
import { DEFAULT_CONSOLE_PORT, startConsoleServer } from '../console-server/console-server.ts';
import type { ConsoleServer } from '../console-server/console-server.ts';
import { packageRoot } from '../package-root.ts';
import { parseArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { EXIT_PROBLEM, UsageError } from './io.ts';
import { browserDecision, openInBrowser } from './open-browser.ts';

export const EXIT_PORT_IN_USE = 3;
const DEFAULT_HOST = '127.0.0.1';

export const OPEN_USAGE = `Usage: wsjwt open [options]

Serve the console on this machine and open it in the browser: the built console with its
Content-Security-Policy, the handshake x-ray (what a refused upgrade answered) and the relay (sockets
with the headers a browser cannot set, such as Authorization). Runs until Ctrl-C.

Options:
  --port N                port to listen on (default ${DEFAULT_CONSOLE_PORT}; 0 = any free port)
  --host H                address to bind (default ${DEFAULT_HOST}; loopback only unless --allow-remote)
  --no-open               print the URL, do not open a browser (also when CI is set or there is no display)
  --server-url URL        prefill the console's Server URL (ws://, wss://, http:// or https://)
  --allow-remote          allow --host to be a non-loopback address: the console, its x-ray and relay
                          then answer that network (both still need this launch's session token)
  --help                  this help

Exit status: 0 stopped with Ctrl-C, 1 could not start, 2 bad usage, 3 the port is already in use.`;

export interface OpenOptions {
  /** Opens the URL in a browser (tests replace it). */
  openBrowser?: (url: string) => void;
  platform?: NodeJS.Platform;
  /** The package root whose dist/ is served (default: this package's). */
  root?: string;
  /** How to pick another port when it is taken, in the caller's words (npm start: WSJWT_CONSOLE_PORT). */
  otherPortHint?: string;
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches. */
export function isLoopbackBindHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_CONSOLE_PORT;
  const port = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${raw}"`);
  return port;
}

function parseServerUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--server-url "${raw}" is not a URL (e.g. ws://localhost:3000)`);
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol))
    throw new UsageError(`--server-url must be ws://, wss://, http:// or https://, not ${url.protocol}//`);
  return raw;
}

/** The URL a browser on this machine opens: the bound address (loopback for a wildcard), deep link added. */
export function consoleUrl(host: string, port: number, serverUrl?: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const shown = bare === '0.0.0.0' || bare === '' ? '127.0.0.1' : bare === '::' ? '::1' : bare;
  const authority = shown.includes(':') ? `[${shown}]` : shown;
  const query = serverUrl === undefined ? '' : `?url=${encodeURIComponent(serverUrl)}`;
  return `http://${authority}:${port}/${query}`;
}

/** Starts the console server; resolves to it (it keeps running) or to an exit code. */
export async function runOpen(
  argv: readonly string[],
  io: CliIo,
  options: OpenOptions = {},
): Promise<number | ConsoleServer> {
  const args = parseArgs(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'no-open': { type: 'boolean' },
      'server-url': { type: 'string' },
      'allow-remote': { type: 'boolean' },
    },
    'open',
  );
  if (args.positionals.length > 0)
    throw new UsageError(
      `open takes no arguments, got "${args.positionals[0] ?? ''}" (use --server-url URL to prefill the console)`,
    );
  const port = parsePort(args.string('port'));
  const host = (args.string('host') ?? DEFAULT_HOST).replace(/^\[(.*)\]$/, '$1');
  const allowRemote = args.flag('allow-remote');
  if (host === '') throw new UsageError('--host needs an address (e.g. 127.0.0.1)');
  if (!isLoopbackBindHost(host) && !allowRemote)
    throw new UsageError(
      `--host ${host} is not a loopback address: other machines could reach the console, its x-ray and its relay. Add --allow-remote if that is what you want`,
    );
  const serverUrl = parseServerUrl(args.string('server-url'));

  const root = options.root ?? packageRoot(import.meta.url);
  if (root === null) {
    io.stderr('wsjwt open: cannot find the wsjwt package this command runs from\n');
    return EXIT_PROBLEM;
  }
  const build = ensureConsoleBuild(root, (line) => io.stderr(`${line}\n`));
  if (!build.ok) {
    io.stderr(`wsjwt open: ${build.error}\n`);
    return EXIT_PROBLEM;
  }

  let server: ConsoleServer;
  try {
    server = await startConsoleServer({ port, host, distDir: build.distDir, allowRemote });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const hint = options.otherPortHint ?? 'use --port N for another one (--port 0: any free port)';
      io.stderr(`wsjwt open: port ${port} is already in use — ${hint}\n`);
      return EXIT_PORT_IN_USE;
    }
    io.stderr(`wsjwt open: could not listen on ${host}:${port}: ${(error as Error).message}\n`);
    return EXIT_PROBLEM;
  }

  const url = consoleUrl(host, server.port, serverUrl);
  io.stdout(`wsjwt console: ${url}\n`);
  if (!isLoopbackBindHost(host))
    io.stderr(
      `wsjwt open: listening on ${host} (--allow-remote): the console, its x-ray and its relay answer that network, not only this machine\n`,
    );
  const decision = browserDecision(args.flag('no-open'), io.env, options.platform ?? process.platform);
  if (decision.open) (options.openBrowser ?? openInBrowser)(url);
  if (io.handleSignals) {
    const stop = (): void => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return server;
}
