import type {
  AnalyzeOptions,
  TimeClaim,
  TokenAnalysis,
  TokenProblem,
  TokenSegment,
  TokenSegmentName,
  TokenStatus,
} from '../types.ts';
import { formatRelative } from '../time/relative.ts';
import {
  decodeBase64url,
  decodeUtf8Strict,
  describeCharacter,
  explainBase64urlCharacter,
  findInvalidBase64urlChars,
} from './base64url.ts';
import { cleanTokenInput } from './clean.ts';

/** The payload fields required unless the user says otherwise: the troubleshooting guide's server's (README, Background). */
export const DEFAULT_REQUIRED_CLAIMS: readonly string[] = Object.freeze(['userId', 'role', 'iat', 'exp']);

/** Registered JWS "alg" values (RFC 7518, RFC 8037, RFC 8812, FIPS 204 drafts). */
export const KNOWN_JWS_ALGORITHMS: readonly string[] = Object.freeze([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'ES256K',
  'EdDSA',
  'Ed25519',
  'Ed448',
  'ML-DSA-44',
  'ML-DSA-65',
  'ML-DSA-87',
  'none',
]);

// Signature sizes that do not depend on the key (RSA ones do).
const SIGNATURE_BYTES: ReadonlyMap<string, number> = new Map([
  ['HS256', 32],
  ['HS384', 48],
  ['HS512', 64],
  ['ES256', 64],
  ['ES256K', 64],
  ['ES384', 96],
  ['ES512', 132],
  ['EdDSA', 64],
  ['Ed25519', 64],
]);

// Values above this are past the year 5138 in seconds, but only 1973 in milliseconds.
const MILLISECONDS_THRESHOLD = 1e11;

// A Map, not an object literal: pasted text such as "constructor" must not hit Object.prototype.
const PLACEHOLDERS: ReadonlyMap<string, string> = new Map([
  ['undefined', 'the code that built the URL had no token (a variable was undefined)'],
  ['null', 'the code that built the URL had no token (a variable was null)'],
  ['nan', 'a number operation produced NaN where the token should be'],
  [
    '[object object]',
    'an object was put into the URL instead of its token string (e.g. the whole login response)',
  ],
  ['[object promise]', 'a Promise was put into the URL: the token was not awaited'],
  ['bearer', 'only the word "Bearer" was pasted, without the token after it'],
  ['token', 'the word "token" was pasted instead of the token itself'],
  ['<token>', 'a placeholder that was never filled in'],
  ['{token}', 'a placeholder that was never filled in'],
  ['{{token}}', 'a placeholder that was never filled in'],
  ['${token}', 'a template placeholder that was never filled in (single quotes instead of backticks?)'],
]);

type SegmentDecode =
  { ok: true; value: Record<string, unknown> } | { ok: false; problem: TokenProblem; decoded: boolean };

