// The protocol registry: one file per protocol, one entry here. Readers (CLI, console, copy-command) look
// protocols up by id and never special-case one.
import { graphqlWs } from './graphql-ws.ts';
import { plainWebSocket } from './plain.ts';
import { socketIo } from './socket-io.ts';
import { stomp } from './stomp.ts';
import { subscriptionsTransportWs } from './subscriptions-transport-ws.ts';
import type { AppProtocolId, ProtocolClient } from './types.ts';

export const PROTOCOL_CLIENTS: Readonly<Record<AppProtocolId, ProtocolClient>> = {
  plain: plainWebSocket,
  'graphql-ws': graphqlWs,
  'subscriptions-transport-ws': subscriptionsTransportWs,
  'socket.io': socketIo,
  stomp,
};

export { isAppProtocolId } from './catalog.ts';

export function protocolClient(id: AppProtocolId): ProtocolClient {
  return PROTOCOL_CLIENTS[id];
}

export { APP_PROTOCOL_IDS } from './types.ts';
export type * from './types.ts';
export { buildJsonPayload, DEFAULT_JSON_PAYLOAD, fillJsonTemplate } from './payload-template.ts';
export {
  GRAPHQL_TRANSPORT_WS,
  GRAPHQL_WS_CLOSE_CODES,
  graphqlWsSubscribe,
  readGraphqlWsClose,
} from './graphql-ws.ts';
export { LEGACY_GRAPHQL_WS } from './subscriptions-transport-ws.ts';
export { decodeSocketIoPacket, ENGINE_IO_PATH, socketIoAddress, socketIoEvent } from './socket-io.ts';
export {
  DEFAULT_STOMP_PAYLOAD,
  escapeStompHeader,
  parseStompFrame,
  serializeStompFrame,
  STOMP_SUBPROTOCOLS,
  stompConnectHeaders,
  unescapeStompHeader,
} from './stomp.ts';
export { DEFAULT_PLAIN_PAYLOAD } from './plain.ts';
export { PROTOCOL_CATALOG, protocolInfo } from './catalog.ts';
export type { ProtocolInfo } from './catalog.ts';
