// @fastify/jwt and the fast-jwt verifier under it. A refused request (an upgrade, for @fastify/websocket) gets
// Fastify's JSON error body {"statusCode":401,"code":"FST_JWT_…","error":"Unauthorized","message":"…"};
// AuthorizationTokenInvalidError carries fast-jwt's own sentence after "Authorization token is invalid: ".
// Read from fastify/fastify-jwt index.js (messages, createError codes) and nearform/fast-jwt src/verifier.js,
// src/decoder.js (TokenError messages).
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const FASTIFY = 'fastify/fastify-jwt index.js';
const FAST_JWT = 'nearform/fast-jwt src/verifier.js';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'fastify-jwt',
    source: `${FASTIFY} (FST_JWT_NO_AUTHORIZATION_IN_HEADER, FST_JWT_NO_AUTHORIZATION_IN_COOKIE)`,
    pattern:
      /No Authorization was found in request\.(headers|cookies)|^FST_JWT_NO_AUTHORIZATION_IN_(HEADER|COOKIE)$/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: (m) =>
      `@fastify/jwt found no token: it reads the ${/cookie/i.test(m[0]) ? 'cookie it was configured with' : 'Authorization: Bearer header'}, not the query string.`,
  },
  {
    dialect: 'fastify-jwt',
    source: `${FASTIFY} (FST_JWT_AUTHORIZATION_TOKEN_EXPIRED)`,
    pattern: /^Authorization token expired$|^FST_JWT_AUTHORIZATION_TOKEN_EXPIRED$/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: "@fastify/jwt: exp has passed by the server's clock (FST_JWT_AUTHORIZATION_TOKEN_EXPIRED).",
    claims: () => ['exp'],
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT} (TokenError expired)`,
    pattern: /The token has expired at (\S+?)\.?$/,
    cause: 'token-expired',
    confidence: 'high',
    detail: (m) => `fast-jwt: the token expired at ${group(m, 1)} by the server's clock.`,
    claims: () => ['exp'],
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT} (TokenError inactive)`,
    pattern: /The token will be active at (\S+?)\.?$/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: (m) => `fast-jwt: the token becomes valid at ${group(m, 1)} by the server's clock (nbf).`,
    claims: () => ['nbf'],
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT} (TokenError invalidSignature)`,
    pattern: /The token signature is invalid\./,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail:
      "fast-jwt: the signature does not verify with the server's secret (FST_JWT_AUTHORIZATION_TOKEN_INVALID).",
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT} (TokenError invalidAlgorithm, missingSignature); ${FASTIFY} (FAST_JWT_MISSING_SIGNATURE)`,
    pattern:
      /The token algorithm is invalid\.|The token signature is missing\.|^Unsigned authorization token$/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "fast-jwt: the token's alg is not one the server verifies (or the token is unsigned).",
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT} (TokenError invalidClaimValue)`,
    pattern: /The (\w+) claim value is not allowed\.|None of (\w+) claim values are allowed\./,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) =>
      `fast-jwt: the token's ${claimOf(group(m, 1) || group(m, 2))} is not a value the server allows.`,
    claims: (m) => [claimOf(group(m, 1) || group(m, 2))],
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT} (TokenError missingRequiredClaim)`,
    pattern: /The (\w+) claim is required\./,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `fast-jwt: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'fastify-jwt',
    source: `${FAST_JWT}; src/decoder.js (TokenError malformed)`,
    pattern:
      /The token is malformed\.|The token (header|payload) is not a valid base64url serialized JSON\.|The token header is not a valid JSON object\./,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'fast-jwt could not decode the token: it is not three base64url parts.',
  },
  {
    dialect: 'fastify-jwt',
    source: `${FASTIFY} (FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED)`,
    pattern: /^Untrusted authorization token$/,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "@fastify/jwt: the server's trusted() check refused this token (e.g. revoked).",
  },
  {
    dialect: 'fastify-jwt',
    source: `${FASTIFY} (FST_JWT_AUTHORIZATION_TOKEN_INVALID)`,
    pattern: /^Authorization token is invalid\b|^FST_JWT_AUTHORIZATION_TOKEN_INVALID$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      '@fastify/jwt refused the token (FST_JWT_AUTHORIZATION_TOKEN_INVALID) without a more specific message.',
  },
];

export const FASTIFY_JWT: Dialect = {
  id: 'fastify-jwt',
  label: '@fastify/jwt (fast-jwt)',
  stack: 'Node',
  repository: 'fastify/fastify-jwt index.js; nearform/fast-jwt src/verifier.js, src/decoder.js',
  rules: RULES,
  samples: [
    { text: 'No Authorization was found in request.headers', cause: 'token-missing' },
    { text: 'No Authorization was found in request.cookies', cause: 'token-missing' },
    { text: 'FST_JWT_NO_AUTHORIZATION_IN_HEADER', cause: 'token-missing' },
    { text: 'Authorization token expired', cause: 'token-expired' },
    { text: 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED', cause: 'token-expired' },
    { text: 'Authorization token is invalid: The token signature is invalid.', cause: 'secret-mismatch' },
    { text: 'Authorization token is invalid: The token is malformed.', cause: 'token-malformed' },
    {
      text: 'Authorization token is invalid: The token header is not a valid base64url serialized JSON.',
      cause: 'token-malformed',
    },
    {
      text: 'Authorization token is invalid: The aud claim value is not allowed.',
      cause: 'token-claims-rejected',
    },
    {
      text: 'Authorization token is invalid: The iss claim value is not allowed.',
      cause: 'token-claims-rejected',
    },
    { text: 'Authorization token is invalid: The role claim is required.', cause: 'missing-claims' },
    { text: 'The token has expired at 2026-01-01T00:00:00.000Z.', cause: 'token-expired' },
    { text: 'The token will be active at 2026-01-01T00:00:00.000Z.', cause: 'token-not-yet-valid' },
    { text: 'The token algorithm is invalid.', cause: 'algorithm-mismatch' },
    { text: 'Unsigned authorization token', cause: 'algorithm-mismatch' },
    { text: 'Untrusted authorization token', cause: 'auth-rejected' },
    { text: 'FST_JWT_AUTHORIZATION_TOKEN_INVALID', cause: 'auth-rejected' },
    { text: 'Format is Authorization: Bearer [token]', cause: 'token-malformed', sharedWith: 'socket.io' },
  ],
};
