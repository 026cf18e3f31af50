// The local relay's wire protocol, shared by its two ends: the Node relay (src/node/relay) and the page's
// adapter (src/store/relay-socket.ts). The relay opens, for the console's page, the WebSocket a browser
// cannot: one with the headers a page cannot set (Authorization, Cookie, extras).
//
//   page → relay   WebSocket upgrade to RELAY_PATH on the console's own origin, offering the subprotocols
//                  [RELAY_SUBPROTOCOL, 'wsjwt-session.<this launch's token>']; the relay echoes only
//                  RELAY_SUBPROTOCOL. A refusal is an HTTP 403 (503 when busy), never 101.
//   page → relay   first message, text JSON: RelayConnectMessage (within RELAY_CONNECT_WAIT_MS).
//   relay → page   one control message, text JSON: RelayControlMessage —
//                  upstream-open: from here on every frame is piped verbatim both ways (text stays text,
//                    binary stays binary) and no control message follows; the upstream's close (code,
//                    reason) becomes the page's, 1005 a close without code, 1006 a dropped connection.
//                  upstream-refused / upstream-error: then the relay closes with RELAY_CLOSE_UPSTREAM_FAILED.
//                  relay-error: the connect message was refused; then close 1008.
//   Close codes the relay itself uses: 1008 (bad connect message, or data before upstream-open),
//   1009 (a message over RELAY_MAX_MESSAGE_BYTES), RELAY_CLOSE_UPSTREAM_FAILED, RELAY_CLOSE_LIFETIME.
// Pure: no Node, no DOM.

export const RELAY_PATH = '/__wsjwt/relay';
export const RELAY_SUBPROTOCOL = 'wsjwt-relay.v1';
/** The connect message, JSON text, at most this many bytes. */
export const RELAY_MAX_CONNECT_BYTES = 16 * 1024;
/** Frames (messages) larger than this, either way, end the relayed connection with 1009. */
export const RELAY_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** The refusal body reported in upstream-refused, at most this many bytes. */
export const RELAY_MAX_REFUSAL_BODY_BYTES = 4 * 1024;
export const RELAY_MAX_CONCURRENT = 8;
export const RELAY_CONNECT_WAIT_MS = 5000;
export const RELAY_MAX_LIFETIME_MS = 30 * 60 * 1000;
export const RELAY_DEFAULT_TIMEOUT_MS = 10_000;
export const RELAY_MIN_TIMEOUT_MS = 100;
export const RELAY_MAX_TIMEOUT_MS = 30_000;
export const RELAY_MAX_HEADERS = 32;
export const RELAY_MAX_PROTOCOLS = 16;
/** The upstream refused the upgrade or could not be reached (after upstream-refused / upstream-error). */
export const RELAY_CLOSE_UPSTREAM_FAILED = 4502;
/** The relayed connection reached RELAY_MAX_LIFETIME_MS. */
export const RELAY_CLOSE_LIFETIME = 4508;

