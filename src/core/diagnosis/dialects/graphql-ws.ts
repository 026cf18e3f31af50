// graphql-ws (enisdenjo/graphql-ws) and Hocuspocus: close code + reason pairs.
import type { Dialect, ReasonRule } from './rule.ts';

const GQLWS = 'enisdenjo/graphql-ws src/server.ts';
const HOCUS = 'ueberdosis/hocuspocus packages/common/src/CloseEvents.ts';

export const GRAPHQL_WS_RULES: readonly ReasonRule[] = [
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4400],
    pattern: /^invalid message received/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      'graphql-ws (4400 Bad Request): the server could not parse a message as the graphql-transport-ws protocol.',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4406],
    pattern: /subprotocol not acceptable/i,
    cause: 'subprotocol-mismatch',
    confidence: 'high',
    detail: 'graphql-ws (4406): the socket was not opened with the "graphql-transport-ws" subprotocol.',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4408],
    pattern: /connection initialisation timeout/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      'graphql-ws (4408): no {"type":"connection_init"} message arrived in time after open (default 3 s).',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4409],
    pattern: /subscriber for .* already exists/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws (4409): a subscribe message reused an id that is still active.',
  },
  {
    dialect: 'graphql-ws',
    source: GQLWS,
    codes: [4429],
    pattern: /too many initialisation requests/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws (4429): connection_init was sent more than once.',
  },
  {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/use/ws.ts (CloseCode.InternalServerError)',
    codes: [4500],
    pattern: /internal server error/i,
    cause: 'server-error',
    confidence: 'high',
    detail: 'graphql-ws (4500): the server threw while handling the connection.',
  },
  {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/client.ts (TerminatedCloseEvent)',
    codes: [4499],
    pattern: /^terminated$/i,
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'graphql-ws client (4499): the client terminated the socket itself, e.g. on a failed keep-alive.',
  },
  {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts (CloseCode.ConnectionAcknowledgementTimeout)',
    codes: [4504],
    pattern: /connection acknowledgement timeout/i,
    cause: 'handshake-timeout',
    confidence: 'medium',
    detail:
      'graphql-ws client (4504): the server never acknowledged connection_init (its onConnect auth hung).',
  },
  {
    // graphql-ws: "Unauthorized" = subscribe before connection_ack; Hocuspocus: onAuthenticate failed.
    dialect: 'hocuspocus',
    source: `${HOCUS}; ${GQLWS}`,
    codes: [4401],
    pattern: /^unauthori[sz]ed$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      '4401 "Unauthorized": Hocuspocus closes with it when onAuthenticate rejects the token; graphql-ws when a subscribe arrives before the connection was acknowledged (auth in onConnect did not pass).',
  },
  {
    dialect: 'graphql-ws',
    source: `${GQLWS}; ${HOCUS}`,
    codes: [4403],
    pattern: /^forbidden$/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail:
      '4403 "Forbidden": graphql-ws closes with it when onConnect returns false (auth refused); Hocuspocus uses it for a refused connection.',
  },
  {
    dialect: 'hocuspocus',
    source: HOCUS,
    codes: [4408],
    pattern: /^connection timeout$/i,
    cause: 'connection-dropped',
    confidence: 'medium',
    detail:
      'Hocuspocus (4408 ConnectionTimeout): the server stopped waiting for the client (no pong within its timeout).',
  },
  {
    dialect: 'hocuspocus',
    source: HOCUS,
    codes: [4205],
    pattern: /^reset connection$/i,
    cause: 'connection-dropped',
    confidence: 'low',
    detail: 'Hocuspocus (4205 ResetConnection): the server asked the client to reset and reconnect.',
  },
];

export const GRAPHQL_WS: Dialect = {
  id: 'graphql-ws',
  label: 'graphql-ws (and Hocuspocus)',
  stack: 'Node',
  repository: 'enisdenjo/graphql-ws (src/server.ts, src/common.ts); ueberdosis/hocuspocus (CloseEvents.ts)',
  rules: GRAPHQL_WS_RULES,
  samples: [
    { text: 'Terminated', cause: 'connection-dropped', code: 4499 },
    { text: 'Connection acknowledgement timeout', cause: 'handshake-timeout', code: 4504 },
    { text: 'Unauthorized', cause: 'auth-rejected', code: 4401, sharedWith: 'hocuspocus' },
    { text: 'Connection Timeout', cause: 'connection-dropped', code: 4408, sharedWith: 'hocuspocus' },
    { text: 'Reset Connection', cause: 'connection-dropped', code: 4205, sharedWith: 'hocuspocus' },
    { text: 'Invalid message received', cause: 'protocol-error', code: 4400 },
    { text: 'Forbidden', cause: 'auth-rejected', code: 4403 },
    { text: 'Subprotocol not acceptable', cause: 'subprotocol-mismatch', code: 4406 },
    { text: 'Connection initialisation timeout', cause: 'protocol-error', code: 4408 },
    { text: 'Subscriber for 1 already exists', cause: 'protocol-error', code: 4409 },
    { text: 'Too many initialisation requests', cause: 'protocol-error', code: 4429 },
    { text: 'Internal server error', cause: 'server-error', code: 4500 },
  ],
};
