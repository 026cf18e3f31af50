// What the token itself says: its form, its algorithm, its time claims (by our clock and, when known, the
// server's), its claims.
import { HMAC_ALGORITHMS } from '../../jws/algorithms.ts';
import { isWellFormed } from '../../token/analyze.ts';
import type { Facts } from '../facts.ts';
import { formatClaimTime } from '../format.ts';
import { formatDuration } from '../format.ts';
import { listWords } from '../format.ts';
import type { DiagnosisEvidence } from '../types.ts';
import type { Finding } from './local.ts';

export const HMAC_ALGS: ReadonlySet<string> = new Set(HMAC_ALGORITHMS);

export function expSeconds(ev: DiagnosisEvidence): number | undefined {
  const t = ev.token.times.exp?.seconds;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  const p = ev.token.payload?.exp;
  return typeof p === 'number' && Number.isFinite(p) ? p : undefined;
}

export function claimSeconds(ev: DiagnosisEvidence, claim: 'iat' | 'nbf' | 'exp'): number | undefined {
  if (claim === 'exp') return expSeconds(ev);
  const t = ev.token.times[claim]?.seconds;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  const p = ev.token.payload?.[claim];
  return typeof p === 'number' && Number.isFinite(p) ? p : undefined;
}

/** The token's form: empty, an encrypted JWE, or not three base64url parts. */
function formFindings(ev: DiagnosisEvidence, facts: Facts): Finding[] {
  const out: Finding[] = [];
  const t = ev.token;
  const param = ev.paramName || 'token';

  if (t.format === 'empty' || t.token === '') {
    const pasted = t.input.trim() !== '';
    // A first screen invites: an empty field before Connect is not yet a problem.
    if (!pasted && !facts.attempted) return out;
    out.push({
      cause: 'token-missing',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        pasted
          ? `Nothing is left of what was pasted into Token after cleaning (${listWords(t.cleanups.map((c) => c.message)) || 'no token text'})`
          : `The Token field is empty: the Connection URL carries ?${param}= with nothing after it`,
      ],
    });
    return out;
  }

  const errors = t.problems.filter((p) => p.severity === 'error');
  const problemLines = errors.slice(0, 3).map((p) => (p.detail ? `${p.message} (${p.detail})` : p.message));
  if (t.format === 'jwe') {
    out.push({
      cause: 'token-malformed',
      confidence: 'high',
      kind: 'token',
      evidence:
        problemLines.length > 0
          ? problemLines
          : [
              'The token has 5 parts: an encrypted JWE, not a signed JWT (servers calling jwt.verify expect 3)',
            ],
    });
  } else if (t.format === 'malformed' || !isWellFormed(t)) {
    out.push({
      cause: 'token-malformed',
      confidence: 'high',
      kind: 'token',
      evidence:
        problemLines.length > 0
          ? problemLines
          : [
              `The token is not three base64url parts separated by dots (${t.token.split('.').length} part(s) found)`,
            ],
    });
  }
  return out;
}

/** The algorithm: "none", unknown, or asymmetric while an HMAC secret is given. */
function algorithmFindings(ev: DiagnosisEvidence, codes: ReadonlySet<string>, out: Finding[]): void {
  const t = ev.token;
  const alg = t.alg ?? (typeof t.header?.alg === 'string' ? t.header.alg : undefined);
  // Algorithm.
  if (alg !== undefined && alg.toLowerCase() === 'none') {
    out.push({
      cause: 'algorithm-mismatch',
      confidence: 'high',
      kind: 'token',
      evidence: [
        `alg = "${alg}": an unsigned token; verifying servers refuse it (jsonwebtoken words it "jwt signature is required")`,
      ],
    });
  } else if (alg !== undefined && codes.has('WARN_ALG_UNKNOWN')) {
    out.push({
      cause: 'algorithm-mismatch',
      confidence: 'medium',
      kind: 'token',
      evidence: [`alg = "${alg}" is not a JWS algorithm servers know`],
    });
  } else if (
    alg !== undefined &&
    ev.secret !== undefined &&
    ev.secret.keyKind !== 'public-key' &&
    alg.toLowerCase() !== 'none' &&
    !HMAC_ALGS.has(alg)
  ) {
    out.push({
      cause: 'algorithm-mismatch',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        `alg = "${alg}", but Secret holds an HMAC secret: ${alg} is verified with a public key, and a server verifying with JWT_SECRET (HS256) refuses it`,
      ],
    });
  }
}

