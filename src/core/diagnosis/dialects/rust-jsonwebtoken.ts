// The Rust jsonwebtoken crate (Keats/jsonwebtoken): Display of errors::Error prints most ErrorKind variants by
// their Debug name ("ExpiredSignature", "InvalidSignature"…) and a sentence for the rest ("Missing required
// claim: exp"). Read from src/errors.rs (impl fmt::Display for Error). Whole-word, case-sensitive names.
import { group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const ERRORS = 'Keats/jsonwebtoken src/errors.rs (ErrorKind, impl Display)';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /\bExpiredSignature\b/,
    cause: 'token-expired',
    confidence: 'high',
    detail: "Rust jsonwebtoken: exp has passed by the server's clock (ErrorKind::ExpiredSignature).",
    claims: () => ['exp'],
  },
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /\bImmatureSignature\b/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "Rust jsonwebtoken: nbf is in the future by the server's clock (ErrorKind::ImmatureSignature).",
    claims: () => ['nbf'],
  },
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /\bInvalidSignature\b/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "Rust jsonwebtoken: the signature does not verify with the server's DecodingKey.",
  },
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /\b(InvalidAlgorithm|MissingAlgorithm|UnsupportedAlgorithm|InvalidAlgorithmName)\b/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "Rust jsonwebtoken: the token's alg is not in the server's Validation algorithms.",
  },
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /\bInvalid(Audience|Issuer|Subject)\b/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) =>
      `Rust jsonwebtoken: the token's ${{ Audience: 'aud', Issuer: 'iss', Subject: 'sub' }[group(m, 1)] ?? 'claim'} is not in the server's Validation set.`,
    claims: (m) => [{ Audience: 'aud', Issuer: 'iss', Subject: 'sub' }[group(m, 1)] ?? ''],
  },
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /Missing required claim: (\w+)|Invalid format for claim: (\w+)/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) =>
      `Rust jsonwebtoken: the "${group(m, 1) || group(m, 2)}" claim is missing or not the right type.`,
    claims: (m) => [group(m, 1) || group(m, 2)],
  },
  {
    dialect: 'rust-jsonwebtoken',
    source: ERRORS,
    pattern: /^(InvalidToken|Base64 error: .*|JSON error: .*|UTF-8 error: .*)$/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'Rust jsonwebtoken could not decode the token: it is not three base64url parts of JSON.',
  },
];

export const RUST_JSONWEBTOKEN: Dialect = {
  id: 'rust-jsonwebtoken',
  label: 'jsonwebtoken (Rust crate)',
  stack: 'Rust',
  repository: 'Keats/jsonwebtoken (src/errors.rs)',
  rules: RULES,
  samples: [
    { text: 'ExpiredSignature', cause: 'token-expired' },
    { text: 'ImmatureSignature', cause: 'token-not-yet-valid' },
    { text: 'InvalidSignature', cause: 'secret-mismatch' },
    { text: 'InvalidAlgorithm', cause: 'algorithm-mismatch' },
    { text: 'InvalidAudience', cause: 'token-claims-rejected' },
    { text: 'InvalidIssuer', cause: 'token-claims-rejected' },
    { text: 'Missing required claim: exp', cause: 'missing-claims' },
    { text: 'InvalidToken', cause: 'token-malformed' },
    { text: 'Base64 error: Invalid symbol 46, offset 3.', cause: 'token-malformed' },
  ],
};
