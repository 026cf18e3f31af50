// Strict base64url / base64 codecs. Hand-written (not atob) so that every problem can be named with its
// position, and so that decoding stays linear for large inputs.

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function lookupFor(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const URL_LOOKUP = lookupFor(BASE64URL_ALPHABET);
const STD_LOOKUP = lookupFor(BASE64_ALPHABET);

/** One character that does not belong to the alphabet, reported once (at its first position). */
export interface InvalidCharacter {
  /** The character itself (a whole code point, so emoji stay intact). */
  char: string;
  /** 0-based index (UTF-16 units) of its first occurrence in the text. */
  index: number;
  /** How many times it occurs. */
  count: number;
}

export type Base64ErrorCode = 'ERR_BASE64_CHARSET' | 'ERR_BASE64_LENGTH' | 'ERR_BASE64_PADDING';

export type Base64DecodeResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: Base64ErrorCode; message: string; invalid: InvalidCharacter[] };

export interface Base64DecodeOptions {
  /** Accept correct trailing "=" padding. Default false for base64url (JWT segments never carry it), true for base64. */
  allowPadding?: boolean;
}

/** A human name for a character: '"+"', 'a space', 'a line break (\n)', 'U+0007'. */
export function describeCharacter(char: string): string {
  switch (char) {
    case ' ':
      return 'a space';
    case '\n':
      return 'a line break (\\n)';
    case '\r':
      return 'a carriage return (\\r)';
    case '\t':
      return 'a tab';
    case '\u00a0':
      return 'a non-breaking space';
    case '\u200b':
      return 'a zero-width space';
    case '\ufeff':
      return 'a byte-order mark (U+FEFF)';
    default:
      break;
  }
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${char}"`;
}

/** Why a character is not base64url, in a few words (or '' when there is nothing specific to say). */
export function explainBase64urlCharacter(char: string): string {
  switch (char) {
    case '+':
    case '/':
      return 'standard base64, not base64url';
    case '=':
      return 'base64 padding, which JWTs omit';
    case '%':
      return 'percent-encoding: the token is still URL-encoded';
    case ' ':
    case '\n':
    case '\r':
    case '\t':
      return 'whitespace from a wrapped or padded paste';
    case '"':
    case "'":
    case '`':
      return 'a quote pasted with the token';
    case '{':
    case '}':
    case ':':
      return 'raw JSON, not its base64url encoding';
    default:
      return '';
  }
}

function isAllowed(code: number, lookup: Int8Array): boolean {
  return code < 128 && (lookup[code] ?? -1) >= 0;
}

// The usual case, all characters valid, is checked by one native scan (`allValid`): a 64 KB token is pasted in
// one frame, before the JIT has warmed up to the loop below (BENCHMARKS.md).
const URL_ALL_VALID = /^[A-Za-z0-9_-]*$/;
const URL_OR_PADDING_ALL_VALID = /^[A-Za-z0-9_=-]*$/;
const STD_OR_PADDING_ALL_VALID = /^[A-Za-z0-9+/=]*$/;

function findInvalid(
  text: string,
  lookup: Int8Array,
  extraAllowed: number,
  limit: number,
  allValid: RegExp,
): InvalidCharacter[] {
  if (allValid.test(text)) return [];
  const found = new Map<string, InvalidCharacter>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isAllowed(code, lookup) || code === extraAllowed) continue;
    let char = text[i] ?? '';
    // Keep surrogate pairs (emoji) together.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) char = text.slice(i, i + 2);
    }
    const known = found.get(char);
    if (known) known.count++;
    else if (found.size < limit) found.set(char, { char, index: i, count: 1 });
    if (char.length === 2) i++;
  }
  return [...found.values()];
}

/** Characters outside the base64url alphabet (A–Z a–z 0–9 - _), at most `limit` distinct ones, in order. */
export function findInvalidBase64urlChars(text: string, limit = 5): InvalidCharacter[] {
  return findInvalid(text, URL_LOOKUP, -1, limit, URL_ALL_VALID);
}

