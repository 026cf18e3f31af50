// One relayed connection: the page's socket (already accepted by the relay) and the upstream socket the
// relay opens for it with the headers the page asked for. The protocol is in src/core/relay/protocol.ts.
//
// Decisions worth knowing:
// - Faithful after upstream-open: each message goes through as it came (text as text, binary as binary),
//   in order; a close's code and reason are repeated on the other side; 1005 (no code) becomes a close
//   without code, 1006 (no close frame) a dropped TCP connection, so the far end sees what the relay saw.
// - Backpressure: when one side's send buffer passes RELAY_HIGH_WATER_BYTES the other side stops being
//   read (ws pause()) until that buffer drains below RELAY_LOW_WATER_BYTES.
// - The upstream gets the page's Origin by default (as a browser would send it); a header the page names
//   Origin replaces it. Nothing about the connection (URL, headers: tokens) is logged.
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { RawData } from 'ws';
import {
  isSendableCloseCode,
  parseRelayConnect,
  RELAY_CLOSE_LIFETIME,
  RELAY_CLOSE_UPSTREAM_FAILED,
  RELAY_MAX_REFUSAL_BODY_BYTES,
} from '../../core/relay/protocol.ts';
import type { RelayConnectMessage, RelayControlMessage } from '../../core/relay/protocol.ts';

export const RELAY_HIGH_WATER_BYTES = 4 * 1024 * 1024;
export const RELAY_LOW_WATER_BYTES = 1024 * 1024;
/** How long the relay waits for a refusal's body (it reports what arrived by then). */
const REFUSAL_BODY_WAIT_MS = 2000;

