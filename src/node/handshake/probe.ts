// The handshake probe: open one WebSocket from Node and record everything a browser hides — the TCP
// connect, the HTTP answer to the upgrade (status, headers, body of a refusal) — then what the socket did
// in the first moments after open (an auth failure often arrives as a close right after open).
// Used by `wsjwt probe` and by the console's x-ray endpoint.
//
// Bounded: the handshake by `timeoutMs`, the observation after open by `closeAfterOpenMs`, the closing
// handshake by CLOSE_GRACE_MS; a refusal body by `maxBodyBytes`; messages by `collectMessages`. Never throws.
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { hexPreview } from '../../core/index.ts';
import type { ConnectionEvent, HandshakeXray } from '../../core/index.ts';

export interface ProbeOptions {
  /** ws:// or wss:// URL, token already in it. */
  url: string;
  /** How long the opening handshake may take (TCP connect + HTTP answer), ms. */
  timeoutMs: number;
  /** Extra request headers (e.g. Origin, to look like the console's page). */
  headers?: Record<string, string>;
  /** Subprotocols to offer (Sec-WebSocket-Protocol). */
  protocols?: string[];
  /** Bytes of a refusal's body to keep. Default 8 KiB. */
  maxBodyBytes?: number;
  /** Messages to record after open. Default 20. Later ones are only counted. */
  collectMessages?: number;
  /** How long to watch an open socket before closing it with 1000. Default 300 ms. */
  closeAfterOpenMs?: number;
  /** Largest message accepted, bytes. Default 1 MiB (a bigger one closes 1009). */
  maxPayloadBytes?: number;
  signal?: AbortSignal;
  /** Wall clock for events' `time`, epoch ms. Default Date.now. */
  now?: () => number;
  /** Text messages to send right after open, in order (wscat's -x); recorded as 'sent' events. */
  send?: readonly string[];
  /** Called for every step as it happens, in the order they happen (a streaming timeline). */
  onStep?: (step: ProbeStep, progress: ProbeProgress) => void;
  /**
   * An application protocol's exchange (graphql-ws, Socket.IO, STOMP): after `send`, its opening frames are
   * sent, each text message is answered with its replies, and the socket is watched until the protocol has
   * settled (then `closeAfterOpenMs` more) or `timeoutMs` has passed — instead of `closeAfterOpenMs`.
   */
  conversation?: ProbeConversation;
}

export interface ProbeConversation {
  opening: readonly string[];
  onMessage(text: string): { replies: readonly string[]; settled: boolean };
}

/**
 * One moment of the attempt, in the order it happened: the events, and the moments a browser does not
 * report (TCP connected, TLS done, the 101 answer). `at` = ms since the probe started.
 */
export type ProbeStep =
  | { kind: 'event'; at: number; event: ConnectionEvent }
  | { kind: 'tcp-connected'; at: number }
  | { kind: 'tls-connected'; at: number }
  /** The 101 answer to the upgrade (a refusal is an 'unexpected-response' event). */
  | { kind: 'switching-protocols'; at: number; xray: HandshakeXray };

/** What the probe knows so far, for a step's caller. */
export interface ProbeProgress {
  closedByProbe: boolean;
  bodyTruncated: boolean;
  droppedMessages: number;
}

/** The message of the error event recorded when the signal aborts the probe. */
export const PROBE_CANCELLED_MESSAGE = 'The probe was cancelled';

export interface ProbeTimings {
  /** ms from start to the TCP connection being established. */
  tcpConnectMs?: number;
  /** ms from start to the end of the TLS handshake (wss:). */
  tlsConnectMs?: number;
  /** ms from start to the HTTP answer to the upgrade (101 or a refusal). */
  responseMs?: number;
  /** ms from start to open. */
  openMs?: number;
}