function problem(
  code: TokenProblem['code'],
  severity: TokenProblem['severity'],
  message: string,
  segment?: TokenSegmentName,
  detail?: string,
): TokenProblem {
  const p: TokenProblem = { code, severity, message };
  if (segment) p.segment = segment;
  if (detail !== undefined) p.detail = detail;
  return p;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(clip(value, 40))}`;
    case 'number':
      return Number.isFinite(value) ? `the number ${value}` : 'a number too large to represent';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function charsetProblem(raw: string, name: TokenSegmentName): TokenProblem | null {
  const invalid = findInvalidBase64urlChars(raw);
  if (invalid.length === 0) return null;
  const list = invalid.map((c) => `${describeCharacter(c.char)} at position ${c.index}`).join(', ');
  const reasons = [...new Set(invalid.map((c) => explainBase64urlCharacter(c.char)).filter((r) => r !== ''))];
  const why =
    reasons.length > 0
      ? reasons.join('; ')
      : invalid.length === 1
        ? 'not a base64url character'
        : 'not base64url characters';
  const detail = invalid.map((c) => `${describeCharacter(c.char)} at ${c.index}`).join(', ');
  return problem('ERR_SEGMENT_CHARSET', 'error', `${list} of the ${name} — ${why}`, name, detail);
}

function lengthProblem(raw: string, name: TokenSegmentName): TokenProblem {
  return problem(
    'ERR_SEGMENT_BASE64',
    'error',
    `The ${name} is ${raw.length} character${raw.length === 1 ? '' : 's'} long, which no base64url text can be (4n+1): a character was lost or added, or the token was cut off`,
    name,
  );
}

function briefJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return clip(message.replace(/\s+/g, ' '), 100);
}

function decodeJsonSegment(raw: string, name: 'header' | 'payload'): SegmentDecode {
  if (raw === '') {
    const where = name === 'header' ? 'the token starts with a dot' : 'two dots in a row';
    return {
      ok: false,
      decoded: false,
      problem: problem('ERR_SEGMENT_EMPTY', 'error', `The ${name} is empty (${where})`, name),
    };
  }
  const charset = charsetProblem(raw, name);
  if (charset) return { ok: false, decoded: false, problem: charset };
  const decoded = decodeBase64url(raw);
  if (!decoded.ok) return { ok: false, decoded: false, problem: lengthProblem(raw, name) };
  const text = decodeUtf8Strict(decoded.bytes);
  if (text === null) {
    return {
      ok: false,
      decoded: true,
      problem: problem(
        'ERR_SEGMENT_UTF8',
        'error',
        `The ${name} decodes to ${decoded.bytes.length} bytes that are not UTF-8 text, so it is not an encoded JSON ${name} (binary data, or a part of another token)`,
        name,
      ),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      decoded: true,
      problem: problem(
        'ERR_SEGMENT_JSON',
        'error',
        `The ${name} decodes to text that is not JSON (${briefJsonError(error)}): ${JSON.stringify(clip(text, 40))}`,
        name,
      ),
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    let extra = '';
    if (typeof value === 'string' && value.trimStart().startsWith('{')) {
      extra = ' holding JSON text: it was JSON-encoded twice (JSON.stringify before signing)';
    }
    return {
      ok: false,
      decoded: true,
      problem: problem(
        'ERR_SEGMENT_NOT_OBJECT',
        'error',
        `The ${name} is JSON but not an object: it is ${describeValue(value)}${extra}`,
        name,
      ),
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Decode a segment for display only (no problems reported). */
function quietObject(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined || raw === '') return undefined;
  const result = decodeJsonSegment(raw, 'header');
  return result.ok ? result.value : undefined;
}

function isoSeconds(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'out of range';
  // toISOString always ends in ".sssZ" (also for six-digit years): drop the milliseconds, no regex.
  return `${new Date(ms).toISOString().slice(0, -5)}Z`;
}

function timeClaim(claim: TimeClaim['claim'], seconds: number, now: number): TimeClaim {
  const deltaMs = seconds * 1000 - now;
  return { claim, seconds, utc: isoSeconds(seconds * 1000), relative: formatRelative(deltaMs), deltaMs };
}

function countParts(token: string): number {
  let parts = 1;
  let at = token.indexOf('.');
  while (at !== -1) {
    parts++;
    at = token.indexOf('.', at + 1);
  }
  return parts;
}

function segmentCountMessage(token: string, parts: number): string {
  const base = `A JWT has 3 parts separated by dots (header.payload.signature); this has ${parts} part${parts === 1 ? '' : 's'}`;
  if (parts === 1) {
    const head = token.trimStart();
    if (head.startsWith('{') || head.startsWith('[')) {
      return `${base} (no dots) — it looks like JSON: paste the encoded token (eyJ…), not its decoded contents`;
    }
    if (/^(wss?|https?):\/\//i.test(head)) {
      return `${base} (no dots) — it is a URL without a token parameter`;
    }
    if (token.length <= 4096 && quietObject(token)) {
      return `${base} (no dots) — it is a single base64url-encoded JSON object: only the header or only the payload was copied`;
    }
    return `${base} (no dots) — it is not a JWT (an opaque session token or an API key?)`;
  }
  const dots = `${parts - 1} dot${parts === 2 ? '' : 's'}`;
  if (parts === 2) return `${base} (${dots}): the signature is missing, or the token was cut off`;
  return `${base} (${dots}): extra dots, or two tokens pasted together`;
}

function validateOptions(opts: AnalyzeOptions): { now: number; leeway: number; required: string[] } {
  if (typeof opts !== 'object' || opts === null)
    throw new TypeError('analyzeToken: options with `now` are required');
  const { now, leewaySeconds = 0, requiredClaims = DEFAULT_REQUIRED_CLAIMS } = opts;
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new TypeError('analyzeToken: opts.now must be epoch milliseconds');
  if (typeof leewaySeconds !== 'number' || !Number.isFinite(leewaySeconds) || leewaySeconds < 0) {
    throw new TypeError('analyzeToken: opts.leewaySeconds must be a non-negative number');
  }
  if (!Array.isArray(requiredClaims) || requiredClaims.some((c) => typeof c !== 'string')) {
    throw new TypeError('analyzeToken: opts.requiredClaims must be an array of strings');
  }
  if (opts.paramName !== undefined && typeof opts.paramName !== 'string') {
    throw new TypeError('analyzeToken: opts.paramName must be a string');
  }
  return { now, leeway: leewaySeconds, required: [...requiredClaims] };
}

function checkHeader(header: Record<string, unknown>, analysis: TokenAnalysis): void {
  const { problems } = analysis;
  const alg = header.alg;
  if (typeof header.typ === 'string') analysis.typ = header.typ;
  if (typeof header.kid === 'string') analysis.kid = header.kid;
  if (typeof alg !== 'string' || alg === '') {
    const what = alg === undefined ? 'has no "alg"' : `has "alg" set to ${describeValue(alg)}`;
    problems.push(
      problem(
        'ERR_HEADER_NO_ALG',
        'error',
        `The header ${what}: a signed token must name its algorithm (e.g. {"alg":"HS256","typ":"JWT"})`,
        'header',
      ),
    );
    return;
  }
  analysis.alg = alg;
  if (alg.toLowerCase() === 'none') {
    problems.push(
      problem(
        'WARN_ALG_NONE',
        'warning',
        `UNSIGNED TOKEN: alg is "${alg}". Anyone can forge such a token, and every correctly configured server rejects it. Sign it with HS256 and the server's JWT_SECRET.`,
        'header',
      ),
    );
    return;
  }
  if (!KNOWN_JWS_ALGORITHMS.includes(alg)) {
    const near = KNOWN_JWS_ALGORITHMS.find((known) => known.toLowerCase() === alg.toLowerCase());
    const hint = near ? ` — algorithm names are case-sensitive: did you mean ${near}?` : '';
    problems.push(
      problem(
        'WARN_ALG_UNKNOWN',
        'warning',
        `alg "${clip(alg, 40)}" is not a registered JWS algorithm, so no standard library will verify it${hint}`,
        'header',
      ),
    );
  }
}

