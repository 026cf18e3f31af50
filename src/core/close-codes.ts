import type { CloseCodeInfo } from './types.ts';

type Convention = CloseCodeInfo['conventions'][number];

interface Entry {
  name: string;
  meaning: string;
  localOnly?: boolean;
}

// RFC 6455 §7.4.1 plus the IANA "WebSocket Close Code Number Registry" entries 1012–1014.
const PROTOCOL: ReadonlyMap<number, Entry> = new Map([
  [1000, { name: 'Normal Closure', meaning: 'The connection was closed on purpose and completed normally.' }],
  [
    1001,
    {
      name: 'Going Away',
      meaning:
        'An endpoint is going away: the server is shutting down or restarting, or the browser left the page.',
    },
  ],
  [
    1002,
    {
      name: 'Protocol Error',
      meaning:
        'An endpoint received a frame that breaks the WebSocket protocol (a bug in a client, server or proxy).',
    },
  ],
  [
    1003,
    {
      name: 'Unsupported Data',
      meaning: 'An endpoint received a kind of data it cannot accept, e.g. binary on a text-only endpoint.',
    },
  ],
  [
    1004,
    {
      name: 'Reserved',
      meaning: 'Reserved by RFC 6455; no meaning is defined and endpoints must not send it.',
    },
  ],
  [
    1005,
    {
      name: 'No Status Received',
      meaning: 'The close frame carried no status code. Set by the browser, never sent on the wire.',
      localOnly: true,
    },
  ],
  [
    1006,
    {
      name: 'Abnormal Closure',
      meaning:
        'The connection ended without a close frame: the server was unreachable, refused the upgrade (e.g. HTTP 401 during the handshake, which the browser hides), or the connection dropped. Set by the browser, never sent on the wire.',
      localOnly: true,
    },
  ],
  [
    1007,
    {
      name: 'Invalid Frame Payload Data',
      meaning: 'A message did not match its type, e.g. a text message that is not valid UTF-8.',
    },
  ],
  [
    1008,
    {
      name: 'Policy Violation',
      meaning:
        'A generic refusal that hides the details. Servers that authenticate after accepting the socket often use it for a rejected token (the guide’s server closes with 1008 on an invalid JWT).',
    },
  ],
  [1009, { name: 'Message Too Big', meaning: 'A message was larger than the endpoint accepts.' }],
  [
    1010,
    {
      name: 'Mandatory Extension',
      meaning: 'The client required an extension the server did not negotiate in the handshake.',
    },
  ],
  [
    1011,
    {
      name: 'Internal Error',
      meaning: 'The server hit an unexpected condition (an exception) and closed the connection.',
    },
  ],
  [
    1012,
    {
      name: 'Service Restart',
      meaning: 'The server is restarting; reconnecting after a short delay should work.',
    },
  ],
  [
    1013,
    {
      name: 'Try Again Later',
      meaning: 'The server is temporarily overloaded or refusing work; reconnect later.',
    },
  ],
  [
    1014,
    {
      name: 'Bad Gateway',
      meaning:
        'A gateway or proxy in front of the server received an invalid response from the upstream server.',
    },
  ],
  [
    1015,
    {
      name: 'TLS Handshake',
      meaning:
        'The TLS handshake failed (e.g. the certificate could not be verified). Set by the browser, never sent on the wire.',
      localOnly: true,
    },
  ],
]);

// IANA registrations in 3000–3999 (first come, first served).
const IANA_REGISTERED: ReadonlyMap<number, Entry> = new Map([
  [
    3000,
    {
      name: 'Unauthorized',
      meaning: 'The endpoint requires authentication that was missing or rejected (like HTTP 401).',
    },
  ],
  [
    3003,
    {
      name: 'Forbidden',
      meaning: 'The endpoint is authenticated but not allowed to do this (like HTTP 403).',
    },
  ],
  [3008, { name: 'Timeout', meaning: 'The endpoint timed out waiting (like HTTP 408).' }],
]);

function conventionsTable(
  source: string,
  rows: ReadonlyArray<readonly [number, string, string]>,
): Map<number, Convention[]> {
  const map = new Map<number, Convention[]>();
  for (const [code, name, meaning] of rows) map.set(code, [{ source, name, meaning }]);
  return map;
}

