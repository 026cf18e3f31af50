// The built console served by Node, as users run it (`wsjwt open`, `npm start`): dist/ as static files with
// the console's CSP, frame-ancestors 'none', nosniff and no-referrer on every response, plus the handshake
// x-ray (POST /__wsjwt/xray) and the relay (a WebSocket upgrade to /__wsjwt/relay, src/node/relay). The
// Vite dev server stays for contributors (`npm run dev`): it has no CSP, and people paste secrets into
// what `wsjwt open` serves.
//
// Decisions worth knowing:
// - Binds 127.0.0.1 unless `host` says otherwise; the x-ray refuses non-loopback peers unless allowRemote.
// - A per-launch session token (src/node/guard): index.html carries it in a <meta> tag, the x-ray and the
//   relay require it. Every request whose Host is not one this server answers to (a DNS-rebinding page)
//   gets 403, the page included, so no other page can read the token.
// - GET and HEAD of files under distDir only: the path is decoded, resolved and must stay inside distDir
//   (no traversal, no NUL, no directory listings); anything else is 404, other methods 405.
// - index.html is never stored (it names the hashed assets and holds the token); /assets/* are immutable.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { extname, resolve, sep } from 'node:path';
import { CONSOLE_SECURITY_HEADERS } from '../csp/policy.ts';
import { createSessionToken, isAllowedHost, withSessionMeta } from '../guard/local-request.ts';
import type { LocalAccessPolicy } from '../guard/local-request.ts';
import { answerRelayHttp, attachRelay, isRelayPath } from '../relay/relay.ts';
import type { RelayOptions } from '../relay/relay.ts';
import { createXrayHandler, isXrayPath } from '../xray/handler.ts';
import type { XrayHandlerOptions } from '../xray/handler.ts';

export interface ConsoleServerOptions {
  /** 0 = an ephemeral port (read it back from `url`). Default 5173. */
  port?: number;
  /** Default '127.0.0.1' (loopback only). */
  host?: string;
  /** The built console: a folder with index.html and assets/. */
  distDir: string;
  /** Replaces the x-ray's probe (tests). */
  xray?: XrayHandlerOptions;
  /** Replaces the relay's bounds (tests). */
  relay?: RelayOptions;
  /** `wsjwt open --allow-remote`: `host` may be a non-loopback address, and the x-ray answers that network. */
  allowRemote?: boolean;
}

export interface ConsoleServer {
  /** http://localhost:PORT when bound to loopback, else http://HOST:PORT. */
  url: string;
  port: number;
  /** This launch's session token: in the served index.html, required by the x-ray (tests read it here). */
  sessionToken: string;
  /** Closes every connection and resolves once the server is closed. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_CONSOLE_PORT = 5173;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(`${text}\n`);
}

/** The file a request path names inside distDir, or null when it names none (or tries to leave it). */
export function resolveConsoleFile(distDir: string, rawUrl: string | undefined): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(rawUrl ?? '/', 'http://console.invalid').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(distDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + sep) ? file : null;
}

/** index.html with this launch's session token; never cached (the token changes at every start). */
async function serveIndex(file: string, sessionToken: string, req: IncomingMessage, res: ServerResponse) {
  const body = withSessionMeta(await readFile(file, 'utf8'), sessionToken);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function serveFile(
  distDir: string,
  sessionToken: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const file = resolveConsoleFile(distDir, req.url);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || info === null || !info.isFile()) return plain(res, 404, 'Not found');
  if (file === resolve(distDir, 'index.html')) return serveIndex(file, sessionToken, req, res);
  const immutable = file.startsWith(resolve(distDir, 'assets') + sep);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** --allow-remote: the Host names the server answers to besides loopback — the bound address, or every
 * interface's for a wildcard bind. Loopback only: undefined. */
function remoteHosts(host: string, allowRemote: boolean | undefined): string[] | undefined {
  if (allowRemote !== true) return undefined;
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i === undefined ? [] : [i.address]));
}

/** Serves the built console on `host:port`; rejects with the listen error (EADDRINUSE when the port is taken). */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const access: LocalAccessPolicy = { sessionToken: createSessionToken() };
  const allowedRemote = remoteHosts(host, options.allowRemote);
  if (allowedRemote !== undefined) access.remoteHosts = allowedRemote;
  const xray = createXrayHandler(access, options.xray);
  const server = createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) res.setHeader(name, value);
    // A DNS-rebinding page reaches this server under its own host name: it gets nothing, not even the
    // page (which holds the session token).
    if (!isAllowedHost(req.headers.host, access)) {
      req.resume();
      return plain(
        res,
        403,
        'This console answers only as localhost, 127.0.0.1 or [::1] (see the URL wsjwt printed).',
      );
    }
    if (isXrayPath(req.url)) {
      void xray(req, res);
      return;
    }
    if (isRelayPath(req.url)) {
      req.resume();
      return answerRelayHttp(res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    serveFile(options.distDir, access.sessionToken, req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'The file could not be read');
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_CONSOLE_PORT, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  // Upgrades: the relay checks Host, Origin, peer and token itself (its refusals are HTTP 403s).
  const relay = attachRelay(server, access, options.relay);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (isRelayPath(req.url)) return;
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    sessionToken: access.sessionToken,
    url: `http://${isLoopback(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
        relay.close();
      })),
  };
}
