import type { TravelDiscovery } from '../travel/discovery-read.ts';
import type { ConnectionUrlResult, SecretTriage, TokenAnalysis } from '../types.ts';

/** Cause ids: the same in the console, the CLI and the core (contract). */
export const CAUSE_IDS = [
  'server-unreachable',
  'handshake-rejected',
  'handshake-timeout',
  'mixed-content',
  'token-missing',
  'token-malformed',
  'token-not-encoded',
  'secret-mismatch',
  'algorithm-mismatch',
  'token-expired',
  'token-not-yet-valid',
  'missing-claims',
  'auth-rejected',
  'connection-dropped',
  'server-error',
  'message-too-big',
  'protocol-error',
  'subprotocol-mismatch',
  // Added (issue 16): where the token travels, and a server that lets an unverifiable token in.
  'token-travel-mismatch',
  'server-skips-verification',
  // Added (issue 12): a claim is there but has a value the server refuses (aud, iss, sub, jti).
  'token-claims-rejected',
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];

/** Causes that lie in the token itself (its form, signature, claims or encoding). */
export const TOKEN_CAUSES: ReadonlySet<CauseId> = new Set<CauseId>([
  'token-missing',
  'token-malformed',
  'token-not-encoded',
  'secret-mismatch',
  'algorithm-mismatch',
  'token-expired',
  'token-not-yet-valid',
  'missing-claims',
  'token-claims-rejected',
]);

export type Confidence = 'high' | 'medium' | 'low';

export interface Cause {
  cause: CauseId;
  title: string;
  confidence: Confidence;
  /** Quoted facts that led here: the close reason, the claim value, the timing. */
  evidence: string[];
  /** Concrete steps, in the guide's spirit. */
  fix: string[];
}

export type ConnectionEventType =
  | 'connecting'
  | 'open'
  | 'message'
  | 'error'
  | 'close'
  | 'unexpected-response'
  | 'timeout'
  /** A message the console sent (log only; not part of the contract's event list). */
  | 'sent'
  /** Auto-reconnect stopped, and why (log only, like 'sent'). */
  | 'reconnect'
  /** The token tried in other places after an unauthenticated refusal (log only, like 'sent'). */
  | 'discovery';

/** One event of one connection attempt, as the browser or the CLI saw it. */
export interface ConnectionEvent {
  type: ConnectionEventType;
  /** ms since Connect. */
  at: number;
  /** Epoch ms (wall clock). */
  time: number;
  code?: number;
  reason?: string;
  wasClean?: boolean;
  /** unexpected-response: the HTTP status of a refused upgrade (CLI / x-ray only; a browser hides it). */
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
  body?: string;
  /** message: text, or a hex preview for binary. */
  data?: string;
  binary?: boolean;
  size?: number;
  /** open: the subprotocol the server chose. error: a message (e.g. SecurityError text). */
  protocol?: string;
  message?: string;
  /** error: the constructor threw synchronously (SecurityError, SyntaxError). */
  thrown?: string;
}

/** What a reachability probe (fetch no-cors of the same host:port) found. */
export type Reachability =
  { state: 'unknown' } | { state: 'reachable'; detail: string } | { state: 'unreachable'; detail: string };

/** The reference server's (or a guide-like server's) GET /health answer, if it answered. */
export interface HealthInfo {
  ok: boolean;
  jwtSecretSet?: boolean;
  /** Epoch ms of the server's clock when it answered. */
  serverTime?: number;
  /** Our local clock when the answer arrived, to compute the skew. */
  receivedAt?: number;
  raw?: unknown;
}

/** A handshake seen from Node (CLI probe or the console's x-ray helper): what the browser hides. */
export interface HandshakeXray {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface DiagnosisEvidence {
  token: TokenAnalysis;
  /** undefined: no secret given. */
  secret?: SecretTriage;
  url: ConnectionUrlResult;
  paramName: string;
  /** The page's own protocol ('https:' makes ws:// mixed content). CLI: undefined. */
  pageProtocol?: string;
  /** Events of the latest attempt, in order. Empty before Connect. */
  events: ConnectionEvent[];
  reachability?: Reachability;
  health?: HealthInfo;
  xray?: HandshakeXray;
  /** Connect timeout in ms. */
  timeoutMs: number;
  leewaySeconds: number;
  /** Subprotocols offered in the handshake, if any. */
  offeredProtocols?: string[];
  /** Where the token travels: the query string (default), the Sec-WebSocket-Protocol header, a cookie, the
   * protocol's first message or the Authorization header (src/core/travel/placements.ts). */
  tokenTravel?: 'query' | 'subprotocol' | 'cookie' | 'first-message' | 'header';
  /**
   * An application protocol's refusal, read like a close reason: Socket.IO CONNECT_ERROR, graphql
   * connection_error, STOMP ERROR (src/core/protocol). `summary` is what the log shows for the frame.
   */
  protocolRefusal?: { protocol: string; words: string; summary: string; at: number };
  /**
   * The same token tried in other places after an unauthenticated refusal (the CLI probe, the console's
   * x-ray): which place the server accepted, which it refused and how (src/core/travel/discovery-read.ts).
   */
  travelDiscovery?: TravelDiscovery;
  /**
   * The token never left the browser: it was to travel in a cookie the browser could not set (another
   * site, cookies blocked). Whatever the server then says about a missing token is about this, not about
   * where it reads the token.
   */
  tokenNotSent?: { reason: string; fix: string };
}

export type ChecklistState = 'pass' | 'fail' | 'unknown';

export interface ChecklistItem {
  id: 'server-running' | 'secret-set' | 'same-secret' | 'not-expired' | 'url-encoded' | 'required-claims';
  label: string;
  state: ChecklistState;
  evidence: string;
}

// ---- Added by the diagnosis engine (additive) ----------------------------------------------------------

/**
 * What a server's words mean: a close reason, an HTTP body or a message payload (socket.io connect_error,
 * ActionCable disconnect, graphql connection_error...), matched against the strings real libraries send.
 */
export interface ReasonInterpretation {
  /** Who speaks like this: 'jsonwebtoken', 'jose', 'graphql-ws', 'guide-server', 'hocuspocus', 'centrifugo',
   * 'socket.io', 'actioncable', 'subscriptions-transport-ws', 'hasura', 'rfc6455' (code only) or 'generic'. */
  dialect: string;
  cause: CauseId;
  /** One or two sentences: what the server meant. */
  detail: string;
  /** The server's words exactly as received (trimmed, at most 200 characters); quote it in evidence. */
  quoted: string;
  /** How precisely the words name the cause: 'high' for a library's own message, lower for a bare code. */
  confidence: Confidence;
  /** The library file the recognised string comes from, e.g. 'auth0/node-jsonwebtoken verify.js'. */
  source: string;
  /** The close code it came with, if any. */
  code?: number;
  /** Claims the server named (missing-claims, or the claim a check failed on). */
  claims?: string[];
}

/** The server's clock against ours, from GET /health. */
export interface ClockSkew {
  /** serverTime − local time, ms (positive: the server is ahead). */
  skewMs: number;
  /** e.g. "The server's clock is 2 min 5 s ahead of yours." */
  sentence: string;
}
