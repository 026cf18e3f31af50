// The server auth test matrix, part 2: what a server did with each variant, in words, and whether that is
// what a correct server does (accept only the good token). A test tool never passes what it could not test:
// unreachable, a timeout, or an error unrelated to the token is inconclusive, never pass.
import { closeCodeInfo } from '../close-codes/index.ts';
import { readRefusal } from '../diagnosis/refusal.ts';
import { TOKEN_CAUSES } from '../diagnosis/types.ts';
import type { ProtocolOutcome } from '../protocol/types.ts';
import { formatDuration } from '../time/relative.ts';
import type {
  MatrixInconclusiveReason,
  MatrixJudgeContext,
  MatrixOutcome,
  MatrixUpgradeEvidence,
  MatrixVariant,
  MatrixVerdict,
} from './types.ts';

export type JudgedVariant = Pick<
  MatrixVariant,
  'id' | 'kind' | 'label' | 'expected' | 'unverified' | 'claim'
>;

function ms(value: number): string {
  return `${Math.max(0, Math.round(value))} ms`;
}

/** A close reason for a sentence: quoted, control characters escaped, at most 123 characters. */
function quoteReason(reason: string): string {
  const visible = reason.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return JSON.stringify(visible.length > 123 ? `${visible.slice(0, 122)}…` : visible);
}

function closeWords(code: number, reason: string): string {
  const name = closeCodeInfo(code).name;
  return `${code} (${name})${reason !== '' ? ` ${quoteReason(reason)}` : ''}`;
}

function httpWords(e: { status: number; statusText: string }): string {
  return `HTTP ${e.status}${e.statusText !== '' ? ` ${quoteReason(e.statusText).slice(1, -1)}` : ''}`;
}

function evidenceWords(upgrade: MatrixUpgradeEvidence | undefined): string {
  switch (upgrade?.kind) {
    case 'http':
      return upgrade.status === 101
        ? '; repeated from Node, it opened'
        : `; the x-ray saw ${httpWords(upgrade)}`;
    case 'unreachable':
      return `; nothing answered there (${upgrade.detail})`;
    case 'reachable':
      return '; the host answers HTTP, the upgrade’s status is hidden from the page';
    default:
      return '';
  }
}

const ANSWER_WORDS: Record<ProtocolOutcome['kind'], string> = {
  authenticated: 'accepted the token',
  'auth-refused': 'refused it',
  'protocol-error': 'failed',
};

/** What the server did, in words: 'stayed open for 1.5 s', 'opened after 4 ms, then closed 1008 (…) "jwt expired" after 9 ms'. */
export function describeMatrixOutcome(outcome: MatrixOutcome): string {
  switch (outcome.kind) {
    case 'stayed-open': {
      const messages =
        outcome.messages > 0
          ? ` (${outcome.messages} message${outcome.messages === 1 ? '' : 's'} received)`
          : '';
      const silent = outcome.protocol !== undefined ? `; ${outcome.protocol} never accepted nor refused` : '';
      return `opened after ${ms(outcome.openedAfterMs)} and stayed open for ${formatDuration(outcome.observedMs)}${messages}${silent}`;
    }
    case 'closed-after-open':
      return `opened after ${ms(outcome.openedAfterMs)}, then closed ${closeWords(outcome.code, outcome.reason)} after ${ms(outcome.closedAfterMs)}`;
    case 'refused':
      return (
        (outcome.code === 1006
          ? `never opened: ${outcome.error ? 'error, then ' : ''}close 1006 after ${ms(outcome.closedAfterMs)}`
          : `closed ${closeWords(outcome.code, outcome.reason)} after ${ms(outcome.closedAfterMs)} without opening`) +
        evidenceWords(outcome.upgrade)
      );
    case 'answered':
      return `opened after ${ms(outcome.openedAfterMs)}; ${outcome.protocol} ${ANSWER_WORDS[outcome.outcome.kind]} after ${ms(outcome.answeredAfterMs)}: ${outcome.outcome.summary}`;
    case 'timeout':
      return `no answer to the upgrade within ${ms(outcome.afterMs)}`;
    case 'error':
      return `no socket: ${outcome.message}`;
    case 'not-sent':
      return `not sent: ${outcome.message}`;
    case 'cancelled':
      return 'cancelled before it ran';
  }
}