// Centrifugo / centrifuge (Go) disconnect codes: 3000–3499 reconnect, 3500–3999 terminal.
const CENTRIFUGO = conventionsTable('Centrifugo', [
  [3001, 'shutdown', 'The server node is shutting down; the client reconnects.'],
  [3004, 'internal server error', 'An internal error occurred on the server; the client reconnects.'],
  [
    3005,
    'connection expired',
    'The connection’s token expired and was not refreshed; the client reconnects with a new token.',
  ],
  [3006, 'subscription expired', 'A subscription token expired; the client reconnects.'],
  [3008, 'slow', 'The client did not read messages fast enough; the client reconnects.'],
  [3009, 'write error', 'Writing to the connection failed; the client reconnects.'],
  [
    3010,
    'insufficient state',
    'The client missed publications in a channel stream; it reconnects to recover them.',
  ],
  [3011, 'force reconnect', 'The server asked the client to reconnect.'],
  [3012, 'no pong', 'The client did not answer the server’s pings in time.'],
  [3013, 'too many requests', 'The client sent too many commands.'],
  [
    3500,
    'invalid token',
    'The connection token is invalid (bad signature, wrong secret, malformed); terminal, no reconnect.',
  ],
  [
    3501,
    'bad request',
    'The client sent malformed protocol frames or commands in the wrong order; terminal.',
  ],
  [
    3502,
    'stale',
    'The connection did not authenticate within the configured time after connecting; terminal.',
  ],
  [3503, 'force disconnect', 'The server disconnected the client and asked it not to reconnect.'],
  [3504, 'connection limit', 'The client exceeded the connection limit (e.g. per user); terminal.'],
  [3505, 'channel limit', 'The client exceeded the channel limit; terminal.'],
  [
    3506,
    'inappropriate protocol',
    'The client’s protocol format cannot carry the data (e.g. binary to a JSON client); terminal.',
  ],
  [3507, 'permission denied', 'The client is not allowed to access the server; terminal.'],
  [3508, 'not available', 'The requested feature is not available on this server; terminal.'],
  [3509, 'too many errors', 'The client produced too many errors; terminal.'],
]);

// graphql-ws (the GraphQL over WebSocket protocol, subprotocol graphql-transport-ws).
const GRAPHQL_WS = conventionsTable('graphql-ws', [
  [4004, 'Bad Response', 'Client-side: the server sent a message the client could not understand.'],
  [4005, 'Internal Client Error', 'Client-side: the client failed internally.'],
  [4400, 'Bad Request', 'The server received an invalid message.'],
  [
    4401,
    'Unauthorized',
    'A subscription was attempted before the connection was acknowledged (connection_init not accepted).',
  ],
  [4403, 'Forbidden', 'The server’s onConnect refused the connection (authentication failed).'],
  [4406, 'Subprotocol not acceptable', 'The client did not offer the graphql-transport-ws subprotocol.'],
  [4408, 'Connection initialisation timeout', 'The client did not send connection_init in time.'],
  [4409, 'Subscriber already exists', 'A subscription with the same id is already running.'],
  [4429, 'Too many initialisation requests', 'The client sent connection_init more than once.'],
  [
    4499,
    'Terminated',
    'Client-side: the client was terminated (client.terminate()); never sent by a server.',
  ],
  [4500, 'Internal Server Error', 'The server failed internally.'],
  [
    4504,
    'Connection acknowledgement timeout',
    'Client-side: the server did not acknowledge connection_init in time.',
  ],
]);

// Hocuspocus (Yjs collaboration server), @hocuspocus/common CloseEvents.
const HOCUSPOCUS = conventionsTable('Hocuspocus', [
  [4205, 'Reset Connection', 'The server asks the client to reset its document view and reconnect.'],
  [
    4401,
    'Unauthorized',
    'Authentication is required and failed or was not provided (onAuthenticate rejected).',
  ],
  [4403, 'Forbidden', 'The request was understood but the server refuses it.'],
  [4408, 'Connection Timeout', 'The server timed out waiting for the client.'],
]);

// Discord Gateway close codes.
const DISCORD = conventionsTable('Discord Gateway', [
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
]);

