// The server auth test matrix, part 3: the whole run in one sentence, with the inconclusive rows counted
// apart and the reason each could not be judged.
import type { JudgedVariant } from './judge.ts';
import type { MatrixInconclusiveReason, MatrixSummary, MatrixVerdict } from './types.ts';

/** Why rows could not be judged, for the summary ('3 inconclusive: nothing answered at that address'). */
const REASON_WORDS: Record<MatrixInconclusiveReason, string> = {
  unreachable: 'nothing answered at that address, so no server was tested',
  timeout: 'no answer to the upgrade in time',
  'server-error': 'the server failed (HTTP 5xx or close 1011–1014), an error unrelated to the token',
  'not-about-the-token': 'refused with an HTTP status that is not about the token (404, 405 …)',
  dropped: 'cut without a close frame while the good token was not accepted',
  'no-evidence': 'never opened, and the page cannot see why',
  'unverified-token': 'the pasted token could not be verified here (no Secret)',
  'no-socket': 'no socket could be made',
  'cannot-send': 'the token could not be sent where it travels from this page',
  'protocol-error': 'the protocol failed (wrong protocol, path or namespace?), not a verdict on the token',
  'no-protocol-answer': 'the protocol never accepted nor refused the first message',
  cancelled: 'not run (cancelled)',
};

function inconclusiveWords(verdicts: readonly MatrixVerdict[]): string {
  const counts = new Map<MatrixInconclusiveReason, number>();
  for (const v of verdicts) {
    const because = v.inconclusiveBecause ?? 'no-evidence';
    counts.set(because, (counts.get(because) ?? 0) + 1);
  }
  return [...counts].map(([because, n]) => `${n} ${REASON_WORDS[because]}`).join('; ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The whole matrix in one sentence; inconclusive rows are counted apart, with why. */
export function summarizeMatrix(
  rows: ReadonlyArray<{ variant: JudgedVariant; verdict?: MatrixVerdict }>,
): MatrixSummary {
  const verdicts = rows.flatMap((r) => (r.verdict ? [r.verdict] : []));
  const passed = verdicts.filter((v) => v.state === 'pass').length;
  const failed = rows.filter((r) => r.verdict?.state === 'fail');
  const unjudged = verdicts.filter((v) => v.state === 'inconclusive');
  const inconclusive = unjudged.length + (rows.length - verdicts.length);
  const counts = { total: rows.length, passed, failed: failed.length, inconclusive };
  const why =
    inconclusive > 0
      ? ` ${plural(inconclusive, 'row')} inconclusive: ${inconclusiveWords(unjudged) || 'not judged'}${rows.length > verdicts.length && unjudged.length > 0 ? `; ${rows.length - verdicts.length} not judged` : ''}.`
      : '';
  const good = rows.find((r) => r.variant.expected === 'accept');
  if (good?.verdict?.state === 'fail') {
    return {
      ...counts,
      state: 'fail',
      sentence: `The server rejected the good token, so the other rows prove little: check that Secret is the server’s JWT_SECRET and that the Server URL is right.${why}`,
    };
  }
  const acceptedBad = failed.filter((r) => r.variant.expected === 'reject');
  if (acceptedBad.length > 0) {
    return {
      ...counts,
      state: 'fail',
      sentence: `The server accepted ${plural(acceptedBad.length, 'token')} it must reject: ${acceptedBad.map((r) => r.variant.label).join(', ')}.${why}`,
    };
  }
  if (inconclusive > 0) {
    return {
      ...counts,
      state: 'inconclusive',
      sentence: `${passed} of ${rows.length} passed; the rest could not be judged.${why}`,
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
