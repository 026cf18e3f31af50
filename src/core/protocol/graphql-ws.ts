// graphql-ws (enisdenjo/graphql-ws, subprotocol `graphql-transport-ws`): connection_init with the payload
// the server's onConnect reads as ctx.connectionParams, then connection_ack — or a close with one of the
// protocol's 44xx codes (src/common.ts CloseCode). ping is answered with pong.
import {
  buildObjectPayload,
  clip,
  DEFAULT_JSON_PAYLOAD,
  parseJsonFrame,
  wordsOf,
} from './payload-template.ts';
import { GRAPHQL_TRANSPORT_WS, PROTOCOL_CATALOG } from './catalog.ts';
import type { ProtocolClient, ProtocolOutcome, ProtocolRead, ProtocolSession } from './types.ts';

export { GRAPHQL_TRANSPORT_WS };

/** graphql-ws's close codes (src/common.ts), and whether each one is about authentication. */
export const GRAPHQL_WS_CLOSE_CODES: Readonly<
  Record<number, { name: string; auth: boolean; meaning: string }>
> = {
  4400: { name: 'Bad Request', auth: false, meaning: 'the server could not read a message' },
  4401: { name: 'Unauthorized', auth: true, meaning: 'a subscribe came before connection_ack' },
  4403: { name: 'Forbidden', auth: true, meaning: 'onConnect refused the connection_init payload' },
  4406: {
    name: 'Subprotocol not acceptable',
    auth: false,
    meaning: 'the server does not speak graphql-transport-ws',
  },
  4408: { name: 'Connection initialisation timeout', auth: false, meaning: 'no connection_init in time' },
  4409: { name: 'Subscriber already exists', auth: false, meaning: 'an operation id was reused' },
  4429: { name: 'Too many initialisation requests', auth: false, meaning: 'connection_init was sent twice' },
  4499: { name: 'Terminated', auth: false, meaning: 'the client terminated the socket' },
  4500: { name: 'Internal server error', auth: false, meaning: 'the server threw (often in onConnect)' },
};

/** What a close means in graphql-ws: 4401/4403 refuse authentication, the others are protocol errors. */
export function readGraphqlWsClose(code: number, reason: string): ProtocolOutcome | undefined {
  const known = GRAPHQL_WS_CLOSE_CODES[code];
  if (known === undefined) return undefined;
  const words = reason !== '' ? reason : known.name;
  const summary = `close ${code} ${known.name}: ${known.meaning}${reason !== '' && reason !== known.name ? ` — "${clip(reason)}"` : ''}`;
  // 4500 is where an exception thrown in onConnect lands: its words may still name the token's problem.
  return known.auth || code === 4500
    ? { kind: 'auth-refused', words, code, summary }
    : { kind: 'protocol-error', words, code, summary };
}

function readGraphqlWsFrame(text: string): ProtocolRead {
  const message = parseJsonFrame(text);
  const type =
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { type?: unknown }).type === 'string'
      ? (message as { type: string }).type
      : undefined;
  if (type === undefined) {
    const summary = `not a graphql-ws message: ${clip(text)}`;
    return {
      frame: { type: 'invalid', summary },
      replies: [],
      outcome: { kind: 'protocol-error', words: text, summary },
    };
  }
  const m = message as { id?: unknown; payload?: unknown };
  const id = typeof m.id === 'string' ? m.id : undefined;
  const frame = {
    type,
    ...(id !== undefined ? { id } : {}),
    ...(m.payload !== undefined ? { payload: m.payload } : {}),
  };
  switch (type) {
    case 'connection_ack':
      return {
        frame: { ...frame, summary: 'connection_ack: the server accepted connection_init' },
        replies: [],
        outcome: { kind: 'authenticated', summary: 'graphql-ws connection_ack' },
      };
    case 'ping':
      return {
        frame: { ...frame, summary: 'ping (answered with pong)' },
        replies: [JSON.stringify({ type: 'pong' })],
      };
    case 'pong':
      return { frame: { ...frame, summary: 'pong' }, replies: [] };
    case 'next':
    case 'error':
    case 'complete':
      return {
        frame: {
          ...frame,
          summary: `${type}${id !== undefined ? ` ${id}` : ''}${m.payload !== undefined ? `: ${clip(JSON.stringify(m.payload))}` : ''}`,
        },
        replies: [],
      };
    default: {
      const summary = `unknown graphql-ws message type "${clip(type, 40)}": ${clip(wordsOf(m.payload))}`;
      return { frame: { ...frame, summary }, replies: [] };
    }
  }
}

export const graphqlWs: ProtocolClient = {
  ...PROTOCOL_CATALOG['graphql-ws'],
  start({ token, payload }) {
    const built = buildObjectPayload(
      payload ?? DEFAULT_JSON_PAYLOAD,
      token,
      'Connection payload (connection_init)',
    );
    if (!built.ok) return built;
    const init = JSON.stringify(
      built.value === undefined
        ? { type: 'connection_init' }
        : { type: 'connection_init', payload: built.value },
    );
    const session: ProtocolSession = {
      opening: () => [init],
      read: readGraphqlWsFrame,
      readClose: readGraphqlWsClose,
    };
    return { ok: true, session };
  },
};

/** A subscribe message for the composer: `{"id","type":"subscribe","payload":{"query"}}`. */
export function graphqlWsSubscribe(id: string, query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify({ id, type: 'subscribe', payload: { query, ...(variables ? { variables } : {}) } });
}
