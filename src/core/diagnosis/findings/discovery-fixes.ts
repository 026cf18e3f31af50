// What to do once travel discovery found the place a server reads the token from: per place (what to set in
// the console, which the CLI words as flags), and per server library when its words gave it away (how to
// make that server also read a place a browser can use). Data, mostly; the library file is named.
import { PLACEMENTS } from '../../travel/placements.ts';
import type { DiscoveryStep } from '../../travel/discovery.ts';

/** Server libraries whose refusals name themselves, grouped by how their fix reads. */
type ServerKind = 'fastify-jwt' | 'node' | 'socket.io' | 'fastapi';

const DIALECT_KIND: Readonly<Record<string, ServerKind>> = {
  'fastify-jwt': 'fastify-jwt',
  jsonwebtoken: 'node',
  jose: 'node',
  'express-jwt': 'node',
  'passport-jwt': 'node',
  'express-oauth2-jwt-bearer': 'node',
  'guide-server': 'node',
  'socket.io': 'socket.io',
  pyjwt: 'fastapi',
  'python-jose': 'fastapi',
  authlib: 'fastapi',
};

/** The server's library, from the dialects its refusals were read in (first known wins), or the protocol. */
export function serverKind(
  dialects: readonly (string | undefined)[],
  protocol: string,
): ServerKind | undefined {
  if (protocol === 'socket.io') return 'socket.io';
  for (const d of dialects) {
    const kind = d === undefined ? undefined : DIALECT_KIND[d];
    if (kind) return kind;
  }
  return undefined;
}

/** How to make the server also read the query string (a place every browser can send). */
function serverReadsQuery(kind: ServerKind | undefined, param: string): string | undefined {
  switch (kind) {
    case 'fastify-jwt':
      return `@fastify/jwt: also read the query — register(fastifyJwt, { secret, verify: { extractToken: (req) => req.query.${param} ?? req.headers.authorization?.replace(/^Bearer /, '') } }), or its cookie option ({ cookie: { cookieName: '${param}' } } with @fastify/cookie)`;
    case 'node':
      return `ws / express: in the upgrade handler read the query too — new URL(req.url, 'http://x').searchParams.get('${param}') — before jwt.verify`;
    case 'socket.io':
      return "Socket.IO: read socket.handshake.auth.token (the client's auth option, which a browser sends in the CONNECT packet) instead of socket.handshake.headers.authorization";
    case 'fastapi':
      return `FastAPI: take the token from websocket.query_params.get('${param}') (or a Query/Cookie parameter) instead of Header(...)`;
    default:
      return undefined;
  }
}

/** What to set so the token goes where the server reads it (console words; the CLI rewrites them). */
function sendItThere(place: DiscoveryStep, used: DiscoveryStep): string {
  const label = PLACEMENTS[place.placement].label;
  if (place.placement === 'query')
    return used.placement === 'query'
      ? `Set Token parameter to ${place.name ?? 'token'}`
      : `Set Token travels in to ${label}, and Token parameter to ${place.name ?? 'token'}`;
  if (place.placement === 'cookie')
    return `Set Token travels in to ${label}, and Token parameter to ${place.name ?? 'token'} (a page can set it only for a same-site server)`;
  return `Set Token travels in to ${label}`;
}

/** The fix steps for a server found to accept the token in `place`. */
export function travelFix(place: DiscoveryStep, used: DiscoveryStep, kind: ServerKind | undefined): string[] {
  const param = used.placement === 'query' || used.placement === 'cookie' ? (used.name ?? 'token') : 'token';
  const steps: string[] = [];
  const browserCannot = PLACEMENTS[place.placement].browser === 'no';
  if (browserCannot) {
    steps.push(
      'A browser cannot set the Authorization header on a WebSocket: make the server also accept the token in the query string (?token=) or the Sec-WebSocket-Protocol header',
    );
    const server = serverReadsQuery(kind, param);
    if (server) steps.push(server);
    steps.push(`To test the server as it is: ${sendItThere(place, used)}`);
    return steps;
  }
  steps.push(sendItThere(place, used));
  if (place.placement === 'cookie') {
    const server = serverReadsQuery(kind, param);
    if (server) steps.push(`Or, for pages on other sites — ${server}`);
  }
  return steps;
}
