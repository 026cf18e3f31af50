// What servers say when they refuse a JWT: the matcher. The rules (one file per server library, the exact
// strings from its source, the file cited) live in dialects/; here they are tried on a close reason, an HTTP
// refusal's words or a message payload. Matching is case-insensitive unless a rule says otherwise; rules are
// ordered most specific first and the first match wins.
import { quote, truncate } from './format.ts';
import { GENERIC_RULES, REASON_RULES, SOCKET_IO_RULES } from './dialects/index.ts';
import type { ReasonRule } from './dialects/index.ts';
import { TOKEN_CAUSES } from './types.ts';
import type { CauseId, Confidence, ReasonInterpretation } from './types.ts';

export { DIALECTS, REASON_RULES } from './dialects/index.ts';

const HOCUS = 'ueberdosis/hocuspocus packages/common/src/CloseEvents.ts';
const CENTRIFUGE = 'centrifugal/centrifuge disconnect.go (Centrifugo docs: Error and disconnect codes)';

interface CodeRule {
  dialect: string;
  source: string;
  name: string;
  cause: CauseId;
  confidence: Confidence;
  detail: string;
}

/** What a bare close code means, per the library that defines it. */
export const CLOSE_CODE_RULES: Readonly<Record<number, CodeRule>> = {
  1002: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Protocol Error',
    cause: 'protocol-error',
    confidence: 'high',
    detail: '1002 Protocol Error: an endpoint received a frame that breaks the WebSocket protocol.',
  },
  1003: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Unsupported Data',
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      '1003 Unsupported Data: the server cannot accept this kind of data (e.g. binary where it expects text).',
  },
  1006: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Abnormal Closure',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail:
      '1006 Abnormal Closure: the connection ended without a close frame (set by the client, never sent).',
  },
  1007: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Invalid Frame Payload Data',
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      '1007 Invalid Payload Data: a text message was not valid UTF-8 or did not match the expected type.',
  },
  1008: {
    dialect: 'rfc6455',
    source: "RFC 6455 §7.4.1; the guide's server closes 1008 on auth failure",
    name: 'Policy Violation',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      "1008 Policy Violation: servers (the guide's among them) close with 1008 when authentication fails.",
  },
  1009: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Message Too Big',
    cause: 'message-too-big',
    confidence: 'high',
    detail: "1009 Message Too Big: a message exceeded the server's size limit.",
  },
  1010: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Mandatory Extension',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: '1010 Mandatory Extension: the client required an extension the server did not negotiate.',
  },
  1011: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'Internal Error',
    cause: 'server-error',
    confidence: 'high',
    detail: '1011 Internal Error: the server hit an unexpected condition.',
  },
  1012: {
    dialect: 'rfc6455',
    source: 'IANA WebSocket Close Code registry',
    name: 'Service Restart',
    cause: 'server-error',
    confidence: 'high',
    detail: '1012 Service Restart: the server is restarting.',
  },
  1013: {
    dialect: 'rfc6455',
    source: 'IANA WebSocket Close Code registry',
    name: 'Try Again Later',
    cause: 'server-error',
    confidence: 'high',
    detail: '1013 Try Again Later: the server is overloaded.',
  },
  1014: {
    dialect: 'rfc6455',
    source: 'IANA WebSocket Close Code registry',
    name: 'Bad Gateway',
    cause: 'server-error',
    confidence: 'high',
    detail: '1014 Bad Gateway: a gateway or proxy got an invalid answer from the server behind it.',
  },
  1015: {
    dialect: 'rfc6455',
    source: 'RFC 6455 §7.4.1',
    name: 'TLS Handshake',
    cause: 'server-unreachable',
    confidence: 'medium',
    detail:
      '1015 TLS Handshake failure: wss:// to a server that speaks plain ws://, or a certificate the client does not trust.',
  },
  // graphql-ws CloseCode (src/common.ts)
  4400: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Bad Request',
    cause: 'protocol-error',
    confidence: 'medium',
    detail:
      'graphql-ws 4400 Bad Request: the server could not use a message (or Hasura refused the request).',
  },
  4401: {
    dialect: 'hocuspocus',
    source: `${HOCUS}; enisdenjo/graphql-ws src/common.ts`,
    name: 'Unauthorized',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: '4401 Unauthorized (Hocuspocus, graphql-ws and many apps): authentication was refused.',
  },
  4403: {
    dialect: 'graphql-ws',
    source: `enisdenjo/graphql-ws src/common.ts; ${HOCUS}`,
    name: 'Forbidden',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: '4403 Forbidden (graphql-ws, Hocuspocus and many apps): the server refused the connection.',
  },
  4406: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Subprotocol Not Acceptable',
    cause: 'subprotocol-mismatch',
    confidence: 'high',
    detail: 'graphql-ws 4406: open the socket with the "graphql-transport-ws" subprotocol.',
  },
  4408: {
    dialect: 'graphql-ws',
    source: `enisdenjo/graphql-ws src/common.ts; ${HOCUS}`,
    name: 'Connection Initialisation Timeout',
    cause: 'protocol-error',
    confidence: 'medium',
    detail:
      'graphql-ws 4408: no connection_init arrived in time (Hocuspocus uses 4408 for its connection timeout).',
  },
  4409: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Subscriber Already Exists',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws 4409: a subscription id was reused.',
  },
  4429: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Too Many Initialisation Requests',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'graphql-ws 4429: connection_init was sent twice.',
  },
  4499: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/client.ts',
    name: 'Terminated',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'graphql-ws 4499: the client terminated the socket.',
  },
  4500: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Internal Server Error',
    cause: 'server-error',
    confidence: 'high',
    detail: 'graphql-ws 4500: the server threw while handling the connection.',
  },
  4504: {
    dialect: 'graphql-ws',
    source: 'enisdenjo/graphql-ws src/common.ts',
    name: 'Connection Acknowledgement Timeout',
    cause: 'handshake-timeout',
    confidence: 'medium',
    detail: 'graphql-ws 4504: the server never acknowledged connection_init.',
  },
  // Hocuspocus CloseEvents
  4205: {
    dialect: 'hocuspocus',
    source: HOCUS,
    name: 'Reset Connection',
    cause: 'connection-dropped',
    confidence: 'low',
    detail: 'Hocuspocus 4205: the server asked the client to reset and reconnect.',
  },
  // Centrifugo disconnect codes
  3000: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'connection closed',
    cause: 'connection-dropped',
    confidence: 'low',
    detail: 'Centrifugo 3000: the connection closed without advice from the server.',
  },
  3001: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'shutdown',
    cause: 'server-error',
    confidence: 'medium',
    detail: 'Centrifugo 3001: the node is shutting down.',
  },
  3004: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'internal server error',
    cause: 'server-error',
    confidence: 'high',
    detail: 'Centrifugo 3004: an internal server error.',
  },
  3005: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'connection expired',
    cause: 'token-expired',
    confidence: 'high',
    detail: 'Centrifugo 3005: the connection token expired and was not refreshed.',
  },
  3006: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'subscription expired',
    cause: 'token-expired',
    confidence: 'medium',
    detail: 'Centrifugo 3006: a subscription token expired.',
  },
  3008: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'slow',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3008: the client did not read messages fast enough.',
  },
  3009: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'write error',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3009: writing to the connection failed.',
  },
  3010: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'insufficient state',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3010: the server asks the client to reconnect and recover missed publications.',
  },
  3011: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'force reconnect',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'Centrifugo 3011: the server disconnected the client and wants it to reconnect.',
  },
  3012: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'no pong',
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: "Centrifugo 3012: no pong arrived for the server's ping.",
  },
  3013: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'too many requests',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: 'Centrifugo 3013: the client sent too many commands.',
  },
  3500: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'invalid token',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3500: the connection token did not verify.',
  },
  3501: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'bad request',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'Centrifugo 3501: malformed protocol frames.',
  },
  3502: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'stale',
    cause: 'protocol-error',
    confidence: 'high',
    detail: 'Centrifugo 3502: the connection did not authenticate (connect command) in time.',
  },
  3503: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'force disconnect',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3503: the server disconnected the client and asked it not to reconnect.',
  },
  3504: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'connection limit',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3504: a connection limit (per user or otherwise) was exceeded.',
  },
  3505: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'channel limit',
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Centrifugo 3505: the channel limit was exceeded.',
  },
  3506: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'inappropriate protocol',
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      "Centrifugo 3506: the client's protocol format cannot carry this data (JSON client, binary data).",
  },
  3507: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'permission denied',
    cause: 'auth-rejected',
    confidence: 'high',
    detail: 'Centrifugo 3507: permission denied.',
  },
  3508: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'not available',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: 'Centrifugo 3508: the requested feature is not available on the server.',
  },
  3509: {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    name: 'too many errors',
    cause: 'protocol-error',
    confidence: 'medium',
    detail: 'Centrifugo 3509: the client caused too many errors.',
  },
};

