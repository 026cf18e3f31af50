// Sending: text, binary, composed messages, and the interval sender (an app-level heartbeat). Owns the
// heartbeat timer.
import { checkRange, HEARTBEAT_MS_RANGE, hexPreview, type ComposedMessage } from '../core/index.ts';
import { binaryEchoKey, expectEcho } from './echo-rtt.ts';
import { BINARY_KEEP_BYTES, keep, MAX_TEXT, sinceConnect } from './record.ts';
import { openProtocol, openSocket } from './socket.ts';
import { useConsole } from './store.ts';

const NOT_CONNECTED = 'Not connected: click Connect first.';

/** Sends a text message. Returns an error sentence, or null when sent. */
export function sendText(text: string): string | null {
  const live = openSocket();
  if (!live?.ws) return NOT_CONNECTED;
  live.ws.send(text);
  expectEcho(live.attempt, 'text', text);
  const data = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  keep(live, {
    type: 'sent',
    at: sinceConnect(live),
    time: Date.now(),
    data,
    size: text.length,
    binary: false,
    seq: 0,
    attempt: live.attempt,
  });
  return null;
}

/** Sends a binary message. Returns an error sentence, or null when sent. */
export function sendBinary(bytes: Uint8Array): string | null {
  const live = openSocket();
  if (!live?.ws) return NOT_CONNECTED;
  const copy = bytes.slice(); // the caller may reuse its buffer; the log keeps what was sent
  live.ws.send(copy);
  expectEcho(live.attempt, 'binary', binaryEchoKey(copy));
  keep(live, {
    type: 'sent',
    at: sinceConnect(live),
    time: Date.now(),
    data: hexPreview(copy, 32),
    size: copy.byteLength,
    binary: true,
    bytes: copy.byteLength <= BINARY_KEEP_BYTES ? copy : copy.slice(0, BINARY_KEEP_BYTES),
    seq: 0,
    attempt: live.attempt,
  });
  return null;
}

/** Sends one frame of the protocol the socket speaks (graphql-ws subscribe, Socket.IO event, STOMP
 * SEND/SUBSCRIBE), logged with its type. Returns an error sentence, or null when sent. */
export function sendProtocolFrame(text: string): string | null {
  if (!openSocket()) return NOT_CONNECTED;
  const link = openProtocol();
  if (!link) return 'This socket speaks no protocol: choose one in Protocol, then Connect.';
  link.send(text, 'composer');
  return null;
}

/** Sends a composed message (text or bytes). */
export function sendComposed(message: ComposedMessage): string | null {
  return message.kind === 'text' ? sendText(message.text) : sendBinary(message.bytes);
}

// ---------------------------------------------------------------- interval sender (app-level heartbeat)

export const MIN_HEARTBEAT_MS = HEARTBEAT_MS_RANGE.min;
export const MAX_HEARTBEAT_MS = HEARTBEAT_MS_RANGE.max;
let heartbeat: ReturnType<typeof setInterval> | undefined;

/** Sends `message` now and every `everyMs` while this socket stays open. Returns an error sentence or null. */
export function startHeartbeat(message: ComposedMessage, everyMs: number): string | null {
  stopHeartbeat();
  const live = openSocket();
  if (!live) return NOT_CONNECTED;
  // Out of range is refused with the range, not clamped in silence.
  const checked = checkRange(everyMs, HEARTBEAT_MS_RANGE);
  if (!checked.ok) return checked.message;
  const ms = checked.value;
  const tick = () => {
    // Stops by itself when the socket it was started on is gone (closed, or replaced by a reconnect).
    if (openSocket() !== live || sendComposed(message) !== null) stopHeartbeat();
  };
  tick();
  heartbeat = setInterval(tick, ms);
  useConsole.setState({ heartbeatMs: ms });
  return null;
}

export function stopHeartbeat(): void {
  if (heartbeat !== undefined) clearInterval(heartbeat);
  heartbeat = undefined;
  if (useConsole.getState().heartbeatMs !== null) useConsole.setState({ heartbeatMs: null });
}
