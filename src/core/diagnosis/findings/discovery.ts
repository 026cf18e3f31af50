// Travel discovery, read into the board after the phases: the same token tried in other places tells
// whether the place was the problem.
// - A place the server accepted (other than the one used): token-travel-mismatch, first, naming it.
// - No place accepted, but in one the server found the token and refused it for a reason it named (the
//   signature, exp…): that reason is the lead — the token itself is the problem, not where it went.
// - Every place refused alike: no mismatch; a mismatch guessed from "no token" words is lowered.
// - Nothing could be tried: the guess stays, lower, and says it was not checked.
import { isWellFormed } from '../../token/analyze.ts';
import type { DiscoveryAttemptResult, TravelDiscovery } from '../../travel/discovery-read.ts';
import { samePlace } from '../../travel/discovery.ts';
import { PLACEMENTS } from '../../travel/placements.ts';
import type { Facts } from '../facts.ts';
import { quote } from '../format.ts';
import { readRefusal } from '../refusal.ts';
import type { Attempt } from '../phases/attempt.ts';
import { TOKEN_CAUSES } from '../types.ts';
import type { DiagnosisEvidence, ReasonInterpretation } from '../types.ts';
import { serverKind, travelFix } from './discovery-fixes.ts';

const MAX_LISTED = 8;

function attemptWords(a: DiscoveryAttemptResult): string {
  const verdict = a.verdict === 'accepted' ? 'accepted' : a.verdict === 'refused' ? 'refused' : 'no verdict';
  const words = a.words !== undefined && a.words !== '' ? ` ${quote(a.words, 80)}` : '';
  return `${a.label} ${verdict} (${a.how}${words})`;
}

/** "tried the token in 5 other places: ?access_token= refused (HTTP 401), …" */
export function triedLine(d: TravelDiscovery): string {
  const n = d.attempts.length;
  const listed = d.attempts.slice(0, MAX_LISTED).map(attemptWords).join('; ');
  const other = d.usedNotSent === true ? '' : 'other ';
  return `Tried the token in ${n} ${other}place${n === 1 ? '' : 's'}: ${listed}`;
}

/**
 * A place where the server found the token and refused it for a reason of the token's own. "Malformed"
 * for a token that is well-formed here means the server read something else there (an empty header, its
 * own extractor's undefined), not this token: it does not count.
 */
function tokenVerdict(d: TravelDiscovery, ev: DiagnosisEvidence): DiscoveryAttemptResult | undefined {
  const wellFormed = isWellFormed(ev.token);
  return d.attempts.find(
    (a) =>
      a.verdict === 'refused' &&
      a.cause !== undefined &&
      a.cause !== 'token-missing' &&
      TOKEN_CAUSES.has(a.cause) &&
      !(wellFormed && (a.cause === 'token-malformed' || a.cause === 'token-not-encoded')),
  );
}

function wordsOf(a: DiscoveryAttemptResult): string {
  return a.words !== undefined && a.words !== '' ? quote(a.words, 200) : `${a.how}`;
}

const BROWSER_RANK = { yes: 0, 'same-site': 1, no: 2 } as const;

/**
 * The accepted place a browser can use most easily (the query before a cookie before the header). Not the
 * place already chosen: accepted there (tried because the browser could not send it), it is no mismatch.
 */
function bestAccepted(d: TravelDiscovery): DiscoveryAttemptResult | undefined {
  const accepted = d.attempts.filter((a) => a.verdict === 'accepted' && !samePlace(a, d.used));
  const rank = (a: DiscoveryAttemptResult): number => BROWSER_RANK[PLACEMENTS[a.placement].browser];
  return accepted.sort((a, b) => rank(a) - rank(b))[0];
}

/** What the server said about the attempt being diagnosed: refusal messages, the close, the HTTP refusal. */
function saidWhereSent(ev: DiagnosisEvidence, facts: Facts): ReasonInterpretation[] {
  const said = [...facts.said];
  const refusal = facts.unexpected ?? (ev.xray && ev.xray.status !== 101 ? ev.xray : undefined);
  if (refusal && typeof refusal.status === 'number') {
    const meaning = readRefusal(refusal.status, refusal.headers, refusal.body).meaning;
    if (meaning) said.push(meaning.interp);
  }
  return said;
}

