// The reference server: the server the guide describes (JWT in the `token` query parameter, verified with
// JWT_SECRET, close 1008 with the reason on failure, welcome + echo on success), plus fault scenarios that
// reproduce the other ways such connections break. Used for demos, the e2e tests and the benchmarks.
//
// Decisions worth knowing:
// - Binds 127.0.0.1 unless `host` is given. Browsers resolving `localhost` try 127.0.0.1 too, so
//   ws://localhost:PORT works; pass host '::' or '0.0.0.0' to listen elsewhere.
// - Auth failures ACCEPT the upgrade and close 1008 (as the guide's server does), so a browser can read
//   the reason. Faults that refuse at the handshake (401/403/404) answer HTTP from the upgrade handler.
// - maxPayload is 1 MiB: a bigger message is closed 1009 by ws itself. Headers are capped by Node at
//   16 KiB (431 beyond that).
// - Logs one line per attempt. Never the token or the secret: only the token's length and header alg.
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { FAULT_NAMES, isFaultName } from './faults.ts';
import type { FaultName } from './faults.ts';
import {
  DEFAULT_REQUIRED_CLAIMS,
  peekTokenHeader,
  peekTokenPayload,
  truncateUtf8,
  verifyServerToken,
} from './verify-token.ts';
import type { ServerVerifyResult } from './verify-token.ts';

export { FAULT_NAMES, FAULT_DESCRIPTIONS, isFaultName } from './faults.ts';
export type { FaultName } from './faults.ts';

export interface ReferenceServerOptions {
  /** 0 = an ephemeral port (read it back from `port`). Default 3000. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** JWT_SECRET. Used as UTF-8 bytes unless `secretEncoding` is 'base64' (or the base64-secret fault). */
  secret: string;
  secretEncoding?: 'utf8' | 'base64';
  /** Only reported by /health (`jwtSecretIsDefault`), so the console can warn. */
  secretIsDefault?: boolean;
  /** Default ['userId', 'role', 'iat', 'exp']. */
  requiredClaims?: readonly string[];
  /** Default ['HS256']. */
  algorithms?: readonly string[];
  /** The fault applied to every connection that does not pick its own. */
  fault?: FaultName;
  /** Origins the reject-403-origin fault lets through. Default: none. */
  allowedOrigins?: readonly string[];
  /** Receives one line per event, without a timestamp. Default: console.log with an ISO timestamp. */
  log?: (line: string) => void;
  /** How long a client may take to send its complete upgrade request. Default 10 000 ms. */
  handshakeTimeoutMs?: number;
  /** The clock, epoch ms (token checks, /health). Default Date.now. */
  now?: () => number;
}

export interface ReferenceServer {
  port: number;
  /** ws://HOST:PORT (127.0.0.1 when bound to a wildcard address). */
  url: string;
  /** http://HOST:PORT */
  httpUrl: string;
  /** Terminates every socket and resolves once the server is fully closed. Safe to call twice. */
  close(): Promise<void>;
}

/** The paths that accept a WebSocket upgrade (plus /fault/<name>). */
export const WEBSOCKET_PATHS: readonly string[] = ['/', '/ws'];
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
export const DROP_AFTER_OPEN_MS = 50;
export const SLOW_OPEN_DEFAULT_MS = 3000;
export const SLOW_OPEN_MAX_MS = 120_000;
export const FLOOD_DEFAULT_COUNT = 20_000;
export const FLOOD_MAX_COUNT = 10_000_000;
export const FLOOD_DEFAULT_SIZE = 100;
export const FLOOD_MAX_SIZE = 1024 * 1024;
/** Buffered bytes above which flood and echo wait for the socket to drain. */
const HIGH_WATER_BYTES = 1024 * 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '600',
};

