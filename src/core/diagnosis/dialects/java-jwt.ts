// Auth0 java-jwt (com.auth0.jwt): exception messages of JWTVerifier and JWTDecoder. Read from auth0/java-jwt
// lib/src/main/java/com/auth0/jwt/JWTVerifier.java, JWTDecoder.java, TokenUtils.java and the exceptions package.
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const VERIFIER = 'auth0/java-jwt lib/…/com/auth0/jwt/JWTVerifier.java';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'java-jwt',
    source: `${VERIFIER} (TokenExpiredException)`,
    pattern: /The Token has expired on (\S+?)\.?$/,
    cause: 'token-expired',
    confidence: 'high',
    detail: (m) =>
      `java-jwt: the token expired on ${group(m, 1)} by the server's clock (TokenExpiredException).`,
    claims: () => ['exp'],
  },
  {
    dialect: 'java-jwt',
    source: `${VERIFIER} (IncorrectClaimException on nbf/iat)`,
    pattern: /The Token can't be used before (\S+?)\.?$/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: (m) => `java-jwt: the token is valid only from ${group(m, 1)} by the server's clock.`,
  },
  {
    dialect: 'java-jwt',
    source: 'auth0/java-jwt …/algorithms/HMACAlgorithm.java (SignatureVerificationException)',
    pattern: /The Token's Signature resulted invalid when verified using the Algorithm: (\S+)/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: (m) => `java-jwt: the signature does not verify with the server's ${group(m, 1)} key.`,
  },
  {
    dialect: 'java-jwt',
    source: `${VERIFIER} (AlgorithmMismatchException)`,
    pattern: /The provided Algorithm doesn't match the one defined in the JWT's Header/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "java-jwt: the token's alg is not the algorithm the server verifies with.",
  },
  {
    dialect: 'java-jwt',
    source: `${VERIFIER} (MissingClaimException)`,
    pattern: /The Claim '([^']+)' is not present in the JWT/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `java-jwt: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'java-jwt',
    source: `${VERIFIER} (IncorrectClaimException)`,
    pattern: /The Claim '([^']+)' value doesn't (?:match|contain) the required/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `java-jwt: the token's ${claimOf(group(m, 1))} is not the value the server requires.`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: 'java-jwt',
    source: 'auth0/java-jwt …/TokenUtils.java, JWTDecoder.java (JWTDecodeException)',
    pattern:
      /The token was expected to have 3 parts, but got|The string '[^']*' doesn't have a valid JSON format|The input is not a valid base 64 encoded string/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'java-jwt could not decode the token: it is not three base64url parts (JWTDecodeException).',
  },
];

export const JAVA_JWT: Dialect = {
  id: 'java-jwt',
  label: 'Auth0 java-jwt',
  stack: 'Java',
  repository: 'auth0/java-jwt (JWTVerifier.java, JWTDecoder.java, TokenUtils.java)',
  rules: RULES,
  samples: [
    { text: 'The Token has expired on 2026-11-30T10:00:00Z.', cause: 'token-expired' },
    { text: "The Token can't be used before 2026-12-02T10:00:00Z.", cause: 'token-not-yet-valid' },
    {
      text: "The Token's Signature resulted invalid when verified using the Algorithm: HmacSHA256",
      cause: 'secret-mismatch',
    },
    {
      text: "The provided Algorithm doesn't match the one defined in the JWT's Header.",
      cause: 'algorithm-mismatch',
    },
    { text: "The Claim 'role' is not present in the JWT.", cause: 'missing-claims' },
    { text: "The Claim 'aud' value doesn't contain the required audience.", cause: 'token-claims-rejected' },
    { text: "The Claim 'iss' value doesn't match the required issuer.", cause: 'token-claims-rejected' },
    { text: 'The token was expected to have 3 parts, but got 2.', cause: 'token-malformed' },
  ],
};
