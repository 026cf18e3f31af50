// subscriptions-transport-ws (Apollo's legacy protocol, subprotocol `graphql-ws`): connection_init with the
// payload the server's onConnect reads, then connection_ack — or connection_error with the server's words
// (apollographql/subscriptions-transport-ws src/message-types.ts). `ka` is the server's keep-alive.
import {
  buildObjectPayload,
  clip,
  DEFAULT_JSON_PAYLOAD,
  parseJsonFrame,
  wordsOf,
} from './payload-template.ts';
import { LEGACY_GRAPHQL_WS, PROTOCOL_CATALOG } from './catalog.ts';
import type { ProtocolClient, ProtocolRead, ProtocolSession } from './types.ts';

export { LEGACY_GRAPHQL_WS };

function readLegacyFrame(text: string): ProtocolRead {
  const message = parseJsonFrame(text);
  const m = (typeof message === 'object' && message !== null ? message : {}) as {
    type?: unknown;
    id?: unknown;
    payload?: unknown;
  };
  if (typeof m.type !== 'string') {
    const summary = `not a subscriptions-transport-ws message: ${clip(text)}`;
    return {
      frame: { type: 'invalid', summary },
      replies: [],
      outcome: { kind: 'protocol-error', words: text, summary },
    };
  }
  const id = typeof m.id === 'string' ? m.id : undefined;
  const frame = {
    type: m.type,
    ...(id !== undefined ? { id } : {}),
    ...(m.payload !== undefined ? { payload: m.payload } : {}),
  };
  switch (m.type) {
    case 'connection_ack':
      return {
        frame: { ...frame, summary: 'connection_ack: the server accepted connection_init' },
        replies: [],
        outcome: { kind: 'authenticated', summary: 'subscriptions-transport-ws connection_ack' },
      };
    case 'connection_error': {
      const words = wordsOf(m.payload);
      const summary = `connection_error: "${clip(words)}"`;
      return { frame: { ...frame, summary }, replies: [], outcome: { kind: 'auth-refused', words, summary } };
    }
    case 'ka':
      return { frame: { ...frame, summary: 'ka (keep-alive)' }, replies: [] };
    default:
      return {
        frame: {
          ...frame,
          summary: `${m.type}${id !== undefined ? ` ${id}` : ''}${m.payload !== undefined ? `: ${clip(JSON.stringify(m.payload))}` : ''}`,
        },
        replies: [],
      };
  }
}

export const subscriptionsTransportWs: ProtocolClient = {
  ...PROTOCOL_CATALOG['subscriptions-transport-ws'],
  start({ token, payload }) {
    const built = buildObjectPayload(
      payload ?? DEFAULT_JSON_PAYLOAD,
      token,
      'Connection payload (connection_init)',
    );
    if (!built.ok) return built;
    const init = JSON.stringify({ type: 'connection_init', payload: built.value ?? {} });
    const session: ProtocolSession = {
      opening: () => [init],
      read: readLegacyFrame,
      // The legacy protocol closes with plain RFC 6455 codes: nothing of its own to add.
      readClose: () => undefined,
    };
    return { ok: true, session };
  },
};