export interface RelayBounds {
  connectWaitMs: number;
  lifetimeMs: number;
  maxMessageBytes: number;
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The error's code as the page reads it: a Node/TLS code, ETIMEDOUT, or EHANDSHAKE (an invalid 101). */
function errorCode(err: Error & { code?: unknown }): string {
  if (typeof err.code === 'string' && err.code !== '') return err.code;
  if (/timed out/i.test(err.message)) return 'ETIMEDOUT';
  return 'EHANDSHAKE';
}

function errorMessage(err: Error & { code?: unknown; errors?: unknown }): string {
  if (err.message !== '') return err.message;
  // Node 20 tries every address of a name and reports an AggregateError with an empty message.
  if (Array.isArray(err.errors))
    return err.errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  return errorCode(err);
}

/** Ends `ws` as `code` says: with that code and reason, without a code (1005), or dropped (1006). */
function closeLike(ws: WebSocket, code: number, reason: Buffer): void {
  if (ws.readyState === WebSocket.CLOSED) return;
  if (code === 1005) ws.close();
  else if (isSendableCloseCode(code)) ws.close(code, reason);
  else ws.terminate();
}

/** Sends `data` on `to`; reading `from` pauses while `to` has too much queued. */
export function forward(from: WebSocket, to: WebSocket, data: RawData, isBinary: boolean): void {
  if (to.readyState !== WebSocket.OPEN) return;
  to.send(data, { binary: isBinary }, () => {
    if (from.isPaused && to.bufferedAmount < RELAY_LOW_WATER_BYTES) from.resume();
  });
  if (to.bufferedAmount > RELAY_HIGH_WATER_BYTES && !from.isPaused) from.pause();
}

function isTooBig(err: Error & { code?: unknown }): boolean {
  return err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

type State = 'waiting-connect' | 'connecting' | 'open' | 'done';

/** "30-minute" for the lifetime as people say it (tests use milliseconds). */
function spoken(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}-minute` : `${ms} ms`;
}

/** The body of a refused upgrade, up to RELAY_MAX_REFUSAL_BODY_BYTES or REFUSAL_BODY_WAIT_MS. */
function readRefusalBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const done = (): void => {
      clearTimeout(wait);
      resolve(Buffer.concat(chunks).subarray(0, RELAY_MAX_REFUSAL_BODY_BYTES).toString('utf8'));
    };
    const wait = setTimeout(done, REFUSAL_BODY_WAIT_MS);
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes >= RELAY_MAX_REFUSAL_BODY_BYTES) done();
    });
    res.once('end', done);
    res.once('error', done);
  });
}

/** One relayed connection, from the page's accepted socket to both sockets closed. */
class RelaySession {
  private state: State = 'waiting-connect';
  private upstream: WebSocket | undefined;
  private upstreamClosed = false;
  private pageClosed = false;
  private pageTooBig = false;
  private readonly connectTimer: ReturnType<typeof setTimeout>;
  private readonly lifetimeTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly page: WebSocket,
    private readonly origin: string,
    private readonly bounds: RelayBounds,
    private readonly onEnd: () => void,
  ) {
    this.connectTimer = setTimeout(() => {
      if (this.state === 'waiting-connect')
        this.relayError(`The connect message did not arrive within ${bounds.connectWaitMs} ms.`);
    }, bounds.connectWaitMs);
    this.lifetimeTimer = setTimeout(() => this.endOfLife(), bounds.lifetimeMs);
    page.on('error', (err: Error & { code?: unknown }) => {
      if (isTooBig(err)) this.pageTooBig = true;
    });
    page.on('message', (data, isBinary) => this.onPageMessage(data, isBinary));
    page.on('close', (code, reason) => this.onPageClose(code, reason));
  }

  private get limitReason(): string {
    return `relay: a message over the ${this.bounds.maxMessageBytes / (1024 * 1024)} MiB limit`;
  }

  private control(message: RelayControlMessage): void {
    if (this.page.readyState === WebSocket.OPEN) this.page.send(JSON.stringify(message));
  }

  private finishIfDone(): void {
    if (!this.pageClosed || (this.upstream !== undefined && !this.upstreamClosed)) return;
    clearTimeout(this.connectTimer);
    clearTimeout(this.lifetimeTimer);
    this.onEnd();
  }

  /** The page broke the protocol: say what, close 1008. */
  private relayError(message: string): void {
    this.state = 'done';
    this.control({ type: 'relay-error', message });
    this.page.close(1008, 'relay: protocol error (see the relay-error message)');
    this.upstream?.terminate();
  }

  /** The upstream never opened: the evidence, then RELAY_CLOSE_UPSTREAM_FAILED. */
  private upstreamFailed(message: RelayControlMessage, reason: string): void {
    if (this.state !== 'connecting') return;
    this.state = 'done';
    this.control(message);
    this.page.close(RELAY_CLOSE_UPSTREAM_FAILED, reason);
    this.upstream?.terminate();
  }

  private endOfLife(): void {
    this.state = 'done';
    this.upstream?.close(1001, 'relay: lifetime reached');
    this.page.close(RELAY_CLOSE_LIFETIME, `relay: the ${spoken(this.bounds.lifetimeMs)} limit was reached`);
  }

  private onPageMessage(data: RawData, isBinary: boolean): void {
    if (this.state === 'open' && this.upstream !== undefined) {
      forward(this.page, this.upstream, data, isBinary);
      return;
    }
    if (this.state === 'connecting') {
      this.relayError('A message arrived before upstream-open: wait for the upstream to open.');
      return;
    }
    if (this.state !== 'waiting-connect') return;
    if (isBinary) {
      this.relayError('The first message must be the connect message, as JSON text.');
      return;
    }
    const buffer = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    const check = parseRelayConnect(buffer.toString('utf8'), buffer.length);
    if (!check.ok) this.relayError(check.message);
    else this.openUpstream(check.connect);
  }

  private onPageClose(code: number, reason: Buffer): void {
    this.pageClosed = true;
    const upstream = this.upstream;
    if (upstream !== undefined && upstream.readyState !== WebSocket.CLOSED) {
      if (this.state === 'open' && this.pageTooBig) upstream.close(1009, this.limitReason);
      else if (this.state === 'open') closeLike(upstream, code, reason);
      else upstream.terminate();
    }
    this.state = 'done';
    this.finishIfDone();
  }

  private openUpstream(connect: RelayConnectMessage): void {
    const named = Object.keys(connect.headers).some((n) => n.toLowerCase() === 'origin');
    const headers = named ? connect.headers : { Origin: this.origin, ...connect.headers };
    let up: WebSocket;
    try {
      up = new WebSocket(connect.url, connect.protocols, {
        headers,
        handshakeTimeout: connect.timeoutMs,
        maxPayload: this.bounds.maxMessageBytes,
        followRedirects: false,
      });
    } catch (err) {
      this.relayError(`The upstream socket cannot be opened: ${(err as Error).message}`);
      return;
    }
    this.upstream = up;
    this.state = 'connecting';
    let responseHeaders: Record<string, string> = {};
    up.on('upgrade', (res) => (responseHeaders = flatHeaders(res.headers)));
    up.on('open', () => {
      if (this.state !== 'connecting') return;
      this.state = 'open';
      this.control({ type: 'upstream-open', protocol: up.protocol, headers: responseHeaders });
    });
    up.on('unexpected-response', (req, res) => void this.reportRefusal(req, res));
    up.on('message', (data, isBinary) => {
      if (this.state === 'open') forward(up, this.page, data, isBinary);
    });
    up.on('error', (err: Error & { code?: unknown }) => this.onUpstreamError(err));
    up.on('close', (code, reason) => this.onUpstreamClose(code, reason));
  }

  private async reportRefusal(req: ClientRequest, res: IncomingMessage): Promise<void> {
    const body = await readRefusalBody(res);
    const status = res.statusCode ?? 0;
    const headers = flatHeaders(res.headers);
    const statusText = res.statusMessage ?? '';
    this.upstreamFailed(
      { type: 'upstream-refused', status, statusText, headers, body },
      `relay: the upstream refused the upgrade (HTTP ${status})`,
    );
    req.destroy();
  }

  private onUpstreamError(err: Error & { code?: unknown }): void {
    if (this.state === 'open' && isTooBig(err)) {
      this.state = 'done';
      this.page.close(1009, this.limitReason);
      return;
    }
    this.upstreamFailed(
      { type: 'upstream-error', code: errorCode(err), message: errorMessage(err) },
      'relay: the upstream could not be reached',
    );
  }

  private onUpstreamClose(code: number, reason: Buffer): void {
    this.upstreamClosed = true;
    if (this.state === 'connecting')
      this.upstreamFailed(
        { type: 'upstream-error', code: 'ECONNRESET', message: 'The upstream closed before it opened.' },
        'relay: the upstream could not be reached',
      );
    else if (this.state === 'open') {
      this.state = 'done';
      closeLike(this.page, code, reason);
    }
    this.finishIfDone();
  }
}

/** Runs one relayed connection; `onEnd` is called once, when both sockets are closed. */
export function runRelaySession(
  page: WebSocket,
  origin: string,
  bounds: RelayBounds,
  onEnd: () => void,
): void {
  new RelaySession(page, origin, bounds, onEnd);
}
