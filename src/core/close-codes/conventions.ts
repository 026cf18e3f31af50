// Close codes by library convention (3000–4999): per library its codes with the name it gives them, what
// they mean, and — when a server sends it — the cause the diagnosis reads from the code alone. Data only.
import type { CodeDiagnosis, Convention, Dialect } from './registry.ts';

type Row = readonly [
  code: number,
  name: string,
  meaning: string,
  diagnosis?: CodeDiagnosis,
  clientOnly?: true,
];

function table(id: string, label: string, source: string, rows: readonly Row[]): Dialect {
  const codes = new Map<number, Convention>();
  for (const [code, name, meaning, diagnosis, clientOnly] of rows) {
    const c: Convention = { name, meaning };
    if (diagnosis) c.diagnosis = diagnosis;
    if (clientOnly) c.clientOnly = true;
    codes.set(code, c);
  }
  return { id, label, source, codes };
}

const d = (cause: CodeDiagnosis['cause'], confidence: CodeDiagnosis['confidence'], detail: string) => ({
  cause,
  confidence,
  detail,
});

// centrifugal/centrifuge disconnect.go: 3000–3499 the client reconnects, 3500–3999 terminal.
export const CENTRIFUGO = table(
  'centrifugo',
  'Centrifugo',
  'centrifugal/centrifuge disconnect.go (Centrifugo docs: Error and disconnect codes)',
  [
    [
      3000,
      'connection closed',
      'The connection closed without advice from the server (server side only).',
      d(
        'connection-dropped',
        'low',
        'Centrifugo 3000: the connection closed without advice from the server.',
      ),
    ],
    [
      3001,
      'shutdown',
      'The server node is shutting down; the client reconnects.',
      d('server-error', 'medium', 'Centrifugo 3001: the node is shutting down.'),
    ],
    [
      3004,
      'internal server error',
      'An internal error occurred on the server; the client reconnects.',
      d('server-error', 'high', 'Centrifugo 3004: an internal server error.'),
    ],
    [
      3005,
      'connection expired',
      'The connection’s token expired and was not refreshed; the client reconnects with a new token.',
      d('token-expired', 'high', 'Centrifugo 3005: the connection token expired and was not refreshed.'),
    ],
    [
      3006,
      'subscription expired',
      'A subscription token expired; the client reconnects.',
      d('token-expired', 'medium', 'Centrifugo 3006: a subscription token expired.'),
    ],
    [
      3008,
      'slow',
      'The client did not read messages fast enough; the client reconnects.',
      d('connection-dropped', 'medium', 'Centrifugo 3008: the client did not read messages fast enough.'),
    ],
    [
      3009,
      'write error',
      'Writing to the connection failed; the client reconnects.',
      d('connection-dropped', 'medium', 'Centrifugo 3009: writing to the connection failed.'),
    ],
    [
      3010,
      'insufficient state',
      'The client missed publications in a channel stream; it reconnects to recover them.',
      d(
        'connection-dropped',
        'medium',
        'Centrifugo 3010: the server asks the client to reconnect and recover missed publications.',
      ),
    ],
    [
      3011,
      'force reconnect',
      'The server asked the client to reconnect.',
      d(
        'connection-dropped',
        'medium',
        'Centrifugo 3011: the server disconnected the client and wants it to reconnect.',
      ),
    ],
    [
      3012,
      'no pong',
      'The client did not answer the server’s pings in time.',
      d('connection-dropped', 'medium', "Centrifugo 3012: no pong arrived for the server's ping."),
    ],
    [
      3013,
      'too many requests',
      'The client sent too many commands.',
      d('protocol-error', 'medium', 'Centrifugo 3013: the client sent too many commands.'),
    ],
    [
      3500,
      'invalid token',
      'The connection token is invalid (bad signature, wrong secret, malformed); terminal, no reconnect.',
      d('auth-rejected', 'medium', 'Centrifugo 3500: the connection token did not verify.'),
    ],
    [
      3501,
      'bad request',
      'The client sent malformed protocol frames or commands in the wrong order; terminal.',
      d('protocol-error', 'high', 'Centrifugo 3501: malformed protocol frames.'),
    ],
    [
      3502,
      'stale',
      'The connection did not authenticate within the configured time after connecting; terminal.',
      d(
        'protocol-error',
        'high',
        'Centrifugo 3502: the connection did not authenticate (connect command) in time.',
      ),
    ],
    [
      3503,
      'force disconnect',
      'The server disconnected the client and asked it not to reconnect.',
      d(
        'auth-rejected',
        'medium',
        'Centrifugo 3503: the server disconnected the client and asked it not to reconnect.',
      ),
    ],
    [
      3504,
      'connection limit',
      'The client exceeded the connection limit (e.g. per user); terminal.',
      d(
        'auth-rejected',
        'medium',
        'Centrifugo 3504: a connection limit (per user or otherwise) was exceeded.',
      ),
    ],
    [
      3505,
      'channel limit',
      'The client exceeded the channel limit; terminal.',
      d('auth-rejected', 'medium', 'Centrifugo 3505: the channel limit was exceeded.'),
    ],
    [
      3506,
      'inappropriate protocol',
      'The client’s protocol format cannot carry the data (e.g. binary to a JSON client); terminal.',
      d(
        'protocol-error',
        'high',
        "Centrifugo 3506: the client's protocol format cannot carry this data (JSON client, binary data).",
      ),
    ],
    [
      3507,
      'permission denied',
      'The client is not allowed to access the server; terminal.',
      d('auth-rejected', 'high', 'Centrifugo 3507: permission denied.'),
    ],
    [
      3508,
      'not available',
      'The requested feature is not available on this server; terminal.',
      d('protocol-error', 'medium', 'Centrifugo 3508: the requested feature is not available on the server.'),
    ],
    [
      3509,
      'too many errors',
      'The client produced too many errors; terminal.',
      d('protocol-error', 'medium', 'Centrifugo 3509: the client caused too many errors.'),
    ],
  ],
);

