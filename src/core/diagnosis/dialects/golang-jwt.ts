// golang-jwt/jwt v4 and v5: the error strings a Go server forwards (http.Error(w, err.Error(), 401), a close
// reason). v4 (Debian's golang-github-golang-jwt-jwt-dev) returns the bare inner error ("signature is
// invalid", "token is expired by 1h0m0s", MapClaims' capitalised "Token is expired"); v5 joins a category and
// a detail ("token signature is invalid: signature is invalid", "token has invalid claims: token is
// expired"). Read from errors.go, parser.go, validator.go, hmac.go, claims.go and map_claims.go (v4 and v5).
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const V4V5 = 'golang-jwt/jwt errors.go (v4 and v5)';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'golang-jwt',
    source: 'golang-jwt/jwt parser.go (v4 NewValidationError, v5 newError(…, ErrTokenSignatureInvalid))',
    pattern: /signing method (\S+) is invalid/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: (m) =>
      `golang-jwt: the token's alg ${group(m, 1)} is not one the server's parser accepts (WithValidMethods).`,
  },
  {
    dialect: 'golang-jwt',
    source: 'golang-jwt/jwt parser.go, none.go',
    pattern: /signing method \(alg\) is (unavailable|unspecified)|'none' signature type is not allowed/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'golang-jwt: the token\'s alg is unknown to the server, or "none".',
  },
  {
    dialect: 'golang-jwt',
    source: `${V4V5} (ErrInvalidKeyType); hmac.go "HMAC verify expects []byte"`,
    pattern: /key is of invalid type/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail:
      "golang-jwt: the server's key does not fit the token's alg (an HS256 token checked with an RSA key, or the reverse).",
  },
  {
    dialect: 'golang-jwt',
    source: `${V4V5} (ErrTokenSignatureInvalid); hmac.go (ErrSignatureInvalid)`,
    pattern:
      /^(token signature is invalid: )?signature is invalid$|^token signature is invalid\b(?!: (signing method|key is of invalid type))/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "golang-jwt: the signature does not verify with the server's key (ErrSignatureInvalid).",
  },
  {
    dialect: 'golang-jwt',
    source: `${V4V5} (ErrTokenExpired); claims.go "%s by %s" (v4)`,
    pattern: /\btoken is expired\b(?: by (\S+))?/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: (m) =>
      `golang-jwt: exp has passed by the server's clock${group(m, 1) !== '' ? ` (by ${group(m, 1)})` : ''} (ErrTokenExpired).`,
    claims: () => ['exp'],
  },
  {
    dialect: 'golang-jwt',
    source: `${V4V5} (ErrTokenNotValidYet, ErrTokenUsedBeforeIssued)`,
    pattern: /\btoken is not valid yet\b|\btoken used before issued\b/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "golang-jwt: nbf (or iat) is in the future by the server's clock.",
  },
  {
    dialect: 'golang-jwt',
    source: 'golang-jwt/jwt errors.go, validator.go (v5 ErrTokenRequiredClaimMissing)',
    pattern: /token is missing required claim(?:: (\w+) claim is required)?/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) =>
      `golang-jwt: the payload lacks ${group(m, 1) !== '' ? `the "${group(m, 1)}" claim` : 'a claim'} the server requires.`,
    claims: (m) => (group(m, 1) !== '' ? [group(m, 1)] : []),
  },
  {
    dialect: 'golang-jwt',
    source: `${V4V5} (ErrTokenInvalidAudience, …Issuer, …Subject, …Id)`,
    pattern: /\btoken has invalid (audience|issuer|subject|id)\b/i,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `golang-jwt: the token's ${claimOf(group(m, 1))} is not what the server expects.`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: 'golang-jwt',
    source: 'golang-jwt/jwt parser.go (ErrTokenMalformed)',
    pattern:
      /token contains an invalid number of segments|tokenstring should not contain 'bearer '|could not (base64|JSON) decode (header|claim|signature)|^token is malformed\b/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'golang-jwt could not parse the token: it is not three base64url parts (ErrTokenMalformed).',
  },
  {
    dialect: 'golang-jwt',
    source: 'golang-jwt/jwt parser.go (ErrTokenUnverifiable)',
    pattern:
      /token is unverifiable: (error while executing keyfunc|keyfunc returned empty verification key set)/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: "golang-jwt: the server's Keyfunc failed (no key for this token's kid or alg).",
  },
];

export const GOLANG_JWT: Dialect = {
  id: 'golang-jwt',
  label: 'golang-jwt (v4, v5)',
  stack: 'Go',
  repository: 'golang-jwt/jwt (errors.go, parser.go, validator.go, hmac.go; v4 claims.go, map_claims.go)',
  rules: RULES,
  samples: [
    // v4
    { text: 'signature is invalid', cause: 'secret-mismatch' },
    { text: 'token is expired by 1h0m5s', cause: 'token-expired' },
    { text: 'Token is expired', cause: 'token-expired' },
    { text: 'Token is not valid yet', cause: 'token-not-yet-valid' },
    { text: 'Token used before issued', cause: 'token-not-yet-valid' },
    { text: 'token contains an invalid number of segments', cause: 'token-malformed' },
    { text: "tokenstring should not contain 'bearer '", cause: 'token-malformed' },
    { text: 'signing method HS256 is invalid', cause: 'algorithm-mismatch' },
    { text: 'signing method (alg) is unavailable.', cause: 'algorithm-mismatch' },
    { text: 'key is of invalid type', cause: 'algorithm-mismatch' },
    { text: 'token has invalid audience', cause: 'token-claims-rejected' },
    { text: 'token has invalid issuer', cause: 'token-claims-rejected' },
    // v5
    { text: 'token signature is invalid: signature is invalid', cause: 'secret-mismatch' },
    { text: 'token signature is invalid: crypto/rsa: verification error', cause: 'secret-mismatch' },
    { text: 'token signature is invalid: signing method RS256 is invalid', cause: 'algorithm-mismatch' },
    {
      text: 'token signature is invalid: key is of invalid type: HMAC verify expects []byte',
      cause: 'algorithm-mismatch',
    },
    { text: 'token has invalid claims: token is expired', cause: 'token-expired' },
    { text: 'token has invalid claims: token is not valid yet', cause: 'token-not-yet-valid' },
    { text: 'token has invalid claims: token used before issued', cause: 'token-not-yet-valid' },
    { text: 'token has invalid claims: token has invalid audience', cause: 'token-claims-rejected' },
    { text: 'token has invalid claims: token has invalid issuer', cause: 'token-claims-rejected' },
    {
      text: 'token has invalid claims: token is missing required claim: exp claim is required',
      cause: 'missing-claims',
    },
    {
      text: 'token is malformed: token contains an invalid number of segments',
      cause: 'token-malformed',
    },
    {
      text: 'token is malformed: could not base64 decode header: illegal base64 data at input byte 4',
      cause: 'token-malformed',
    },
    { text: "token is unverifiable: 'none' signature type is not allowed", cause: 'algorithm-mismatch' },
    { text: 'token is unverifiable: error while executing keyfunc: unknown kid', cause: 'auth-rejected' },
  ],
};