/** Codes whose meaning is about the transport: it beats generic words in the reason. */
const TRANSPORT_CODES: ReadonlySet<number> = new Set([
  1002, 1003, 1007, 1009, 1010, 1011, 1012, 1013, 1014, 1015,
]);

/** Codes that mean "nothing wrong" on their own. */
const NORMAL_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005]);

function build(
  rule: ReasonRule,
  m: RegExpExecArray,
  quoted: string,
  code: number | undefined,
): ReasonInterpretation {
  const out: ReasonInterpretation = {
    dialect: rule.dialect,
    cause: rule.cause,
    detail: typeof rule.detail === 'function' ? rule.detail(m) : rule.detail,
    quoted,
    confidence: rule.confidence,
    source: rule.source,
  };
  if (code !== undefined) out.code = code;
  const claims = rule.claims?.(m).filter((c) => c !== '');
  if (claims !== undefined && claims.length > 0) out.claims = claims;
  return out;
}

function fromCodeRule(rule: CodeRule, quoted: string, code: number): ReasonInterpretation {
  return {
    dialect: rule.dialect,
    cause: rule.cause,
    detail: rule.detail,
    quoted,
    confidence: rule.confidence,
    source: rule.source,
    code,
  };
}

function stripQuotes(text: string): string {
  const t = text.trim();
  const m = /^(["'`])([\s\S]*)\1$/.exec(t);
  return m ? (m[2] ?? '').trim() : t;
}

const MESSAGE_KEYS = [
  'message',
  'reason',
  'error_description',
  'error',
  'detail',
  'msg',
  'description',
  'errors',
  'data',
  'payload',
];

/** Human strings inside a JSON value: message/reason/error... fields, a few levels deep. */
function collectMessages(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 3 || out.length > 8) return out;
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push(value.trim());
  } else if (Array.isArray(value)) {
    for (const item of value.slice(0, 5)) collectMessages(item, depth + 1, out);
  } else if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of MESSAGE_KEYS) if (key in obj) collectMessages(obj[key], depth + 1, out);
  }
  return out;
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!/^[[{"]/.test(t)) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** The texts to try, most specific first: strings inside a JSON reason, then the whole reason. */
function candidates(reason: string): string[] {
  const whole = stripQuotes(reason);
  const parsed = parseJson(reason);
  const inner = parsed === undefined ? [] : collectMessages(parsed).map(stripQuotes);
  return [...new Set([...inner, whole])].filter((t) => t !== '');
}

function matchRules(
  rules: readonly ReasonRule[],
  texts: readonly string[],
  code: number | undefined,
  quoted: string,
): ReasonInterpretation | null {
  for (const rule of rules) {
    if (rule.codes !== undefined && (code === undefined || !rule.codes.includes(code))) continue;
    for (const text of texts) {
      rule.pattern.lastIndex = 0;
      const m = rule.pattern.exec(text);
      if (m) return build(rule, m, quoted, code);
    }
  }
  return null;
}

/** Library rows only (no generic words, no code meanings). */
export function matchLibraryReason(text: string, code?: number): ReasonInterpretation | null {
  const texts = candidates(text);
  return texts.length === 0 ? null : matchRules(REASON_RULES, texts, code, truncate(text.trim(), 200));
}

/**
 * What a close code and reason mean. `code` undefined: interpret words only (an HTTP body, an error
 * message). Returns null for a normal close (1000/1001/1005) with nothing recognisable in the reason, and
 * for words and codes nobody is known to use.
 */
export function interpretCloseReason(code: number | undefined, reason: string): ReasonInterpretation | null {
  const quoted = truncate((reason ?? '').trim(), 200);
  const texts = candidates(reason ?? '');
  if (texts.length > 0) {
    const specific = matchRules(REASON_RULES, texts, code, quoted);
    if (specific) return specific;
  }
  const codeRule = code === undefined ? undefined : CLOSE_CODE_RULES[code];
  // The reason is the code's own name in its dialect (Centrifugo "internal server error" with 3004...).
  if (code !== undefined && codeRule && texts.some((t) => t.toLowerCase() === codeRule.name.toLowerCase())) {
    return fromCodeRule(codeRule, quoted, code);
  }
  if (code !== undefined && codeRule && TRANSPORT_CODES.has(code))
    return fromCodeRule(codeRule, quoted, code);
  if (texts.length > 0) {
    const generic = matchRules(GENERIC_RULES, texts, code, quoted);
    if (generic) {
      // A private-range code the words only vaguely explain keeps the code's own meaning when it has one.
      if (!(codeRule && generic.cause === 'server-error' && codeRule.cause !== 'server-error'))
        return generic;
    }
  }
  if (code !== undefined && codeRule && !NORMAL_CODES.has(code)) return fromCodeRule(codeRule, quoted, code);
  return null;
}

// ---- message payloads ----------------------------------------------------------------------------------

const ACTIONCABLE = 'rails/rails actioncable/app/javascript/action_cable/internal.js';

const ACTIONCABLE_REASONS: Readonly<
  Record<string, { cause: CauseId; confidence: Confidence; detail: string }>
> = {
  unauthorized: {
    cause: 'auth-rejected',
    confidence: 'high',
    detail:
      "ActionCable: the connection's connect method called reject_unauthorized_connection (the token was refused).",
  },
  invalid_request: {
    cause: 'handshake-rejected',
    confidence: 'medium',
    detail:
      'ActionCable: the request was refused before connect — usually an Origin not in allowed_request_origins, or not a WebSocket request.',
  },
  server_restart: {
    cause: 'server-error',
    confidence: 'medium',
    detail: 'ActionCable: the server is restarting.',
  },
  remote: {
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'ActionCable: the application disconnected this user on purpose (remote_connections…disconnect), e.g. on logout.',
  },
  heartbeat_timeout: {
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'ActionCable: no ping arrived in time.',
  },
};

const CENTRIFUGO_ERRORS: Readonly<Record<number, { cause: CauseId; confidence: Confidence; name: string }>> =
  {
    100: { cause: 'server-error', confidence: 'high', name: 'internal server error' },
    101: { cause: 'auth-rejected', confidence: 'high', name: 'unauthorized' },
    103: { cause: 'auth-rejected', confidence: 'high', name: 'permission denied' },
    107: { cause: 'protocol-error', confidence: 'medium', name: 'bad request' },
    109: { cause: 'token-expired', confidence: 'high', name: 'token expired' },
    110: { cause: 'token-expired', confidence: 'medium', name: 'expired' },
    111: { cause: 'protocol-error', confidence: 'medium', name: 'too many requests' },
  };

/** Token and auth causes: what a message-level error may say without the socket closing. */
const AUTH_CAUSES: ReadonlySet<CauseId> = new Set<CauseId>([...TOKEN_CAUSES, 'auth-rejected']);

function wrap(
  inner: ReasonInterpretation | null,
  dialect: string,
  prefix: string,
  quoted: string,
  source: string,
): ReasonInterpretation | null {
  if (!inner) return null;
  return {
    ...inner,
    dialect,
    quoted,
    detail: `${prefix} ${inner.detail}`,
    source: inner.dialect === dialect ? inner.source : `${source}; ${inner.source}`,
  };
}

function interpretSocketIo(text: string, quoted: string): ReasonInterpretation | null {
  // engine.io message packet "4" + socket.io packet type 4: CONNECT_ERROR (v3+) / ERROR (v2),
  // optionally with a namespace: 44/admin,{"message":"..."}
  const m = /^44(\/[^,{"]*,)?([\s\S]*)$/.exec(text);
  if (!m) return null;
  const nsp = (m[1] ?? '').replace(/,$/, '');
  const body = (m[2] ?? '').trim();
  const parsed = parseJson(body);
  // v3+ sends a JSON object, v2 a JSON string; anything else is not a socket.io packet ("44 bottles").
  if (parsed === undefined || parsed === null) return null;
  const messages = collectMessages(parsed);
  const source =
    'socketio/socket.io-parser lib/index.ts (CONNECT_ERROR); socketio/socket.io lib/namespace.ts';
  const where = nsp !== '' ? ` on namespace ${nsp}` : '';
  const prefix = `socket.io connect_error${where}: a middleware refused the connection.`;
  for (const msg of messages) {
    const texts = candidates(msg);
    const inner = matchRules(SOCKET_IO_RULES, texts, undefined, quoted) ?? matchLibraryReason(msg);
    if (inner) return wrap({ ...inner, quoted }, 'socket.io', prefix, quoted, source);
  }
  const first = messages[0] ?? '';
  const generic = first === '' ? null : interpretCloseReason(undefined, first);
  if (generic) return wrap({ ...generic, quoted }, 'socket.io', prefix, quoted, source);
  return {
    dialect: 'socket.io',
    cause: 'auth-rejected',
    detail: `${prefix}${first !== '' ? ` It said ${quote(first)}.` : ''}`,
    quoted,
    confidence: 'medium',
    source,
  };
}

function interpretObjectMessage(obj: Record<string, unknown>, quoted: string): ReasonInterpretation | null {
  const type = typeof obj.type === 'string' ? obj.type : undefined;

  // ActionCable: {"type":"disconnect","reason":"unauthorized","reconnect":false}
  if (type === 'disconnect' && typeof obj.reason === 'string') {
    const r = ACTIONCABLE_REASONS[obj.reason];
    if (r) {
      const reconnect = obj.reconnect === false ? ' The server told the client not to reconnect.' : '';
      return {
        dialect: 'actioncable',
        cause: r.cause,
        detail: r.detail + reconnect,
        quoted,
        confidence: r.confidence,
        source: `${ACTIONCABLE}; actioncable/lib/action_cable/connection/base.rb`,
      };
    }
  }
  // ActionCable: {"identifier":"...","type":"reject_subscription"}
  if (type === 'reject_subscription') {
    return {
      dialect: 'actioncable',
      cause: 'auth-rejected',
      detail:
        'ActionCable: the channel rejected the subscription (reject in subscribed), often because current_user is not allowed.',
      quoted,
      confidence: 'medium',
      source: `${ACTIONCABLE}; actioncable/lib/action_cable/channel/base.rb`,
    };
  }
  // subscriptions-transport-ws {"type":"connection_error","payload":{"message":...}} / Hasura {"payload":"..."}
  if (type === 'connection_error') {
    const payload = obj.payload;
    const isHasura = typeof payload === 'string';
    const dialect = isHasura ? 'hasura' : 'subscriptions-transport-ws';
    const source = isHasura
      ? 'hasura/graphql-engine server/src-lib/Hasura/GraphQL/Transport/WebSocket.hs'
      : 'apollographql/subscriptions-transport-ws src/server.ts (GQL_CONNECTION_ERROR)';
    const prefix = 'connection_error: the server refused connection_init.';
    const messages = collectMessages(payload);
    for (const msg of messages) {
      const inner = interpretCloseReason(undefined, msg);
      if (inner)
        return wrap(
          { ...inner, quoted },
          inner.dialect === 'hasura' ? 'hasura' : dialect,
          prefix,
          quoted,
          source,
        );
    }
    return {
      dialect,
      cause: 'auth-rejected',
      detail: `${prefix}${messages[0] !== undefined ? ` It said ${quote(messages[0])}.` : ''}`,
      quoted,
      confidence: 'medium',
      source,
    };
  }
  // graphql-ws / subscriptions-transport-ws operation errors: only when they speak of auth.
  if (type === 'error' || type === 'unauthorized' || type === 'auth_error') {
    for (const msg of collectMessages(obj.payload ?? obj)) {
      const inner = interpretCloseReason(undefined, msg);
      if (inner && AUTH_CAUSES.has(inner.cause)) {
        return wrap(
          { ...inner, quoted },
          inner.dialect === 'generic' ? 'graphql-ws' : inner.dialect,
          'An error message from the server:',
          quoted,
          'enisdenjo/graphql-ws src/common.ts (ErrorMessage)',
        );
      }
    }
  }
  // Centrifugo: a reply error {"id":1,"error":{"code":109,"message":"token expired"}} ...
  const err = obj.error;
  if (typeof err === 'object' && err !== null && typeof (err as Record<string, unknown>).code === 'number') {
    const e = err as { code: number; message?: unknown };
    const known = CENTRIFUGO_ERRORS[e.code];
    if (known) {
      const message = typeof e.message === 'string' ? e.message : known.name;
      return {
        dialect: 'centrifugo',
        cause: known.cause,
        detail: `Centrifugo error ${e.code} "${message}".${e.code === 109 ? ' The SDK would refresh the token; a fixed token has to be replaced.' : ''}`,
        quoted,
        confidence: known.confidence,
        source: 'centrifugal/centrifuge errors.go (Centrifugo docs: Client error codes)',
        code: e.code,
      };
    }
  }
  // ... and a disconnect push {"disconnect":{"code":3500,"reason":"invalid token"}} (also under "push").
  const push =
    typeof obj.push === 'object' && obj.push !== null ? (obj.push as Record<string, unknown>) : obj;
  const disconnect = push.disconnect;
  if (typeof disconnect === 'object' && disconnect !== null) {
    const d = disconnect as { code?: unknown; reason?: unknown };
    if (typeof d.code === 'number') {
      const inner = interpretCloseReason(d.code, typeof d.reason === 'string' ? d.reason : '');
      if (inner) return { ...inner, quoted, detail: `Centrifugo disconnect push: ${inner.detail}` };
    }
  }
  // Any other JSON: an application error object ({"type":"error","message":"jwt expired"}, {"error":"..."}).
  if (type === undefined || /error|unauthori|denied|fail|reject/i.test(type)) {
    const hasErrorField = 'error' in obj || /error|unauthori|denied|fail|reject/i.test(type ?? '');
    if (hasErrorField) {
      for (const msg of collectMessages(obj)) {
        const inner = matchLibraryReason(msg);
        if (inner && AUTH_CAUSES.has(inner.cause)) return { ...inner, quoted };
      }
    }
  }
  return null;
}

/**
 * What a text message from the server means, when it is one of the ways libraries refuse a connection
 * without (or before) closing it: socket.io connect_error packets, ActionCable disconnect /
 * reject_subscription, subscriptions-transport-ws and Hasura connection_error, graphql-ws errors,
 * Centrifugo error replies. Ordinary messages (welcome, echo, data) give null.
 */
export function interpretServerMessage(data: string): ReasonInterpretation | null {
  if (typeof data !== 'string') return null;
  const text = data.trim();
  if (text === '') return null;
  const quoted = truncate(text, 200);
  const sio = interpretSocketIo(text, quoted);
  if (sio) return sio;
  const parsed = parseJson(text);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return interpretObjectMessage(parsed as Record<string, unknown>, quoted);
  }
  if (parsed === undefined) {
    // Plain text: only a library's own words count (an echo server repeats whatever was sent).
    const inner = matchLibraryReason(text);
    return inner && AUTH_CAUSES.has(inner.cause) ? { ...inner, quoted } : null;
  }
  return null;
}

/** A close code's short name when a dialect defines it ("Unauthorized", "invalid token"), else undefined. */
export function dialectCodeName(code: number): string | undefined {
  return CLOSE_CODE_RULES[code]?.name;
}
