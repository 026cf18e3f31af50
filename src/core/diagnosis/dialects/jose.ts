// panva/jose v4-v6: error codes (ERR_*) and messages.
import type { Dialect, ReasonRule } from './rule.ts';
import { group } from './rule.ts';

const JOSE_CLAIMS = 'panva/jose src/lib/jwt_claims_set.ts';
const JOSE_ERRORS = 'panva/jose src/util/errors.ts';

export const JOSE_RULES: readonly ReasonRule[] = [
  {
    dialect: 'jose',
    source: JOSE_CLAIMS,
    pattern: /"iat" claim timestamp check failed \(too far in the past\)/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jose: iat is older than the server's maxTokenAge (JWTExpired).",
    claims: () => ['iat'],
  },
  {
    dialect: 'jose',
    source: JOSE_CLAIMS,
    pattern: /"iat" claim timestamp check failed \(it should be in the past\)/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "jose: iat is in the future by the server's clock.",
    claims: () => ['iat'],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_EXPIRED)`,
    pattern: /err_jwt_expired|"exp" claim timestamp check failed/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jose: exp has passed by the server's clock (ERR_JWT_EXPIRED).",
    claims: () => ['exp'],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /"nbf" claim timestamp check failed/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "jose: nbf is in the future by the server's clock.",
    claims: () => ['nbf'],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /missing required "([^"]+)" claim/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jose: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /"([^"]+)" claim must be a number/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jose: "${group(m, 1)}" must be a number of seconds.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /unexpected "([^"]+)" claim value/i,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `jose: the token's "${group(m, 1)}" is not the value the server expects.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'jose',
    source: JOSE_CLAIMS,
    pattern: /unexpected "typ" jwt header value/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: "jose: the header's typ is not the one the server requires.",
  },
  {
    dialect: 'jose',
    source: `${JOSE_ERRORS} (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)`,
    pattern: /err_jws_signature_verification_failed|signature verification failed/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "jose: the signature does not verify with the server's key.",
  },
  {
    dialect: 'jose',
    source: 'panva/jose src/jws/flattened/verify.ts (ERR_JOSE_ALG_NOT_ALLOWED)',
    pattern: /err_jose_alg_not_allowed|"alg" \(algorithm\) header parameter value not allowed/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "jose: the token's alg is not in the server's algorithms list.",
  },
  {
    dialect: 'jose',
    source: 'panva/jose src/jws/flattened/verify.ts (ERR_JWS_INVALID)',
    pattern: /jws "alg" \(algorithm\) header parameter missing or invalid/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jose: the header has no usable alg.',
  },
  {
    dialect: 'jose',
    source: `${JOSE_ERRORS} (ERR_JWKS_NO_MATCHING_KEY)`,
    pattern: /err_jwks_no_matching_key|no applicable key found in the json web key set/i,
    cause: 'secret-mismatch',
    confidence: 'medium',
    detail:
      "jose: no key in the server's JWKS matches the token's kid/alg: it was signed with a key the server does not know (or an HMAC token reached an RS256/ES256 server).",
  },
  {
    dialect: 'jose',
    source: `${JOSE_ERRORS} (ERR_JOSE_NOT_SUPPORTED)`,
    pattern: /err_jose_not_supported/i,
    cause: 'algorithm-mismatch',
    confidence: 'medium',
    detail: "jose: the token's alg or key type is not supported by the server.",
  },
  {
    dialect: 'jose',
    source: 'panva/jose src/jws/compact/verify.ts, src/util/decode_jwt.ts (ERR_JWS_INVALID, ERR_JWT_INVALID)',
    pattern:
      /err_jws_invalid|err_jwt_invalid|invalid compact jws|compact jws must be a string|invalid jwt claims set|jwts must contain a payload|failed to (base64url decode|parse the decoded) the payload/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jose: the token is not a compact JWS (three base64url parts) — or no token reached the server.',
  },
  {
    dialect: 'jose',
    source: `${JOSE_CLAIMS} (ERR_JWT_CLAIM_VALIDATION_FAILED)`,
    pattern: /err_jwt_claim_validation_failed/i,
    cause: 'missing-claims',
    confidence: 'medium',
    detail: 'jose: a claim check failed (a required claim is missing or has the wrong value).',
  },
];

/** jose's decode message: it contains jsonwebtoken's "jwt must be a string", so it is tried first. */
export const JOSE_DECODE_RULES: readonly ReasonRule[] = [
  {
    dialect: 'jose',
    source: 'panva/jose src/util/decode_jwt.ts, src/jwt/verify.ts (ERR_JWT_INVALID)',
    pattern: /jwts must use compact jws serialization/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jose: what the server received is not a compact JWS string — or no token reached it.',
  },
];

export const JOSE: Dialect = {
  id: 'jose',
  label: 'jose (panva)',
  stack: 'Node',
  repository: 'panva/jose (src/lib/jwt_claims_set.ts, src/util/errors.ts, src/jws/*/verify.ts)',
  rules: [...JOSE_DECODE_RULES, ...JOSE_RULES],
  samples: [
    { text: '"iat" claim timestamp check failed (too far in the past)', cause: 'token-expired' },
    { text: '"iat" claim timestamp check failed (it should be in the past)', cause: 'token-not-yet-valid' },
    { text: '"exp" claim must be a number', cause: 'missing-claims' },
    { text: 'unexpected "typ" JWT header value', cause: 'auth-rejected' },
    { text: 'JWS "alg" (Algorithm) Header Parameter missing or invalid', cause: 'algorithm-mismatch' },
    { text: 'ERR_JOSE_NOT_SUPPORTED', cause: 'algorithm-mismatch' },
    { text: 'ERR_JWT_CLAIM_VALIDATION_FAILED', cause: 'missing-claims' },
    { text: '"exp" claim timestamp check failed', cause: 'token-expired' },
    { text: '"nbf" claim timestamp check failed', cause: 'token-not-yet-valid' },
    { text: 'missing required "userId" claim', cause: 'missing-claims' },
    { text: 'unexpected "aud" claim value', cause: 'token-claims-rejected' },
    { text: 'unexpected "iss" claim value', cause: 'token-claims-rejected' },
    { text: 'signature verification failed', cause: 'secret-mismatch' },
    { text: 'Invalid Compact JWS', cause: 'token-malformed' },
    { text: 'JWTs must use Compact JWS serialization, JWT must be a string', cause: 'token-malformed' },
    { text: '"alg" (Algorithm) Header Parameter value not allowed', cause: 'algorithm-mismatch' },
    { text: 'no applicable key found in the JSON Web Key Set', cause: 'secret-mismatch' },
  ],
};