/** Characters outside the standard base64 alphabet (A–Z a–z 0–9 + /), "=" excluded. */
export function findInvalidBase64Chars(text: string, limit = 5): InvalidCharacter[] {
  return findInvalid(text, STD_LOOKUP, 0x3d, limit, STD_OR_PADDING_ALL_VALID);
}

/** '"+" at position 12, "/" at position 40' (0-based positions). */
export function formatInvalidCharacters(invalid: readonly InvalidCharacter[]): string {
  return invalid.map((c) => `${describeCharacter(c.char)} at position ${c.index}`).join(', ');
}

// Uint8Array.fromBase64 (TC39 "Uint8Array to/from base64"; Chromium 140+, Firefox 133+, Safari 18.2+): native
// decoding. Node 20 lacks it and older browsers too: the loop below does the same.
type FromBase64 = (
  text: string,
  options: { alphabet: 'base64' | 'base64url'; lastChunkHandling: 'loose' },
) => Uint8Array;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

function decodeClean(text: string, lookup: Int8Array): Uint8Array {
  // `text` is validated (alphabet, no padding, length not 4n+1): both ways decode it to the same bytes.
  if (nativeFromBase64 && text.length >= 1024) {
    return nativeFromBase64(text, {
      alphabet: lookup === URL_LOOKUP ? 'base64url' : 'base64',
      lastChunkHandling: 'loose',
    });
  }
  return decodeCleanLoop(text, lookup);
}

/** The portable decoder (what runs where Uint8Array.fromBase64 is missing, and for short text). */
function decodeCleanLoop(text: string, lookup: Int8Array): Uint8Array {
  const len = text.length;
  const rem = len % 4;
  const out = new Uint8Array(Math.floor(len / 4) * 3 + (rem === 0 ? 0 : rem - 1));
  let o = 0;
  let i = 0;
  const full = len - rem;
  for (; i < full; i += 4) {
    const n =
      ((lookup[text.charCodeAt(i)] ?? 0) << 18) |
      ((lookup[text.charCodeAt(i + 1)] ?? 0) << 12) |
      ((lookup[text.charCodeAt(i + 2)] ?? 0) << 6) |
      (lookup[text.charCodeAt(i + 3)] ?? 0);
    out[o++] = (n >> 16) & 0xff;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rem >= 2) {
    const n =
      ((lookup[text.charCodeAt(i)] ?? 0) << 18) |
      ((lookup[text.charCodeAt(i + 1)] ?? 0) << 12) |
      (rem === 3 ? (lookup[text.charCodeAt(i + 2)] ?? 0) << 6 : 0);
    out[o] = (n >> 16) & 0xff;
    if (rem === 3) out[o + 1] = (n >> 8) & 0xff;
  }
  return out;
}

function stripPadding(
  text: string,
  allowPadding: boolean,
):
  | { ok: true; body: string }
  | { ok: false; code: Base64ErrorCode; message: string; invalid: InvalidCharacter[] } {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  const padding = text.length - end;
  const body = text.slice(0, end);
  const inner = body.indexOf('=');
  if (inner !== -1) {
    return {
      ok: false,
      code: 'ERR_BASE64_PADDING',
      message: `"=" at position ${inner} is padding in the middle of the text: two encoded values were probably joined`,
      invalid: [{ char: '=', index: inner, count: 1 }],
    };
  }
  if (padding === 0) return { ok: true, body };
  if (!allowPadding) {
    return {
      ok: false,
      code: 'ERR_BASE64_CHARSET',
      message: `"=" at position ${end} is base64 padding, which base64url text omits`,
      invalid: [{ char: '=', index: end, count: padding }],
    };
  }
  if (padding > 2 || text.length % 4 !== 0 || body.length % 4 === 1) {
    return {
      ok: false,
      code: 'ERR_BASE64_PADDING',
      message: `the "=" padding does not fit: ${text.length} characters with ${padding} "=" (padded base64 has a length that is a multiple of 4 and at most two "=")`,
      invalid: [],
    };
  }
  return { ok: true, body };
}

function lengthProblem(length: number): string {
  return `${length} characters is not a possible base64 length (4n+1): a character was lost or added, or the text was cut off`;
}