/** What accepting this variant means, for 'FAIL: the server accepted …'. */
function acceptedWhat(variant: JudgedVariant): string {
  switch (variant.kind) {
    case 'expired':
      return 'an expired token';
    case 'wrong-secret':
      return 'a token signed with another secret';
    case 'missing-claim':
      return `a token without the required claim ${JSON.stringify(variant.claim ?? variant.label)}`;
    case 'alg-none':
      return 'an unsigned token (alg: none)';
    case 'nbf-future':
      return 'a token that is not valid yet (nbf in the future)';
    case 'tampered-payload':
      return 'a token whose payload was changed after signing';
    case 'good':
      return 'the good token';
  }
}

/** HTTP answers to an upgrade that are about the credentials; any other refusal is not about the token. */
const AUTH_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 407]);

/** How a socket ended, as far as the token is concerned. */
type Ending =
  | { kind: 'accepted' }
  /** Refused for its token: an auth status at the upgrade, a policy close (1008, 3000–4999) after open. */
  | { kind: 'refused'; how: string; caveat?: string }
  /** Refused, but the page cannot see why: a pass only when the good token got through. */
  | { kind: 'refused-unseen'; how: string; because: MatrixInconclusiveReason }
  /** Ended by something unrelated to the token. */
  | { kind: 'unrelated'; how: string; because: MatrixInconclusiveReason };

function refusalEnding(upgrade: MatrixUpgradeEvidence | undefined): Ending {
  if (upgrade?.kind === 'http') {
    const how = ` at the upgrade (${httpWords(upgrade)})`;
    if (AUTH_STATUSES.has(upgrade.status)) return { kind: 'refused', how };
    // Another status whose words name the token's fault is a refusal of the token, badly signalled.
    const said =
      upgrade.status >= 400 ? readRefusal(upgrade.status, upgrade.headers, upgrade.body).meaning : undefined;
    if (said !== undefined && TOKEN_CAUSES.has(said.interp.cause) && said.interp.quoted !== '')
      return {
        kind: 'refused',
        how: ` at the upgrade (${httpWords(upgrade)}: ${quoteReason(said.interp.quoted)})`,
        caveat: ` — for its token, though with HTTP ${upgrade.status}, not 401/403: a client reading the status takes it for ${upgrade.status >= 500 ? 'a server failure' : 'another error'}`,
      };
    if (upgrade.status >= 500) return { kind: 'unrelated', how, because: 'server-error' };
    return { kind: 'unrelated', how, because: 'not-about-the-token' };
  }
  if (upgrade?.kind === 'unreachable')
    return { kind: 'unrelated', how: `: nothing answered there (${upgrade.detail})`, because: 'unreachable' };
  if (upgrade?.kind === 'reachable')
    return { kind: 'refused-unseen', how: ' at the upgrade', because: 'no-evidence' };
  return { kind: 'unrelated', how: ' before opening', because: 'no-evidence' };
}

const SERVER_ERROR_CLOSES: ReadonlySet<number> = new Set([1011, 1012, 1013, 1014]);

function closeEnding(code: number): Ending {
  const how = `: close ${code} (${closeCodeInfo(code).name}) right after opening`;
  if (code === 1008 || (code >= 3000 && code <= 4999)) return { kind: 'refused', how };
  if (SERVER_ERROR_CLOSES.has(code)) return { kind: 'unrelated', how, because: 'server-error' };
  if (code === 1006)
    return {
      kind: 'refused-unseen',
      how: ': cut without a close frame right after opening',
      because: 'dropped',
    };
  return {
    kind: 'refused',
    how,
    caveat: ' — rejected, though not with a policy close (1008) a client can tell from a failure',
  };
}

/** What the protocol's own answer means for the token: it decides over "the socket stayed open". */
function answerEnding(outcome: Extract<MatrixOutcome, { kind: 'answered' }>): Ending {
  const how = `: ${outcome.protocol} ${outcome.outcome.summary}`;
  if (outcome.outcome.kind === 'authenticated') return { kind: 'accepted' };
  if (outcome.outcome.kind === 'auth-refused') return { kind: 'refused', how };
  return { kind: 'unrelated', how, because: 'protocol-error' };
}

function endingOf(
  outcome: Exclude<MatrixOutcome, { kind: 'cancelled' | 'error' | 'timeout' | 'not-sent' }>,
): Ending {
  if (outcome.kind === 'answered') return answerEnding(outcome);
  // A protocol that never answered its first message has not said whether it takes the token.
  if (outcome.kind === 'stayed-open' && outcome.protocol !== undefined)
    return {
      kind: 'unrelated',
      how: `: open, but ${outcome.protocol} never answered the first message`,
      because: 'no-protocol-answer',
    };
  if (outcome.kind === 'stayed-open') return { kind: 'accepted' };
  if (outcome.kind === 'refused') return refusalEnding(outcome.upgrade);
  return closeEnding(outcome.code);
}

