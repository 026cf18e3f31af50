// The reference server's plain-HTTP side: routing, log-safe text, and refusing an upgrade with an HTTP
// answer on the raw socket. No state: the server (reference-server.ts) owns the sockets.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { isFaultName } from './faults.ts';
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
