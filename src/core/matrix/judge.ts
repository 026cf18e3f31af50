// The server auth test matrix, part 2: what a server did with each variant, in words, and whether that is
// what a correct server does (accept only the good token).
import { closeCodeInfo } from '../close-codes.ts';
import { formatDuration } from '../time/relative.ts';
import type { MatrixOutcome, MatrixSummary, MatrixVariant, MatrixVerdict } from './types.ts';

type JudgedVariant = Pick<MatrixVariant, 'id' | 'kind' | 'label' | 'expected' | 'unverified' | 'claim'>;

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

/** What the server did, in words: 'stayed open for 1.5 s', 'opened after 4 ms, then closed 1008 (…) "jwt expired" after 9 ms'. */
export function describeMatrixOutcome(outcome: MatrixOutcome): string {
  switch (outcome.kind) {
    case 'stayed-open': {
      const messages =
        outcome.messages > 0
          ? ` (${outcome.messages} message${outcome.messages === 1 ? '' : 's'} received)`
          : '';
      return `opened after ${ms(outcome.openedAfterMs)} and stayed open for ${formatDuration(outcome.observedMs)}${messages}`;
    }
    case 'closed-after-open':
      return `opened after ${ms(outcome.openedAfterMs)}, then closed ${closeWords(outcome.code, outcome.reason)} after ${ms(outcome.closedAfterMs)}`;
    case 'refused':
      return outcome.code === 1006
        ? `refused at the upgrade: ${outcome.error ? 'error, then ' : ''}close 1006 after ${ms(outcome.closedAfterMs)}, never opened`
        : `closed ${closeWords(outcome.code, outcome.reason)} after ${ms(outcome.closedAfterMs)} without opening`;
    case 'timeout':
      return `no answer to the upgrade within ${ms(outcome.afterMs)}`;
    case 'error':
      return `no socket: ${outcome.message}`;
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

/** Close codes that say "not authorized" as such: 1008 and the private range (4401, 4403, 3000 …). */
function isPolicyClose(code: number): boolean {
  return code === 1008 || (code >= 3000 && code <= 4999);
}

/** Judges one variant: a correct server accepts the good token and keeps it open, and refuses every other one. */
export function judgeMatrixOutcome(variant: JudgedVariant, outcome: MatrixOutcome): MatrixVerdict {
  const observed = describeMatrixOutcome(outcome);
  const verdict = (state: MatrixVerdict['state'], sentence: string): MatrixVerdict => ({
    state,
    observed,
    sentence,
  });
  if (outcome.kind === 'cancelled') return verdict('cancelled', 'Not run: the matrix was cancelled.');
  if (outcome.kind === 'error')
    return verdict('inconclusive', `INCONCLUSIVE: no socket could be opened (${outcome.message}).`);

  const accepted = outcome.kind === 'stayed-open';
  if (variant.expected === 'accept') {
    if (accepted)
      return verdict('pass', 'PASS: the server accepted the good token and kept the connection open.');
    if (outcome.kind === 'timeout')
      return verdict(
        'fail',
        `FAIL: the server did not answer the good token’s upgrade within ${ms(outcome.afterMs)}.`,
      );
    if (variant.unverified) {
      return verdict(
        'inconclusive',
        'INCONCLUSIVE: the server rejected the pasted token, which could not be verified here (no Secret): it may be the token’s fault. Enter the Secret and run again.',
      );
    }
    return verdict(
      'fail',
      `FAIL: the server rejected the good token (${observed}). If the Secret is not the server’s JWT_SECRET, or the Server URL is wrong, fix that first: the other rows mean little until this one passes.`,
    );
  }

  if (accepted) return verdict('fail', `FAIL: the server accepted ${acceptedWhat(variant)}.`);
  if (outcome.kind === 'timeout') {
    return verdict(
      'inconclusive',
      `INCONCLUSIVE: the server never answered the upgrade within ${ms(outcome.afterMs)}. It did not accept the token, but a client cannot tell a rejection from a hang.`,
    );
  }
  if (outcome.kind === 'refused') {
    return verdict(
      'pass',
      outcome.code === 1006
        ? 'PASS: the server refused it at the upgrade.'
        : `PASS: the server refused it (close ${outcome.code}) before opening.`,
    );
  }
  // Opened, then closed within the observation window.
  const name = `${outcome.code} (${closeCodeInfo(outcome.code).name})`;
  if (isPolicyClose(outcome.code))
    return verdict('pass', `PASS: the server rejected it: close ${name} right after opening.`);
  return verdict(
    'pass',
    `PASS: the server closed it (${name}) right after opening — rejected, though not with a policy close (1008) a client can tell from a failure.`,
  );
}

/** The whole matrix in one sentence. */
export function summarizeMatrix(
  rows: ReadonlyArray<{ variant: JudgedVariant; verdict?: MatrixVerdict }>,
): MatrixSummary {
  const judged = rows.filter((r) => r.verdict !== undefined && r.verdict.state !== 'cancelled');
  const passed = judged.filter((r) => r.verdict?.state === 'pass').length;
  const failed = judged.filter((r) => r.verdict?.state === 'fail');
  const inconclusive = judged.filter((r) => r.verdict?.state === 'inconclusive').length;
  const counts = { total: rows.length, passed, failed: failed.length, inconclusive };
  const good = rows.find((r) => r.variant.expected === 'accept');
  if (good?.verdict?.state === 'fail') {
    return {
      ...counts,
      state: 'fail',
      sentence:
        'The server rejected the good token, so the other rows prove little: check that Secret is the server’s JWT_SECRET and that the Server URL is right.',
    };
  }
  const acceptedBad = failed.filter((r) => r.variant.expected === 'reject');
  if (acceptedBad.length > 0) {
    return {
      ...counts,
      state: 'fail',
      sentence: `The server accepted ${acceptedBad.length} token${acceptedBad.length === 1 ? '' : 's'} it must reject: ${acceptedBad.map((r) => r.variant.label).join(', ')}.`,
    };
  }
  if (inconclusive > 0 || judged.length < rows.length) {
    return {
      ...counts,
      state: 'inconclusive',
      sentence: `${passed} of ${rows.length} passed; ${rows.length - passed} could not be judged.`,
    };
  }
  return {
    ...counts,
    state: 'pass',
    sentence: good
      ? `The server accepted only the good token and rejected ${rows.length === 2 ? 'the other one' : `all ${rows.length - 1} others`}.`
      : `The server rejected all ${rows.length} tokens it must reject.`,
  };
}