/**
 * A token reason the server named for the place the token was sent (malformed, signature, exp…): it found
 * a token there, so the place is not what it refused — even if another place happens to pass.
 */
function foundWhereSent(ev: DiagnosisEvidence, facts: Facts): ReasonInterpretation | undefined {
  return saidWhereSent(ev, facts).find((i) => TOKEN_CAUSES.has(i.cause) && i.cause !== 'token-missing');
}

/** "Sent in ?token=, the token was refused: "No Authorization was found in request.headers"" */
function sentInLine(ev: DiagnosisEvidence, facts: Facts, d: TravelDiscovery): string {
  const words = saidWhereSent(ev, facts).find((i) => i.quoted !== '')?.quoted;
  return `Sent in ${d.used.label}, the token was refused${words ? `: ${quote(words, 120)}` : ''}`;
}

/** Adds what travel discovery found to the board (no-op without discovery). */
export function applyTravelDiscovery({ ev, facts, board }: Attempt): void {
  const d = ev.travelDiscovery;
  if (!d) return;
  if (d.attempts.length === 0) {
    board.demote(
      'token-travel-mismatch',
      'low',
      `Not checked: the token was not tried in other places${d.notRun ? ` (${d.notRun})` : ''}`,
    );
    return;
  }
  const sentIn = sentInLine(ev, facts, d);
  const accepted = bestAccepted(d);
  if (accepted) {
    const kind = serverKind(
      [...facts.said.map((i) => i.dialect), ...d.attempts.map((a) => a.dialect)],
      d.protocol,
    );
    const readThere = foundWhereSent(ev, facts);
    // A mismatch guessed from "no token" words ("most likely the query string") gives way to what was found.
    board.drop('token-travel-mismatch');
    if (readThere) {
      // The server read a token where it was sent and named what is wrong with it: that is the lead.
      board.add(
        'token-travel-mismatch',
        'low',
        [
          `The server also accepts this token in ${accepted.label} (${accepted.how}), but where it was sent it read a token and said ${quote(readThere.quoted, 120)}: look at that first`,
          triedLine(d),
        ],
        { fix: travelFix(accepted, d.used, kind), ownFix: true },
      );
      return;
    }
    board.add(
      'token-travel-mismatch',
      'high',
      [
        `The server accepts this token in ${accepted.label} (${accepted.how})`,
        // Its own line: the CLI drops browser-only lines.
        ...(accepted.placement === 'header'
          ? ['A browser cannot send the Authorization header on a WebSocket: that is why the console fails']
          : []),
        sentIn,
        triedLine(d),
      ],
      { boost: 400, fix: travelFix(accepted, d.used, kind), ownFix: true },
    );
    // Unless it never left the browser (not-sent.ts): then "no token" was simply true.
    if (d.usedNotSent !== true)
      board.demote(
        'token-missing',
        'medium',
        `The token did reach the server in ${accepted.label}: see the first cause`,
      );
    return;
  }
  // Where it was sent the server already named the token's fault: the other places only confirm it.
  const found = foundWhereSent(ev, facts) ? undefined : tokenVerdict(d, ev);
  if (found?.cause !== undefined) {
    board.drop('token-travel-mismatch');
    board.add(
      found.cause,
      'high',
      [
        `With the token in ${found.label} the server read it and said ${wordsOf(found)}: the token itself is refused, wherever it travels`,
        ...(samePlace(found, d.used)
          ? []
          : [
              `(The server reads ${found.label}, not ${d.used.label}: send it there once the token is accepted)`,
            ]),
        triedLine(d),
      ],
      { boost: 350 },
    );
    return;
  }
  board.demote(
    'token-travel-mismatch',
    'low',
    'No other place was accepted either: where the token travels is not what the server refuses',
  );
  const top = board.top();
  if (top !== undefined) board.add(top, 'low', [triedLine(d)]);
}