const UNRELATED_WORDS: Record<MatrixInconclusiveReason, string> = {
  unreachable: 'no server was tested',
  timeout: 'a client cannot tell a rejection from a hang',
  'server-error': 'the server failed, an error unrelated to the token',
  'not-about-the-token': 'a refusal that is not about the token (wrong path or method?)',
  dropped: 'a crash and a rejection look the same',
  'no-evidence': 'the page cannot see why (under npm start the x-ray can)',
  'unverified-token': 'the token may be at fault',
  'no-socket': 'nothing was sent',
  'cannot-send': 'nothing was sent',
  'protocol-error': 'a protocol error, not a verdict on the token (wrong protocol, path or namespace?)',
  'no-protocol-answer': 'a server that neither accepts nor refuses has not judged the token',
  cancelled: 'not run',
};

/** Whether the server accepted the token: kept it open (a plain socket), or its protocol acknowledged it. */
export function matrixAccepted(outcome: MatrixOutcome | undefined): boolean {
  if (outcome?.kind === 'answered') return outcome.outcome.kind === 'authenticated';
  return outcome?.kind === 'stayed-open' && outcome.protocol === undefined;
}

/**
 * Judges one variant: a correct server accepts the good token and keeps it open, and refuses every other
 * one for its token. `context.goodAccepted` lets a refusal the page cannot see into count as one.
 */
export function judgeMatrixOutcome(
  variant: JudgedVariant,
  outcome: MatrixOutcome,
  context: MatrixJudgeContext = {},
): MatrixVerdict {
  const observed = describeMatrixOutcome(outcome);
  const pass = (sentence: string): MatrixVerdict => ({ state: 'pass', observed, sentence });
  const fail = (sentence: string): MatrixVerdict => ({ state: 'fail', observed, sentence });
  const inconclusive = (because: MatrixInconclusiveReason, sentence: string): MatrixVerdict => ({
    state: 'inconclusive',
    inconclusiveBecause: because,
    observed,
    sentence: `INCONCLUSIVE: ${sentence}`,
  });
  if (outcome.kind === 'cancelled') return inconclusive('cancelled', 'not run, the matrix was cancelled.');
  if (outcome.kind === 'error')
    return inconclusive('no-socket', `no socket could be opened (${outcome.message}).`);
  if (outcome.kind === 'not-sent') return inconclusive('cannot-send', `${outcome.message}`);
  if (outcome.kind === 'timeout') {
    return inconclusive(
      'timeout',
      `the server never answered the upgrade within ${ms(outcome.afterMs)}: ${UNRELATED_WORDS.timeout}.`,
    );
  }
  const ending = endingOf(outcome);
  if (ending.kind === 'unrelated' && (ending.because !== 'server-error' || variant.expected === 'reject'))
    return inconclusive(ending.because, `the socket ended${ending.how}: ${UNRELATED_WORDS[ending.because]}.`);

  if (variant.expected === 'accept') {
    if (ending.kind === 'accepted')
      return pass('PASS: the server accepted the good token and kept the connection open.');
    if (variant.unverified) {
      return inconclusive(
        'unverified-token',
        'the server rejected the pasted token, which could not be verified here (no Secret): it may be the token’s fault. Enter the Secret and run again.',
      );
    }
    // A 5xx or a 1011 on the good token is still the server refusing it: fail, not "unrelated".
    return fail(
      `FAIL: the server rejected the good token${ending.how}. If the Secret is not the server’s JWT_SECRET, or the Server URL is wrong, fix that first: the other rows mean little until this one passes.`,
    );
  }

  if (ending.kind === 'accepted') return fail(`FAIL: the server accepted ${acceptedWhat(variant)}.`);
  if (ending.kind === 'refused-unseen') {
    if (context.goodAccepted === true)
      return pass(`PASS: the server refused it${ending.how}, while it accepted the good token.`);
    return inconclusive(
      ending.because,
      `refused${ending.how}, and the good token was not accepted either: ${UNRELATED_WORDS[ending.because]}.`,
    );
  }
  const caveat = ending.kind === 'refused' ? (ending.caveat ?? '') : '';
  return pass(`PASS: the server rejected it${ending.how}${caveat}.`);
}
