// A server that let in a token no verifying server accepts. When the socket opened and stayed open, a local
// finding such as "the signature does not verify with your Secret" is not the failure: the server's
// acceptance is the news. Said first, so the top of the diagnosis never blames a token the server took.
import { isWellFormed } from '../token/analyze.ts';
import type { Confidence, DiagnosisEvidence } from './types.ts';

export interface LaxServerFinding {
  confidence: Confidence;
  evidence: string[];
}

/** Codes of a verification that failed for a reason other than the key itself. */
const NOT_ABOUT_THE_KEY =
  /ALG|NOT_SUPPORTED|ERR_JW[ST]_INVALID|ERR_NO_WEBCRYPTO|ERR_VERIFY_FAILED|^ERR_SECRET/i;

/** What the accepted token is that a verifying server refuses, or undefined when it is a fine token. */
export function laxServerFinding(ev: DiagnosisEvidence): LaxServerFinding | undefined {
  const t = ev.token;
  const accepted = 'The socket opened and the server did not refuse it';
  if (t.format !== 'empty' && !isWellFormed(t)) {
    const why = t.problems.find((p) => p.severity === 'error')?.message ?? 'it is not a compact JWS';
    return {
      confidence: 'high',
      evidence: [
        `${accepted}, yet the token is malformed (${why}): a server that verifies tokens refuses it`,
        'So the server does not verify the token (it decodes it, or ignores it): any token gets in',
      ],
    };
  }
  if (t.alg !== undefined && t.alg.toLowerCase() === 'none') {
    return {
      confidence: 'high',
      evidence: [
        `${accepted}, yet the token is unsigned (alg = "${t.alg}"): anyone can forge such a token`,
        'So the server does not verify signatures: any token gets in',
      ],
    };
  }
  const triage = ev.secret;
  if (triage === undefined || triage.given.ok || triage.match || NOT_ABOUT_THE_KEY.test(triage.given.code))
    return undefined;
  const key = triage.keyKind === 'public-key' ? 'the public key you entered' : 'your Secret';
  return {
    confidence: 'medium',
    evidence: [
      `${accepted}, yet the token does not verify with ${key} (${t.alg ?? 'HS256'})`,
      `Either the server does not verify signatures (any token gets in), or it verifies with another key than ${key} — Run test matrix tells the two apart`,
    ],
  };
}
