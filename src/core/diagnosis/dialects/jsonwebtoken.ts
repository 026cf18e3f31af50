// auth0/node-jsonwebtoken: the messages of JsonWebTokenError, TokenExpiredError and NotBeforeError.
import type { Dialect, ReasonRule } from './rule.ts';
import { group } from './rule.ts';

const JWT = 'auth0/node-jsonwebtoken verify.js';

export const JSONWEBTOKEN_RULES: readonly ReasonRule[] = [
  {
    dialect: 'jsonwebtoken',
    source: `${JWT} (TokenExpiredError)`,
    pattern: /maxage exceeded/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jsonwebtoken: the token's iat is older than the server's maxAge option allows.",
    claims: () => ['iat'],
  },
  {
    dialect: 'jsonwebtoken',
    source: `${JWT} (TokenExpiredError)`,
    pattern: /jwt expired|tokenexpirederror/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: 'jsonwebtoken: exp has passed by the server\'s clock (TokenExpiredError "jwt expired").',
    claims: () => ['exp'],
  },
  {
    dialect: 'jsonwebtoken',
    source: `${JWT} (NotBeforeError)`,
    pattern: /jwt not active|notbeforeerror/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: 'jsonwebtoken: nbf is in the future by the server\'s clock (NotBeforeError "jwt not active").',
    claims: () => ['nbf'],
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /secret or public key must be provided/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: 'jsonwebtoken was called without a secret: JWT_SECRET is not set or not loaded on the server.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /invalid signature/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "jsonwebtoken: the signature does not verify with the server's JWT_SECRET.",
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt signature is required/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jsonwebtoken: the token has no signature (alg "none", or the third part was cut off).',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /please specify "none" in "algorithms" to verify unsigned tokens/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jsonwebtoken refuses an unsigned (alg "none") token.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /secretorpublickey must be an? (a?symmetric) key when using (\w+)/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: (m) =>
      `jsonwebtoken: the server's key is not ${group(m, 1).toLowerCase() === 'symmetric' ? 'an HMAC secret' : 'a public key'}, which alg ${group(m, 2)} needs.`,
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /invalid algorithm/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "jsonwebtoken: the token's alg is not in the server's allowed algorithms.",
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt malformed/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jsonwebtoken: the token the server received is not three dot-separated parts.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt must be provided/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: 'jsonwebtoken was given an empty token: none reached the server.',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /(?<!serialization, )jwt must be a string/i,
    cause: 'token-missing',
    confidence: 'medium',
    detail: 'jsonwebtoken was given something other than a string (no token, or the parameter was repeated).',
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /jwt (audience|issuer|subject|jwtid|id) invalid\.? ?(?:expected:?\s*(.*))?/i,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => {
      const which = group(m, 1).toLowerCase();
      const claim =
        which === 'audience' ? 'aud' : which === 'issuer' ? 'iss' : which === 'subject' ? 'sub' : 'jti';
      const expected = group(m, 2).trim();
      return `jsonwebtoken: the token's ${claim} is not what the server expects${expected !== '' ? ` (expected: ${expected})` : ''}.`;
    },
    claims: (m) => {
      const which = group(m, 1).toLowerCase();
      return [
        which === 'audience' ? 'aud' : which === 'issuer' ? 'iss' : which === 'subject' ? 'sub' : 'jti',
      ];
    },
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /iat required when maxage is specified/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: 'jsonwebtoken: the server checks maxAge and the token has no iat.',
    claims: () => ['iat'],
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /invalid (exp|nbf|iat) value/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `jsonwebtoken: ${group(m, 1)} is not a number of seconds.`,
    claims: (m) => [group(m, 1).toLowerCase()],
  },
  {
    dialect: 'jsonwebtoken',
    source: JWT,
    pattern: /error in secret or public key callback/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: "jsonwebtoken: the server's key lookup failed (JWKS or kid lookup).",
  },
  {
    dialect: 'jsonwebtoken',
    source: 'auth0/node-jsonwebtoken lib/JsonWebTokenError.js',
    pattern: /jsonwebtokenerror/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'jsonwebtoken refused the token (JsonWebTokenError) without a more specific message.',
  },
];

export const JSONWEBTOKEN: Dialect = {
  id: 'jsonwebtoken',
  label: 'jsonwebtoken (Node)',
  stack: 'Node',
  repository: 'auth0/node-jsonwebtoken (verify.js, lib/*Error.js)',
  rules: JSONWEBTOKEN_RULES,
  samples: [
    { text: 'please specify "none" in "algorithms" to verify unsigned tokens', cause: 'algorithm-mismatch' },
    { text: 'secretOrPublicKey must be a symmetric key when using HS256', cause: 'algorithm-mismatch' },
    { text: 'jwt must be a string', cause: 'token-missing' },
    { text: 'invalid exp value', cause: 'missing-claims' },
    { text: 'error in secret or public key callback: no key', cause: 'auth-rejected' },
    { text: 'JsonWebTokenError', cause: 'auth-rejected' },
    { text: 'invalid signature', cause: 'secret-mismatch' },
    { text: 'jwt expired', cause: 'token-expired' },
    { text: 'jwt malformed', cause: 'token-malformed' },
    { text: 'jwt must be provided', cause: 'token-missing' },
    { text: 'jwt signature is required', cause: 'algorithm-mismatch' },
    { text: 'invalid algorithm', cause: 'algorithm-mismatch' },
    { text: 'jwt not active', cause: 'token-not-yet-valid' },
    { text: 'jwt audience invalid. expected: urn:foo', cause: 'token-claims-rejected' },
    { text: 'jwt issuer invalid. expected: urn:issuer', cause: 'token-claims-rejected' },
    { text: 'secret or public key must be provided', cause: 'secret-mismatch' },
    { text: 'maxAge exceeded', cause: 'token-expired' },
    { text: 'iat required when maxAge is specified', cause: 'missing-claims' },
    { text: 'TokenExpiredError: jwt expired', cause: 'token-expired' },
    { text: 'NotBeforeError: jwt not active', cause: 'token-not-yet-valid' },
  ],
};
