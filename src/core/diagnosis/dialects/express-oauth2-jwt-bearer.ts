// express-oauth2-jwt-bearer (auth0/node-oauth2-jwt-bearer): an InvalidTokenError answers 401 with
// `WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="…"`, the description being
// its own message or the jose message it caught — with every `"` turned into `'` (errors.ts getHeaders), so
// jose's `"exp" claim timestamp check failed` arrives as `'exp' claim timestamp check failed` and needs its own
// row. Read from packages/oauth2-bearer/src/errors.ts and get-token.ts, packages/access-token-jwt/src/
// validate.ts, claim-check.ts and jwt-verifier.ts.
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const AT = 'auth0/node-oauth2-jwt-bearer packages/access-token-jwt/src';
const DIALECT = 'express-oauth2-jwt-bearer';

const RULES: readonly ReasonRule[] = [
  {
    dialect: DIALECT,
    source: `${AT}/jwt-verifier.ts (InvalidTokenError(e.message) of jose's JWTExpired, quotes made ')`,
    pattern: /'exp' claim timestamp check failed|Unexpected 'exp' value/,
    cause: 'token-expired',
    confidence: 'high',
    detail: "express-oauth2-jwt-bearer: exp has passed by the server's clock.",
    claims: () => ['exp'],
  },
  {
    dialect: DIALECT,
    source: `${AT}/jwt-verifier.ts (jose's JWTClaimValidationFailed, quotes made ')`,
    pattern: /'nbf' claim timestamp check failed/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "express-oauth2-jwt-bearer: nbf is in the future by the server's clock.",
  },
  {
    dialect: DIALECT,
    source: `${AT}/validate.ts ("Unexpected '\${key}' value", alg validator); jwt-verifier.ts`,
    pattern: /Unexpected 'alg' value|Token header missing or invalid 'alg' claim/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail:
      "express-oauth2-jwt-bearer: the token's alg is none, or not the server's tokenSigningAlg / allowed algorithms.",
  },
  {
    dialect: DIALECT,
    source: `${AT}/validate.ts ("Unexpected '\${key}' value": iss, aud, sub, client_id, jti)`,
    pattern: /Unexpected '(iss|aud|sub|client_id|jti)' value/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) =>
      `express-oauth2-jwt-bearer: the token's ${claimOf(group(m, 1))} is not what the server expects (or missing in strict mode).`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: DIALECT,
    source: `${AT}/jwt-verifier.ts ("Token issuer is not allowed")`,
    pattern: /Token issuer is not allowed/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: "express-oauth2-jwt-bearer: the token's iss is not one of the server's issuers.",
    claims: () => ['iss'],
  },
  {
    dialect: DIALECT,
    source: `${AT}/claim-check.ts ("Missing '\${claim}' claim"), jwt-verifier.ts; jose's "missing required" quotes made '`,
    pattern: /Missing '(\w+)' claim|Token missing required '(\w+)' claim|missing required '(\w+)' claim/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) =>
      `express-oauth2-jwt-bearer: the payload lacks the "${group(m, 1) || group(m, 2) || group(m, 3)}" claim the server requires.`,
    claims: (m) => [group(m, 1) || group(m, 2) || group(m, 3)],
  },
  {
    dialect: DIALECT,
    source: 'auth0/node-oauth2-jwt-bearer packages/oauth2-bearer/src/get-token.ts (InvalidRequestError, 400)',
    pattern: /More than one method used for authentication/,
    cause: 'token-travel-mismatch',
    confidence: 'high',
    detail:
      'express-oauth2-jwt-bearer: the token came in more than one of the query, the body and the Authorization header; send it one way.',
  },
];

export const EXPRESS_OAUTH2_JWT_BEARER: Dialect = {
  id: DIALECT,
  label: 'express-oauth2-jwt-bearer (auth0, access-token-jwt)',
  stack: 'Node',
  repository:
    'auth0/node-oauth2-jwt-bearer (packages/oauth2-bearer/src/errors.ts, get-token.ts; packages/access-token-jwt/src/validate.ts, claim-check.ts, jwt-verifier.ts)',
  rules: RULES,
  samples: [
    { text: "'exp' claim timestamp check failed", cause: 'token-expired' },
    { text: "Unexpected 'exp' value", cause: 'token-expired' },
    { text: "'nbf' claim timestamp check failed", cause: 'token-not-yet-valid' },
    { text: "Unexpected 'alg' value", cause: 'algorithm-mismatch' },
    { text: "Token header missing or invalid 'alg' claim", cause: 'algorithm-mismatch' },
    { text: "Unexpected 'aud' value", cause: 'token-claims-rejected' },
    { text: "Unexpected 'iss' value", cause: 'token-claims-rejected' },
    { text: "Unexpected 'sub' value", cause: 'token-claims-rejected' },
    { text: 'Token issuer is not allowed', cause: 'token-claims-rejected' },
    { text: "Missing 'scope' claim", cause: 'missing-claims' },
    { text: "Token missing required 'iss' claim", cause: 'missing-claims' },
    { text: "missing required 'sub' claim", cause: 'missing-claims' },
    { text: 'More than one method used for authentication', cause: 'token-travel-mismatch' },
    // jose's own words, forwarded unchanged when they hold no quote: jose's row reads them.
    { text: 'signature verification failed', cause: 'secret-mismatch', sharedWith: 'jose' },
  ],
};
