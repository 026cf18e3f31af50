// The local relay: a WebSocket endpoint (RELAY_PATH) on the console's own origin that opens, for the
// console's page, the upstream socket a browser cannot — with Authorization, Cookie and extra headers — and
// pipes it faithfully (src/node/relay/session.ts; the wire protocol in src/core/relay/protocol.ts).
//
// It opens sockets on its caller's behalf, so it is protected like the x-ray (guard.ts): loopback peer,
// loopback Host, exact Origin, this launch's session token. A refusal answers the upgrade with an HTTP
// status and a short text (403; 503 when RELAY_MAX_CONCURRENT connections are already relayed), never 101.
// Served by the console server (`wsjwt open`, `npm start`) and by the Vite plugin under dev and preview.
import { STATUS_CODES } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import {
  RELAY_CONNECT_WAIT_MS,
  RELAY_MAX_CONCURRENT,
  RELAY_MAX_LIFETIME_MS,
  RELAY_MAX_MESSAGE_BYTES,
  RELAY_PATH,
  RELAY_SUBPROTOCOL,
} from '../../core/relay/protocol.ts';
import type { LocalAccessPolicy } from '../guard/local-request.ts';
import { checkRelayUpgrade } from './guard.ts';
import { runRelaySession } from './session.ts';
import type { RelayBounds } from './session.ts';

export { RELAY_PATH } from '../../core/relay/protocol.ts';

export interface RelayOptions extends Partial<RelayBounds> {
  maxConcurrent?: number;
}

export interface Relay {
  /** Handles an upgrade to RELAY_PATH (true); any other path is left alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Relayed connections now open (or still closing). */
  active(): number;
  /** Drops every relayed connection (server shutdown). */
  close(): void;
}

export function isRelayPath(url: string | undefined): boolean {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return (q === -1 ? raw : raw.slice(0, q)) === RELAY_PATH;
}

/** Answers an upgrade with an HTTP status and a line of text, then closes the connection. */
function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createRelay(access: LocalAccessPolicy, options: RelayOptions = {}): Relay {
  const bounds: RelayBounds = {
    connectWaitMs: options.connectWaitMs ?? RELAY_CONNECT_WAIT_MS,
    lifetimeMs: options.lifetimeMs ?? RELAY_MAX_LIFETIME_MS,
    maxMessageBytes: options.maxMessageBytes ?? RELAY_MAX_MESSAGE_BYTES,
  };
  const maxConcurrent = options.maxConcurrent ?? RELAY_MAX_CONCURRENT;
  const pages = new Set<WebSocket>();
  let running = 0;
  const server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: bounds.maxMessageBytes,
    handleProtocols: (offered) => (offered.has(RELAY_SUBPROTOCOL) ? RELAY_SUBPROTOCOL : false),
  });

  return {
    handleUpgrade(req, socket, head) {
      if (!isRelayPath(req.url)) return false;
      socket.on('error', () => undefined);
      const check = checkRelayUpgrade(req, access);
      if (!check.ok) {
        refuse(socket, check.status, check.error);
        return true;
      }
      if (running >= maxConcurrent) {
        refuse(socket, 503, `The relay carries at most ${maxConcurrent} connections at a time; close one.`);
        return true;
      }
      running++;
      let accepted = false;
      // ws answers a malformed upgrade (bad key or version) itself, with 400, and never calls back.
      socket.once('close', () => {
        if (!accepted) running--;
      });
      server.handleUpgrade(req, socket, head, (page) => {
        accepted = true;
        pages.add(page);
        runRelaySession(page, check.origin, bounds, () => {
          pages.delete(page);
          running--;
        });
      });
      return true;
    },
    active: () => running,
    close() {
      for (const page of pages) page.terminate();
    },
  };
}

/** A plain HTTP request to RELAY_PATH (not an upgrade): 426, saying what the endpoint is. */
export function answerRelayHttp(res: ServerResponse): void {
  const body = `The relay is a WebSocket endpoint (subprotocol ${RELAY_SUBPROTOCOL}) for the console's own page.\n`;
  res.writeHead(426, {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Serves the relay on `server`'s upgrades to RELAY_PATH; other upgrades are left to other listeners (Vite's
 * HMR socket). Relayed sockets are no longer the HTTP server's: its owner calls close() on shutdown.
 */
export function attachRelay(
  server: EventEmitter,
  access: LocalAccessPolicy,
  options: RelayOptions = {},
): Relay {
  const relay = createRelay(access, options);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    relay.handleUpgrade(req, socket, head);
  });
  return relay;
}