function defaultLog(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

/** Log-safe text: printable ASCII only, bounded, and anything that looks like a JWT replaced. */
function printable(text: string, max = 120): string {
  const cleaned = text.replace(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*/g, '<jwt>').replace(/[^\x20-\x7e]/g, '?');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}

function parseBoundedInt(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function hostForUrl(address: string): string {
  if (address === '0.0.0.0' || address === '::' || address === '') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

/** RFC 6455 §4.1: a comma-separated list of distinct RFC 7230 tokens (ws refuses anything else, silently). */
function isValidProtocolList(header: string): boolean {
  const items = header.split(',').map((item) => item.trim());
  return (
    items.every((item) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(item)) && new Set(items).size === items.length
  );
}

/** Where a request is going, as far as the router is concerned. */
type Route =
  | { kind: 'websocket'; pathFault: FaultName | undefined }
  | { kind: 'health' }
  | { kind: 'unknown-fault'; name: string }
  | { kind: 'not-found' };

function routeOf(pathname: string): Route {
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

function parseRequestUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://reference.invalid');
  } catch {
    return undefined;
  }
}

/** Answer an upgrade request with plain HTTP on the raw socket, then close it. */
function writeHttpOnSocket(
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

interface Attempt {
  id: number;
  remote: string;
  path: string;
  fault: FaultName | undefined;
  url: URL;
  token: string | null;
  socket: Socket;
}

export async function createReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  if (typeof options.secret !== 'string')
    throw new TypeError('createReferenceServer: options.secret must be a string');
  const port = options.port ?? 3000;
  const host = options.host ?? '127.0.0.1';
  const requiredClaims = [...(options.requiredClaims ?? DEFAULT_REQUIRED_CLAIMS)];
  const algorithms = [...(options.algorithms ?? ['HS256'])];
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const startupFault = options.fault;
  if (startupFault !== undefined && !isFaultName(startupFault))
    throw new TypeError(`createReferenceServer: unknown fault "${String(startupFault)}"`);
  const now = options.now ?? Date.now;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  const rawLog = options.log ?? defaultLog;
  const log = (line: string): void => {
    try {
      rawLog(line);
    } catch {
      // A broken logger must not take the server down.
    }
  };
  const utf8Secret = new Uint8Array(Buffer.from(options.secret, 'utf8'));
  const base64Secret = new Uint8Array(Buffer.from(options.secret, 'base64'));
  const startedAt = now();

  let nextAttemptId = 1;
  let closing = false;
  let closePromise: Promise<void> | undefined;
  const allSockets = new Set<Socket>();
  const heldSockets = new Set<Socket>(); // hang-handshake and slow-open: no answer yet
  const timers = new Set<NodeJS.Timeout>();
  const noSubprotocolEcho = new WeakSet<IncomingMessage>();

  const setTrackedTimeout = (fn: () => void, ms: number): NodeJS.Timeout => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        fn();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, ms)),
    );
    timers.add(timer);
    return timer;
  };
  const clearTrackedTimeout = (timer: NodeJS.Timeout | undefined): void => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(timer);
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
    clientTracking: true,
    // ws echoes the first offered subprotocol, like a stock server; the subprotocol fault echoes none.
    handleProtocols: (protocols, request) =>
      noSubprotocolEcho.has(request) ? false : (protocols.values().next().value ?? false),
  });
  wss.on('error', (error) => log(`ws server error: ${printable(String(error))}`));

  // ---- plain HTTP -------------------------------------------------------------------------------------

  const healthBody = (): string => {
    const t = now();
    return JSON.stringify({
      status: 'ok',
      uptime: Math.round((t - startedAt) / 1000),
      serverTime: new Date(t).toISOString(),
      serverTimeMs: t,
      jwtSecretSet: options.secret.length > 0,
      jwtSecretIsDefault: options.secretIsDefault === true,
      tokenParam: 'token',
      requiredClaims,
      algorithms: startupFault === 'rs256-only' ? ['RS256'] : algorithms,
      fault: startupFault ?? null,
      paths: [...WEBSOCKET_PATHS, '/fault/<name>'],
      faults: [...FAULT_NAMES],
    });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
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

  // ---- WebSocket sessions ----------------------------------------------------------------------------

  const describeAttempt = (a: Attempt): string => {
    let token = 'token: none';
    if (a.token !== null && a.token !== '') {
      const alg = peekTokenHeader(a.token)?.alg;
      token = `token: ${a.token.length} chars${typeof alg === 'string' ? `, alg ${printable(alg, 20)}` : ''}`;
    }
    const params = [...new Set(a.url.searchParams.keys())].map((k) => printable(k, 40)).slice(0, 10);
    return `#${a.id} ${a.remote} ${a.path}${params.length > 0 ? ` params=[${params.join(',')}]` : ''}${a.fault !== undefined ? ` fault=${a.fault}` : ''} ${token}`;
  };

  const closeWith = (ws: WebSocket, a: Attempt, code: number, reason: string): void => {
    const safeReason = truncateUtf8(reason);
    log(`${describeAttempt(a)} → close ${code} "${printable(safeReason)}"`);
    try {
      ws.close(code, safeReason);
    } catch (error) {
      log(`#${a.id} close failed: ${printable(String(error))}`);
      ws.terminate();
    }
  };

  const secretFor = (fault: FaultName | undefined): Uint8Array =>
    options.secretEncoding === 'base64' || fault === 'base64-secret' ? base64Secret : utf8Secret;

  const verifyFor = (a: Attempt): Promise<ServerVerifyResult> =>
    verifyServerToken(a.token, {
      secret: secretFor(a.fault),
      algorithms: a.fault === 'rs256-only' ? ['RS256'] : algorithms,
      requiredClaims,
      now: now(),
      ignoreExpiration: a.fault === 'accept-expired',
    });

  const sendWelcome = (ws: WebSocket, payload: Record<string, unknown>): void => {
    ws.send(
      JSON.stringify({
        type: 'welcome',
        userId: payload.userId ?? null,
        role: payload.role ?? null,
        exp: payload.exp ?? null,
      }),
    );
  };

  const startEcho = (ws: WebSocket, a: Attempt): void => {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (a.fault === 'close-1009') {
        closeWith(ws, a, 1009, 'Message too big');
        return;
      }
      ws.send(data, { binary: isBinary });
      // Bounded memory against a client that sends faster than it reads.
      if (ws.bufferedAmount > HIGH_WATER_BYTES && !ws.isPaused) {
        ws.pause();
        a.socket.once('drain', () => ws.resume());
      }
    });
  };

  const startFlood = (ws: WebSocket, a: Attempt): void => {
    const count = parseBoundedInt(a.url.searchParams.get('n'), FLOOD_DEFAULT_COUNT, 0, FLOOD_MAX_COUNT);
    const size = parseBoundedInt(a.url.searchParams.get('size'), FLOOD_DEFAULT_SIZE, 0, FLOOD_MAX_SIZE);
    const payload = Buffer.alloc(size, 0x78); // "xxx…": valid UTF-8, sent as text frames
    let sent = 0;
    const pump = (): void => {
      if (ws.readyState !== ws.OPEN) return;
      // Cork so a whole batch leaves in one writev instead of one syscall per frame.
      a.socket.cork();
      try {
        while (sent < count && ws.bufferedAmount < HIGH_WATER_BYTES) {
          ws.send(payload, { binary: false });
          sent++;
        }
      } finally {
        a.socket.uncork();
      }
      if (sent >= count) {
        log(`#${a.id} flood sent ${sent} × ${size} bytes`);
        closeWith(ws, a, 1000, 'flood done');
      } else if (a.socket.writableNeedDrain) {
        a.socket.once('drain', pump);
      } else {
        setImmediate(pump);
      }
    };
    pump();
  };

  const onOpen = (ws: WebSocket, a: Attempt): void => {
    const openedAt = now();
    let expiryTimer: NodeJS.Timeout | undefined;
    let dropTimer: NodeJS.Timeout | undefined;
    ws.on('error', (error) => log(`#${a.id} socket error: ${printable(error.message)}`));
    ws.on('close', (code, reason) => {
      clearTrackedTimeout(expiryTimer);
      clearTrackedTimeout(dropTimer);
      log(
        `#${a.id} closed ${code}${reason.length > 0 ? ` "${printable(reason.toString('utf8'))}"` : ''} after ${now() - openedAt} ms`,
      );
    });

    switch (a.fault) {
      case 'graphql-ws-4403':
        return closeWith(ws, a, 4403, 'Forbidden');
      case 'close-1002':
        return closeWith(ws, a, 1002, 'Protocol error');
      case 'drop-after-open':
        log(`${describeAttempt(a)} → open, dropping the TCP connection in ${DROP_AFTER_OPEN_MS} ms`);
        dropTimer = setTrackedTimeout(() => a.socket.destroy(), DROP_AFTER_OPEN_MS);
        return;
      case 'accept-any': {
        const payload = a.token === null ? {} : (peekTokenPayload(a.token) ?? {});
        log(`${describeAttempt(a)} → open (accept-any: not verified)`);
        sendWelcome(ws, payload);
        return startEcho(ws, a);
      }
      default:
        break;
    }

    // Verification is async (WebCrypto): hold incoming frames until we know who this is.
    ws.pause();
    verifyFor(a)
      .then((result) => {
        if (ws.readyState !== ws.OPEN) return;
        // Resume before any close: a paused socket would never read the client's close frame.
        if (!result.ok || a.fault === 'close-1011' || a.fault === 'flood') ws.resume();
        if (!result.ok) {
          if (a.fault === 'graphql-ws-4401') return closeWith(ws, a, 4401, 'Unauthorized');
          return closeWith(ws, a, 1008, result.reason);
        }
        if (a.fault === 'close-1011') return closeWith(ws, a, 1011, 'Internal server error');
        if (a.fault === 'flood') {
          log(`${describeAttempt(a)} → open (flood)`);
          return startFlood(ws, a);
        }
        const who = `userId=${printable(JSON.stringify(result.payload.userId ?? null), 40)} role=${printable(JSON.stringify(result.payload.role ?? null), 40)}`;
        log(
          `${describeAttempt(a)} → open ${who}${result.expiredAccepted ? ' (expired token accepted)' : ''}`,
        );
        sendWelcome(ws, result.payload);
        startEcho(ws, a);
        ws.resume();
        const exp = result.payload.exp;
        if (a.fault === 'expire-open-sockets' && typeof exp === 'number' && Number.isFinite(exp)) {
          expiryTimer = setTrackedTimeout(
            () => {
              if (ws.readyState === ws.OPEN) closeWith(ws, a, 1008, 'jwt expired');
            },
            exp * 1000 - now(),
          );
        }
      })
      .catch((error: unknown) => {
        log(`#${a.id} internal error: ${printable(String(error))}`);
        if (ws.readyState === ws.OPEN) closeWith(ws, a, 1011, 'Internal server error');
      });
  };

  // ---- the upgrade handler: routing, handshake-level faults, accept ------------------------------------

  const accept = (req: IncomingMessage, a: Attempt, head: Buffer): void => {
    if (closing || a.socket.destroyed) {
      a.socket.destroy();
      return;
    }
    wss.handleUpgrade(req, a.socket, head, (ws) => onOpen(ws, a));
  };

  const onUpgrade = (req: IncomingMessage, duplex: Duplex, head: Buffer): void => {
    const socket = duplex as Socket;
    socket.on('error', () => undefined);
    try {
      if (closing) {
        socket.destroy();
        return;
      }
      const remote = printable(socket.remoteAddress ?? '?', 60);
      const url = parseRequestUrl(req.url);
      const path = url === undefined ? '?' : printable(url.pathname, 80);
      const refuse = (
        status: number,
        why: string,
        body: string,
        headers?: Record<string, string>,
        type?: string,
      ): void => {
        log(`ws ${remote} ${path} → HTTP ${status} (${why})`);
        writeHttpOnSocket(socket, status, body, headers, type);
      };
      if (url === undefined) return refuse(400, 'unreadable URL', 'Bad request: unreadable URL\n');
      if (req.method !== 'GET')
        return refuse(405, 'method', 'WebSocket upgrades must use GET\n', { Allow: 'GET' });
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket')
        return refuse(400, 'not a WebSocket upgrade', 'Bad request: Upgrade header must be "websocket"\n');
      const key = req.headers['sec-websocket-key'];
      if (key === undefined || !WEBSOCKET_KEY.test(key))
        return refuse(400, 'bad Sec-WebSocket-Key', 'Bad request: missing or invalid Sec-WebSocket-Key\n');
      const version = req.headers['sec-websocket-version'];
      if (version !== '13' && version !== '8') {
        return refuse(400, 'bad Sec-WebSocket-Version', 'Bad request: Sec-WebSocket-Version must be 13\n', {
          'Sec-WebSocket-Version': '13, 8',
        });
      }

      const offered = req.headers['sec-websocket-protocol'];
      if (offered !== undefined && !isValidProtocolList(offered)) {
        return refuse(
          400,
          'bad Sec-WebSocket-Protocol',
          'Bad request: invalid Sec-WebSocket-Protocol header\n',
        );
      }

      const route = routeOf(url.pathname);
      if (route.kind === 'unknown-fault') {
        return refuse(
          404,
          'unknown fault',
          `Unknown fault "${printable(route.name, 60)}". Known faults: ${FAULT_NAMES.join(', ')}\n`,
        );
      }
      if (route.kind !== 'websocket') {
        return refuse(
          404,
          'path not served',
          `Not found: WebSocket upgrades are served on / and /ws (and /fault/<name>), not ${path}\n`,
        );
      }
      const queryFault = url.searchParams.get('fault');
      if (route.pathFault === undefined && queryFault !== null && !isFaultName(queryFault)) {
        return refuse(
          400,
          'unknown fault',
          `Unknown fault "${printable(queryFault, 60)}". Known faults: ${FAULT_NAMES.join(', ')}\n`,
        );
      }
      const fault: FaultName | undefined =
        route.pathFault ?? (isFaultName(queryFault) ? queryFault : undefined) ?? startupFault;
      const attempt: Attempt = {
        id: nextAttemptId++,
        remote,
        path,
        fault,
        url,
        token: url.searchParams.get('token'),
        socket,
      };
      const refuseAttempt = (
        status: number,
        body: string,
        headers?: Record<string, string>,
        type?: string,
      ): void => {
        log(`${describeAttempt(attempt)} → HTTP ${status}`);
        writeHttpOnSocket(socket, status, body, headers, type);
      };

      switch (fault) {
        case 'wrong-path':
          return refuseAttempt(
            404,
            'Not found: this server does not serve WebSocket upgrades on this path\n',
          );
        case 'reject-401':
          return refuseAttempt(
            401,
            JSON.stringify({
              error: 'invalid_token',
              error_description: 'Authentication failed at the WebSocket handshake',
            }),
            { 'WWW-Authenticate': 'Bearer realm="wsjwt", error="invalid_token"' },
            'application/json; charset=utf-8',
          );
        case 'reject-403-origin': {
          const origin = req.headers.origin;
          if (origin === undefined || !allowedOrigins.has(origin)) {
            return refuseAttempt(
              403,
              JSON.stringify({
                error: 'origin_not_allowed',
                origin: origin ?? null,
                message: `Origin ${origin ?? '(none)'} is not allowed`,
              }),
              undefined,
              'application/json; charset=utf-8',
            );
          }
          break;
        }
        case 'hang-handshake':
          log(`${describeAttempt(attempt)} → holding the handshake, never answering`);
          heldSockets.add(socket);
          socket.once('close', () => heldSockets.delete(socket));
          return;
        case 'slow-open': {
          const delay = parseBoundedInt(
            url.searchParams.get('delay'),
            SLOW_OPEN_DEFAULT_MS,
            0,
            SLOW_OPEN_MAX_MS,
          );
          log(`${describeAttempt(attempt)} → answering in ${delay} ms`);
          heldSockets.add(socket);
          const timer = setTrackedTimeout(() => {
            heldSockets.delete(socket);
            accept(req, attempt, head);
          }, delay);
          socket.once('close', () => {
            heldSockets.delete(socket);
            clearTrackedTimeout(timer);
          });
          return;
        }
        case 'subprotocol':
          noSubprotocolEcho.add(req);
          break;
        default:
          break;
      }
      accept(req, attempt, head);
    } catch (error) {
      log(`upgrade error: ${printable(String(error))}`);
      socket.destroy();
    }
  };

  // ---- the HTTP server --------------------------------------------------------------------------------

  const server = createServer({
    requestTimeout: handshakeTimeoutMs,
    headersTimeout: handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(handshakeTimeoutMs / 2))),
  });
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);
  server.on('connection', (socket: Socket) => {
    allSockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => allSockets.delete(socket));
  });
  const answeredClientErrors = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports the same broken request again while the rest of it arrives: already answered, and
    // the lingering close (writeHttpOnSocket) ends the socket.
    if (answeredClientErrors.has(socket)) return;
    answeredClientErrors.add(socket);
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    log(`http client error → ${status} (${printable(error.code ?? error.message, 60)})`);
    if (socket.writable && !socket.destroyed)
      writeHttpOnSocket(socket, status, `${STATUS_CODES[status] ?? 'Bad request'}\n`);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => log(`server error: ${printable(String(error))}`));

  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const urlHost = hostForUrl(typeof address === 'object' && address !== null ? address.address : host);

  const close = (): Promise<void> => {
    if (closePromise !== undefined) return closePromise;
    closing = true;
    closePromise = new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of [...heldSockets, ...allSockets]) socket.destroy();
    });
    return closePromise;
  };

  return {
    port: boundPort,
    url: `ws://${urlHost}:${boundPort}`,
    httpUrl: `http://${urlHost}:${boundPort}`,
    close,
  };
}
