import type { SecretInput, VerifyOutcome } from '../types.ts';
import { decodeBase64url, decodeUtf8Strict } from '../token/base64url.ts';
import { decodeSecret } from './secret.ts';
import { webCryptoAvailability } from './webcrypto.ts';
import { HMAC_ALGORITHMS } from './algorithms.ts';

export { HMAC_ALGORITHMS };

export interface VerifyTokenOptions {
  /** Algorithms to accept. Default: HS256, HS384, HS512. */
  algorithms?: string[];
}

// Algorithms whose signatures are made with a private key: an HMAC secret can never verify them.
const PUBLIC_KEY_ALG = /^(?:RS|PS|ES)\d{3}K?$|^EdDSA$|^Ed25519$|^Ed448$|^ML-DSA-\d+$/;

type HeaderRead = { ok: true; alg: unknown } | { ok: false; message: string };

function readProtectedHeader(token: string): HeaderRead {
  const parts = token.split('.', 6);
  if (parts.length !== 3) {
    const what =
      parts.length === 5
        ? 'an encrypted token (JWE, 5 parts)'
        : `${parts.length} part${parts.length === 1 ? '' : 's'}`;
    return { ok: false, message: `Not a signed JWT: it has ${what}; a JWS has 3 (header.payload.signature)` };
  }
  const decoded = decodeBase64url(parts[0] ?? '');
  if (!decoded.ok) return { ok: false, message: `Not a signed JWT: the header is ${decoded.message}` };
  const text = decodeUtf8Strict(decoded.bytes);
  if (text === null) return { ok: false, message: 'Not a signed JWT: the header is not UTF-8 text' };
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Not a signed JWT: the header is not JSON' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { ok: false, message: 'Not a signed JWT: the header is not a JSON object' };
  }
  return { ok: true, alg: (header as Record<string, unknown>).alg };
}

function joseCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_')) return code;
  }
  return undefined;
}

function fail(code: string, message: string): VerifyOutcome {
  return { ok: false, code, message };
}

/**
 * Checks ONLY the signature of a compact JWS against an HMAC secret (jose compactVerify). Expiry and other
 * claims are deliberately not checked here: the token status reports them. Pass the cleaned token
 * (TokenAnalysis.token). Never throws for bad data; the outcome carries a stable code.
 */
export async function verifyToken(
  token: string,
  secret: SecretInput,
  opts: VerifyTokenOptions = {},
): Promise<VerifyOutcome> {
  if (typeof token !== 'string') throw new TypeError('verifyToken: token must be a string');
  if (
    opts.algorithms !== undefined &&
    (!Array.isArray(opts.algorithms) || opts.algorithms.some((a) => typeof a !== 'string'))
  ) {
    throw new TypeError('verifyToken: opts.algorithms must be an array of strings');
  }
  const header = readProtectedHeader(token);
  if (!header.ok) return fail('ERR_JWS_INVALID', header.message);
  const { alg } = header;
  if (typeof alg !== 'string' || alg === '') {
    return fail('ERR_JWS_INVALID', 'The header has no "alg": a signed token must name its algorithm');
  }
  if (alg.toLowerCase() === 'none') {
    return fail(
      'ERR_ALG_NONE',
      'alg is "none": the token is unsigned, so no secret can verify it, and servers reject it',
    );
  }
  if (PUBLIC_KEY_ALG.test(alg)) {
    return fail(
      'ERR_ALG_NOT_HMAC',
      `this token is signed with ${alg}, a public-key algorithm: a shared secret cannot verify it (the server needs the signer's public key)`,
    );
  }
  const algorithms = opts.algorithms ?? [...HMAC_ALGORITHMS];
  if (!algorithms.includes(alg)) {
    return fail(
      'ERR_JOSE_ALG_NOT_ALLOWED',
      `The token's alg ${alg} is not one of the accepted algorithms (${algorithms.join(', ') || 'none given'})`,
    );
  }
  if (!(HMAC_ALGORITHMS as readonly string[]).includes(alg)) {
    return fail(
      'ERR_JOSE_NOT_SUPPORTED',
      `alg "${alg}" is not an HMAC algorithm this tool can verify (HS256, HS384, HS512)`,
    );
  }
  const key = decodeSecret(secret);
  if (!key.ok) return fail(key.code, key.message);
  const crypto = webCryptoAvailability();
  if (!crypto.ok) return fail(crypto.code, crypto.message);
  try {
    // jose loads on first use: the console's first paint does not wait for it.
    const { compactVerify } = await import('jose');
    await compactVerify(token, key.key, { algorithms: [alg] });
    return { ok: true, alg };
  } catch (error) {
    const code = joseCode(error);
    const detail = error instanceof Error ? error.message : String(error);
    switch (code) {
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return fail(
          code,
          'The signature does not match: this token was not signed with this secret (or it was changed after signing)',
        );
      case undefined:
        return fail('ERR_VERIFY_FAILED', `Verification failed unexpectedly: ${detail}`);
      default:
        return fail(code, detail);
    }
  }
}
