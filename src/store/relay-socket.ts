// The page's end of the local relay (src/node/relay; protocol in src/core/relay/protocol.ts): a socket that
// behaves, for its user, like a browser WebSocket to the upstream — but opened by the console's own server
// with the headers a page cannot set (Authorization, Cookie, extras).
//
// Decisions worth knowing:
// - Same surface and event order as a browser WebSocket: readyState, protocol (the UPSTREAM's subprotocol),
//   binaryType, bufferedAmount, send, close, onopen/onmessage/onerror/onclose. send() while connecting
//   throws InvalidStateError; close() checks its code and reason as browsers do.
// - A refused upgrade looks like a browser's refused upgrade — error, then close 1006 — with what the
//   browser hides handed over first: onupstreamrefused({status, statusText, headers, body}). A failure to
//   reach the upstream (or a refusal by the relay itself, code ERELAY) comes through onupstreamerror first.
// - The relay is reachable only with this launch's session token, which the server put in this page's
//   <meta name="wsjwt-session">; a static-hosted console has none (relayAvailable() says so).
// - The WebSocket constructor is injectable (createSocket): Vitest runs this against the real relay with ws.
import { RELAY_PATH, RELAY_SUBPROTOCOL } from '../core/relay/protocol.ts';
import type { RelayControlMessage } from '../core/relay/protocol.ts';
import { SESSION_META_NAME } from './xray.ts';

/** The subprotocol that carries the session token: prefix + token (src/node/guard/local-request.ts). */
export const SESSION_SUBPROTOCOL_PREFIX = 'wsjwt-session.';
export const RELAY_UNAVAILABLE_MESSAGE =
  'The Authorization header needs the local relay: run `npx wsjwt open` (or `npm start` in a clone); a static-hosted console cannot send headers.';
/** onupstreamerror's code when the relay itself refused or could not be reached. */
export const RELAY_ERROR_CODE = 'ERELAY';
/** How much longer than the upstream's handshake timeout the adapter waits for the relay's answer. */
const RELAY_ANSWER_MARGIN_MS = 5000;

export interface RelaySocketOptions {
  url: string;
  protocols: string[];
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface RelayRefusal {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface RelayFailure {
  code: string;
  message: string;
}

export interface RelayMessageEvent {
  type: 'message';
  data: unknown;
}

export interface RelayCloseEvent {
  type: 'close';
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface RelaySocket {
  /** The upstream URL. */
  readonly url: string;
  readonly readyState: number;
  /** The subprotocol the upstream echoed ('' before open or for none). */
  readonly protocol: string;
  /** The upstream's Sec-WebSocket-Extensions answer ('' for none). */
  readonly extensions: string;
  /** The upstream's 101 response headers, lower-case names ({} before open). */
  readonly upstreamHeaders: Record<string, string>;
  binaryType: BinaryType;
  readonly bufferedAmount: number;
  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: { type: 'open' }) => void) | null;
  onmessage: ((ev: RelayMessageEvent) => void) | null;
  onerror: ((ev: { type: 'error' }) => void) | null;
  onclose: ((ev: RelayCloseEvent) => void) | null;
  onupstreamrefused?: ((refusal: RelayRefusal) => void) | null;
  onupstreamerror?: ((failure: RelayFailure) => void) | null;
}

/** What the adapter uses of a WebSocket: the browser's, or ws's in tests. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  readonly bufferedAmount: number;
  send(data: unknown): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null;
}

export interface RelayEnvironment {
  /** Default: the browser's WebSocket. */
  createSocket?: (url: string, protocols: string[]) => WebSocketLike;
  /** Default: RELAY_PATH on this page's origin. */
  relayUrl?: string;
  /** Default: this page's <meta name="wsjwt-session">. */
  sessionToken?: string;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function pageSessionToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${SESSION_META_NAME}"]`)?.content;
  return token === undefined || token === '' ? undefined : token;
}

/** Whether this page can use the relay: it was served by `wsjwt open` / `npm start` (it holds the token). */
export function relayAvailable(): { ok: true } | { ok: false; message: string } {
  return pageSessionToken() === undefined ? { ok: false, message: RELAY_UNAVAILABLE_MESSAGE } : { ok: true };
}

function pageRelayUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${RELAY_PATH}`;
}

/** What a browser's WebSocket constructor throws for (a SyntaxError DOMException). */
function checkLikeBrowser(url: string, protocols: string[]): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DOMException(`The URL '${url}' is invalid.`, 'SyntaxError');
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    throw new DOMException(`The URL's scheme must be either 'ws' or 'wss'.`, 'SyntaxError');
  if (parsed.hash !== '' || url.includes('#'))
    throw new DOMException('The URL contains a fragment identifier.', 'SyntaxError');
  for (const p of protocols)
    if (!TOKEN.test(p)) throw new DOMException(`The subprotocol '${p}' is invalid.`, 'SyntaxError');
  if (new Set(protocols).size !== protocols.length)
    throw new DOMException('The subprotocols contain duplicates.', 'SyntaxError');
}

function isControl(value: unknown): value is RelayControlMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function parseControl(data: unknown): RelayControlMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return isControl(value) ? value : null;
  } catch {
    return null;
  }
}