export type ProbeOutcome =
  /** The socket opened (it may have been closed by the server afterwards). */
  | 'opened'
  /** The server answered the upgrade with HTTP other than 101. */
  | 'rejected'
  /** No answer to the upgrade within timeoutMs. */
  | 'timeout'
  /** Failed before open without an HTTP answer (connection refused, DNS, TLS, bad 101...). */
  | 'failed'
  /** The signal aborted the probe. */
  | 'aborted';

export interface ProbeResult {
  /** In order; `at` = ms since the probe started. */
  events: ConnectionEvent[];
  /** Every step (events included) in the order it happened: a timeline never out of order. */
  steps: ProbeStep[];
  /** The HTTP answer to the upgrade: a 101 (body '') or a refusal (with up to maxBodyBytes of body). */
  xray?: HandshakeXray;
  timings: ProbeTimings;
  outcome: ProbeOutcome;
  /** The subprotocol the server chose, when it opened ('' = none). */
  protocol?: string;
  /** Messages received beyond collectMessages (counted, not recorded). */
  droppedMessages: number;
  /** True when the refusal body was longer than maxBodyBytes and was cut. */
  bodyTruncated: boolean;
  /** True when the probe itself closed the socket (1000, after closeAfterOpenMs), not the server. */
  closedByProbe: boolean;
  durationMs: number;
}

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024;
export const DEFAULT_COLLECT_MESSAGES = 20;
export const DEFAULT_CLOSE_AFTER_OPEN_MS = 300;
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
/** How long to wait for the server's answer to our close frame before cutting the connection. */
export const CLOSE_GRACE_MS = 1000;
/** Characters of a text message kept in its event. */
export const MAX_MESSAGE_CHARS = 2000;
const MAX_HEADER_VALUE_CHARS = 4000;
const MAX_TIMER_MS = 2 ** 31 - 1;

function positiveInt(value: number | undefined, fallback: number, max = MAX_TIMER_MS): number {
  if (value === undefined || !Number.isFinite(value) || value < 0) return fallback;
  return Math.min(max, Math.floor(value));
}

/** Node's headers as a flat record: lower-case names, repeated headers joined the way HTTP allows. */
export function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(name === 'set-cookie' ? '; ' : ', ') : value;
    out[name] = text.length > MAX_HEADER_VALUE_CHARS ? `${text.slice(0, MAX_HEADER_VALUE_CHARS)}…` : text;
  }
  return out;
}

