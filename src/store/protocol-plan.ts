// What a Connect made now would do with the Protocol and Token travels in settings: the subprotocols to
// offer, the protocol session that speaks first (none for a plain socket whose token is not in a message:
// the socket then stays on its hot path), and what stops it (a Connection payload the protocol cannot
// read, a Token parameter that cannot name a cookie). The socket and the controls ask the same function,
// so the problem shown under the field is the one Connect reports. Mirrors src/node/cli/probe-travel.ts.
import {
  parseHeaderLines,
  placeToken,
  protocolClient,
  type PlacedToken,
  type ProtocolSession,
} from '../core/index.ts';
import { connectionPayloadTemplate, sendsFirstMessage } from './travel.ts';
import type { ConsoleState } from './types.ts';

export type PlanInputs = Pick<
  ConsoleState,
  'appProtocol' | 'tokenTravel' | 'connectionPayload' | 'subprotocolTemplate' | 'paramName' | 'serverUrl'
> &
  Partial<Pick<ConsoleState, 'relayHeaders'>> & { analysis: Pick<ConsoleState['analysis'], 'token'> };

export interface ProtocolPlan {
  placed: PlacedToken;
  /** Subprotocols to offer: the protocol's own first, then the placement's. */
  protocols: string[];
  /** A fresh session for one socket; undefined: a plain socket, nothing to say first. */
  session?: ProtocolSession;
  /** Why Connect cannot speak this protocol as set (a sentence naming the field), or undefined. */
  problem?: string;
}

export function protocolPlan(s: PlanInputs): ProtocolPlan {
  const client = protocolClient(s.appProtocol);
  const placed = placeToken({
    placement: s.tokenTravel,
    token: s.analysis.token,
    paramName: s.paramName,
    protocolSubprotocols: client.subprotocols,
    subprotocolTemplate: s.subprotocolTemplate,
  });
  const plan: ProtocolPlan = { placed, protocols: placed.protocols };
  const errors = placed.problems
    .filter((p) => p.code.startsWith('ERR_') && p.code !== 'ERR_SUBPROTOCOL')
    .map((p) => p.message);
  if (s.tokenTravel === 'header' && s.relayHeaders) {
    // The user's extra headers, then the token's Authorization (it is what this placement is for).
    const extra = parseHeaderLines(s.relayHeaders);
    placed.headers = { ...extra.headers, ...placed.headers };
    errors.push(...extra.problems);
  }
  if (errors.length > 0) plan.problem = errors.join(' ');
  if (!sendsFirstMessage(s)) return plan;
  const started = client.start({
    token: placed.payloadToken,
    payload: connectionPayloadTemplate(s),
    // The address as typed: Socket.IO's namespace and STOMP's host header come from it.
    url: s.serverUrl,
  });
  if (started.ok) plan.session = started.session;
  else plan.problem = [plan.problem, started.problem.message].filter(Boolean).join(' ');
  return plan;
}