class RelaySocketImpl implements RelaySocket {
  readonly url: string;
  readyState = CONNECTING;
  protocol = '';
  extensions = '';
  upstreamHeaders: Record<string, string> = {};
  onopen: RelaySocket['onopen'] = null;
  onmessage: RelaySocket['onmessage'] = null;
  onerror: RelaySocket['onerror'] = null;
  onclose: RelaySocket['onclose'] = null;
  onupstreamrefused: RelaySocket['onupstreamrefused'] = null;
  onupstreamerror: RelaySocket['onupstreamerror'] = null;
  private inner: WebSocketLike | null = null;
  private binary: BinaryType = 'blob';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RelaySocketOptions, env: RelayEnvironment) {
    this.url = options.url;
    const token = env.sessionToken ?? pageSessionToken();
    if (token === undefined) {
      setTimeout(() => this.fail({ code: RELAY_ERROR_CODE, message: RELAY_UNAVAILABLE_MESSAGE }));
      return;
    }
    const create = env.createSocket ?? ((url, protocols) => new WebSocket(url, protocols) as WebSocketLike);
    const inner = create(env.relayUrl ?? pageRelayUrl(), [
      RELAY_SUBPROTOCOL,
      `${SESSION_SUBPROTOCOL_PREFIX}${token}`,
    ]);
    this.inner = inner;
    inner.binaryType = this.binary;
    this.timer = setTimeout(
      () => this.fail({ code: RELAY_ERROR_CODE, message: 'The local relay did not answer in time.' }),
      options.timeoutMs + RELAY_ANSWER_MARGIN_MS,
    );
    inner.onopen = () => {
      const { url, protocols, headers, timeoutMs } = options;
      inner.send(JSON.stringify({ type: 'connect', url, protocols, headers, timeoutMs }));
    };
    inner.onmessage = (ev) => this.onControl(ev.data);
    inner.onerror = () => undefined;
    inner.onclose = (ev) =>
      this.fail({
        code: RELAY_ERROR_CODE,
        message:
          ev.code === 1006
            ? 'The local relay refused the connection or could not be reached (is this the console served by `wsjwt open`?).'
            : `The local relay closed (${ev.code}${ev.reason ? ` ${ev.reason}` : ''}) before the upstream opened.`,
      });
  }

  get binaryType(): BinaryType {
    return this.binary;
  }

  set binaryType(value: BinaryType) {
    this.binary = value;
    if (this.inner !== null) this.inner.binaryType = value;
  }

  get bufferedAmount(): number {
    return this.inner?.bufferedAmount ?? 0;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState === CONNECTING)
      throw new DOMException(
        "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
        'InvalidStateError',
      );
    // A browser drops data sent on a closing or closed socket.
    if (this.readyState === OPEN) this.inner?.send(data);
  }

  close(code?: number, reason?: string): void {
    if (code !== undefined && code !== 1000 && !(code >= 3000 && code <= 4999))
      throw new DOMException(
        `The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`,
        'InvalidAccessError',
      );
    if (reason !== undefined && new TextEncoder().encode(reason).length > 123)
      throw new DOMException('The close reason must not be greater than 123 UTF-8 bytes.', 'SyntaxError');
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    if (this.readyState === CONNECTING) {
      // As a browser does: the connection fails (error, then close 1006).
      this.readyState = CLOSING;
      setTimeout(() => this.fail(null));
      return;
    }
    this.readyState = CLOSING;
    this.inner?.close(code, reason);
  }

  private onControl(data: unknown): void {
    if (this.readyState !== CONNECTING) return;
    const message = parseControl(data);
    if (message === null || message.type === 'relay-error' || message.type === 'upstream-error') {
      this.fail({
        code: message?.type === 'upstream-error' ? message.code : RELAY_ERROR_CODE,
        message: message === null ? 'The local relay answered something unexpected.' : message.message,
      });
      return;
    }
    if (message.type === 'upstream-refused') {
      const { status, statusText, headers, body } = message;
      this.fail({ status, statusText, headers, body });
      return;
    }
    if (message.type !== 'upstream-open' || this.inner === null) return;
    this.opened(this.inner, message.protocol, message.headers);
  }

  private opened(inner: WebSocketLike, protocol: string, headers: Record<string, string>): void {
    clearTimeout(this.timer);
    this.readyState = OPEN;
    this.protocol = protocol;
    this.upstreamHeaders = headers;
    this.extensions = headers['sec-websocket-extensions'] ?? '';
    inner.onmessage = (ev) => this.onmessage?.({ type: 'message', data: ev.data });
    inner.onerror = () => this.onerror?.({ type: 'error' });
    inner.onclose = (ev) => {
      this.readyState = CLOSED;
      this.onclose?.({ type: 'close', code: ev.code, reason: ev.reason, wasClean: ev.wasClean });
    };
    this.onopen?.({ type: 'open' });
  }

  /** The connection failed before open: the evidence first, then error and close 1006 as a browser says. */
  private fail(evidence: RelayRefusal | RelayFailure | null): void {
    if (this.readyState === CLOSED || this.readyState === OPEN) return;
    clearTimeout(this.timer);
    this.readyState = CLOSED;
    const inner = this.inner;
    if (inner !== null) {
      inner.onopen = inner.onmessage = inner.onclose = null;
      // ws reports closing a connecting socket as an error; nobody needs it.
      inner.onerror = () => undefined;
      if (inner.readyState === CONNECTING || inner.readyState === OPEN) inner.close();
    }
    if (evidence !== null && 'status' in evidence) this.onupstreamrefused?.(evidence);
    else if (evidence !== null) this.onupstreamerror?.(evidence);
    this.onerror?.({ type: 'error' });
    this.onclose?.({ type: 'close', code: 1006, reason: '', wasClean: false });
  }
}

/**
 * Opens `options.url` through the local relay. Throws as a browser's WebSocket constructor does for a bad
 * URL or subprotocol; everything else arrives as events (check relayAvailable() first).
 */
export function openRelaySocket(options: RelaySocketOptions, env: RelayEnvironment = {}): RelaySocket {
  checkLikeBrowser(options.url, options.protocols);
  return new RelaySocketImpl(options, env);
}
