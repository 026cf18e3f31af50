// Real servers for the relay's tests, all on port 0: the relay on a plain node:http server, and an upstream
// that reads only `Authorization: Bearer` (refusing anything else with 401 + WWW-Authenticate + a JSON
// body), echoes what it gets, and on command closes 1008, closes without a code, drops the connection or
// sends binary. Every server is closed by closeAll().
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { RELAY_PATH, RELAY_SUBPROTOCOL } from '../../core/relay/protocol.ts';
import { createSessionToken, SESSION_SUBPROTOCOL_PREFIX } from '../guard/local-request.ts';
import { attachRelay } from './relay.ts';
import type { Relay, RelayOptions } from './relay.ts';

export const GOOD_TOKEN = 'header.only.token';
export const CHALLENGE = 'Bearer realm="relay-test", error="invalid_token"';
export const REFUSAL_BODY = '{"message":"No Authorization was found in request.headers"}';

const closers: Array<() => Promise<void>> = [];
export async function closeAll(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
}

export interface Upstream {
  url: string;
  upgrades: IncomingMessage[];
  /** Sockets it accepted, newest last. */
  sockets: WebSocket[];
  /** Close frames it received. */
  closes: Array<{ code: number; reason: string }>;
}

/** A header-only upstream: `Authorization: Bearer GOOD_TOKEN` or 401. Commands by text message. */
export async function startUpstream(): Promise<Upstream> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (p) => p.values().next().value ?? false,
  });
  const upstream: Upstream = { url: '', upgrades: [], sockets: [], closes: [] };
  server.on('upgrade', (req, socket, head) => {
    upstream.upgrades.push(req);
    if (req.headers.authorization !== `Bearer ${GOOD_TOKEN}`) {
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${CHALLENGE}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${REFUSAL_BODY.length}\r\nConnection: close\r\n\r\n${REFUSAL_BODY}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      upstream.sockets.push(ws);
      ws.on('close', (code, reason) => upstream.closes.push({ code, reason: reason.toString() }));
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? '' : data.toString();
        if (text === 'close-1008') ws.close(1008, 'invalid signature');
        else if (text === 'close-no-code') ws.close();
        else if (text === 'drop') ws.terminate();
        else if (text === 'send-binary') ws.send(Buffer.from([0, 1, 2, 255]));
        else ws.send(data, { binary: isBinary });
      });
    });
  });
  upstream.url = `ws://127.0.0.1:${await listen(server)}/socket`;
  closers.push(closer(server));
  return upstream;
}

/** A TCP listener that never answers an upgrade (for the handshake timeout). */
export async function startSilentServer(): Promise<string> {
  const server = createServer();
  const held: Duplex[] = [];
  server.on('upgrade', (_req, socket: Duplex) => void held.push(socket));
  const port = await listen(server);
  const close = closer(server);
  // An upgraded socket is no longer the HTTP server's to close.
  closers.push(() => {
    for (const socket of held) socket.destroy();
    return close();
  });
  return `ws://127.0.0.1:${port}/`;
}

/** A port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((done) => server.close(() => done()));
  return `ws://127.0.0.1:${port}/`;
}

export interface RelayUnderTest {
  relay: Relay;
  port: number;
  token: string;
  /** The relay's URL as the console's page reaches it. */
  url: string;
  origin: string;
}

export async function startRelay(options: RelayOptions = {}): Promise<RelayUnderTest> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const token = createSessionToken();
  const relay = attachRelay(server, { sessionToken: token }, options);
  const port = await listen(server);
  closers.push(closer(server));
  return {
    relay,
    port,
    token,
    url: `ws://localhost:${port}${RELAY_PATH}`,
    origin: `http://localhost:${port}`,
  };
}

export interface PageOptions {
  protocols?: string[];
  origin?: string | null;
  host?: string;
}

/** The console's page as ws sees it: its Origin, the relay and session subprotocols. */
export function openPage(r: RelayUnderTest, options: PageOptions = {}): WebSocket {
  const protocols = options.protocols ?? [RELAY_SUBPROTOCOL, `${SESSION_SUBPROTOCOL_PREFIX}${r.token}`];
  const headers: Record<string, string> = {};
  if (options.host !== undefined) headers.Host = options.host;
  const ws = new WebSocket(`ws://127.0.0.1:${r.port}${RELAY_PATH}`, protocols, {
    headers: { Host: `localhost:${r.port}`, ...headers },
    ...(options.origin === null ? {} : { origin: options.origin ?? r.origin }),
  });
  closers.push(async () => ws.terminate());
  return ws;
}

/** How an upgrade ended: opened, or refused with a status and body. */
export function upgradeOutcome(ws: WebSocket): Promise<{ opened: boolean; status?: number; body?: string }> {
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ opened: true }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => undefined);
  });
}

/** Text messages (parsed as JSON when they are) and binary ones, and the close, as the page saw them. */
export interface PageLog {
  messages: Array<{ text?: string; json?: unknown; binary?: Buffer }>;
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the next message. */
  next(): Promise<{ text?: string; json?: unknown; binary?: Buffer }>;
}

export function record(ws: WebSocket): PageLog {
  const messages: PageLog['messages'] = [];
  const waiters: Array<(m: PageLog['messages'][number]) => void> = [];
  let read = 0;
  ws.on('message', (data, isBinary) => {
    const buffer = data as Buffer;
    let m: PageLog['messages'][number];
    if (isBinary) m = { binary: buffer };
    else {
      const text = buffer.toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      m = { text, json };
    }
    messages.push(m);
    waiters.shift()?.(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return {
    messages,
    closed,
    next: () => {
      const at = read++;
      const ready = messages[at];
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

export const onceOpen = (ws: WebSocket): Promise<void> =>
  new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

export const connectMessage = (url: string, headers: Record<string, string> = {}, extra = {}): string =>
  JSON.stringify({ type: 'connect', url, protocols: ['chat.v1'], headers, timeoutMs: 5000, ...extra });
