// Shared types of the pure core. The browser console, the CLI and the reference server all speak these.
// Times: every function that depends on the clock takes `now` as epoch milliseconds.

/** Status of the pasted token against the local clock (contract: data-token-status). */
export type TokenStatus = 'empty' | 'malformed' | 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry';

/** What was cleaned off a pasted token before analysis, and why. */
export interface TokenCleanup {
  kind:
    | 'whitespace' // leading/trailing spaces, tabs, newlines
    | 'inner-whitespace' // line breaks or spaces inside the token (wrapped paste)
    | 'bearer-prefix' // "Bearer " / "bearer "
    | 'authorization-header' // "Authorization: Bearer ..."
    | 'quotes' // surrounding "..." '...' `...`
    | 'query-prefix' // "token=..." or a whole URL carrying ?token=
    | 'percent-decoded'; // the token was URL-encoded (%2E etc.) and was decoded
  /** Human sentence, e.g. 'Removed the "Bearer " prefix'. */
  message: string;
}

export type TokenSegmentName = 'header' | 'payload' | 'signature';

/** A specific problem found in a token. `code` is stable (tests assert it); `message` is for humans. */
export interface TokenProblem {
  code:
    | 'ERR_TOKEN_EMPTY'
    | 'ERR_SEGMENT_COUNT' // not 3 parts
    | 'ERR_JWE' // 5 parts: an encrypted token, not a signed one
    | 'ERR_SEGMENT_EMPTY'
    | 'ERR_SEGMENT_CHARSET' // characters outside base64url (+ / = or others)
    | 'ERR_SEGMENT_BASE64' // not decodable base64url (bad length)
    | 'ERR_SEGMENT_UTF8'
    | 'ERR_SEGMENT_JSON' // decoded, but not JSON
    | 'ERR_SEGMENT_NOT_OBJECT' // JSON, but not an object
    | 'ERR_HEADER_NO_ALG'
    | 'WARN_ALG_NONE'
    | 'WARN_ALG_UNKNOWN'
    | 'WARN_UNSIGNED' // empty signature segment
    | 'WARN_CLAIM_TYPE' // exp/nbf/iat not a number
    | 'WARN_MISSING_CLAIMS'
    | 'WARN_EXP_BEFORE_IAT'
    | 'WARN_IAT_IN_FUTURE'
    | 'WARN_MILLISECONDS' // exp/iat look like milliseconds, not seconds
    | 'WARN_PAYLOAD_NOT_JSON_OBJECT'
    | 'ERR_TOKEN_PLACEHOLDER' // the text "undefined", "null", "[object Object]"…: the client had no token to send
    | 'WARN_SIGNATURE_LENGTH'; // the signature is not as long as the alg's MAC: cut off or damaged
  severity: 'error' | 'warning' | 'info';
  message: string;
  segment?: TokenSegmentName;
  /** For charset problems: the offending characters and their first index in the segment. */
  detail?: string;
}

export interface TokenSegment {
  name: TokenSegmentName;
  /** The raw base64url text. */
  raw: string;
  ok: boolean;
}

/** A time claim, rendered three ways. `relative` is e.g. "in 23 h 59 min" / "5 min ago". */
export interface TimeClaim {
  claim: 'iat' | 'nbf' | 'exp';
  /** Seconds since the epoch, as in the token. */
  seconds: number;
  utc: string; // ISO 8601, e.g. 2026-11-27T04:22:37Z
  relative: string;
  /** ms from now (positive = future). */
  deltaMs: number;
}

export interface TokenAnalysis {
  /** Exactly what the user typed. */
  input: string;
  /** The token after cleaning: what will be verified and sent. */
  token: string;
  cleanups: TokenCleanup[];
  status: TokenStatus;
  /** 'jws' = three segments, decoded header and payload. */
  format: 'empty' | 'jws' | 'jwe' | 'malformed';
  segments: TokenSegment[];
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  alg?: string;
  /** Header "typ" and "kid", when they are strings. */
  typ?: string;
  kid?: string;
  times: Partial<Record<'iat' | 'nbf' | 'exp', TimeClaim>>;
  requiredClaims: string[];
  missingClaims: string[];
  problems: TokenProblem[];
}