// Many hand-written servers add 4000 to the HTTP status they mean.
const HTTP_STATUS: ReadonlyMap<number, string> = new Map([
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

function privateConventions(code: number): Convention[] {
  const found: Convention[] = [
    ...(GRAPHQL_WS.get(code) ?? []),
    ...(HOCUSPOCUS.get(code) ?? []),
    ...(DISCORD.get(code) ?? []),
  ];
  const http = HTTP_STATUS.get(code - 4000);
  if (http !== undefined) {
    found.push({
      source: '4000 + HTTP status (common convention)',
      name: http,
      meaning: `Hand-written servers often close with 4000 + an HTTP status: ${code} would mean HTTP ${code - 4000} ${http}.`,
    });
  }
  return found;
}

function info(
  code: number,
  range: CloseCodeInfo['range'],
  name: string,
  meaning: string,
  conventions: Convention[] = [],
  localOnly = false,
): CloseCodeInfo {
  return { code, name, meaning, range, localOnly, conventions };
}

/**
 * What a WebSocket close code means: the RFC 6455 / IANA name, its range, whether the browser made it up
 * (1005, 1006, 1015), and the conventions of well-known servers for application codes (3000–4999).
 * Any number is accepted; codes no endpoint may send come back with range 'invalid' or 'unused'.
 */
export function closeCodeInfo(code: number): CloseCodeInfo {
  if (typeof code !== 'number') throw new TypeError('closeCodeInfo: code must be a number');
  if (!Number.isInteger(code) || code < 0 || code >= 5000) {
    return info(
      code,
      'invalid',
      'Invalid',
      'Not a valid WebSocket close code: codes are integers from 1000 to 4999.',
    );
  }
  if (code < 1000) {
    return info(
      code,
      'unused',
      'Unused',
      'Codes 0–999 are not used by WebSocket; an endpoint must not send them.',
    );
  }
  if (code < 3000) {
    const entry = PROTOCOL.get(code);
    if (entry) return info(code, 'rfc6455', entry.name, entry.meaning, [], entry.localOnly ?? false);
    if (code < 2000) {
      return info(
        code,
        'rfc6455',
        'Reserved',
        'Reserved for future versions of the WebSocket protocol (1016–1999); no meaning is defined and an endpoint must not send it.',
      );
    }
    return info(
      code,
      'rfc6455',
      'Reserved for extensions',
      'Reserved for WebSocket extensions (2000–2999); no meaning is registered.',
    );
  }
  if (code < 4000) {
    const conventions = CENTRIFUGO.get(code) ?? [];
    const registered = IANA_REGISTERED.get(code);
    if (registered) return info(code, 'iana-registered', registered.name, registered.meaning, conventions);
    const first = conventions[0];
    const meaning =
      'Reserved for libraries, frameworks and applications (3000–3999, registered with IANA first come, first served); this one is not registered, so its meaning depends on the server.';
    return info(
      code,
      'library',
      first ? `${first.name} (${first.source})` : 'Library or framework code',
      first ? `${first.meaning} ${meaning}` : meaning,
      conventions,
    );
  }
  const conventions = privateConventions(code);
  const first = conventions[0];
  const meaning =
    'Private use (4000–4999): only the server’s own code defines it; read the close reason and the server source.';
  return info(
    code,
    'private',
    first ? first.name : 'Private use',
    first ? `${meaning} By convention: ${first.name} (${first.source}).` : meaning,
    conventions,
  );
}

/**
 * Whether a close code reports a failure. Only 1000 (Normal Closure), 1001 (Going Away) and 1005 (no status:
 * the server closed without giving a reason) are not errors by themselves.
 */
export function isErrorClose(code: number): boolean {
  if (typeof code !== 'number') throw new TypeError('isErrorClose: code must be a number');
  return !(code === 1000 || code === 1001 || code === 1005);
}

/**
 * What a reconnecting client should make of a refusal or a close. `auth`: the server refused the credential
 * (retrying the same token gets the same answer); `terminal`: retrying the same request cannot succeed (wrong
 * path, an extension or subprotocol the server will never accept, a library's "do not reconnect" code);
 * `transient`: the connection ended for a reason that may pass (a drop, a restart, an overload, a normal
 * close). Codes not listed are transient: a retry with backoff costs little and the server decides.
 */
export type RetryClass = 'auth' | 'terminal' | 'transient';

// 1008 is what the guide's server (and many others) close with on a rejected JWT; 3000/3003 the IANA
// Unauthorized/Forbidden; 4401/4403 graphql-ws, Hocuspocus and the 4000 + HTTP convention; 3500 Centrifugo's
// "invalid token".
const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 3000, 3003, 3500, 4401, 4403]);
// 1010 and 1015 fail again on any retry; Centrifugo's 3501–3999 are terminal by its own convention (3500 is
// auth, above); 4400/4404/4406 are a bad request, a wrong path, a subprotocol the server will not take.
const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([1010, 1015, 4400, 4404, 4406]);

export function closeRetryClass(code: number): RetryClass {
  if (typeof code !== 'number') throw new TypeError('closeRetryClass: code must be a number');
  if (AUTH_CLOSE_CODES.has(code)) return 'auth';
  if (TERMINAL_CLOSE_CODES.has(code) || (code > 3500 && code < 4000)) return 'terminal';
  return 'transient';
}

/** The same question for an HTTP refusal of the upgrade (seen by the CLI or the x-ray; a page sees 1006). */
export function httpRefusalRetryClass(status: number): RetryClass {
  if (typeof status !== 'number') throw new TypeError('httpRefusalRetryClass: status must be a number');
  if (status === 401 || status === 403) return 'auth';
  // Overload, rate limits, a gateway or a restarting upstream: may pass.
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'terminal';
}
