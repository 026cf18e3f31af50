// jjwt (io.jsonwebtoken): the messages of ExpiredJwtException, PrematureJwtException, SignatureException,
// MalformedJwtException, MissingClaimException and IncorrectClaimException (0.11 and 0.12 wording), as Spring
// and Servlet filters forward them. Read from jwtk/jjwt impl/src/main/java/io/jsonwebtoken/impl/DefaultJwtParser.java.
// Case-sensitive: "JWT expired" is jjwt's, "Jwt expired at" Spring's, "jwt expired" jsonwebtoken's.
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const PARSER = 'jwtk/jjwt impl/…/DefaultJwtParser.java';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'jjwt',
    source: `${PARSER} (ExpiredJwtException)`,
    pattern: /JWT expired (?:at |\d+ milliseconds ago at )/,
    cause: 'token-expired',
    confidence: 'high',
    detail: "jjwt: exp has passed by the server's clock (ExpiredJwtException).",
    claims: () => ['exp'],
  },
  {
    dialect: 'jjwt',
    source: `${PARSER} (PrematureJwtException)`,
    pattern: /JWT must not be accepted before |JWT early by \d+ milliseconds/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "jjwt: nbf is in the future by the server's clock (PrematureJwtException).",
    claims: () => ['nbf'],
  },
  {
    dialect: 'jjwt',
    source: `${PARSER} (SignatureException)`,
    pattern: /JWT signature does not match locally computed signature/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "jjwt: the signature does not verify with the server's signing key (SignatureException).",
  },
  {
    dialect: 'jjwt',
    source: `${PARSER} (MissingClaimException)`,
    pattern:
      /Expected (\w+) claim to be: .*, but was not present in the JWT claims|Missing '(\w+)' claim\. Expected value/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) =>
      `jjwt: the payload has no "${group(m, 1) || group(m, 2)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1) || group(m, 2)],
  },
  {
    dialect: 'jjwt',
    source: `${PARSER} (IncorrectClaimException)`,
    pattern: /Expected (\w+) claim to be: .*, but was: /,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `jjwt: the token's ${claimOf(group(m, 1))} is not the value the server requires.`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: 'jjwt',
    source: `${PARSER} (MalformedJwtException)`,
    pattern:
      /JWT strings must contain exactly 2 period characters|Compact JWSs must contain exactly 2 period characters/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'jjwt could not parse the token: it is not three dot-separated parts (MalformedJwtException).',
  },
  {
    dialect: 'jjwt',
    source: `${PARSER} (UnsupportedJwtException)`,
    pattern: /Unsigned Claims JWTs are not supported|Unprotected Claims JWTs are not supported/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: 'jjwt refuses an unsigned (alg "none") token.',
  },
];

export const JJWT: Dialect = {
  id: 'jjwt',
  label: 'jjwt',
  stack: 'Java',
  repository: 'jwtk/jjwt (DefaultJwtParser.java)',
  rules: RULES,
  samples: [
    {
      text: 'JWT expired at 2026-11-30T10:00:00Z. Current time: 2026-12-01T05:00:00Z, a difference of 68400000 milliseconds.  Allowed clock skew: 0 milliseconds.',
      cause: 'token-expired',
    },
    {
      text: 'JWT expired 68400000 milliseconds ago at 2026-11-30T10:00:00.000Z. Current time: 2026-12-01T05:00:00.000Z. Allowed clock skew: 0 milliseconds.',
      cause: 'token-expired',
    },
    { text: 'JWT must not be accepted before 2026-12-02T10:00:00Z.', cause: 'token-not-yet-valid' },
    {
      text: 'JWT signature does not match locally computed signature. JWT validity cannot be asserted and should not be trusted.',
      cause: 'secret-mismatch',
    },
    {
      text: 'Expected role claim to be: principal, but was not present in the JWT claims.',
      cause: 'missing-claims',
    },
    { text: 'Expected aud claim to be: my-api, but was: other-api.', cause: 'token-claims-rejected' },
    { text: 'JWT strings must contain exactly 2 period characters. Found: 1', cause: 'token-malformed' },
    { text: 'Unsigned Claims JWTs are not supported.', cause: 'algorithm-mismatch' },
  ],
};
