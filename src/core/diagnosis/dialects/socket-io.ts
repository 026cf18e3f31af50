// socket.io middlewares (messages forwarded as connect_error) and subscriptions-transport-ws.
import type { Dialect, ReasonRule } from './rule.ts';

export const SOCKET_IO_MIDDLEWARE_RULES: readonly ReasonRule[] = [
  {
    dialect: 'socket.io',
    source: 'auth0-community/socketio-jwt lib/index.js (UnauthorizedError credentials_required)',
    pattern: /no authorization header was found/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: 'socketio-jwt found no token (credentials_required).',
  },
  {
    dialect: 'socket.io',
    source: 'auth0-community/socketio-jwt lib/index.js (UnauthorizedError credentials_bad_format)',
    pattern: /format is authorization: bearer \[token\]/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'socketio-jwt expects "Authorization: Bearer <token>" (credentials_bad_format).',
  },
  {
    dialect: 'subscriptions-transport-ws',
    source: 'apollographql/subscriptions-transport-ws src/server.ts',
    pattern: /prohibited connection!?/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "subscriptions-transport-ws: the server's onConnect returned false (auth refused).",
  },
];

/** Words socket.io middlewares use in connect_error; only tried inside a socket.io packet. */
export const SOCKET_IO_RULES: readonly ReasonRule[] = [
  {
    dialect: 'socket.io',
    source: 'socket.io docs, Middlewares: next(new Error("not authorized")); socketio-jwt UnauthorizedError',
    pattern: /^(authentication error|not authori[sz]ed|unauthori[sz]ed(error)?)$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'A socket.io middleware refused the connection.',
  },
];

export const SOCKET_IO: Dialect = {
  id: 'socket.io',
  label: 'socket.io middlewares, subscriptions-transport-ws',
  stack: 'Node',
  repository:
    'auth0-community/socketio-jwt lib/index.js; apollographql/subscriptions-transport-ws src/server.ts',
  rules: SOCKET_IO_MIDDLEWARE_RULES,
  samples: [
    { text: 'No authorization header was found', cause: 'token-missing' },
    { text: 'Format is Authorization: Bearer [token]', cause: 'token-malformed' },
    { text: 'Prohibited connection!', cause: 'auth-rejected', sharedWith: 'subscriptions-transport-ws' },
  ],
};
