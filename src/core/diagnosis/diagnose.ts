// The diagnosis engine: from everything we know about one connection attempt (the token, the secret check,
// the URL, the socket's events, what the server said) to a ranked list of likely causes, each with the
// facts that point to it and what to do. Pure: `now` is an argument, nothing is fetched or stored.
//
// How it weighs things:
// - Local findings (the token, the secret, the URL, the page) are facts; they are listed before Connect too.
// - What the server said (close reason, HTTP status, refusal message) decides which of them explains the
//   failure: a refusal puts the token problems first; an unreachable server puts them behind.
// - An open socket that stays open (or closes normally) demotes local findings to 'low': the server
//   accepted the connection anyway.
import { isWellFormed } from '../token/analyze.ts';
import { Board } from './board.ts';
import { readFacts, type Facts } from './facts.ts';
import { applyTravelDiscovery } from './findings/discovery.ts';
import { applyTokenNotSent } from './findings/not-sent.ts';
import { addLocal, type Finding } from './findings/local.ts';
import { pageFindings, serverFindings } from './findings/page.ts';
import { secretFindings } from './findings/secret.ts';
import { tokenFindings } from './findings/token.ts';
import { urlFindings } from './findings/url.ts';
import type { Attempt } from './phases/attempt.ts';
import { thrownBeforeOpen, timedOut } from './phases/before-open.ts';
import { failedBeforeOpen } from './phases/failed-before-open.ts';
import { refusedOverHttp } from './phases/http-refusal.ts';
import { opened } from './phases/opened.ts';
import type { Cause, DiagnosisEvidence } from './types.ts';
import type { FixContext } from './wording.ts';

/** What the fix steps depend on: what is entered, what verifies, what the server refused. */
function fixContext(ev: DiagnosisEvidence, facts: Facts): FixContext {
  const t = ev.token;
  const algRefused = facts.said.some((i) => i.cause === 'algorithm-mismatch');
  const payload = t.payload ?? {};
  const serverNamed = facts.said
    .filter((i) => i.cause === 'missing-claims')
    .flatMap((i) => i.claims ?? [])
    .filter((c) => !(c in payload));
  const ctx: FixContext = {
    tokenPresent: t.token !== '',
    keyVerifies: ev.secret?.given.ok === true,
    requiredClaims: [...new Set([...t.requiredClaims, ...serverNamed])],
    missingClaims: [...new Set([...t.missingClaims, ...serverNamed])],
  };
  if (algRefused && t.alg !== undefined && t.alg.toLowerCase() !== 'none' && isWellFormed(t))
    ctx.refusedAlg = t.alg;
  return ctx;
}

// ---- the engine ---------------------------------------------------------------------------------------------

/**
 * The likely causes of a failed (or about-to-fail) connection, most likely first; one entry per cause id.
 * Empty when nothing is wrong: the socket opened and stayed open or closed normally, and the token, the
 * secret and the URL check out (or before Connect, when no local problem is found).
 */
export function diagnose(evidence: DiagnosisEvidence, now: number): Cause[] {
  const ev = evidence;
  const facts = readFacts(ev, now);
  const board = new Board(fixContext(ev, facts));
  const local: Finding[] = [
    ...pageFindings(ev, facts),
    ...tokenFindings(ev, facts, now),
    ...secretFindings(ev),
    ...urlFindings(ev),
    ...serverFindings(ev),
  ];

  const { open, close, timeout, unexpected, error } = facts;

  // Before Connect, or still connecting: only what we know locally.
  const settled =
    open !== undefined ||
    close !== undefined ||
    error !== undefined ||
    timeout !== undefined ||
    unexpected !== undefined;
  if (!facts.attempted || !settled) {
    addLocal(board, local, 'as-is');
    return board.result(facts.fixVars);
  }
  // The phases, in the order an attempt can end; the first that explains it fills the board.
  const attempt: Attempt = { ev, facts, board, local, now };
  void (
    thrownBeforeOpen(attempt) ||
    refusedOverHttp(attempt) ||
    timedOut(attempt) ||
    failedBeforeOpen(attempt) ||
    opened(attempt)
  );
  // Before discovery: a place discovery finds accepted is then the second way out, after "nothing was sent".
  applyTokenNotSent(attempt);
  applyTravelDiscovery(attempt);
  return board.result(facts.fixVars);
}