export interface AnalyzeOptions {
  now: number;
  /** Seconds of clock tolerance for exp/nbf. Default 0. */
  leewaySeconds?: number;
  /** Default: the guide's ['userId', 'role', 'iat', 'exp']. */
  requiredClaims?: readonly string[];
  /** Query parameter to take the token from when a whole URL is pasted. Default 'token'. */
  paramName?: string;
}

export type SecretEncoding = 'utf8' | 'base64' | 'base64url' | 'hex';

export interface SecretInput {
  text: string;
  encoding: SecretEncoding;
}

export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

export type VerifyOutcome =
  | { ok: true; alg: string }
  | {
      ok: false;
      /** jose-style stable code, e.g. ERR_JWS_SIGNATURE_VERIFICATION_FAILED, or our own ERR_SECRET_*, ERR_ALG_*, ERR_NO_WEBCRYPTO. */
      code: string;
      message: string;
    };

/** A variant of the secret that people get wrong, tried during triage. */
export interface SecretVariant {
  id:
    | 'as-given'
    | 'trimmed'
    | 'unquoted'
    | 'env-line' // taken from a pasted .env (JWT_SECRET=...)
    | 'base64-decoded'
    | 'base64url-decoded'
    | 'hex-decoded'
    | 'utf8-of-base64' // the text of a base64 string: user chose base64 but the server uses the text
    | 'utf8-text';
  label: string;
  /** Sentence for the user when this variant is the one that verifies. */
  explanation: string;
}

export interface SecretTriage {
  /** What the given secret produced. */
  given: VerifyOutcome;
  /** The variant that verifies, if the given one did not and another did. */
  match?: SecretVariant;
  /** Every variant tried, for the evidence list. */
  tried: Array<{ variant: SecretVariant; ok: boolean }>;
  /** Notes on the secret itself: trailing newline, pasted .env, surrounding quotes... */
  notes: string[];
  /** What verified: the HMAC secret (absent = 'secret') or a public key (PEM, X.509, JWK, JWKS). */
  keyKind?: 'secret' | 'public-key';
  /** false: the key itself could not be used (unreadable, RSA under 2048 bits…): the outcome says nothing about the token. */
  keyUsable?: boolean;
  /** Public keys: what the key is, e.g. "RSA 2048-bit public key (PEM, SPKI)". */
  keyLabel?: string;
}

export interface ConnectionUrlNote {
  code:
    | 'HTTP_SCHEME_CONVERTED'
    | 'NO_SCHEME_ADDED'
    | 'TOKEN_PARAM_REPLACED'
    | 'TOKEN_EMPTY'
    | 'FRAGMENT_REMOVED'
    | 'PARAM_NAME_EMPTY';
  message: string;
}

export type ConnectionUrlResult =
  | {
      ok: true;
      url: string;
      notes: ConnectionUrlNote[];
      scheme: 'ws:' | 'wss:';
      host: string;
      origin: string;
    }
  | { ok: false; code: 'ERR_URL_EMPTY' | 'ERR_URL_INVALID' | 'ERR_URL_SCHEME'; message: string };

export interface CloseCodeInfo {
  code: number;
  /** Short name, e.g. "Policy Violation". */
  name: string;
  /** One or two sentences. */
  meaning: string;
  range: 'unused' | 'rfc6455' | 'iana-registered' | 'library' | 'private' | 'invalid';
  /** 1005, 1006, 1015: set by the browser, never sent on the wire. */
  localOnly: boolean;
  /** Known conventions for codes in 3000-4999, e.g. graphql-ws 4401 Unauthorized. */
  conventions: Array<{ source: string; name: string; meaning: string }>;
}
