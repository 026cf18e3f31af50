// The fault scenarios of the reference server: one record each, declaring the hooks it needs (hooks.ts).
// Each reproduces, on purpose, a way real servers, proxies and misconfigurations break a JWT-authenticated
// WebSocket. Adding a fault = one record here (plus its test); /health, `--help`, `serve --fault` and the
// router all read this table. Select one per connection with /fault/<name> or ?fault=<name>, or for every
// connection at start-up (option `fault`, env `FAULT`, flag `--fault <name>`).
import { peekTokenPayload } from '../verify-token.ts';
import { parseBoundedInt, startFlood } from './flood.ts';
import type { FaultScenario } from './hooks.ts';

export const DROP_AFTER_OPEN_MS = 50;
export const SLOW_OPEN_DEFAULT_MS = 3000;
export const SLOW_OPEN_MAX_MS = 120_000;

export const FAULT_SCENARIOS = {
  'reject-401': {
    description:
      'Refuse the upgrade with HTTP 401 and WWW-Authenticate: Bearer (auth checked at the handshake).',
    onUpgrade: (u) => {
      u.refuse(
        401,
        JSON.stringify({
          error: 'invalid_token',
          error_description: 'Authentication failed at the WebSocket handshake',
        }),
        { 'WWW-Authenticate': 'Bearer realm="wsjwt", error="invalid_token"' },
        'application/json; charset=utf-8',
      );
      return 'handled';
    },
  },
  'reject-403-origin': {
    description:
      'Refuse the upgrade with HTTP 403 unless the Origin header is on the allow-list (empty by default).',
    onUpgrade: (u) => {
      const origin = u.req.headers.origin;
      if (origin !== undefined && u.allowedOrigins.has(origin)) return undefined;
      u.refuse(
        403,
        JSON.stringify({
          error: 'origin_not_allowed',
          origin: origin ?? null,
          message: `Origin ${origin ?? '(none)'} is not allowed`,
        }),
        undefined,
        'application/json; charset=utf-8',
      );
      return 'handled';
    },
  },
  'wrong-path': {
    description: 'Refuse the upgrade with HTTP 404, as a server listening on another path does.',
    onUpgrade: (u) => {
      u.refuse(404, 'Not found: this server does not serve WebSocket upgrades on this path\n');
      return 'handled';
    },
  },
  'close-1011': {
    description: 'Verify the token, then close 1011 "Internal server error" (the server failed).',
    onAuthenticated: (s) => {
      s.closeWith(1011, 'Internal server error');
      return 'handled';
    },
  },
  'drop-after-open': {
    description: 'Accept, then cut the TCP connection ~50 ms after open without a close frame (1006).',
    onOpen: (s) => {
      s.log(`${s.describe()} → open, dropping the TCP connection in ${DROP_AFTER_OPEN_MS} ms`);
      s.later(() => s.attempt.socket.destroy(), DROP_AFTER_OPEN_MS);
      return 'handled';
    },
  },
  'graphql-ws-4401': {
    description: 'Verify the token; on any auth failure close 4401 "Unauthorized" (graphql-ws style).',
    authFailureClose: { code: 4401, reason: 'Unauthorized' },
  },
  'graphql-ws-4403': {
    description: 'Accept, then close 4403 "Forbidden" right after open, whatever the token.',
    onOpen: (s) => {
      s.closeWith(4403, 'Forbidden');
      return 'handled';
    },
  },
  'hang-handshake': {
    description: 'Read the upgrade request and never answer it (the client times out).',
    onUpgrade: (u) => {
      u.log(`${u.describe()} → holding the handshake, never answering`);
      u.hold();
      return 'handled';
    },
  },
  'base64-secret': {
    description: 'Decode JWT_SECRET from base64 before verifying (the classic secret mismatch).',
    verify: { secretEncoding: 'base64' },
  },
  'rs256-only': {
    description: 'Accept only RS256: an HS256 token is closed 1008 "invalid algorithm".',
    verify: { algorithms: ['RS256'] },
  },
  'expire-open-sockets': {
    description: 'Close an open socket 1008 "jwt expired" at the moment its token expires.',
    onAuthenticated: (s, payload) => {
      const exp = payload.exp;
      if (typeof exp === 'number' && Number.isFinite(exp)) {
        s.later(
          () => {
            if (s.ws.readyState === s.ws.OPEN) s.closeWith(1008, 'jwt expired');
          },
          exp * 1000 - s.now(),
        );
      }
      return undefined;
    },
  },
  'close-1009': {
    description: 'Close 1009 "Message too big" as soon as the client sends a message.',
    onMessage: (s) => {
      s.closeWith(1009, 'Message too big');
      return 'handled';
    },
  },
  'close-1002': {
    description: 'Close 1002 "Protocol error" right after open.',
    onOpen: (s) => {
      s.closeWith(1002, 'Protocol error');
      return 'handled';
    },
  },
  subprotocol: {
    description:
      'Accept without echoing the offered Sec-WebSocket-Protocol (browsers then fail the connection).',
    onUpgrade: (u) => {
      u.skipSubprotocolEcho();
      return undefined;
    },
  },
  flood: {
    description:
      'After auth, send n text messages of size bytes (query n, size) as fast as possible, then close 1000.',
    onAuthenticated: (s) => {
      s.log(`${s.describe()} → open (flood)`);
      startFlood(s);
      return 'handled';
    },
  },
  'slow-open': {
    description: 'Answer the upgrade only after delay ms (query delay, default 3000), then behave normally.',
    onUpgrade: (u) => {
      const raw = u.attempt.url.searchParams.get('delay');
      const delay = parseBoundedInt(raw, SLOW_OPEN_DEFAULT_MS, 0, SLOW_OPEN_MAX_MS);
      u.log(`${u.describe()} → answering in ${delay} ms`);
      u.acceptAfter(delay);
      return 'handled';
    },
  },
  'accept-expired': {
    description: 'A lax server: checks the signature but accepts expired tokens.',
    verify: { ignoreExpiration: true },
  },
  'accept-any': {
    description: 'A lax server: accepts any token, or none, without verifying anything.',
    onOpen: (s) => {
      const token = s.attempt.token;
      s.log(`${s.describe()} → open (accept-any: not verified)`);
      s.welcome(token === null ? {} : (peekTokenPayload(token) ?? {}));
      s.echo();
      return 'handled';
    },
  },
} as const satisfies Record<string, FaultScenario>;
