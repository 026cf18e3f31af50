// A protocol spoken over the socket (graphql-ws, subscriptions-transport-ws, Socket.IO, STOMP, a plain
// socket's first message): the opening frames after open, the replies the protocol owes (pongs, Socket.IO's
// CONNECT after the Engine.IO open packet), each received text frame decoded onto its log entry, and the
// outcome (authenticated / refused with the server's words / protocol error) recorded on the attempt for
// the diagnosis. Only sockets that speak a protocol come here: a plain socket keeps socket.ts's hot path.
import type { ProtocolOutcome, ProtocolSession } from '../core/index.ts';
import { updateAttempt } from './evidence.ts';
import type { LogEntry } from './log-buffer.ts';
import { keep, MAX_TEXT, sinceConnect, type Live } from './record.ts';

/** The session of the current socket, for the composer's frames (sent through the protocol). */
export interface ProtocolLink {
  session: ProtocolSession;
  /** Sends one protocol frame and logs it (the token shown as a placeholder). */
  send(text: string, label?: string): void;
}

/** The token never shows in the log's rows: the frame keeps its shape, the token its length. */
export function hideToken(text: string, token: string): string {
  return token.length >= 8 && text.includes(token)
    ? text.split(token).join(`<token: ${token.length} chars>`)
    : text;
}

/** The type of a frame the console sends, for its log row: a JSON message's `type` (graphql-ws), a STOMP
 * command, an Engine.IO/Socket.IO packet's digits. */
export function sentFrameType(text: string): string {
  const stomp = /^([A-Z]+)\r?\n/.exec(text);
  if (stomp) return stomp[1] ?? 'frame';
  const packet = /^(\d{1,2})(?![\d.])/.exec(text);
  if (packet) return `packet ${packet[1] ?? ''}`;
  try {
    const type = (JSON.parse(text) as { type?: unknown } | null)?.type;
    if (typeof type === 'string') return type;
  } catch {
    // not JSON: a plain first message
  }
  return 'message';
}

export interface ProtocolDriver {
  link: ProtocolLink;
  /** After open: the protocol's opening frames. */
  opened(): void;
  /** One received text frame, its log entry already built (not yet kept). */
  received(entry: LogEntry, text: string): void;
  /** The close, read in the protocol's terms (graphql-ws 4401/4403/4408). */
  closed(code: number, reason: string, at: number): void;
}

export function driveProtocol(live: Live, session: ProtocolSession, token: string): ProtocolDriver {
  let settled = false;
  const settle = (outcome: ProtocolOutcome, at: number) => {
    if (settled) return;
    settled = true;
    updateAttempt(live.attempt, (a) =>
      a.protocol ? { ...a, protocol: { ...a.protocol, outcome: { ...outcome, at } } } : a,
    );
  };
  const send = (text: string, label?: string) => {
    const ws = live.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(text);
    const shown = hideToken(text, token);
    const entry: LogEntry = {
      type: 'sent',
      at: sinceConnect(live),
      time: Date.now(),
      data: shown.length > MAX_TEXT ? shown.slice(0, MAX_TEXT) : shown,
      size: text.length,
      binary: false,
      seq: 0,
      attempt: live.attempt,
    };
    if (label !== undefined) entry.frame = { type: sentFrameType(text), summary: label };
    keep(live, entry);
  };
  return {
    link: { session, send },
    opened() {
      for (const frame of session.opening()) send(frame, 'opening');
    },
    received(entry, text) {
      const read = session.read(text);
      const { type, id, summary } = read.frame;
      entry.frame = id !== undefined ? { type, id, summary } : { type, summary };
      keep(live, entry);
      for (const reply of read.replies) send(reply, 'reply');
      if (read.outcome !== undefined) settle(read.outcome, entry.at);
    },
    closed(code, reason, at) {
      const outcome = session.readClose(code, reason);
      if (outcome !== undefined) settle(outcome, at);
    },
  };
}
