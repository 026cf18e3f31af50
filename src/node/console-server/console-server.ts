// The built console served by Node, as users run it (`npm start`; later `wsjwt open`): dist/ as static
// files with the console's CSP, frame-ancestors 'none', nosniff and no-referrer on every response, plus the
// handshake x-ray (POST /__wsjwt/xray). The Vite dev server stays for contributors (`npm run dev`): it has
// no CSP, and people paste secrets into what `npm start` serves.
//
// Decisions worth knowing:
// - Binds 127.0.0.1 unless `host` says otherwise; the x-ray refuses non-loopback peers whatever the host.
// - GET and HEAD of files under distDir only: the path is decoded, resolved and must stay inside distDir
//   (no traversal, no NUL, no directory listings); anything else is 404, other methods 405.
// - index.html is never cached (it names the hashed assets); /assets/* are immutable.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { CONSOLE_SECURITY_HEADERS } from '../csp/policy.ts';
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
  /** `wsjwt open --allow-remote`: `host` may be a non-loopback address, and the x-ray answers that network. */
  allowRemote?: boolean;
}

export interface ConsoleServer {
  /** http://localhost:PORT when bound to loopback, else http://HOST:PORT. */
  url: string;
  port: number;
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

async function serveFile(distDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = resolveConsoleFile(distDir, req.url);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || info === null || !info.isFile()) return plain(res, 404, 'Not found');
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

/** Serves the built console on `host:port`; rejects with the listen error (EADDRINUSE when the port is taken). */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const xray = createXrayHandler(options.xray);
  const server = createServer((req, res) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) res.setHeader(name, value);
    if (isXrayPath(req.url)) {
      void xray(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    serveFile(options.distDir, req, res).catch(() => {
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
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${isLoopback(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      })),
  };
}