/**
 * Strict base64url (RFC 4648 §5) decoding. Rejects "+", "/", whitespace and any other character,
 * naming each one; rejects "=" unless `allowPadding`; rejects lengths of the form 4n+1.
 */
export function decodeBase64url(text: string, options: Base64DecodeOptions = {}): Base64DecodeResult {
  if (typeof text !== 'string') throw new TypeError('decodeBase64url: text must be a string');
  const invalid = findInvalid(text, URL_LOOKUP, 0x3d, 5, URL_OR_PADDING_ALL_VALID);
  if (invalid.length > 0) {
    const hint = invalid.some((c) => c.char === '+' || c.char === '/')
      ? ' — standard base64, not base64url (base64url uses - and _)'
      : '';
    return {
      ok: false,
      code: 'ERR_BASE64_CHARSET',
      message: `not base64url: ${formatInvalidCharacters(invalid)}${hint}`,
      invalid,
    };
  }
  const padded = stripPadding(text, options.allowPadding ?? false);
  if (!padded.ok) return padded;
  if (padded.body.length % 4 === 1) {
    return { ok: false, code: 'ERR_BASE64_LENGTH', message: lengthProblem(padded.body.length), invalid: [] };
  }
  return { ok: true, bytes: decodeClean(padded.body, URL_LOOKUP) };
}

/**
 * Strict standard base64 (RFC 4648 §4) decoding. Rejects "-" and "_" (base64url), whitespace and any other
 * character, naming each one. Padding is optional but must be correct when present.
 */
export function decodeBase64(text: string, options: Base64DecodeOptions = {}): Base64DecodeResult {
  if (typeof text !== 'string') throw new TypeError('decodeBase64: text must be a string');
  const invalid = findInvalidBase64Chars(text);
  if (invalid.length > 0) {
    const hint = invalid.some((c) => c.char === '-' || c.char === '_')
      ? ' — that is base64url, not standard base64 (which uses + and /)'
      : '';
    return {
      ok: false,
      code: 'ERR_BASE64_CHARSET',
      message: `not base64: ${formatInvalidCharacters(invalid)}${hint}`,
      invalid,
    };
  }
  const padded = stripPadding(text, options.allowPadding ?? true);
  if (!padded.ok) return padded;
  if (padded.body.length % 4 === 1) {
    return { ok: false, code: 'ERR_BASE64_LENGTH', message: lengthProblem(padded.body.length), invalid: [] };
  }
  return { ok: true, bytes: decodeClean(padded.body, STD_LOOKUP) };
}

const textEncoder = new TextEncoder();

function toBytes(input: Uint8Array | string): Uint8Array {
  if (typeof input === 'string') return textEncoder.encode(input);
  if (input instanceof Uint8Array) return input;
  throw new TypeError('expected a Uint8Array or a string');
}

function encodeWith(alphabet: string, bytes: Uint8Array, pad: boolean): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk +=
      alphabet.charAt((n >> 18) & 63) +
      alphabet.charAt((n >> 12) & 63) +
      alphabet.charAt((n >> 6) & 63) +
      alphabet.charAt(n & 63);
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    chunk += alphabet.charAt((n >> 18) & 63) + alphabet.charAt((n >> 12) & 63) + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    chunk +=
      alphabet.charAt((n >> 18) & 63) +
      alphabet.charAt((n >> 12) & 63) +
      alphabet.charAt((n >> 6) & 63) +
      (pad ? '=' : '');
  }
  parts.push(chunk);
  return parts.join('');
}

/** base64url without padding. Strings are encoded as UTF-8 first. */
export function encodeBase64url(input: Uint8Array | string): string {
  return encodeWith(BASE64URL_ALPHABET, toBytes(input), false);
}

/** Standard base64 with padding. Strings are encoded as UTF-8 first. */
export function encodeBase64(input: Uint8Array | string): string {
  return encodeWith(BASE64_ALPHABET, toBytes(input), true);
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 decoding that refuses invalid byte sequences: the text, or null. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Whether two byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