function clipMessage(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

function rawDataBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    // AggregateError (happy eyeballs tried several addresses) has an empty message but useful parts.
    if (error.message === '' && error instanceof AggregateError) {
      return error.errors.map((e: unknown) => errorText(e)).join('; ') || (code ?? 'error');
    }
    return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * Open `options.url` once and report what happened. Resolves when the attempt is over: refused, timed out,
 * failed, or opened and then closed (by the server, or by us after `closeAfterOpenMs`).
 */
export function probeHandshake(options: ProbeOptions): Promise<ProbeResult> {
  return new Promise<ProbeResult>((resolve) => {
    const wallClock = options.now ?? Date.now;
    const started = performance.now();
    const elapsed = (): number => Math.max(0, Math.round(performance.now() - started));
    const timeoutMs = positiveInt(options.timeoutMs, 5000);
    const maxBodyBytes = positiveInt(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 1024 * 1024);
    const collectMessages = positiveInt(options.collectMessages, DEFAULT_COLLECT_MESSAGES, 10_000);
    const closeAfterOpenMs = positiveInt(options.closeAfterOpenMs, DEFAULT_CLOSE_AFTER_OPEN_MS);
    const maxPayload = positiveInt(options.maxPayloadBytes, DEFAULT_MAX_PAYLOAD_BYTES, 100 * 1024 * 1024);

    const events: ConnectionEvent[] = [];
    const steps: ProbeStep[] = [];
    const timings: ProbeTimings = {};
    const timers = new Set<NodeJS.Timeout>();
    let xray: HandshakeXray | undefined;
    let protocol: string | undefined;
    let droppedMessages = 0;
    let recordedMessages = 0;
    let bodyTruncated = false;
    let closedByProbe = false;
    let opened = false;
    let done = false;
    let ws: WebSocket | undefined;
    // A refusal whose body is still being read.
    let pendingRefusal: { res: IncomingMessage; chunks: Buffer[]; bytes: number; at: number } | undefined;

    const step = (next: ProbeStep): void => {
      steps.push(next);
      options.onStep?.(next, { closedByProbe, bodyTruncated, droppedMessages });
    };
    const push = (event: Omit<ConnectionEvent, 'time'>): void => {
      if (done) return;
      const recorded: ConnectionEvent = { ...event, time: wallClock() };
      events.push(recorded);
      step({ kind: 'event', at: recorded.at, event: recorded });
    };
    const later = (fn: () => void, ms: number): void => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          fn();
        },
        Math.min(MAX_TIMER_MS, ms),
      );
      timers.add(timer);
    };

    const onAbort = (): void => {
      if (done) return;
      push({ type: 'error', at: elapsed(), message: PROBE_CANCELLED_MESSAGE });
      finish('aborted');
    };

    function finish(outcome: ProbeOutcome): void {
      if (done) return;
      done = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      options.signal?.removeEventListener('abort', onAbort);
      if (pendingRefusal !== undefined) pendingRefusal.res.destroy();
      try {
        if (ws !== undefined && ws.readyState !== WebSocket.CLOSED) ws.terminate();
      } catch {
        // Already gone.
      }
      const result: ProbeResult = {
        events,
        steps,
        timings,
        outcome,
        droppedMessages,
        bodyTruncated,
        closedByProbe,
        durationMs: elapsed(),
      };
      if (xray !== undefined) result.xray = xray;
      if (protocol !== undefined) result.protocol = protocol;
      resolve(result);
    }

    /** The refusal is complete (or as complete as we will let it be): record it and stop. */
    const completeRefusal = (): void => {
      const pending = pendingRefusal;
      if (pending === undefined || done) return;
      pendingRefusal = undefined;
      const body = Buffer.concat(pending.chunks).toString('utf8');
      const status = pending.res.statusCode ?? 0;
      const statusText = pending.res.statusMessage ?? '';
      const headers = flattenHeaders(pending.res.headers);
      xray = { status, statusText, headers, body };
      push({ type: 'unexpected-response', at: pending.at, status, statusText, headers, body });
      pending.res.destroy();
      finish('rejected');
    };

    if (options.signal?.aborted === true) {
      push({ type: 'connecting', at: 0 });
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    push({ type: 'connecting', at: 0 });

    // The handshake deadline: no answer → timeout; an answer whose body is still trickling in → cut it.
    later(() => {
      if (done || opened) return;
      if (pendingRefusal !== undefined) {
        bodyTruncated = true;
        completeRefusal();
        return;
      }
      push({ type: 'timeout', at: elapsed(), message: `No answer to the upgrade within ${timeoutMs} ms` });
      finish('timeout');
    }, timeoutMs);
    // Whatever happens, the probe ends.
    const watchMs = options.conversation !== undefined ? timeoutMs : closeAfterOpenMs;
    later(() => finish(opened ? 'opened' : 'failed'), timeoutMs + watchMs + CLOSE_GRACE_MS + 1000);

    const watchSocket = (socket: Socket): void => {
      const tcp = (): void => {
        if (timings.tcpConnectMs !== undefined || done) return;
        timings.tcpConnectMs = elapsed();
        step({ kind: 'tcp-connected', at: timings.tcpConnectMs });
      };
      if (!socket.connecting) {
        tcp();
        return;
      }
      socket.once('connect', tcp);
      socket.once('secureConnect', () => {
        if (timings.tlsConnectMs !== undefined || done) return;
        timings.tlsConnectMs = elapsed();
        step({ kind: 'tls-connected', at: timings.tlsConnectMs });
      });
    };

    try {
      ws = new WebSocket(options.url, options.protocols ?? [], {
        headers: options.headers ?? {},
        followRedirects: false,
        maxPayload,
        finishRequest: (req: ClientRequest) => {
          req.once('socket', watchSocket);
          req.end();
        },
      });
    } catch (error) {
      push({
        type: 'error',
        at: elapsed(),
        message: errorText(error),
        thrown: error instanceof Error ? error.name : 'Error',
      });
      finish('failed');
      return;
    }
    const socket = ws;

    socket.on('upgrade', (res: IncomingMessage) => {
      timings.responseMs = elapsed();
      xray = {
        status: res.statusCode ?? 101,
        statusText: res.statusMessage ?? 'Switching Protocols',
        headers: flattenHeaders(res.headers),
        body: '',
      };
      if (!done) step({ kind: 'switching-protocols', at: timings.responseMs, xray });
    });

    socket.on('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => {
      if (done) {
        res.destroy();
        return;
      }
      timings.responseMs = elapsed();
      pendingRefusal = { res, chunks: [], bytes: 0, at: timings.responseMs };
      res.on('data', (chunk: Buffer) => {
        const pending = pendingRefusal;
        if (pending === undefined) return;
        const room = maxBodyBytes - pending.bytes;
        if (chunk.length > room) {
          if (room > 0) pending.chunks.push(chunk.subarray(0, room));
          pending.bytes += Math.max(0, room);
          bodyTruncated = true;
          completeRefusal();
          return;
        }
        pending.chunks.push(chunk);
        pending.bytes += chunk.length;
      });
      res.once('end', completeRefusal);
      res.once('close', completeRefusal);
      res.once('error', completeRefusal);
    });

    const sendText = (text: string): void => {
      try {
        socket.send(text);
        push({ type: 'sent', at: elapsed(), data: clipMessage(text), size: Buffer.byteLength(text) });
      } catch (error) {
        push({ type: 'error', at: elapsed(), message: `could not send: ${errorText(error)}` });
      }
    };
    let closing = false;
    const closeAfter = (ms: number): void =>
      later(() => {
        if (done || closing) return;
        closing = true;
        if (socket.readyState === WebSocket.OPEN) {
          try {
            closedByProbe = true;
            socket.close(1000, '');
          } catch {
            finish('opened');
            return;
          }
        }
        later(() => finish('opened'), CLOSE_GRACE_MS);
      }, ms);

    socket.on('open', () => {
      if (done) return;
      opened = true;
      timings.openMs = elapsed();
      protocol = socket.protocol;
      push({ type: 'open', at: timings.openMs, protocol: socket.protocol });
      for (const text of options.send ?? []) sendText(text);
      for (const text of options.conversation?.opening ?? []) sendText(text);
      closeAfter(watchMs);
    });

    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (done) return;
      if (recordedMessages >= collectMessages) {
        droppedMessages++;
        return;
      }
      recordedMessages++;
      const bytes = rawDataBytes(data);
      const text = isBinary
        ? hexPreview(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        : bytes.toString('utf8');
      push({
        type: 'message',
        at: elapsed(),
        data: clipMessage(text),
        binary: isBinary,
        size: bytes.length,
      });
      if (options.conversation === undefined || isBinary) return;
      const answer = options.conversation.onMessage(text);
      for (const reply of answer.replies) sendText(reply);
      if (answer.settled) closeAfter(closeAfterOpenMs);
    });

    socket.on('error', (error: Error) => {
      if (done) return;
      push({ type: 'error', at: elapsed(), message: errorText(error) });
    });

    socket.on('close', (code: number, reason: Buffer) => {
      if (done) return;
      push({ type: 'close', at: elapsed(), code, reason: reason.toString('utf8'), wasClean: code !== 1006 });
      finish(opened ? 'opened' : 'failed');
    });
  });
}