function checkSignature(raw: string, analysis: TokenAnalysis): boolean {
  const { problems } = analysis;
  if (raw === '') {
    if (analysis.alg === undefined || analysis.alg.toLowerCase() !== 'none') {
      const alg = analysis.alg ? ` although the header says alg ${analysis.alg}` : '';
      // An error: a signed alg with no signature is a cut token, malformed everywhere (issue 16).
      problems.push(
        problem(
          'WARN_UNSIGNED',
          'error',
          `The signature is empty${alg}: the token is unsigned, so a server that checks signatures rejects it`,
          'signature',
        ),
      );
    }
    return true;
  }
  const charset = charsetProblem(raw, 'signature');
  if (charset) {
    problems.push(charset);
    return false;
  }
  if (raw.length % 4 === 1) {
    problems.push(lengthProblem(raw, 'signature'));
    return false;
  }
  const expected = analysis.alg !== undefined ? SIGNATURE_BYTES.get(analysis.alg) : undefined;
  const bytes = Math.floor((raw.length * 3) / 4);
  if (expected !== undefined && bytes !== expected) {
    const why =
      bytes < expected
        ? 'the token was probably cut off when it was copied'
        : 'extra characters were appended';
    // An error, not a warning: no secret verifies a cut signature, so the token is malformed (issue 16).
    problems.push(
      problem(
        'WARN_SIGNATURE_LENGTH',
        'error',
        `The signature is ${bytes} bytes; an ${analysis.alg} signature is ${expected} bytes — ${why}`,
        'signature',
      ),
    );
  }
  return true;
}

