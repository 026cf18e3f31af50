// ruby-jwt (jwt/ruby-jwt): JWT::DecodeError and subclasses, as Rails/Rack/ActionCable servers forward them.
// Read from lib/jwt/claims/*.rb (expiration.rb, not_before.rb, audience.rb, issuer.rb, required.rb),
// lib/jwt/encoded_token.rb and lib/jwt/decode.rb. "Signature has expired" and "Signature verification failed"
// are PyJWT's words too: those rows live in pyjwt.ts (same causes).
import { claimOf, group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const CLAIMS = 'jwt/ruby-jwt lib/jwt/claims';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'ruby-jwt',
    source: `${CLAIMS}/not_before.rb (JWT::ImmatureSignature)`,
    pattern: /Signature nbf has not been reached/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "ruby-jwt: nbf is in the future by the server's clock (JWT::ImmatureSignature).",
    claims: () => ['nbf'],
  },
  {
    dialect: 'ruby-jwt',
    source: `${CLAIMS}/audience.rb, issuer.rb, subject.rb (JWT::InvalidAudError, InvalidIssuerError, InvalidSubError)`,
    pattern: /Invalid (audience|issuer|subject)\. Expected /,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `ruby-jwt: the token's ${claimOf(group(m, 1))} is not the value the server expects.`,
    claims: (m) => [claimOf(group(m, 1))],
  },
  {
    dialect: 'ruby-jwt',
    source: `${CLAIMS}/required.rb (JWT::MissingRequiredClaim)`,
    pattern: /Missing required claim (\w+)/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `ruby-jwt: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'ruby-jwt',
    source: 'jwt/ruby-jwt lib/jwt/encoded_token.rb, lib/jwt/decode.rb (JWT::IncorrectAlgorithm)',
    pattern: /Expected a different algorithm/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "ruby-jwt: the token's alg is not in the server's algorithms list (JWT::IncorrectAlgorithm).",
  },
  {
    dialect: 'ruby-jwt',
    source: 'jwt/ruby-jwt lib/jwt/encoded_token.rb, lib/jwt/decode.rb (JWT::DecodeError)',
    pattern: /Not enough or too many segments|Invalid segment encoding/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'ruby-jwt could not decode the token: it is not three base64url parts.',
  },
];

export const RUBY_JWT: Dialect = {
  id: 'ruby-jwt',
  label: 'ruby-jwt',
  stack: 'Ruby',
  repository: 'jwt/ruby-jwt (lib/jwt/claims/*.rb, lib/jwt/encoded_token.rb)',
  rules: RULES,
  samples: [
    { text: 'Signature has expired', cause: 'token-expired', sharedWith: 'pyjwt' },
    { text: 'Signature verification failed', cause: 'secret-mismatch', sharedWith: 'pyjwt' },
    { text: 'Signature nbf has not been reached', cause: 'token-not-yet-valid' },
    { text: 'Invalid audience. Expected my-api, received other-api', cause: 'token-claims-rejected' },
    {
      text: 'Invalid issuer. Expected ["https://a.example"], received https://b.example',
      cause: 'token-claims-rejected',
    },
    { text: 'Missing required claim role', cause: 'missing-claims' },
    { text: 'Expected a different algorithm', cause: 'algorithm-mismatch' },
    { text: 'Not enough or too many segments', cause: 'token-malformed' },
    { text: 'Invalid segment encoding', cause: 'token-malformed' },
  ],
};
