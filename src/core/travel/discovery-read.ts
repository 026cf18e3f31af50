// What one travel-discovery attempt says about the place it tried: accepted (the upgrade switched and the
// socket was not closed as unauthenticated within the settle window, or the protocol said authenticated),
// refused (an HTTP refusal, an auth close, a protocol refusal — with the server's words and what they mean),
// or inconclusive (no answer, a transport failure). And whether a failed attempt looks unauthenticated at
// all, which is when discovery is worth running. Pure.
import { interpretCloseReason, interpretServerMessage } from '../diagnosis/dialects.ts';
import { readRefusal } from '../diagnosis/refusal.ts';
import { TOKEN_CAUSES } from '../diagnosis/types.ts';
import type { CauseId, ConnectionEvent, ReasonInterpretation } from '../diagnosis/types.ts';
import type { AppProtocolId, ProtocolOutcome } from '../protocol/types.ts';
import type { DiscoveryStep } from './discovery.ts';

export type DiscoveryVerdict = 'accepted' | 'refused' | 'inconclusive';

export interface DiscoveryAttemptResult extends DiscoveryStep {
  verdict: DiscoveryVerdict;
  /** How the server answered, in a few words: "HTTP 401", "101, still open after 500 ms", "closed 4401". */
  how: string;
  status?: number;
  code?: number;
  /** The server's words (refusal body, close reason, protocol refusal), at most 200 characters. */
  words?: string;
  /** What the words mean, when they are recognisable (secret-mismatch, token-missing…). */
  cause?: CauseId;
  /** Which library speaks like that ('fastify-jwt', 'jsonwebtoken'…), when known. */
  dialect?: string;
}

/** The attempts and what they found: DiagnosisEvidence.travelDiscovery. */
export interface TravelDiscovery {
  /** Where the token was sent by the attempt being diagnosed. */
  used: DiscoveryStep;
  protocol: AppProtocolId;
  /** In the order they were made. Empty: nothing could be tried (see notRun). */
  attempts: DiscoveryAttemptResult[];
  /** Why nothing (or not everything) was tried: no helper, the budget ran out… */
  notRun?: string;
  /** The token never reached the used place, so it was tried there too (first). */
  usedNotSent?: boolean;
}

/** What a runner saw for one attempt. */
export interface DiscoveryObservation {
  events: readonly ConnectionEvent[];
  /** The application protocol's outcome, when one was spoken. */
  outcome?: ProtocolOutcome;
  /** How long an open socket was watched, ms. */
  settleMs: number;
  /** An application protocol was spoken: without its "authenticated", an open socket proves nothing. */
  protocolSpoken?: boolean;
}

/** Close codes that say "not authenticated" whatever the words. */
const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 4001, 4003, 4401, 4403]);

