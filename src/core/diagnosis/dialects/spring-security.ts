// Spring Security's OAuth2 resource server: a refused request gets `WWW-Authenticate: Bearer
// error="invalid_token", error_description="…", error_uri="…"` (BearerTokenAuthenticationEntryPoint), the
// description being a validator's sentence or Nimbus JOSE's, after "An error occurred while attempting to
// decode the Jwt: ". A request without a token gets a bare `WWW-Authenticate: Bearer` (RFC 6750 §3.1).
// Read from spring-projects/spring-security oauth2/oauth2-jose …/jwt/JwtTimestampValidator.java,
// JwtClaimValidator.java, JwtIssuerValidator.java, NimbusJwtDecoder.java, and Nimbus DefaultJWTProcessor.
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const JOSE = 'spring-projects/spring-security oauth2/oauth2-jose …/oauth2/jwt';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'spring-security',
    source: `${JOSE}/JwtTimestampValidator.java`,
    pattern: /Jwt expired at (\S+)/,
    cause: 'token-expired',
    confidence: 'high',
    detail: (m) =>
      `Spring Security: the token expired at ${group(m, 1)} by the server's clock (JwtTimestampValidator).`,
    claims: () => ['exp'],
  },
  {
    dialect: 'spring-security',
    source: `${JOSE}/JwtTimestampValidator.java`,
    pattern: /Jwt used before (\S+)/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: (m) =>
      `Spring Security: the token is valid only from ${group(m, 1)} by the server's clock (nbf).`,
    claims: () => ['nbf'],
  },
  {
    dialect: 'spring-security',
    source: `${JOSE}/JwtClaimValidator.java, JwtIssuerValidator.java`,
    pattern: /The (\w+) claim is not valid/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) =>
      `Spring Security: the token's ${claimOf(group(m, 1))} is not what the server expects (issuer-uri / audiences).`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: 'spring-security',
    source: 'Nimbus JOSE+JWT DefaultJWTProcessor (via NimbusJwtDecoder)',
    pattern: /Signed JWT rejected: Invalid signature/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "Spring Security (Nimbus): the signature does not verify with the server's key.",
  },
  {
    dialect: 'spring-security',
    source: 'Nimbus JOSE+JWT DefaultJWTProcessor (via NimbusJwtDecoder)',
    pattern: /Signed JWT rejected: Another algorithm expected, or no matching key\(s\) found/,
    cause: 'algorithm-mismatch',
    confidence: 'medium',
    detail:
      "Spring Security (Nimbus): the token's alg is not the one the decoder expects, or no key matches its kid.",
  },
  {
    dialect: 'spring-security',
    source: `${JOSE}/NimbusJwtDecoder.java; Nimbus JWTParser; …/server/resource/web/DefaultBearerTokenResolver.java`,
    pattern:
      /Invalid JWT serialization|Malformed token|Bearer token is malformed|Invalid unsecured\/JWS\/JWE header/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Spring Security could not parse the token: not three base64url parts.',
  },
  {
    dialect: 'spring-security',
    source: `${JOSE}/NimbusJwtDecoder.java`,
    pattern: /Unsupported algorithm of none/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'Spring Security refuses an unsigned (alg "none") token.',
  },
];

export const SPRING_SECURITY: Dialect = {
  id: 'spring-security',
  label: 'Spring Security resource server',
  stack: 'Java',
  repository:
    'spring-projects/spring-security (oauth2-jose JwtTimestampValidator, JwtClaimValidator, NimbusJwtDecoder)',
  rules: RULES,
  samples: [
    { text: 'Unsupported algorithm of none', cause: 'algorithm-mismatch' },
    { text: 'Jwt expired at 2026-11-30T10:00:00Z', cause: 'token-expired' },
    {
      text: 'An error occurred while attempting to decode the Jwt: Jwt expired at 2026-11-30T10:00:00Z',
      cause: 'token-expired',
    },
    { text: 'Jwt used before 2026-12-01T10:00:00Z', cause: 'token-not-yet-valid' },
    { text: 'The iss claim is not valid', cause: 'token-claims-rejected' },
    { text: 'The aud claim is not valid', cause: 'token-claims-rejected' },
    {
      text: 'An error occurred while attempting to decode the Jwt: Signed JWT rejected: Invalid signature',
      cause: 'secret-mismatch',
    },
    {
      text: 'An error occurred while attempting to decode the Jwt: Signed JWT rejected: Another algorithm expected, or no matching key(s) found',
      cause: 'algorithm-mismatch',
    },
    {
      text: 'An error occurred while attempting to decode the Jwt: Invalid JWT serialization: Missing dot delimiter(s)',
      cause: 'token-malformed',
    },
    {
      text: 'An error occurred while attempting to decode the Jwt: Malformed token',
      cause: 'token-malformed',
    },
    { text: 'Bearer token is malformed', cause: 'token-malformed' },
  ],
};
