// What every application protocol spoken over a WebSocket offers the console and the CLI: what to offer in
// the handshake, what to send first, and how to read what the server says back — pure, no I/O, so the
// browser and Node drive the same state machines.

import type { ProtocolInfo } from './catalog.ts';

/** The application protocols the console and `wsjwt probe --protocol` speak. */
export const APP_PROTOCOL_IDS = [
  'plain',
  'graphql-ws',
  'subscriptions-transport-ws',
  'socket.io',
  'stomp',
] as const;

export type AppProtocolId = (typeof APP_PROTOCOL_IDS)[number];

/** One frame the server sent, decoded for the log: the raw frame stays with the caller. */
export interface DecodedFrame {
  /** The protocol's own name for it: connection_ack, CONNECT_ERROR, ERROR, ping, heart-beat... */
  type: string;
  /** An operation / packet id when the frame carries one. */
  id?: string;
  payload?: unknown;
  /** One line for the log, e.g. `CONNECT_ERROR on / "invalid signature"`. */
  summary: string;
}

/**
 * What the protocol learnt about authentication. `words` are the server's own words, to be read by the
 * diagnosis like a close reason.
 */
export type ProtocolOutcome =
  | { kind: 'authenticated'; summary: string }
  | { kind: 'auth-refused'; words: string; code?: number; summary: string }
  | { kind: 'protocol-error'; words: string; code?: number; summary: string };

export interface ProtocolRead {
  frame: DecodedFrame;
  /** Frames to send back at once: a pong, Socket.IO's CONNECT after the Engine.IO open packet. */
  replies: string[];
  /** Set by the frame that settles authentication. */
  outcome?: ProtocolOutcome;
}

/** One connection's client side: create one per socket. */
export interface ProtocolSession {
  /** Frames to send right after open (may be empty: Socket.IO waits for the open packet). */
  opening(): string[];
  /** Read one text frame from the server. Never throws: junk is a protocol-error outcome. */
  read(frame: string): ProtocolRead;
  /** What a close code and reason mean in this protocol (graphql-ws 4401/4403...), if anything. */
  readClose(code: number, reason: string): ProtocolOutcome | undefined;
}

export interface ProtocolProblem {
  code: string;
  message: string;
}

export type ProtocolStart = { ok: true; session: ProtocolSession } | { ok: false; problem: ProtocolProblem };

export interface ProtocolStartInput {
  /** The token, already cleaned. '' when the token travels elsewhere and the payload should not carry it. */
  token: string;
  /** The `Connection payload` template, {token} where the token goes; undefined: the protocol's default. */
  payload?: string;
  /** The socket's URL (STOMP's host header, Socket.IO's namespace). */
  url: string;
}

export type UrlTransform = { ok: true; url: string } | { ok: false; message: string };

/** A protocol's client: what it is (./catalog.ts) and how it speaks. */
export interface ProtocolClient extends ProtocolInfo {
  start(input: ProtocolStartInput): ProtocolStart;
}
