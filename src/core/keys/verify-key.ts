// Verifies a token's signature with a public key (PEM, X.509, JWK, JWKS), and shapes the result like the
// secret triage so the diagnosis engine reads both the same way.
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { SecretTriage, VerifyOutcome } from '../types.ts';
import { importVerificationKey } from './import-key.ts';
import type { KeyInfo, KeyProblem } from './types.ts';

export type KeyVerifyOutcome = VerifyOutcome & {
  /** The key used (JWKS: the picked member), when the text could be read. */
  info?: KeyInfo;
  /** Everything worth telling about the key: warnings (no armour, a private key given…) and notes. */
  problems: KeyProblem[];
  /** false: the key itself could not be used, so the outcome says nothing about the token. */
  keyUsable: boolean;
};

/** Codes where the key is fine but does not match this token: they say something about the token. */
const TOKEN_RELATED = new Set([
  'ERR_KEY_ALG_MISMATCH',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_ALG_NONE',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
]);

function fail(
  code: string,
  message: string,
  problems: KeyProblem[],
  keyUsable: boolean,
  info?: KeyInfo,
): KeyVerifyOutcome {
  return { ok: false, code, message, problems, keyUsable, ...(info ? { info } : {}) };
}

function readHeader(
  token: string,
): { ok: true; alg: unknown; kid: unknown } | { ok: false; message: string } {
  const parts = token.split('.');
  if (parts.length !== 3)
    return {
      ok: false,
      message: `Not a signed JWT: it has ${parts.length} part${parts.length === 1 ? '' : 's'}; a JWS has 3 (header.payload.signature)`,
    };
  try {
    const header = decodeProtectedHeader(token);
    return { ok: true, alg: header.alg, kid: header.kid };
  } catch {
    return { ok: false, message: 'Not a signed JWT: the header is not base64url-encoded JSON' };
  }
}

/**
 * Checks ONLY the signature of a compact JWS with a public key given as text: a PEM public key (SPKI), an
 * X.509 certificate, a JWK, or a JWKS (the member is picked by the token's kid). Expiry and claims are not
 * checked here (the token status reports them). Never throws for bad data.
 */
export async function verifyWithKey(token: string, keyText: string): Promise<KeyVerifyOutcome> {
  if (typeof token !== 'string' || typeof keyText !== 'string')
    throw new TypeError('verifyWithKey: token and keyText must be strings');
  const header = readHeader(token);
  if (!header.ok) return fail('ERR_JWS_INVALID', header.message, [], true);
  const { alg } = header;
  if (typeof alg !== 'string' || alg === '')
    return fail(
      'ERR_JWS_INVALID',
      'The header has no "alg": a signed token must name its algorithm',
      [],
      true,
    );
  if (alg.toLowerCase() === 'none') {
    return fail(
      'ERR_ALG_NONE',
      'alg is "none": the token is unsigned, so no key can verify it, and servers reject it',
      [],
      true,
    );
  }
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const imported = await importVerificationKey(keyText, alg, kid === undefined ? {} : { kid });
  if (!imported.ok)
    return fail(
      imported.code,
      imported.message,
      imported.problems,
      TOKEN_RELATED.has(imported.code),
      imported.info,
    );
  const { problems, info } = imported;
  let lastError: unknown;
  for (const key of imported.candidates) {
    try {
      await compactVerify(token, key, { algorithms: [alg] });
      return { ok: true, alg, info, problems, keyUsable: true };
    } catch (error) {
      lastError = error;
    }
  }
  const code =
    typeof lastError === 'object' &&
    lastError !== null &&
    'code' in lastError &&
    typeof lastError.code === 'string'
      ? lastError.code
      : 'ERR_VERIFY_FAILED';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
    const which =
      imported.candidates.length > 1
        ? `any of the ${imported.candidates.length} matching JWKS keys`
        : `this key (${info.label})`;
    return fail(
      code,
      `The signature does not match ${which}: the token was signed with another private key (or changed after signing)`,
      problems,
      true,
      info,
    );
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  return fail(code, `Verification failed: ${detail}`, problems, false, info);
}

/**
 * The public-key check shaped like a secret triage (given, tried: [], notes), so the diagnosis engine's
 * secret-mismatch / algorithm-mismatch rules read it as they read the secret's.
 */
export async function triageKey(token: string, keyText: string): Promise<SecretTriage> {
  return keyOutcomeToTriage(await verifyWithKey(token, keyText));
}

/** A public-key outcome as a SecretTriage (see triageKey). */
export function keyOutcomeToTriage(outcome: KeyVerifyOutcome): SecretTriage {
  const given: VerifyOutcome = outcome.ok
    ? { ok: true, alg: outcome.alg }
    : { ok: false, code: outcome.code, message: outcome.message };
  const notes = outcome.problems
    .filter((p) => p.severity !== 'error' && p.code !== 'INFO_JWKS_PICKED')
    .map((p) => p.message);
  return {
    given,
    tried: [],
    notes,
    keyKind: 'public-key',
    keyUsable: outcome.keyUsable,
    ...(outcome.info ? { keyLabel: outcome.info.label } : {}),
  };
}