// enisdenjo/graphql-ws src/common.ts (CloseCode) and src/server.ts (the reasons it closes with). Hasura and
// Apollo Server speak the same protocol (graphql-transport-ws) and close with the same codes.
export const GRAPHQL_WS = table(
  'graphql-ws',
  'graphql-ws',
  'enisdenjo/graphql-ws src/common.ts (CloseCode)',
  [
    [
      4004,
      'Bad Response',
      'Client-side: the server sent a message the client could not understand.',
      undefined,
      true,
    ],
    [4005, 'Internal Client Error', 'Client-side: the client failed internally.', undefined, true],
    [
      4400,
      'Bad Request',
      'The server received an invalid message.',
      d(
        'protocol-error',
        'medium',
        'graphql-ws 4400 Bad Request: the server could not use a message (or Hasura refused the request).',
      ),
    ],
    [
      4401,
      'Unauthorized',
      'A subscription was attempted before the connection was acknowledged (connection_init not accepted).',
      d(
        'auth-rejected',
        'medium',
        '4401 Unauthorized (graphql-ws, Hocuspocus and many apps): authentication was refused.',
      ),
    ],
    [
      4403,
      'Forbidden',
      'The server’s onConnect refused the connection (authentication failed).',
      d(
        'auth-rejected',
        'medium',
        '4403 Forbidden (graphql-ws, Hocuspocus and many apps): the server refused the connection.',
      ),
    ],
    [
      4406,
      'Subprotocol not acceptable',
      'The client did not offer the graphql-transport-ws subprotocol.',
      d(
        'subprotocol-mismatch',
        'high',
        'graphql-ws 4406: open the socket with the "graphql-transport-ws" subprotocol.',
      ),
    ],
    [
      4408,
      'Connection initialisation timeout',
      'The client did not send connection_init in time.',
      d(
        'protocol-error',
        'medium',
        'graphql-ws 4408: no connection_init arrived in time (Hocuspocus uses 4408 for its connection timeout).',
      ),
    ],
    [
      4409,
      'Subscriber already exists',
      'A subscription with the same id is already running.',
      d('protocol-error', 'high', 'graphql-ws 4409: a subscription id was reused.'),
    ],
    [
      4429,
      'Too many initialisation requests',
      'The client sent connection_init more than once.',
      d('protocol-error', 'high', 'graphql-ws 4429: connection_init was sent twice.'),
    ],
    [
      4499,
      'Terminated',
      'Client-side: the client was terminated (client.terminate()); never sent by a server.',
      d('connection-dropped', 'medium', 'graphql-ws 4499: the client terminated the socket.'),
      true,
    ],
    [
      4500,
      'Internal Server Error',
      'The server failed internally.',
      d('server-error', 'high', 'graphql-ws 4500: the server threw while handling the connection.'),
    ],
    [
      4504,
      'Connection acknowledgement timeout',
      'Client-side: the server did not acknowledge connection_init in time.',
      d('handshake-timeout', 'medium', 'graphql-ws 4504: the server never acknowledged connection_init.'),
      true,
    ],
  ],
);

