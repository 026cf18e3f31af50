// Hasura GraphQL Engine: "Could not verify JWT: " <> show JWTError (Haskell jose's constructors), and its
// auth webhook and admin-secret refusals.
import type { Dialect, ReasonRule } from './rule.ts';
import { group } from './rule.ts';

const HASURA_JWT = 'hasura/graphql-engine server/src-lib/Hasura/Server/Auth/JWT.hs';

export const HASURA_RULES: readonly ReasonRule[] = [
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*jwtexpired/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: 'Hasura checked exp and the token has expired (JWTExpired).',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*(jwtnotyetvalid|jwtissuedatfuture)/i,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: (m) =>
      `Hasura says the token is not valid yet (${group(m, 1)}): nbf or iat is in the future by its clock.`,
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*(jwtnotinissuer|jwtnotinaudience)/i,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) =>
      `Hasura rejected the token's ${/issuer/i.test(group(m, 1)) ? 'iss (issuer)' : 'aud (audience)'} claim (${group(m, 1)}).`,
    claims: (m) => [/issuer/i.test(group(m, 1)) ? 'iss' : 'aud'],
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*jwserror\s*\(?\s*(jwsinvalidsignature|jwsnovalidsignatures)/i,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail:
      'Hasura could not verify the signature with HASURA_GRAPHQL_JWT_SECRET: the token was signed with another key.',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt:\s*jwserror\s*\(?\s*(algorithmmismatch|algorithmnotimplemented)/i,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "The token's alg is not the type configured in HASURA_GRAPHQL_JWT_SECRET.",
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern:
      /could not verify jwt:\s*(jwserror\s*\(?\s*(compactdecodeerror|jsondecodeerror)|jwtclaimssetdecodeerror)/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Hasura could not decode the token: it is not a well-formed compact JWT.',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /could not verify jwt/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'Hasura could not verify the JWT.',
  },
  {
    dialect: 'hasura',
    source: 'hasura/graphql-engine server/src-lib/Hasura/Server/Auth/WebHook.hs',
    pattern: /authentication hook unauthorized this request/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "Hasura's auth webhook answered 401 for this request.",
  },
  {
    dialect: 'hasura',
    source: 'hasura/graphql-engine server/src-lib/Hasura/Server/Auth.hs',
    pattern: /invalid x-hasura-admin-secret|invalid x-hasura-access-key/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: 'Hasura rejected the x-hasura-admin-secret sent with the request.',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /missing authorization header in jwt authentication mode/i,
    cause: 'token-missing',
    confidence: 'high',
    detail:
      'Hasura runs in JWT mode and received no Authorization header (on a socket: none in connection_init payload.headers).',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /malformed authorization header/i,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Hasura expects the header as "Authorization: Bearer <jwt>".',
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /claims key: '([^']*)' not found|claims not found at claims_namespace_path/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `The token lacks Hasura's claims object${group(m, 1) !== '' ? ` "${group(m, 1)}"` : ''}.`,
    claims: (m) => (group(m, 1) !== '' ? [group(m, 1)] : []),
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern:
      /(should contain|missing|does not contain)[^.]*\b(x-hasura-(?:role|allowed-roles|default-role))/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `The token's Hasura claims lack ${group(m, 2)}.`,
    claims: (m) => [group(m, 2)],
  },
  {
    dialect: 'hasura',
    source: HASURA_JWT,
    pattern: /your current role is not in allowed roles/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "The x-hasura-role asked for is not in the token's x-hasura-allowed-roles.",
  },
];

export const HASURA: Dialect = {
  id: 'hasura',
  label: 'Hasura GraphQL Engine',
  stack: 'Haskell',
  repository: 'hasura/graphql-engine (server/src-lib/Hasura/Server/Auth/JWT.hs, WebHook.hs, Auth.hs)',
  rules: HASURA_RULES,
  samples: [
    {
      text: 'Could not verify JWT: JWSError (AlgorithmMismatch "JWK cannot be used with JWS alg")',
      cause: 'algorithm-mismatch',
    },
    {
      text: 'Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)',
      cause: 'token-malformed',
    },
    { text: 'invalid x-hasura-admin-secret/x-hasura-access-key', cause: 'auth-rejected' },
    { text: "claims key: 'https://hasura.io/jwt/claims' not found", cause: 'missing-claims' },
    { text: 'JWT claim does not contain x-hasura-allowed-roles', cause: 'missing-claims' },
    { text: 'Your current role is not in allowed roles', cause: 'auth-rejected' },
    { text: 'Could not verify JWT: JWTExpired', cause: 'token-expired' },
    { text: 'Could not verify JWT: JWSError JWSInvalidSignature', cause: 'secret-mismatch' },
    { text: 'Could not verify JWT: JWTIssuedAtFuture', cause: 'token-not-yet-valid' },
    { text: 'Could not verify JWT: JWTNotInIssuer', cause: 'token-claims-rejected' },
    { text: 'Could not verify JWT: JWTNotInAudience', cause: 'token-claims-rejected' },
    { text: 'Malformed Authorization header', cause: 'token-malformed' },
    { text: 'Missing Authorization header in JWT authentication mode', cause: 'token-missing' },
    { text: 'Authentication hook unauthorized this request', cause: 'auth-rejected' },
  ],
};
