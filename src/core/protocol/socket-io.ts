// Socket.IO v4 over a plain WebSocket (Engine.IO protocol v4, websocket transport only): the Engine.IO open
// packet `0{…}`, then the client's CONNECT `40[/nsp,]{auth}` — the `auth` the server's middleware reads as
// socket.handshake.auth — answered by CONNECT `40{"sid"}` or CONNECT_ERROR `44{"message"}`. Engine.IO pings
// (`2`) are answered with pongs (`3`). Packet formats: socketio/engine.io-protocol and socket.io-protocol.
import {
  buildObjectPayload,
  clip,
  DEFAULT_JSON_PAYLOAD,
  parseJsonFrame,
  wordsOf,
} from './payload-template.ts';
import { ENGINE_IO_PATH, PROTOCOL_CATALOG, socketIoAddress } from './catalog.ts';
import type { DecodedFrame, ProtocolClient, ProtocolRead, ProtocolSession } from './types.ts';

export { ENGINE_IO_PATH, socketIoAddress };

const ENGINE_TYPES: Readonly<Record<string, string>> = {
  '0': 'open',
  '1': 'close',
  '2': 'ping',
  '3': 'pong',
  '4': 'message',
  '5': 'upgrade',
  '6': 'noop',
};

const SOCKET_TYPES: Readonly<Record<string, string>> = {
  '0': 'CONNECT',
  '1': 'DISCONNECT',
  '2': 'EVENT',
  '3': 'ACK',
  '4': 'CONNECT_ERROR',
  '5': 'BINARY_EVENT',
  '6': 'BINARY_ACK',
};

/** A Socket.IO packet (after the Engine.IO `4`): type, namespace, ack id, JSON data. */
export function decodeSocketIoPacket(text: string): {
  type: string;
  namespace: string;
  id?: string;
  data?: unknown;
  bad?: string;
} {
  const type = SOCKET_TYPES[text.charAt(0)];
  if (type === undefined)
    return { type: 'unknown', namespace: '/', bad: `unknown Socket.IO packet type "${text.charAt(0)}"` };
  let rest = text.slice(1);
  const attachments = /^\d+-/.exec(rest);
  if (attachments) rest = rest.slice(attachments[0].length);
  let namespace = '/';
  if (rest.startsWith('/')) {
    const comma = rest.indexOf(',');
    namespace = comma === -1 ? rest : rest.slice(0, comma);
    rest = comma === -1 ? '' : rest.slice(comma + 1);
  }
  const idMatch = /^\d+/.exec(rest);
  const id = idMatch?.[0];
  if (idMatch) rest = rest.slice(idMatch[0].length);
  if (rest === '') return { type, namespace, ...(id !== undefined ? { id } : {}) };
  const data = parseJsonFrame(rest);
  if (data === undefined)
    return { type, namespace, bad: `the ${type} packet's data is not JSON: ${clip(rest)}` };
  return { type, namespace, ...(id !== undefined ? { id } : {}), data };
}

/** An EVENT for the composer: `42[/nsp,]["name",...args]`. */
export function socketIoEvent(name: string, args: readonly unknown[], namespace = '/'): string {
  return `42${namespace === '/' ? '' : `${namespace},`}${JSON.stringify([name, ...args])}`;
}

function readSocketIoMessage(text: string, namespace: string): ProtocolRead {
  const packet = decodeSocketIoPacket(text);
  const where = packet.namespace === '/' ? '' : ` on ${packet.namespace}`;
  const frame: DecodedFrame = {
    type: packet.type,
    ...(packet.id !== undefined ? { id: packet.id } : {}),
    ...(packet.data !== undefined ? { payload: packet.data } : {}),
    summary: '',
  };
  if (packet.bad !== undefined)
    return {
      frame: { ...frame, summary: packet.bad },
      replies: [],
      outcome: { kind: 'protocol-error', words: text, summary: packet.bad },
    };
  const mine = packet.namespace === namespace;
  switch (packet.type) {
    case 'CONNECT':
      frame.summary = `CONNECT${where}: the server accepted the connection`;
      return mine
        ? { frame, replies: [], outcome: { kind: 'authenticated', summary: `Socket.IO CONNECT${where}` } }
        : { frame, replies: [] };
    case 'CONNECT_ERROR': {
      const words = wordsOf(packet.data);
      frame.summary = `CONNECT_ERROR${where}: "${clip(words)}"`;
      return { frame, replies: [], outcome: { kind: 'auth-refused', words, summary: frame.summary } };
    }
    case 'DISCONNECT':
      frame.summary = `DISCONNECT${where}: the server closed the namespace`;
      return {
        frame,
        replies: [],
        outcome: { kind: 'protocol-error', words: 'server namespace disconnect', summary: frame.summary },
      };
    case 'EVENT': {
      const [name, ...args] = Array.isArray(packet.data) ? (packet.data as unknown[]) : [];
      frame.summary = `EVENT${where} ${JSON.stringify(name ?? null)}${args.length > 0 ? ` ${clip(JSON.stringify(args))}` : ''}`;
      return { frame, replies: [] };
    }
    default:
      frame.summary = `${packet.type}${where}${packet.data !== undefined ? ` ${clip(JSON.stringify(packet.data))}` : ''}`;
      return { frame, replies: [] };
  }
}

function createSession(connect: string, namespace: string): ProtocolSession {
  return {
    opening: () => [],
    read(text) {
      const type = ENGINE_TYPES[text.charAt(0)];
      const body = text.slice(1);
      switch (type) {
        case 'open':
          return {
            frame: {
              type: 'open',
              payload: parseJsonFrame(body),
              summary: `Engine.IO open ${clip(body)} (CONNECT sent)`,
            },
            replies: [connect],
          };
        case 'ping':
          return {
            frame: { type: 'ping', summary: 'Engine.IO ping (answered with pong)' },
            replies: [`3${body}`],
          };
        case 'message':
          return readSocketIoMessage(body, namespace);
        case 'close': {
          const summary = 'Engine.IO close: the server ended the session';
          return {
            frame: { type: 'close', summary },
            replies: [],
            outcome: { kind: 'protocol-error', words: 'Engine.IO close', summary },
          };
        }
        case undefined: {
          const summary = `not an Engine.IO packet: ${clip(text)}`;
          return {
            frame: { type: 'invalid', summary },
            replies: [],
            outcome: { kind: 'protocol-error', words: text, summary },
          };
        }
        default:
          return {
            frame: { type, summary: `Engine.IO ${type}${body !== '' ? ` ${clip(body)}` : ''}` },
            replies: [],
          };
      }
    },
    readClose: () => undefined,
  };
}

export const socketIo: ProtocolClient = {
  ...PROTOCOL_CATALOG['socket.io'],
  start({ token, payload, url }) {
    const built = buildObjectPayload(
      payload ?? DEFAULT_JSON_PAYLOAD,
      token,
      'Connection payload (Socket.IO auth)',
    );
    if (!built.ok) return built;
    const address = socketIoAddress(url);
    const namespace = address.ok ? address.namespace : '/';
    const prefix = namespace === '/' ? '' : `${namespace},`;
    const connect = `40${prefix}${built.value === undefined ? '' : JSON.stringify(built.value)}`;
    return { ok: true, session: createSession(connect, namespace) };
  },
};
