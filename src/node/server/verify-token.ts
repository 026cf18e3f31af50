// How the reference server judges a token: jose does the cryptography, and the failures are worded the way
// jsonwebtoken (the library the guide's server uses) words them, because those are the close reasons people
// actually see and paste into search engines.
import { jwtVerify } from 'jose';

/** RFC 6455: a close frame's reason is at most 123 bytes of UTF-8. */
export const MAX_CLOSE_REASON_BYTES = 123;

/** The guide's required payload fields. */
export const DEFAULT_REQUIRED_CLAIMS: readonly string[] = ['userId', 'role', 'iat', 'exp'];

/** Stable codes for why a token was refused (tests assert these; the reason text is for humans). */
export type ServerAuthFailure =
  | 'no-token'
  | 'malformed'
  | 'signature-required'
  | 'no-secret'
  | 'invalid-algorithm'
  | 'invalid-signature'
  | 'expired'
  | 'not-active'
  | 'invalid-claim'
  | 'missing-claims'
  | 'invalid-token';

export type ServerVerifyResult =
  | { ok: true; payload: Record<string, unknown>; alg: string; expiredAccepted: boolean }
  | { ok: false; code: ServerAuthFailure; reason: string };

export interface ServerVerifyOptions {
  /** The key bytes (already decoded: UTF-8 of JWT_SECRET, or its base64 decoding). */
  secret: Uint8Array;
  algorithms: readonly string[];
  requiredClaims: readonly string[];
  /** Epoch milliseconds. */
  now: number;
  /** Accept a token whose only fault is an `exp` in the past (the lax `accept-expired` server). */
  ignoreExpiration?: boolean;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Cut `text` to at most `maxBytes` bytes of UTF-8 without splitting a character; an ellipsis marks the cut.
 * A close reason longer than 123 bytes makes `ws` throw, and a browser refuses one.
 */
export function truncateUtf8(text: string, maxBytes: number = MAX_CLOSE_REASON_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return bytes.toString('utf8');
  const ellipsis = maxBytes >= 3 ? '…' : '';
  let end = maxBytes - Buffer.byteLength(ellipsis);
  // Back off over continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8') + ellipsis;
}

function fail(code: ServerAuthFailure, reason: string): ServerVerifyResult {
  return { ok: false, code, reason: truncateUtf8(reason) };
}

function decodeSegmentObject(segment: string): Record<string, unknown> | undefined {
  if (segment.length === 0 || !BASE64URL.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Reads the header without verifying anything; for logs (alg only) and for lax modes. */
export function peekTokenHeader(token: string): Record<string, unknown> | undefined {
  const first = token.split('.', 1)[0];
  return first === undefined ? undefined : decodeSegmentObject(first);
}

/** Reads the payload without verifying anything (the `accept-any` server). */
export function peekTokenPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  return parts.length === 3 && parts[1] !== undefined ? decodeSegmentObject(parts[1]) : undefined;
}

export function missingClaims(payload: Record<string, unknown>, required: readonly string[]): string[] {
  return required.filter((claim) => !Object.hasOwn(payload, claim) || payload[claim] === null);
}

interface JoseLikeError {
  code?: unknown;
  claim?: unknown;
  reason?: unknown;
  payload?: unknown;
}

/**
 * Verify `token` the way the guide's server does (jsonwebtoken's order of checks, jose underneath), then
 * check the required claims. Never throws: every failure is a coded result.
 */
export async function verifyServerToken(
  token: string | null | undefined,
  options: ServerVerifyOptions,
): Promise<ServerVerifyResult> {
  if (token === null || token === undefined || token === '') return fail('no-token', 'No token provided');

  // jsonwebtoken decodes before it verifies, so structural junk is "jwt malformed", not "invalid signature".
  const parts = token.split('.');
  if (parts.length !== 3) return fail('malformed', 'jwt malformed');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeSegmentObject(headerPart);
  const payload = decodeSegmentObject(payloadPart);
  if (header === undefined || payload === undefined || !BASE64URL.test(signaturePart)) {
    return fail('malformed', 'jwt malformed');
  }
  if (signaturePart === '') return fail('signature-required', 'jwt signature is required');
  if (options.secret.length === 0) return fail('no-secret', 'secret or public key must be provided');

  const alg = header.alg;
  if (typeof alg !== 'string' || !options.algorithms.includes(alg))
    return fail('invalid-algorithm', 'invalid algorithm');
  // The server holds an HMAC secret only: an allowed asymmetric alg (rs256-only) can never verify here.
  if (!alg.startsWith('HS')) return fail('invalid-signature', 'invalid signature');

  let verified: Record<string, unknown>;
  let expiredAccepted = false;
  try {
    const result = await jwtVerify(token, options.secret, {
      algorithms: [...options.algorithms],
      currentDate: new Date(options.now),
    });
    verified = result.payload as Record<string, unknown>;
  } catch (error) {
    const e = (typeof error === 'object' && error !== null ? error : {}) as JoseLikeError;
    switch (e.code) {
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return fail('invalid-signature', 'invalid signature');
      case 'ERR_JOSE_ALG_NOT_ALLOWED':
        return fail('invalid-algorithm', 'invalid algorithm');
      case 'ERR_JWS_INVALID':
      case 'ERR_JWT_INVALID':
        return fail('malformed', 'jwt malformed');
      case 'ERR_JWT_EXPIRED':
        // jose checks claims only after the signature verified, and nbf before exp: nothing else is wrong.
        if (
          options.ignoreExpiration === true &&
          e.claim === 'exp' &&
          typeof e.payload === 'object' &&
          e.payload !== null
        ) {
          verified = e.payload as Record<string, unknown>;
          expiredAccepted = true;
          break;
        }
        return fail('expired', 'jwt expired');
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        if (e.reason === 'invalid' && typeof e.claim === 'string')
          return fail('invalid-claim', `invalid ${e.claim} value`);
        if (e.claim === 'nbf') return fail('not-active', 'jwt not active');
        return fail(
          'invalid-claim',
          typeof e.claim === 'string' ? `jwt ${e.claim} invalid` : 'invalid token',
        );
      default:
        return fail('invalid-token', 'invalid token');
    }
  }

  const missing = missingClaims(verified, options.requiredClaims);
  if (missing.length > 0) return fail('missing-claims', `Missing required claims: ${missing.join(', ')}`);
  return { ok: true, payload: verified, alg, expiredAccepted };
}
