// Generic words, tried after the library rows (and after the meaning of a transport close code).
import type { ReasonRule } from './rule.ts';

export const GENERIC_RULES: readonly ReasonRule[] = [
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /\b(not (yet )?valid yet|not yet valid|not active yet|used before|nbf)\b/i,
    cause: 'token-not-yet-valid',
    confidence: 'medium',
    detail: 'The server says the token is not valid yet (nbf/iat in the future by its clock).',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /\bexpired?\b|\bexpiry\b/i,
    cause: 'token-expired',
    confidence: 'medium',
    detail: 'The server says the token has expired.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    // A verdict on the signature, not the word alone ("Signature has expired", "ExpiredSignature", "token
    // does not have a signature" speak of other things).
    pattern:
      /\b(invalid|bad|wrong|incorrect|mismatch(?:ed)?|unverified) (?:jwt |token )?signature\b|\bsignature (?:is )?(?:invalid|not valid|mismatch|does(?:n't| not) match|verification failed|validation failed|check failed|failed|error)\b/i,
    cause: 'secret-mismatch',
    confidence: 'medium',
    detail: 'The server says the signature is wrong: it verifies with a different secret.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    // "Token is missing the "role" claim" (PyJWT) and "token is missing required claim" (golang-jwt) name a
    // claim, not an absent token: the phrase counts only when no claim follows.
    pattern:
      /\b(no|missing|without|empty) (auth(entication|orization)? )?(token|jwt)\b(?! claims?\b)|\b(token|jwt) (is )?(required|missing)\b(?!\s+(?:the\s+|a\s+|required\s+)?(?:\S+\s+)?claims?\b)/i,
    cause: 'token-missing',
    confidence: 'medium',
    detail: 'The server says no token arrived.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /malformed|not a (valid )?jwt|could not (decode|parse)|cannot (decode|parse)/i,
    cause: 'token-malformed',
    confidence: 'medium',
    detail: 'The server could not read the token.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern:
      /\bmissing (required )?(claims?|fields?)\b|\bclaims? (missing|required)\b|\bmissing (the |a )?(required )?["'`]?[\w-]+["'`]? claim\b/i,
    cause: 'missing-claims',
    confidence: 'medium',
    detail: 'The server says required claims are missing.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    // A complaint about the algorithm, not its mere mention ("…verified using the Algorithm: HmacSHA256").
    pattern:
      /\b(invalid|unsupported|unexpected|wrong|disallowed|unknown|mismatch(?:ed)?) (signing )?(algorithm|alg)\b|\b(algorithm|alg)\b[^.]{0,40}?\b(not (allowed|supported|accepted|permitted)|mismatch|is invalid|unsupported|expected)\b/i,
    cause: 'algorithm-mismatch',
    confidence: 'medium',
    detail: "The server does not accept the token's algorithm.",
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /sub-?protocol|sec-websocket-protocol/i,
    cause: 'subprotocol-mismatch',
    confidence: 'medium',
    detail: 'The server did not accept the offered subprotocol.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /too (big|large)|payload (too|exceeds)|max(imum)? (payload|message) size/i,
    cause: 'message-too-big',
    confidence: 'medium',
    detail: 'The server refused a message as too big.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern:
      /unauthori[sz]ed|forbidden|not authori[sz]ed|auth(entication|orization)? (failed|error|required|denied)|access denied|permission denied|invalid (credentials|auth\w*|jwt|access token|bearer|api key)|bad token|token (is )?invalid/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'The server refused authentication.',
  },
  {
    dialect: 'generic',
    source: 'common wording',
    pattern: /internal (server )?error|server error|exception/i,
    cause: 'server-error',
    confidence: 'medium',
    detail: 'The server reports an internal failure.',
  },
];