/** iat / nbf / exp as times, for a payload that can be read even though the token is malformed. */
function readTimes(payload: Record<string, unknown>, analysis: TokenAnalysis, now: number): void {
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    const value = payload[claim];
    if (typeof value === 'number' && Number.isFinite(value))
      analysis.times[claim] = timeClaim(claim, value, now);
  }
}

function checkClaims(
  payload: Record<string, unknown>,
  analysis: TokenAnalysis,
  now: number,
  leeway: number,
  required: readonly string[],
): void {
  const { problems, times } = analysis;
  const inMilliseconds = new Set<string>();
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    if (!Object.hasOwn(payload, claim)) continue;
    const value = payload[claim];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const numericString = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value);
      const hint = numericString ? ' — a number in quotes: remove the quotes' : '';
      problems.push(
        problem(
          'WARN_CLAIM_TYPE',
          'warning',
          `${claim} is ${describeValue(value)}, not a number of seconds since 1970 (NumericDate)${hint}; servers reject or ignore it`,
          'payload',
        ),
      );
      continue;
    }
    const tc = timeClaim(claim, value, now);
    times[claim] = tc;
    if (Math.abs(value) > MILLISECONDS_THRESHOLD) {
      inMilliseconds.add(claim);
      problems.push(
        problem(
          'WARN_MILLISECONDS',
          'warning',
          `${claim} is ${value}, which looks like milliseconds (Date.now()), not seconds: read as seconds it is ${tc.utc}, as milliseconds ${isoSeconds(value)}. Use Math.floor(Date.now() / 1000).`,
          'payload',
        ),
      );
    }
  }
  const { iat, exp } = times;
  if (iat && exp && exp.seconds < iat.seconds) {
    problems.push(
      problem(
        'WARN_EXP_BEFORE_IAT',
        'warning',
        `exp (${exp.utc}) is before iat (${iat.utc}): the token expired before it was issued — the lifetime was subtracted instead of added, or the two mix seconds and milliseconds`,
        'payload',
      ),
    );
  }
  if (iat && !inMilliseconds.has('iat') && iat.seconds * 1000 > now + leeway * 1000) {
    problems.push(
      problem(
        'WARN_IAT_IN_FUTURE',
        'warning',
        `iat is ${iat.relative} (${iat.utc}): by this clock the token was issued in the future — the signer's clock is ahead (clock skew), and servers that check iat reject it`,
        'payload',
      ),
    );
  }
  const missing = required.filter((claim) => !Object.hasOwn(payload, claim));
  analysis.missingClaims = missing;
  if (missing.length > 0) {
    problems.push(
      problem(
        'WARN_MISSING_CLAIMS',
        'warning',
        `The payload lacks ${missing.join(', ')}; the server requires ${required.join(', ')}`,
        'payload',
      ),
    );
  }
}

function statusOf(analysis: TokenAnalysis, now: number, leeway: number): TokenStatus {
  if (analysis.problems.some((p) => p.severity === 'error')) return 'malformed';
  const { exp, nbf } = analysis.times;
  if (exp && now >= (exp.seconds + leeway) * 1000) return 'expired';
  if (nbf && nbf.seconds * 1000 > now + leeway * 1000) return 'not-yet-valid';
  if (!exp) return 'no-expiry';
  return 'valid';
}

/**
 * Whether the token is a whole compact JWS: three decodable parts and nothing broken. The one test every
 * reader (status badge, checklist, diagnosis, CLI) uses before trusting a signature check or a server's
 * "malformed" as news: a token that is not well-formed here is token-malformed, never a secret mismatch.
 */
export function isWellFormed(analysis: TokenAnalysis): boolean {
  return analysis.format === 'jws' && analysis.status !== 'malformed' && analysis.status !== 'empty';
}

/**
 * Everything that can be said about a pasted token without a secret: cleanups applied, structure,
 * decoded header and payload, time claims against `now`, required claims, and each problem with the
 * segment it lives in. Never throws for a string; fast enough for every keystroke.
 */
