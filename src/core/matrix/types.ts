// Types of the server auth test matrix: token variants a correct server must accept (one) or reject (the
// rest), what a server did with each, and the verdict.
import type { ProtocolOutcome } from '../protocol/types.ts';

/** The kinds of variant; a missing-claim variant exists once per required claim. */
export type MatrixVariantKind =
  'good' | 'expired' | 'wrong-secret' | 'missing-claim' | 'alg-none' | 'nbf-future' | 'tampered-payload';

export interface MatrixVariant {
  /** Stable id, also the row's data-variant: 'good', 'expired', 'missing-role', … */
  id: string;
  kind: MatrixVariantKind;
  /** Short name for the table, e.g. 'missing "role"'. */
  label: string;
  /** How the token was made, in one or two sentences. */
  description: string;
  /** What a correct server does with it. */
  expected: 'accept' | 'reject';
  /** The token to send. */
  token: string;
  /** For the good row: the token could not be verified here (no secret), so a rejection may be the token's fault. */
  unverified?: boolean;
  /** For missing-claim: the claim removed. */
  claim?: string;
}

/** A variant that could not be made, and what is needed to make it. */
export interface MatrixSkippedVariant {
  id: string;
  kind: MatrixVariantKind;
  label: string;
  why: string;
}

export interface MatrixPlan {
  variants: MatrixVariant[];
  skipped: MatrixSkippedVariant[];
  /** Which token the good row uses and why (the pasted one, re-signed, or the guide's payload). */
  base: { source: 'pasted' | 'resigned' | 'guide' | 'pasted-unverified' | 'none'; explanation: string };
  /** Anything else the user should know before reading the results. */
  notes: string[];
}

export interface MatrixInput {
  /** The token as pasted (cleaned inside). May be empty. */
  token: string;
  /** The secret to sign with; null or empty text: no secret (only the variants that need none are made). */
  secret: { text: string; encoding: 'utf8' | 'base64' | 'base64url' | 'hex' } | null;
  /** The claims a correct server requires (one missing-claim variant each). */
  requiredClaims: readonly string[];
  /** Epoch ms. */
  now: number;
}

/** What the server did with one variant, as a browser WebSocket saw it. Times in ms since the socket was made.
 * `protocol` on an opened socket: the label of an application protocol that was spoken (graphql-ws,
 * Socket.IO, STOMP…) and never settled authentication — no ack, no refusal. */
export type MatrixOutcome =
  /** Opened and was still open at the end of the observation window. */
  | { kind: 'stayed-open'; openedAfterMs: number; observedMs: number; messages: number; protocol?: string }
  /**
   * The application protocol settled authentication: connection_ack / CONNECT / CONNECTED, a refusal in a
   * frame (CONNECT_ERROR, connection_error, STOMP ERROR) or in a close the protocol defines (graphql-ws 4403).
   */
  | {
      kind: 'answered';
      openedAfterMs: number;
      answeredAfterMs: number;
      /** The protocol's label, e.g. 'Socket.IO'. */
      protocol: string;
      outcome: ProtocolOutcome;
    }
  /** Opened, then closed within the observation window. */
  | {
      kind: 'closed-after-open';
      openedAfterMs: number;
      closedAfterMs: number;
      code: number;
      reason: string;
      wasClean: boolean;
      messages: number;
      protocol?: string;
    }
  /**
   * Closed without ever opening (a browser reports error + 1006). A closed port and a refused upgrade look
   * the same to a page, so `upgrade` carries what was found out afterwards: without it nothing is known.
   */
  | {
      kind: 'refused';
      closedAfterMs: number;
      code: number;
      reason: string;
      wasClean: boolean;
      error: boolean;
      upgrade?: MatrixUpgradeEvidence;
    }
  /** No answer to the upgrade within the connection timeout. */
  | { kind: 'timeout'; afterMs: number }
  /** The socket could not even be made (the WebSocket constructor threw), or no URL could be built. */
  | { kind: 'error'; message: string }
  /** The token could not be sent where it travels from this page (a cookie for another site, the
   * Authorization header without the local relay): nothing was tested. */
  | { kind: 'not-sent'; message: string }
  | { kind: 'cancelled' };

/**
 * What a second look found out about a socket that never opened: the HTTP answer to the same upgrade (the
 * x-ray, from Node), or only whether anything answers HTTP at that host and port (a no-cors fetch).
 */
export type MatrixUpgradeEvidence =
  /** The upgrade's HTTP answer: 401, 403, 404, 500 … (101 when the repeat opened). */
  | {
      kind: 'http';
      status: number;
      statusText: string;
      /** The answer's headers and (capped) body, when the x-ray or the relay saw them: a 5xx may still
       * name the token's fault (@fastify/jwt answers an nbf in the future with 500 FAST_JWT_INACTIVE). */
      headers?: Record<string, string>;
      body?: string;
    }
  /** Nothing accepted a TCP connection there (refused, reset, DNS): nothing was tested. */
  | { kind: 'unreachable'; detail: string }
  /** Something answers HTTP there; what it said to the upgrade is unknown (no x-ray). */
  | { kind: 'reachable' }
  /** Neither could be found out. */
  | { kind: 'unknown' };

/** The row's data-verdict (contract): pass, fail, or inconclusive (the test could not tell). */
export type MatrixVerdictState = 'pass' | 'fail' | 'inconclusive';

/** Why a row is inconclusive; the summary counts the rows per reason. */
export type MatrixInconclusiveReason =
  | 'unreachable'
  | 'timeout'
  | 'server-error'
  | 'not-about-the-token'
  | 'dropped'
  | 'no-evidence'
  | 'unverified-token'
  | 'no-socket'
  | 'cannot-send'
  | 'protocol-error'
  | 'no-protocol-answer'
  | 'cancelled';

/** What the judge knows beyond the row itself. */
export interface MatrixJudgeContext {
  /** The good token stayed open in this run: a server that tells tokens apart refused this one for its token. */
  goodAccepted?: boolean;
}

export interface MatrixVerdict {
  state: MatrixVerdictState;
  /** Set when state is 'inconclusive'. */
  inconclusiveBecause?: MatrixInconclusiveReason;
  /** What the server did, in words: 'stayed open for 1.5 s', 'closed 1008 "jwt expired" after 12 ms'. */
  observed: string;
  /** 'PASS: the server rejected it …' / 'FAIL: the server accepted an expired token'. */
  sentence: string;
}

export interface MatrixSummary {
  total: number;
  passed: number;
  failed: number;
  inconclusive: number;
  /** Overall tone and sentence, e.g. 'The server accepted 1 token it must reject: expired.' */
  state: 'pass' | 'fail' | 'inconclusive';
  sentence: string;
}
