// Real library servers for issue 15, each written the way its library's docs show, none by this project's
// rules: graphql-ws (useServer + onConnect reading connectionParams.token), subscriptions-transport-ws
// (Apollo's legacy SubscriptionServer, onConnect throwing on a bad connectionParams.token), Socket.IO (io.use middleware
// reading socket.handshake.auth.token), a STOMP broker from npm (stomp-broker-js, connect middleware reading
// the CONNECT frame's Authorization header), and fastify + @fastify/websocket + @fastify/jwt in its default
// header-only mode. Every server binds port 0 on 127.0.0.1 and is closed by the test that started it.
// Tokens are checked with jsonwebtoken (HS256), as those docs do.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyJwt from '@fastify/jwt';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import { buildSchema, execute, subscribe } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import jwt from 'jsonwebtoken';
import { Server as SocketIoServer } from 'socket.io';
// @ts-expect-error -- stomp-broker-js ships no types
import StompServer from 'stomp-broker-js';
import { SubscriptionServer } from 'subscriptions-transport-ws';
import { WebSocketServer } from 'ws';

export const REAL_SERVER_SECRET = 'node-protocols-test-secret-0123456789';

export interface RunningServer {
  /** The address a user would type (Socket.IO: the base URL). */
  url: string;
  close(): Promise<void>;
}

function portOf(server: { address(): AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port;
}

/** A plain `ws` server on port 0 of loopback, at `/`; close() drops its clients first. */
async function listenWs(http: Server, wss: WebSocketServer): Promise<RunningServer> {
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${portOf(http)}/`,
    close: () =>
      new Promise<void>((r) => {
        for (const client of wss.clients) client.terminate();
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

function verify(
  token: unknown,
): { ok: true; claims: jwt.JwtPayload | string } | { ok: false; message: string } {
  try {
    return {
      ok: true,
      claims: jwt.verify(String(token ?? ''), REAL_SERVER_SECRET, { algorithms: ['HS256'] }),
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** graphql-ws: onConnect refuses a bad connectionParams.token, closing 4403 with jsonwebtoken's words. */
export async function startGraphqlWs(): Promise<RunningServer> {
  const schema = buildSchema('type Query { hello: String }');
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const cleanup = useServer(
    {
      schema,
      roots: { query: { hello: () => 'world' } },
      onConnect: (ctx) => {
        const checked = verify(ctx.connectionParams?.token);
        if (checked.ok) return true;
        ctx.extra.socket.close(4403, checked.message);
        return false;
      },
    },
    wss,
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${portOf(http)}/graphql`,
    close: async () => {
      await cleanup.dispose();
      await new Promise((r) => http.close(r));
    },
  };
}

/** subscriptions-transport-ws (legacy subprotocol `graphql-ws`): SubscriptionServer.create as its README
 * shows; onConnect throws on a bad connectionParams.token, and the library answers connection_error with
 * the thrown message, then closes 1011. */
export async function startSubscriptionsTransportWs(): Promise<RunningServer> {
  const schema = buildSchema('type Query { hello: String } type Subscription { ticks: Int }');
  const http = createServer();
  const subscriptionServer = SubscriptionServer.create(
    {
      schema,
      execute,
      subscribe,
      onConnect: (connectionParams: { token?: unknown } | undefined) => {
        const checked = verify(connectionParams?.token);
        if (!checked.ok) throw new Error(checked.message);
        return { user: checked.claims };
      },
    },
    { server: http, path: '/subscriptions' },
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${portOf(http)}/subscriptions`,
    close: async () => {
      subscriptionServer.close();
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}

/** Socket.IO: the JWT middleware of the docs, next(new Error(err.message)) on a bad token. */
export async function startSocketIo(): Promise<RunningServer> {
  const http = createServer();
  const io = new SocketIoServer(http);
  io.use((socket, next) => {
    const checked = verify((socket.handshake.auth as { token?: unknown }).token);
    if (!checked.ok) return next(new Error(checked.message));
    socket.data.user = checked.claims;
    return next();
  });
  io.on('connection', (socket) => socket.emit('welcome', 'hello'));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${portOf(http)}`,
    close: () => new Promise<void>((r) => void io.close(() => r())),
  };
}

/** stomp-broker-js: a connect middleware that lets a valid Authorization: Bearer through (else the broker
 * answers ERROR "CONNECTION ERROR" — its only words). */
export async function startStompBroker(): Promise<RunningServer> {
  const http = createServer();
  const broker = new StompServer({ server: http, path: '/stomp', heartbeat: [0, 0] });
  broker.setMiddleware(
    'connect',
    (_socket: unknown, args: { headers: Record<string, string> }, next: () => boolean) => {
      const header = args.headers.Authorization ?? args.headers.authorization ?? '';
      const token = header.replace(/^Bearer\s+/i, '');
      return verify(token).ok ? next() : false;
    },
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${portOf(http)}/stomp`,
    close: () =>
      new Promise<void>((r) => {
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

/** fastify + @fastify/websocket + @fastify/jwt, header-only (the default): req.jwtVerify() in onRequest,
 * the guide's claims required through fast-jwt's `requiredClaims` (as e2e/real-servers/fastify does). */
export async function startFastifyHeaderJwt(): Promise<RunningServer> {
  const app = Fastify();
  await app.register(fastifyJwt, {
    secret: REAL_SERVER_SECRET,
    verify: { requiredClaims: ['userId', 'role', 'iat', 'exp'] },
  });
  await app.register(fastifyWebsocket);
  app.addHook('onRequest', async (request) => {
    await request.jwtVerify();
  });
  app.get('/ws', { websocket: true }, (socket) => {
    socket.send('welcome');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `ws://127.0.0.1:${portOf(app.server)}/ws`, close: () => app.close() };
}

/** The bearer token of a Cookie header, by name (as the cookie package parses it, without the package). */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * A plain `ws` server in the shape most Node tutorials show: the http server's 'upgrade' handler reads
 * ?access_token= (not ?token=), verifies it with jsonwebtoken and answers 401 before the upgrade.
 */
export async function startWsAccessTokenQuery(): Promise<RunningServer> {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('access_token');
    const checked = verify(token);
    if (!checked.ok) {
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${checked.message}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => ws.send('welcome'));
  });
  return listenWs(http, wss);
}

/**
 * A `ws` server that reads the token from a cookie named `token` after the upgrade, closing 1008 when it is
 * missing or invalid (an accepted upgrade that refuses the client at once).
 */
export async function startWsCookie(): Promise<RunningServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, req) => {
    const checked = verify(cookieValue(req.headers.cookie, 'token'));
    if (!checked.ok) ws.close(1008, checked.message.slice(0, 100));
    else ws.send('welcome');
  });
  return listenWs(http, wss);
}

/** A good token, one signed with another secret, and an expired one (jsonwebtoken, as the servers' docs). */
export function realServerTokens(nowSeconds = Math.floor(Date.now() / 1000)): {
  good: string;
  wrongSecret: string;
  expired: string;
} {
  const claims = { userId: '123', role: 'principal' };
  return {
    good: jwt.sign({ ...claims, iat: nowSeconds, exp: nowSeconds + 3600 }, REAL_SERVER_SECRET),
    wrongSecret: jwt.sign(
      { ...claims, iat: nowSeconds, exp: nowSeconds + 3600 },
      'some-other-secret-0123456789abcdef',
    ),
    expired: jwt.sign({ ...claims, iat: nowSeconds - 7200, exp: nowSeconds - 3600 }, REAL_SERVER_SECRET),
  };
}
