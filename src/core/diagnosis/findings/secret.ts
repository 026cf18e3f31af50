// What the Secret says about the token's signature, and the variant of it that verifies.
import { isWellFormed } from '../../token/analyze.ts';
import type { SecretVariant } from '../../types.ts';
import type { DiagnosisEvidence } from '../types.ts';
import type { Finding } from './local.ts';

/** Sentence and fix step for the secret variant that verifies. */
export const VARIANT_FIX: Readonly<Record<SecretVariant['id'], string>> = {
  'as-given': 'The secret verifies as given.',
  trimmed:
    'This token verifies with the secret trimmed — remove the stray space or newline around JWT_SECRET (in .env or where the signer reads it)',
  unquoted:
    'This token verifies without the surrounding quotes — one side keeps the quotes from .env; remove them',
  'env-line': 'You pasted the whole .env line; the secret is only the part after JWT_SECRET=',
  'base64-decoded':
    "This token verifies if the secret is base64-decoded — the server probably decodes JWT_SECRET (Buffer.from(secret, 'base64')); sign with the decoded bytes, or stop decoding on one side",
  'base64url-decoded':
    'This token verifies if the secret is base64url-decoded — one side decodes JWT_SECRET; make both use it the same way',
  'hex-decoded':
    'This token verifies if the secret is hex-decoded — one side decodes JWT_SECRET from hex; make both use it the same way',
  'utf8-of-base64':
    'This token verifies with the base64 text used as plain text — the signer does not decode JWT_SECRET; choose encoding utf8 (or decode on both sides)',
  'utf8-text': 'This token verifies with the secret read as plain UTF-8 text — choose encoding utf8',
};

export function secretFindings(ev: DiagnosisEvidence): Finding[] {
  const triage = ev.secret;
  // No secret verifies a malformed (e.g. cut) token: that is token-malformed, never a secret mismatch.
  if (triage === undefined || !isWellFormed(ev.token)) return [];
  const given = triage.given;
  if (given.ok) return [];
  const code = given.code.toUpperCase();
  // Not about the secret: no WebCrypto here, a token that is not a JWS, an unexpected failure.
  if (
    code === 'ERR_NO_WEBCRYPTO' ||
    code === 'ERR_VERIFY_FAILED' ||
    /ERR_JW[ST]_INVALID|MALFORMED|ERR_TOKEN/.test(code)
  )
    return [];
  if (/ALG|NOT_SUPPORTED/.test(code)) {
    return [
      {
        cause: 'algorithm-mismatch',
        confidence: 'high',
        kind: 'secret',
        evidence: [
          `Verifying with your ${triage.keyKind === 'public-key' ? 'public key' : 'Secret'} failed: ${given.message}`,
        ],
      },
    ];
  }
  if (/^ERR_SECRET/.test(code)) {
    return [
      {
        cause: 'secret-mismatch',
        confidence: 'medium',
        kind: 'secret',
        evidence: [`The Secret could not be used: ${given.message}`],
      },
    ];
  }
  const alg = ev.token.alg ?? 'HS256';
  const evidence = [
    triage.keyKind === 'public-key'
      ? `The signature does not verify with the public key you entered (${alg}${triage.keyLabel ? `; ${triage.keyLabel}` : ''})`
      : `The signature does not verify with the Secret you entered (${alg})`,
  ];
  const fix: string[] = [];
  if (triage.match) {
    evidence.push(
      `A variant of your Secret verifies it (${triage.match.label}): ${triage.match.explanation}`,
    );
    fix.push(VARIANT_FIX[triage.match.id]);
  } else if (triage.tried.length > 1) {
    evidence.push(
      `No usual variant of it verifies either (tried ${triage.tried.length}: ${triage.tried
        .map((v) => v.variant.label)
        .slice(0, 6)
        .join(', ')}): the token was signed with another secret`,
    );
  }
  for (const note of triage.notes.slice(0, 3)) evidence.push(note);
  return [{ cause: 'secret-mismatch', confidence: 'high', kind: 'secret', evidence, fix }];
}