export function analyzeToken(input: string, opts: AnalyzeOptions): TokenAnalysis {
  if (typeof input !== 'string') throw new TypeError('analyzeToken: input must be a string');
  const { now, leeway, required } = validateOptions(opts);
  const { token, cleanups } = cleanTokenInput(
    input,
    opts.paramName !== undefined ? { paramName: opts.paramName } : {},
  );
  const analysis: TokenAnalysis = {
    input,
    token,
    cleanups,
    status: 'malformed',
    format: 'malformed',
    segments: [],
    times: {},
    requiredClaims: required,
    missingClaims: [],
    problems: [],
  };
  const { problems } = analysis;

  if (token === '') {
    const message =
      input.trim() === ''
        ? 'No token: the Token field is empty'
        : 'No token: nothing is left once the quotes, prefixes and whitespace are removed';
    problems.push(problem('ERR_TOKEN_EMPTY', 'error', message));
    analysis.status = 'empty';
    analysis.format = 'empty';
    return analysis;
  }

  const placeholder = token.length <= 20 ? PLACEHOLDERS.get(token.toLowerCase()) : undefined;
  if (placeholder !== undefined) {
    problems.push(
      problem('ERR_TOKEN_PLACEHOLDER', 'error', `The token is the text "${token}": ${placeholder}`),
    );
    return analysis;
  }

  const parts = countParts(token);
  if (parts !== 3) {
    const firstHeader = parts === 5 ? quietObject(token.slice(0, token.indexOf('.'))) : undefined;
    // A JWE header names its content encryption ("enc"); a JWS header without one means two signed tokens
    // pasted together (5 parts by accident), not an encrypted token.
    const twoSignedTokens =
      firstHeader !== undefined &&
      firstHeader.enc === undefined &&
      typeof firstHeader.alg === 'string' &&
      KNOWN_JWS_ALGORITHMS.includes(firstHeader.alg);
    if (parts === 5 && !twoSignedTokens) {
      analysis.format = 'jwe';
      const header = firstHeader;
      let what = '';
      if (header) {
        analysis.header = header;
        if (typeof header.alg === 'string') analysis.alg = header.alg;
        const enc = typeof header.enc === 'string' ? `, enc ${header.enc}` : '';
        what = typeof header.alg === 'string' ? `; alg ${clip(header.alg, 30)}${clip(enc, 40)}` : '';
      }
      problems.push(
        problem(
          'ERR_JWE',
          'error',
          `This is an encrypted token (JWE, 5 parts${what}): it cannot be read or verified with a shared secret. The server expects a signed JWT (3 parts: header.payload.signature).`,
        ),
      );
      return analysis;
    }
    problems.push(problem('ERR_SEGMENT_COUNT', 'error', segmentCountMessage(token, parts)));
    if (parts === 2 || parts === 4) {
      // Show what can be read, to help tell which part is missing.
      const [h, p] = token.split('.', 2);
      const header = quietObject(h);
      const payload = quietObject(p);
      if (header) analysis.header = header;
      if (payload) analysis.payload = payload;
      if (header && typeof header.alg === 'string') analysis.alg = header.alg;
      // The times shown for the readable payload are the times every picture uses (one source).
      if (payload) readTimes(payload, analysis, now);
    }
    return analysis;
  }

  const [rawHeader = '', rawPayload = '', rawSignature = ''] = token.split('.');
  analysis.format = 'jws';
  const header = decodeJsonSegment(rawHeader, 'header');
  const payload = decodeJsonSegment(rawPayload, 'payload');
  const segments: TokenSegment[] = [
    { name: 'header', raw: rawHeader, ok: header.ok },
    { name: 'payload', raw: rawPayload, ok: payload.ok },
  ];
  if (header.ok) {
    analysis.header = header.value;
    checkHeader(header.value, analysis);
  } else {
    problems.push(header.problem);
  }
  if (payload.ok) {
    analysis.payload = payload.value;
  } else {
    problems.push(payload.problem);
    if (header.ok && payload.decoded) {
      problems.push(
        problem(
          'WARN_PAYLOAD_NOT_JSON_OBJECT',
          'info',
          'A JWS may carry any payload, so the signature can still verify, but a JWT payload must be a JSON object of claims: a server expecting a JWT rejects this one',
          'payload',
        ),
      );
    }
  }
  segments.push({ name: 'signature', raw: rawSignature, ok: checkSignature(rawSignature, analysis) });
  analysis.segments = segments;
  if (payload.ok) checkClaims(payload.value, analysis, now, leeway, required);
  analysis.status = statusOf(analysis, now, leeway);
  return analysis;
}