/** exp, nbf and iat by our clock, and by the server's when GET /health told us its time. */
function timeFindings(
  ev: DiagnosisEvidence,
  facts: Facts,
  now: number,
  codes: ReadonlySet<string>,
  out: Finding[],
): void {
  const t = ev.token;
  // Time claims.
  const leeway = Math.max(0, ev.leewaySeconds || 0);
  const leewayNote = leeway > 0 ? ` (leeway ${leeway} s)` : '';
  const exp = expSeconds(ev);
  const nbf = claimSeconds(ev, 'nbf');
  const iat = claimSeconds(ev, 'iat');
  const skewLine =
    facts.skew && Math.abs(facts.skew.skewMs) > Math.max(1000, leeway * 1000)
      ? facts.skew.sentence
      : undefined;
  if (t.status === 'expired' && exp !== undefined) {
    out.push({
      cause: 'token-expired',
      confidence: 'high',
      kind: 'token',
      evidence: [
        `${formatClaimTime('exp', exp, now)}: the token expired ${formatDuration(exp * 1000 - now)} ago by your clock${leewayNote}`,
        ...(skewLine ? [skewLine] : []),
      ],
    });
  } else if (t.status === 'not-yet-valid') {
    const claim = nbf !== undefined && nbf * 1000 > now ? 'nbf' : 'iat';
    const value = claim === 'nbf' ? nbf : iat;
    out.push({
      cause: 'token-not-yet-valid',
      confidence: 'high',
      kind: 'token',
      evidence: [
        value !== undefined
          ? `${formatClaimTime(claim, value, now)}: not valid for another ${formatDuration(value * 1000 - now)}${leewayNote}`
          : 'nbf is in the future',
        ...(skewLine ? [skewLine] : []),
      ],
    });
  } else if (codes.has('WARN_IAT_IN_FUTURE') && iat !== undefined && iat * 1000 > now + leeway * 1000) {
    out.push({
      cause: 'token-not-yet-valid',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        `${formatClaimTime('iat', iat, now)}: issued in the future — the signer's clock is ahead; strict servers refuse it`,
      ],
    });
  }
  // The server's clock, when it told us: a token valid here may be expired there.
  if (facts.skew && Math.abs(facts.skew.skewMs) > leeway * 1000 + 1000) {
    const serverNow = now + facts.skew.skewMs;
    if (t.status !== 'expired' && exp !== undefined && exp * 1000 + leeway * 1000 <= serverNow) {
      out.push({
        cause: 'token-expired',
        confidence: 'medium',
        kind: 'token',
        evidence: [
          `${formatClaimTime('exp', exp, now)}: valid by your clock, but expired by the server's — ${facts.skew.sentence}`,
        ],
      });
    }
    if (t.status !== 'not-yet-valid' && nbf !== undefined && nbf * 1000 - leeway * 1000 > serverNow) {
      out.push({
        cause: 'token-not-yet-valid',
        confidence: 'medium',
        kind: 'token',
        evidence: [
          `${formatClaimTime('nbf', nbf, now)}: valid by your clock, but not yet by the server's — ${facts.skew.sentence}`,
        ],
      });
    }
  }
}

/** Required claims absent, or of the wrong type. */
function claimFindings(ev: DiagnosisEvidence, out: Finding[]): void {
  const t = ev.token;
  // Claims.
  if (t.missingClaims.length > 0) {
    out.push({
      cause: 'missing-claims',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        `The payload lacks ${listWords(t.missingClaims)} (required: ${t.requiredClaims.join(', ')})`,
      ],
    });
  }
  const typeProblems = t.problems.filter((p) => p.code === 'WARN_CLAIM_TYPE');
  if (typeProblems.length > 0) {
    out.push({
      cause: 'missing-claims',
      confidence: 'medium',
      kind: 'token',
      evidence: typeProblems.map((p) => p.message),
    });
  }
}

export function tokenFindings(ev: DiagnosisEvidence, facts: Facts, now: number): Finding[] {
  const out = formFindings(ev, facts);
  // A malformed token is said once: its time, claim and signature findings would only contradict it.
  if (out.length > 0 || !isWellFormed(ev.token)) return out;
  const codes = new Set<string>(ev.token.problems.map((p) => p.code));
  algorithmFindings(ev, codes, out);
  timeFindings(ev, facts, now, codes, out);
  claimFindings(ev, out);
  return out;
}