// ueberdosis/hocuspocus packages/common/src/CloseEvents.ts
export const HOCUSPOCUS = table(
  'hocuspocus',
  'Hocuspocus',
  'ueberdosis/hocuspocus packages/common/src/CloseEvents.ts',
  [
    [
      4205,
      'Reset Connection',
      'The server asks the client to reset its document view and reconnect.',
      d('connection-dropped', 'low', 'Hocuspocus 4205: the server asked the client to reset and reconnect.'),
    ],
    [
      4401,
      'Unauthorized',
      'Authentication is required and failed or was not provided (onAuthenticate rejected).',
      d('auth-rejected', 'medium', 'Hocuspocus 4401 Unauthorized: onAuthenticate rejected the token.'),
    ],
    [
      4403,
      'Forbidden',
      'The request was understood but the server refuses it.',
      d('auth-rejected', 'medium', 'Hocuspocus 4403 Forbidden: the server refused the connection.'),
    ],
    [
      4408,
      'Connection Timeout',
      'The server timed out waiting for the client.',
      d(
        'connection-dropped',
        'medium',
        'Hocuspocus 4408 Connection Timeout: the server stopped waiting for the client.',
      ),
    ],
  ],
);

// Discord Gateway close codes (discord.com/developers/docs/topics/opcodes-and-status-codes).
export const DISCORD = table(
  'discord',
  'Discord Gateway',
  'Discord developer docs: Gateway Close Event Codes',
  [
    [4000, 'Unknown error', 'Something went wrong on the gateway; reconnect.'],
    [4001, 'Unknown opcode', 'The client sent an invalid opcode.'],
    [4002, 'Decode error', 'The client sent an invalid payload.'],
    [4003, 'Not authenticated', 'The client sent a payload before identifying.'],
    [4004, 'Authentication failed', 'The token sent with identify is invalid.'],
    [4005, 'Already authenticated', 'The client identified more than once.'],
    [4007, 'Invalid seq', 'The sequence number sent when resuming was invalid.'],
    [4008, 'Rate limited', 'The client sent payloads too quickly.'],
    [4009, 'Session timed out', 'The session timed out; reconnect and start a new one.'],
    [4010, 'Invalid shard', 'The client sent an invalid shard when identifying.'],
    [4011, 'Sharding required', 'The session would handle too many guilds; sharding is required.'],
    [4012, 'Invalid API version', 'The client requested an invalid gateway version.'],
    [4013, 'Invalid intent(s)', 'The client sent an invalid intent.'],
    [4014, 'Disallowed intent(s)', 'The client sent an intent it is not enabled or approved for.'],
  ],
);

/** Private-range conventions in the order they are named (the first one names the code). */
export const PRIVATE_CONVENTIONS: readonly Dialect[] = [GRAPHQL_WS, HOCUSPOCUS, DISCORD];
/** Library-range (3000–3999) conventions. */
export const LIBRARY_CONVENTIONS: readonly Dialect[] = [CENTRIFUGO];

// Many hand-written servers add 4000 to the HTTP status they mean.
export const HTTP_STATUS: ReadonlyMap<number, string> = new Map([
  [400, 'Bad Request'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'Not Found'],
  [408, 'Request Timeout'],
  [409, 'Conflict'],
  [410, 'Gone'],
  [413, 'Payload Too Large'],
  [422, 'Unprocessable Entity'],
  [429, 'Too Many Requests'],
  [500, 'Internal Server Error'],
  [502, 'Bad Gateway'],
  [503, 'Service Unavailable'],
  [504, 'Gateway Timeout'],
]);

/**
 * Libraries with no close codes of their own, and what they do instead (README, CLI help): their refusals are
 * read from words (dialects/) or from the HTTP status.
 */
export const NO_CODE_CONVENTIONS: ReadonlyArray<readonly [label: string, what: string, source: string]> = [
  [
    'Socket.IO',
    'refuses in a CONNECT_ERROR packet (44{"message":…}) and closes with 1000/1005; no codes of its own',
    'socketio/socket.io-parser lib/index.ts',
  ],
  [
    'Phoenix',
    'connect/3 returning :error answers the upgrade with HTTP 403; channels close with 1000',
    'phoenixframework/phoenix lib/phoenix/socket.ex, transports/websocket.ex',
  ],
  [
    'Starlette / FastAPI',
    'websocket.close() before accept() answers the upgrade with HTTP 403; after accept, close(code=1008, reason=…)',
    'encode/starlette starlette/websockets.py',
  ],
  [
    'Django Channels',
    'closing before accept() answers HTTP 403; close(code=…) after accept',
    'django/channels channels/generic/websocket.py',
  ],
  [
    'ActionCable',
    'reject_unauthorized_connection sends {"type":"disconnect","reason":"unauthorized"} then closes',
    'rails/rails actioncable/lib/action_cable/connection/base.rb',
  ],
  [
    'subscriptions-transport-ws',
    'sends connection_error then closes 1011 ("Prohibited connection!" when onConnect returns false)',
    'apollographql/subscriptions-transport-ws src/server.ts',
  ],
];
