// Authlib (authlib/jose): JoseError subclasses print "<error>: <description>" — "expired_token: The token is
// expired", 'missing_claim: Missing "role" claim', 'invalid_claim: Invalid claim "aud"', "bad_signature: ".
// Read from authlib/authlib authlib/jose/errors.py.
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const ERRORS = 'authlib/authlib authlib/jose/errors.py';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'authlib',
    source: `${ERRORS} (ExpiredTokenError)`,
    pattern: /expired_token: The token is expired/,
    cause: 'token-expired',
    confidence: 'high',
    detail: "Authlib: exp has passed by the server's clock (ExpiredTokenError).",
    claims: () => ['exp'],
  },
  {
    dialect: 'authlib',
    source: `${ERRORS} (InvalidTokenError)`,
    pattern: /invalid_token: The token is not valid yet/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "Authlib: nbf or iat is in the future by the server's clock (InvalidTokenError).",
  },
  {
    dialect: 'authlib',
    source: `${ERRORS} (MissingClaimError)`,
    pattern: /missing_claim: Missing "([^"]+)" claim/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `Authlib: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'authlib',
    source: `${ERRORS} (InvalidClaimError)`,
    pattern: /invalid_claim: Invalid claim "([^"]+)"/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `Authlib: the token's ${claimOf(group(m, 1))} is not a value the server accepts.`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: 'authlib',
    source: `${ERRORS} (BadSignatureError)`,
    pattern: /^bad_signature:/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "Authlib: the signature does not verify with the server's key (BadSignatureError).",
  },
  {
    dialect: 'authlib',
    source: `${ERRORS} (DecodeError)`,
    pattern: /^decode_error:/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Authlib could not decode the token (DecodeError).',
  },
];

export const AUTHLIB: Dialect = {
  id: 'authlib',
  label: 'Authlib (authlib.jose)',
  stack: 'Python',
  repository: 'authlib/authlib (authlib/jose/errors.py)',
  rules: RULES,
  samples: [
    { text: 'expired_token: The token is expired', cause: 'token-expired' },
    { text: 'invalid_token: The token is not valid yet', cause: 'token-not-yet-valid' },
    { text: 'missing_claim: Missing "role" claim', cause: 'missing-claims' },
    { text: 'invalid_claim: Invalid claim "aud"', cause: 'token-claims-rejected' },
    { text: 'bad_signature: ', cause: 'secret-mismatch' },
    { text: 'decode_error: Invalid input segments length', cause: 'token-malformed' },
  ],
};