function authMeaning(interp: ReasonInterpretation | null | undefined): boolean {
  if (!interp) return false;
  return TOKEN_CAUSES.has(interp.cause) || interp.cause === 'auth-rejected';
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

function withMeaning(
  result: DiscoveryAttemptResult,
  interp: ReasonInterpretation | null | undefined,
): DiscoveryAttemptResult {
  if (!interp) return result;
  const out = { ...result, cause: interp.cause };
  return interp.dialect !== 'generic' && interp.dialect !== 'rfc6455'
    ? { ...out, dialect: interp.dialect }
    : out;
}

/** The verdict on one attempt. */
export function readDiscoveryAttempt(
  step: DiscoveryStep,
  seen: DiscoveryObservation,
): DiscoveryAttemptResult {
  const base: DiscoveryAttemptResult = { ...step, verdict: 'inconclusive', how: '' };
  const refusal = seen.events.find((e) => e.type === 'unexpected-response');
  if (refusal && typeof refusal.status === 'number') {
    const words = clip(refusal.body ?? '');
    const reading = readRefusal(refusal.status, refusal.headers, refusal.body);
    const r: DiscoveryAttemptResult = {
      ...base,
      verdict: 'refused',
      how: `HTTP ${refusal.status}`,
      status: refusal.status,
    };
    if (words !== '') r.words = words;
    return withMeaning(r, reading.meaning?.interp);
  }
  const open = seen.events.find((e) => e.type === 'open');
  if (!open) {
    const timeout = seen.events.find((e) => e.type === 'timeout');
    const error = seen.events.find((e) => e.type === 'error');
    return { ...base, how: timeout ? 'no answer in time' : `failed: ${clip(error?.message ?? 'no answer')}` };
  }
  const outcome = seen.outcome;
  if (outcome?.kind === 'authenticated')
    return { ...base, verdict: 'accepted', how: `101, ${outcome.summary}` };
  if (outcome?.kind === 'auth-refused') {
    const r: DiscoveryAttemptResult = {
      ...base,
      verdict: 'refused',
      how: outcome.summary,
      words: clip(outcome.words),
    };
    if (outcome.code !== undefined) r.code = outcome.code;
    return withMeaning(r, interpretCloseReason(outcome.code, outcome.words));
  }
  for (const m of seen.events) {
    if (m.type !== 'message' || typeof m.data !== 'string') continue;
    const interp = interpretServerMessage(m.data);
    if (authMeaning(interp))
      return withMeaning(
        { ...base, verdict: 'refused', how: 'refused in a message after open', words: clip(m.data) },
        interp,
      );
  }
  const close = seen.events.find((e) => e.type === 'close');
  if (close && close.code !== undefined && !(close.code === 1000 && close.at - open.at >= seen.settleMs)) {
    const interp = interpretCloseReason(close.code, close.reason ?? '');
    const r: DiscoveryAttemptResult = { ...base, how: `101, then closed ${close.code}`, code: close.code };
    if ((close.reason ?? '') !== '') r.words = clip(close.reason ?? '');
    if (AUTH_CLOSE_CODES.has(close.code) || authMeaning(interp))
      return withMeaning({ ...r, verdict: 'refused' }, interp);
    return withMeaning(r, interp);
  }
  if (outcome !== undefined) return { ...base, how: `101, then ${outcome.summary}` };
  if (seen.protocolSpoken === true) return { ...base, how: '101, but the protocol never said authenticated' };
  return { ...base, verdict: 'accepted', how: `101, still open after ${seen.settleMs} ms` };
}

/** What a refused attempt looked like, for looksUnauthenticated. */
export interface RefusalSigns {
  events: readonly ConnectionEvent[];
  /** A refused upgrade's status the browser hid (the x-ray's). */
  status?: number;
  /** The application protocol refused authentication (CONNECT_ERROR, connection_error, STOMP ERROR…). */
  protocolRefused?: boolean;
  /** The words of that refusal ({"message":"invalid signature"}, the ERROR frame's message). */
  protocolWords?: string;
}

/** Token faults a server can only name after reading the token: the token causes but "no token",
 * "malformed" and "not encoded", which a server also says of what it found (or not) in the wrong place. */
const SAID_OF_ANY_PLACE: ReadonlySet<CauseId> = new Set<CauseId>([
  'token-missing',
  'token-malformed',
  'token-not-encoded',
]);
const READ_TOKEN_FAULTS: ReadonlySet<CauseId> = new Set(
  [...TOKEN_CAUSES].filter((cause) => !SAID_OF_ANY_PLACE.has(cause)),
);

/**
 * Whether the server's own words say it read the token where it was sent and found a fault in it ("invalid
 * signature", "jwt expired", FAST_JWT_INACTIVE…): then the place is right and trying others tells nothing.
 */
export function serverReadTheToken(signs: RefusalSigns): boolean {
  const named = (interp: ReasonInterpretation | null | undefined): boolean =>
    interp !== null && interp !== undefined && READ_TOKEN_FAULTS.has(interp.cause);
  if (signs.protocolWords !== undefined && named(interpretCloseReason(undefined, signs.protocolWords)))
    return true;
  for (const e of signs.events) {
    if (e.type === 'close' && e.code !== undefined && named(interpretCloseReason(e.code, e.reason ?? '')))
      return true;
    if (e.type === 'message' && typeof e.data === 'string' && named(interpretServerMessage(e.data)))
      return true;
    if (e.type === 'unexpected-response' && e.status !== undefined)
      if (named(readRefusal(e.status, e.headers, e.body).meaning?.interp)) return true;
  }
  return false;
}

/**
 * Whether trying the token in other places is worth it: the attempt ended the way an unauthenticated one
 * does, and the server did not already name a fault of the token it read where it was sent.
 */
export function worthDiscovering(signs: RefusalSigns): boolean {
  return looksUnauthenticated(signs) && !serverReadTheToken(signs);
}

/**
 * Whether an attempt ended the way an unauthenticated one does: 401/403 to the upgrade, a close 1008 /
 * 4001 / 4003 / 4401 / 4403 or one whose reason names a token problem, a protocol's refusal. Only then is
 * trying the token elsewhere worth it.
 */
export function looksUnauthenticated(signs: RefusalSigns): boolean {
  if (signs.protocolRefused === true) return true;
  if (signs.status === 401 || signs.status === 403) return true;
  for (const e of signs.events) {
    if (e.type === 'unexpected-response' && (e.status === 401 || e.status === 403)) return true;
    if (e.type === 'close' && e.code !== undefined) {
      if (AUTH_CLOSE_CODES.has(e.code)) return true;
      if (e.code !== 1006 && authMeaning(interpretCloseReason(e.code, e.reason ?? ''))) return true;
    }
    if (e.type === 'message' && typeof e.data === 'string' && authMeaning(interpretServerMessage(e.data)))
      return true;
  }
  return false;
}
