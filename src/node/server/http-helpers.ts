// The reference server's plain-HTTP side: routing, log-safe text, and refusing an upgrade with an HTTP
// answer on the raw socket. No state: the server (reference-server.ts) owns the sockets.
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { FAULT_NAMES, isFaultName } from './faults.ts';
import type { FaultName } from './faults.ts';

/** The paths that accept a WebSocket upgrade (plus /fault/<name>). */
export const WEBSOCKET_PATHS: readonly string[] = ['/', '/ws'];
export const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '600',
};

export function defaultLog(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

/** Log-safe text: printable ASCII only, bounded, and anything that looks like a JWT replaced. */
export function printable(text: string, max = 120): string {
  const cleaned = text.replace(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*/g, '<jwt>').replace(/[^\x20-\x7e]/g, '?');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

export function hostForUrl(address: string): string {
  if (address === '0.0.0.0' || address === '::' || address === '') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

/** RFC 6455 §4.1: a comma-separated list of distinct RFC 7230 tokens (ws refuses anything else, silently). */
export function isValidProtocolList(header: string): boolean {
  const items = header.split(',').map((item) => item.trim());
  return (
    items.every((item) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(item)) && new Set(items).size === items.length
  );
}

/** Where a request is going, as far as the router is concerned. */
export type Route =
  | { kind: 'websocket'; pathFault: FaultName | undefined }
  | { kind: 'health' }
  | { kind: 'unknown-fault'; name: string }
  | { kind: 'not-found' };

export function routeOf(pathname: string): Route {
  if (pathname === '/health') return { kind: 'health' };
  if (WEBSOCKET_PATHS.includes(pathname)) return { kind: 'websocket', pathFault: undefined };
  const match = /^\/fault\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] !== undefined) {
    return isFaultName(match[1])
      ? { kind: 'websocket', pathFault: match[1] }
      : { kind: 'unknown-fault', name: match[1] };
  }
  return { kind: 'not-found' };
}

export function parseRequestUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://reference.invalid');
  } catch {
    return undefined;
  }
}

/** Answer an upgrade request with plain HTTP on the raw socket, then close it. */
export function writeHttpOnSocket(
  socket: Duplex,
  status: number,
  body: string,
  extraHeaders: Record<string, string> = {},
  contentType = 'text/plain; charset=utf-8',
): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const bodyBytes = Buffer.from(body, 'utf8');
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    Connection: 'close',
    'Content-Type': contentType,
    'Content-Length': String(bodyBytes.length),
    ...extraHeaders,
  };
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
  // A lingering close, as HTTP servers do: destroying the socket while the client is still sending (a 1 MB
  // URL answered with 431 after its first 16 KiB) resets the connection, and the client's TCP stack then
  // throws away the answer it already received. So: send, read and discard what still comes, and close
  // once the client has, or after LINGER_MS at most.
  socket.once('finish', () => {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.on('data', () => undefined);
    socket.resume();
  });
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes]));
}

/** The longest a refused client may keep sending after its answer (see writeHttpOnSocket). */
const LINGER_MS = 2_000;

/**
 * The plain-HTTP side (no upgrade): GET /health (CORS enabled), 426 on a WebSocket path, 404 elsewhere with
 * where to go instead. Never throws.
 */
export function createHttpRequestHandler(
  healthBody: () => string,
  log: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req: IncomingMessage, res: ServerResponse): void => {
    try {
      req.on('error', () => undefined);
      res.on('error', () => undefined);
      for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      if (req.headers['access-control-request-private-network'] === 'true')
        res.setHeader('Access-Control-Allow-Private-Network', 'true');
      const send = (
        status: number,
        body: string,
        type = 'text/plain; charset=utf-8',
        extra: Record<string, string> = {},
      ): void => {
        res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      const url = parseRequestUrl(req.url);
      if (url === undefined) return send(400, 'Bad request: unreadable URL\n');
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(405, 'Method not allowed\n', undefined, { Allow: 'GET, HEAD, OPTIONS' });
      const route = routeOf(url.pathname);
      switch (route.kind) {
        case 'health':
          return send(200, healthBody(), 'application/json; charset=utf-8');
        case 'websocket':
          return send(
            426,
            'Upgrade Required: this is a WebSocket endpoint. Connect with ws://HOST:PORT/?token=<JWT> (GET /health for status).\n',
            undefined,
            { Upgrade: 'websocket' },
          );
        case 'unknown-fault':
          return send(
            404,
            `Unknown fault "${printable(route.name, 60)}". Known faults: ${FAULT_NAMES.join(', ')}\n`,
          );
        case 'not-found':
          return send(404, 'Not found. WebSocket endpoints: /, /ws, /fault/<name>; status: /health\n');
      }
    } catch (error) {
      log(`http error: ${printable(String(error))}`);
      if (!res.headersSent) {
        res.writeHead(500);
        res.end();
      } else {
        res.destroy();
      }
    }
  };
}
