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
// - Faults are records of hooks in faults/registry.ts (upgrade, verify overrides, open, auth failure,
//   authenticated, message); this file calls the hooks and names no fault. A new fault is one record there.
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { FAULT_NAMES, faultScenario, isFaultName } from './faults.ts';
import type { FaultName } from './faults.ts';
import { HIGH_WATER_BYTES } from './faults/flood.ts';
import type { FaultScenario, SessionHooks, UpgradeHooks } from './faults/hooks.ts';
import { DEFAULT_REQUIRED_CLAIMS, verifyServerToken } from './verify-token.ts';
import type { ServerVerifyResult } from './verify-token.ts';
import { closeWithLogged, describeAttempt, sendWelcome } from './attempt.ts';
import type { Attempt } from './attempt.ts';
import {
  createHttpRequestHandler,
  defaultLog,
  hostForUrl,
  isValidProtocolList,
  parseRequestUrl,
  printable,
  routeOf,
  WEBSOCKET_KEY,
  WEBSOCKET_PATHS,
  writeHttpOnSocket,
} from './http-helpers.ts';

export { WEBSOCKET_PATHS } from './http-helpers.ts';

export { FAULT_NAMES, FAULT_DESCRIPTIONS, isFaultName } from './faults.ts';
export type { FaultName } from './faults.ts';
export {
  FAULT_SCENARIOS,
  DROP_AFTER_OPEN_MS,
  SLOW_OPEN_DEFAULT_MS,
  SLOW_OPEN_MAX_MS,
} from './faults/registry.ts';
export { FLOOD_DEFAULT_COUNT, FLOOD_DEFAULT_SIZE, FLOOD_MAX_COUNT, FLOOD_MAX_SIZE } from './faults/flood.ts';

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

export const MAX_PAYLOAD_BYTES = 1024 * 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;

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
      algorithms: faultScenario(startupFault).verify?.algorithms ?? algorithms,
      fault: startupFault ?? null,
      paths: [...WEBSOCKET_PATHS, '/fault/<name>'],
      faults: [...FAULT_NAMES],
    });
  };

  const onRequest = createHttpRequestHandler(healthBody, log);

  // ---- WebSocket sessions ----------------------------------------------------------------------------

  const closeWith = (ws: WebSocket, a: Attempt, code: number, reason: string): void =>
    closeWithLogged(ws, a, code, reason, log);

  const verifyFor = (a: Attempt, scenario: FaultScenario): Promise<ServerVerifyResult> => {
    const overrides = scenario.verify ?? {};
    const base64 = options.secretEncoding === 'base64' || overrides.secretEncoding === 'base64';
    return verifyServerToken(a.token, {
      secret: base64 ? base64Secret : utf8Secret,
      algorithms: [...(overrides.algorithms ?? algorithms)],
      requiredClaims,
      now: now(),
      ignoreExpiration: overrides.ignoreExpiration === true,
    });
  };

  const startEcho = (s: SessionHooks, scenario: FaultScenario): void => {
    const { ws, attempt: a } = s;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (scenario.onMessage?.(s) === 'handled') return;
      ws.send(data, { binary: isBinary });
      // Bounded memory against a client that sends faster than it reads.
      if (ws.bufferedAmount > HIGH_WATER_BYTES && !ws.isPaused) {
        ws.pause();
        a.socket.once('drain', () => ws.resume());
      }
    });
  };

  /** What a fault's session hooks can do on this socket; `timers` are cleared when it closes. */
  const sessionHooks = (
    ws: WebSocket,
    a: Attempt,
    scenario: FaultScenario,
    timers: Set<NodeJS.Timeout>,
  ): SessionHooks => {
    const hooks: SessionHooks = {
      ws,
      attempt: a,
      closeWith: (code, reason) => closeWith(ws, a, code, reason),
      later: (fn, ms) => void timers.add(setTrackedTimeout(fn, ms)),
      welcome: (payload) => sendWelcome(ws, payload),
      echo: () => startEcho(hooks, scenario),
      describe: () => describeAttempt(a),
      log,
      now,
    };
    return hooks;
  };

  /** The guide's session: verify, then welcome + echo, or close 1008 with the reason. Faults hook in. */
  const onOpen = (ws: WebSocket, a: Attempt): void => {
    const openedAt = now();
    const scenario = faultScenario(a.fault);
    const sessionTimers = new Set<NodeJS.Timeout>();
    ws.on('error', (error) => log(`#${a.id} socket error: ${printable(error.message)}`));
    ws.on('close', (code, reason) => {
      for (const timer of sessionTimers) clearTrackedTimeout(timer);
      log(
        `#${a.id} closed ${code}${reason.length > 0 ? ` "${printable(reason.toString('utf8'))}"` : ''} after ${now() - openedAt} ms`,
      );
    });
    const s = sessionHooks(ws, a, scenario, sessionTimers);
    if (scenario.onOpen?.(s) === 'handled') return;

    // Verification is async (WebCrypto): hold incoming frames until we know who this is.
    ws.pause();
    verifyFor(a, scenario)
      .then((result) => {
        if (ws.readyState !== ws.OPEN) return;
        // Resume before any close: a paused socket would never read the client's close frame. (Frames
        // arrive on later ticks, so the listeners attached below miss none.)
        ws.resume();
        if (!result.ok) {
          const close = scenario.authFailureClose ?? { code: 1008, reason: result.reason };
          return closeWith(ws, a, close.code, close.reason);
        }
        if (scenario.onAuthenticated?.(s, result.payload) === 'handled') return;
        const who = `userId=${printable(JSON.stringify(result.payload.userId ?? null), 40)} role=${printable(JSON.stringify(result.payload.role ?? null), 40)}`;
        log(
          `${describeAttempt(a)} → open ${who}${result.expiredAccepted ? ' (expired token accepted)' : ''}`,
        );
        sendWelcome(ws, result.payload);
        startEcho(s, scenario);
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

  /** What a fault's upgrade hook can do with this request: refuse, hold, delay, skip the subprotocol echo. */
  const upgradeHooks = (req: IncomingMessage, attempt: Attempt, head: Buffer): UpgradeHooks => {
    const { socket } = attempt;
    const holdUntilClosed = (): void => {
      heldSockets.add(socket);
      socket.once('close', () => heldSockets.delete(socket));
    };
    return {
      req,
      attempt,
      allowedOrigins,
      refuse: (status, body, headers, type) => {
        log(`${describeAttempt(attempt)} → HTTP ${status}`);
        writeHttpOnSocket(socket, status, body, headers, type);
      },
      hold: holdUntilClosed,
      acceptAfter: (ms) => {
        holdUntilClosed();
        const timer = setTrackedTimeout(() => {
          heldSockets.delete(socket);
          accept(req, attempt, head);
        }, ms);
        socket.once('close', () => clearTrackedTimeout(timer));
      },
      skipSubprotocolEcho: () => void noSubprotocolEcho.add(req),
      describe: () => describeAttempt(attempt),
      log,
    };
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
      const hooks = upgradeHooks(req, attempt, head);
      if (faultScenario(fault).onUpgrade?.(hooks) === 'handled') return;
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
