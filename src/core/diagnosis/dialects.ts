// What servers say when they refuse a JWT: the matcher. The rules (one file per server library, the exact
// strings from its source, the file cited) live in dialects/; here they are tried on a close reason, an HTTP
// refusal's words or a message payload. Matching is case-insensitive unless a rule says otherwise; rules are
// ordered most specific first and the first match wins.
import { closeCodeMeanings, type CloseCodeMeaning } from '../close-codes/index.ts';
import { quote, truncate } from './format.ts';
import { GENERIC_RULES, REASON_RULES, SOCKET_IO_RULES } from './dialects/index.ts';
import type { ReasonRule } from './dialects/index.ts';
import { interpretActionCable } from './dialects/actioncable.ts';
import { TOKEN_CAUSES } from './types.ts';
import type { CauseId, Confidence, ReasonInterpretation } from './types.ts';

export { DIALECTS, REASON_RULES } from './dialects/index.ts';

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

function fromCodeRule(rule: CloseCodeMeaning, quoted: string, code: number): ReasonInterpretation {
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
  const meanings = code === undefined ? [] : closeCodeMeanings(code);
  // The reason is the code's own name in a library's convention (Centrifugo "stale" with 3502...).
  const named = meanings.find((m) => texts.some((t) => t.toLowerCase() === m.name.toLowerCase()));
  if (code !== undefined && named) return fromCodeRule(named, quoted, code);
  const codeRule = meanings[0];
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

/** subscriptions-transport-ws / Hasura connection_error, and graphql-ws error messages that speak of auth. */
function interpretGraphqlError(
  obj: Record<string, unknown>,
  type: string | undefined,
  quoted: string,
): ReasonInterpretation | null {
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
  return null;
}

/** Centrifugo's reply errors and disconnect pushes. */
function interpretCentrifugo(obj: Record<string, unknown>, quoted: string): ReasonInterpretation | null {
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
  return null;
}

function interpretObjectMessage(obj: Record<string, unknown>, quoted: string): ReasonInterpretation | null {
  const type = typeof obj.type === 'string' ? obj.type : undefined;

  const known =
    interpretActionCable(obj, type, quoted) ??
    interpretGraphqlError(obj, type, quoted) ??
    interpretCentrifugo(obj, quoted);
  if (known) return known;
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