export interface RelayConnectMessage {
  type: 'connect';
  url: string;
  protocols: string[];
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface RelayUpstreamOpen {
  type: 'upstream-open';
  /** The subprotocol the upstream echoed, '' for none. */
  protocol: string;
  /** The 101 response's headers, names in lower case. */
  headers: Record<string, string>;
}

export interface RelayUpstreamRefused {
  type: 'upstream-refused';
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** At most RELAY_MAX_REFUSAL_BODY_BYTES of the body, as UTF-8 text. */
  body: string;
}

export interface RelayUpstreamError {
  type: 'upstream-error';
  /** ECONNREFUSED, ENOTFOUND, ETIMEDOUT, a TLS code, or EHANDSHAKE (an invalid 101 answer). */
  code: string;
  message: string;
}

export interface RelayError {
  type: 'relay-error';
  message: string;
}

export type RelayControlMessage = RelayUpstreamOpen | RelayUpstreamRefused | RelayUpstreamError | RelayError;

/** Set by the relay itself; the page chooses the subprotocols through `protocols`. */
const FORBIDDEN_HEADERS = new Set([
  'host',
  'connection',
  'upgrade',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'te',
  'trailer',
  'proxy-connection',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node accepts in a header value: tab, printable ASCII, Latin-1 (so no CR, LF or NUL). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MAX_HEADER_VALUE_CHARS = 8 * 1024;

export type RelayConnectCheck = { ok: true; connect: RelayConnectMessage } | { ok: false; message: string };

function fail(message: string): RelayConnectCheck {
  return { ok: false, message };
}

function checkUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url === '') return 'url must be a ws:// or wss:// URL.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url is not a valid URL.';
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    return `The relay opens only ws:// and wss:// URLs, not ${parsed.protocol}//.`;
  if (parsed.username !== '' || parsed.password !== '')
    return 'url must not carry a user name or password (send an Authorization header instead).';
  return null;
}

function checkProtocols(protocols: unknown): string | null {
  if (
    !Array.isArray(protocols) ||
    protocols.length > RELAY_MAX_PROTOCOLS ||
    !protocols.every((p) => typeof p === 'string' && TOKEN.test(p))
  )
    return `protocols must be an array of at most ${RELAY_MAX_PROTOCOLS} subprotocol names (HTTP tokens).`;
  if (new Set(protocols).size !== protocols.length) return 'protocols has duplicates.';
  return null;
}

function checkHeaders(headers: unknown): string | null {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return 'headers must be an object of header names to values.';
  const entries = Object.entries(headers as Record<string, unknown>);
  if (entries.length > RELAY_MAX_HEADERS) return `At most ${RELAY_MAX_HEADERS} headers.`;
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    if (!TOKEN.test(name)) return `"${name.slice(0, 64)}" is not a valid header name.`;
    const lower = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(lower) || lower.startsWith('sec-websocket-'))
      return lower === 'sec-websocket-protocol'
        ? 'Offer subprotocols through protocols, not a Sec-WebSocket-Protocol header.'
        : `The relay sets ${name} itself; it cannot be sent as an extra header.`;
    if (seen.has(lower)) return `The header ${name} is given twice.`;
    seen.add(lower);
    // Values are never repeated back: they carry tokens.
    if (typeof value !== 'string') return `The value of ${name} must be a string.`;
    if (value.length > MAX_HEADER_VALUE_CHARS)
      return `The value of ${name} is longer than ${MAX_HEADER_VALUE_CHARS} characters.`;
    if (!HEADER_VALUE.test(value))
      return `The value of ${name} has a character a header cannot carry (CR, LF, another control character, or beyond Latin-1).`;
  }
  return null;
}

/** Validates the page's first message (the JSON text as received). */
export function parseRelayConnect(text: string, byteLength: number): RelayConnectCheck {
  if (byteLength > RELAY_MAX_CONNECT_BYTES)
    return fail(`The connect message is larger than ${RELAY_MAX_CONNECT_BYTES} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('The connect message is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('The connect message must be a JSON object.');
  const m = value as Record<string, unknown>;
  if (m.type !== 'connect') return fail('The first message must be {"type":"connect", …}.');
  const problem = checkUrl(m.url) ?? checkProtocols(m.protocols ?? []) ?? checkHeaders(m.headers ?? {});
  if (problem !== null) return fail(problem);
  const timeout = m.timeoutMs ?? RELAY_DEFAULT_TIMEOUT_MS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout))
    return fail('timeoutMs must be a number of milliseconds.');
  return {
    ok: true,
    connect: {
      type: 'connect',
      url: m.url as string,
      protocols: (m.protocols ?? []) as string[],
      headers: (m.headers ?? {}) as Record<string, string>,
      timeoutMs: Math.min(RELAY_MAX_TIMEOUT_MS, Math.max(RELAY_MIN_TIMEOUT_MS, Math.floor(timeout))),
    },
  };
}

/** Whether the relay may send `code` in a close frame (what ws and browsers accept). */
export function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}
