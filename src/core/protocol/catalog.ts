// What each protocol is, as data: its label, the subprotocols it offers, its `Connection payload` defaults
// and the address its socket opens. The console's first paint (the Protocol select, the Connection URL, the
// payload field) reads this without loading the protocol clients (./index.ts), which only a Connect needs.
import { APP_PROTOCOL_IDS } from './types.ts';
import type { AppProtocolId, UrlTransform } from './types.ts';

export const DEFAULT_JSON_PAYLOAD = '{"token": "{token}"}';
export const DEFAULT_PLAIN_PAYLOAD = '{"type": "auth", "token": "{token}"}';
export const DEFAULT_STOMP_PAYLOAD = 'Authorization: Bearer {token}';
export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';
export const LEGACY_GRAPHQL_WS = 'graphql-ws';
export const STOMP_SUBPROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'] as const;
export const ENGINE_IO_PATH = '/socket.io/';

export interface ProtocolInfo {
  id: AppProtocolId;
  /** As shown in the console's Protocol select (contract). */
  label: string;
  /** Subprotocols to offer, in order of preference ([] = none). */
  subprotocols: readonly string[];
  /** The default `Connection payload` template. */
  defaultPayload: string;
  /** The same template without the token, for when it travels elsewhere. */
  payloadWithoutToken: string;
  /** The URL the socket opens, from the one the user typed (Socket.IO adds the Engine.IO path). */
  connectionUrl(url: string): UrlTransform;
}

const asTyped = (url: string): UrlTransform => ({ ok: true, url });

/**
 * The Engine.IO address from what the user typed. Like socket.io-client's io(url): a path is the namespace
 * (ws://host/admin → namespace /admin at /socket.io/), unless it already names the Engine.IO path (a server
 * with `path: '/api/socket.io'`: ws://host/api/socket.io/). The user's query is kept (servers that read
 * socket.handshake.query); EIO and transport are set.
 */
export function socketIoAddress(
  input: string,
): { ok: true; url: string; namespace: string } | { ok: false; message: string } {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
    return { ok: false, message: `Socket.IO: "${shown}" is not a valid ws:// or http:// address` };
  }
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:')
    return {
      ok: false,
      message: `Socket.IO: the address must start with ws://, wss://, http:// or https:// (got ${u.protocol})`,
    };
  const segments = u.pathname.split('/');
  const engineAt = segments.lastIndexOf('socket.io');
  let namespace = '/';
  if (engineAt !== -1) {
    u.pathname = `${segments.slice(0, engineAt + 1).join('/')}/`;
  } else {
    const path = u.pathname.replace(/\/+$/, '');
    if (path !== '') namespace = path;
    u.pathname = ENGINE_IO_PATH;
  }
  u.searchParams.set('EIO', '4');
  u.searchParams.set('transport', 'websocket');
  return { ok: true, url: u.toString(), namespace };
}

export const PROTOCOL_CATALOG: Readonly<Record<AppProtocolId, ProtocolInfo>> = {
  plain: {
    id: 'plain',
    label: 'Plain WebSocket',
    subprotocols: [],
    defaultPayload: DEFAULT_PLAIN_PAYLOAD,
    payloadWithoutToken: '',
    connectionUrl: asTyped,
  },
  'graphql-ws': {
    id: 'graphql-ws',
    label: 'graphql-ws',
    subprotocols: [GRAPHQL_TRANSPORT_WS],
    defaultPayload: DEFAULT_JSON_PAYLOAD,
    payloadWithoutToken: '{}',
    connectionUrl: asTyped,
  },
  'subscriptions-transport-ws': {
    id: 'subscriptions-transport-ws',
    label: 'subscriptions-transport-ws',
    subprotocols: [LEGACY_GRAPHQL_WS],
    defaultPayload: DEFAULT_JSON_PAYLOAD,
    payloadWithoutToken: '{}',
    connectionUrl: asTyped,
  },
  'socket.io': {
    id: 'socket.io',
    label: 'Socket.IO',
    subprotocols: [],
    defaultPayload: DEFAULT_JSON_PAYLOAD,
    payloadWithoutToken: '',
    connectionUrl(url: string): UrlTransform {
      const address = socketIoAddress(url);
      return address.ok ? { ok: true, url: address.url } : address;
    },
  },
  stomp: {
    id: 'stomp',
    label: 'STOMP',
    subprotocols: STOMP_SUBPROTOCOLS,
    defaultPayload: DEFAULT_STOMP_PAYLOAD,
    payloadWithoutToken: '',
    connectionUrl: asTyped,
  },
};

/** What a protocol is (label, subprotocols, defaults, address), without its client. */
export function protocolInfo(id: AppProtocolId): ProtocolInfo {
  return PROTOCOL_CATALOG[id];
}

export function isAppProtocolId(value: string): value is AppProtocolId {
  return (APP_PROTOCOL_IDS as readonly string[]).includes(value);
}
