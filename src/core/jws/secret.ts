import type { SecretEncoding, SecretInput } from '../types.ts';
import { decodeBase64, decodeBase64url, describeCharacter } from '../token/base64url.ts';

export type DecodeSecretResult =
  | { ok: true; key: Uint8Array }
  | { ok: false; code: 'ERR_SECRET_EMPTY' | 'ERR_SECRET_ENCODING'; message: string };

export interface EnvSecret {
  value: string;
  /** The variable the value was taken from, e.g. JWT_SECRET. */
  variable: string;
  /** 1-based line number in the pasted text. */
  line: number;
}

const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'base64', 'base64url', 'hex'];

const textEncoder = new TextEncoder();

/** Minimum HMAC key size RFC 7518 §3.2 asks for HS256 (bytes). */
export const HS256_MIN_SECRET_BYTES = 32;

function assertSecretInput(secret: SecretInput, fn: string): void {
  if (typeof secret !== 'object' || secret === null || typeof secret.text !== 'string') {
    throw new TypeError(
      `${fn}: secret must be { text: string; encoding: 'utf8' | 'base64' | 'base64url' | 'hex' }`,
    );
  }
  if (!SECRET_ENCODINGS.includes(secret.encoding)) {
    throw new TypeError(`${fn}: unknown secret encoding ${JSON.stringify(secret.encoding)}`);
  }
}

function decodeHex(text: string): DecodeSecretResult {
  if (/^0x/i.test(text)) {
    return {
      ok: false,
      code: 'ERR_SECRET_ENCODING',
      message:
        'The secret is not valid hex: it starts with "0x" — remove the prefix (hex secrets are just the digits)',
    };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex) {
      const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
      return {
        ok: false,
        code: 'ERR_SECRET_ENCODING',
        message: `The secret is not valid hex: ${describeCharacter(ch)} at position ${i} is not a hex digit (0-9, a-f)`,
      };
    }
  }
  if (text.length % 2 !== 0) {
    return {
      ok: false,
      code: 'ERR_SECRET_ENCODING',
      message: `The secret is not valid hex: it has ${text.length} digits, an odd number (two digits make one byte)`,
    };
  }
  const key = new Uint8Array(text.length / 2);
  for (let i = 0; i < key.length; i++) key[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, key };
}

/**
 * The HMAC key bytes a secret stands for. utf8 uses the text as typed (TextEncoder); base64, base64url
 * and hex are decoded strictly, and a failure names the offending character or length.
 */
export function decodeSecret(secret: SecretInput): DecodeSecretResult {
  assertSecretInput(secret, 'decodeSecret');
  const { text, encoding } = secret;
  if (text === '') return { ok: false, code: 'ERR_SECRET_EMPTY', message: 'The secret is empty' };
  let result: DecodeSecretResult;
  switch (encoding) {
    case 'utf8':
      result = { ok: true, key: textEncoder.encode(text) };
      break;
    case 'hex':
      result = decodeHex(text);
      break;
    case 'base64':
    case 'base64url': {
      const decoded =
        encoding === 'base64' ? decodeBase64(text) : decodeBase64url(text, { allowPadding: true });
      // decoded.message is a clause ("not base64: …", "the "=" padding does not fit: …"): one sentence.
      result = decoded.ok
        ? { ok: true, key: decoded.bytes }
        : {
            ok: false,
            code: 'ERR_SECRET_ENCODING',
            message: decoded.message.startsWith('not ')
              ? `The secret is ${decoded.message}`
              : `The secret is not valid ${encoding}: ${decoded.message}`,
          };
      break;
    }
  }
  if (result.ok && result.key.length === 0) {
    return { ok: false, code: 'ERR_SECRET_EMPTY', message: `The secret decodes (${encoding}) to zero bytes` };
  }
  return result;
}

function unquoteEnvValue(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    // Find the closing quote; a double-quoted value may escape it.
    for (let i = 1; i < value.length; i++) {
      if (quote === '"' && value[i] === '\\') {
        i++;
        continue;
      }
      if (value[i] === quote) {
        const inner = value.slice(1, i);
        if (quote !== '"') return inner;
        return inner.replace(/\\(.)/g, (_m, c: string) =>
          c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
        );
      }
    }
    return value.slice(1);
  }
  // Unquoted: an inline comment starts at " #".
  const comment = value.search(/\s#/);
  return (comment === -1 ? value : value.slice(0, comment)).trim();
}

/**
 * Recognises a pasted .env file (or a single KEY=VALUE line) and returns the secret in it:
 * JWT_SECRET if present, else the first variable whose name contains SECRET, else the first variable.
 * Handles `export KEY=…`, quotes and comments. Null when the text does not look like .env content.
 */
export function parseEnvSecret(text: string): EnvSecret | null {
  if (typeof text !== 'string') throw new TypeError('parseEnvSecret: text must be a string');
  const lines = text.split(/\r\n|\r|\n/);
  const entries: EnvSecret[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const match = /^\s*(export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=(.*)$/.exec(line);
    if (!match) continue;
    const variable = match[2] ?? '';
    const value = unquoteEnvValue(match[3] ?? '');
    // A base64 secret ends in "=": only treat NAME=… as .env when NAME looks like a variable name.
    const envLike = Boolean(match[1]) || /^[A-Z][A-Z0-9_]*$/.test(variable) || /secret/i.test(variable);
    if (!envLike || (value === '' && !/secret/i.test(variable))) continue;
    entries.push({ value, variable, line: i + 1 });
  }
  if (entries.length === 0) return null;
  return (
    entries.find((e) => e.variable.toUpperCase() === 'JWT_SECRET') ??
    entries.find((e) => /secret/i.test(e.variable)) ??
    entries[0] ??
    null
  );
}

const PLACEHOLDER_SECRETS = [
  'your_actual_jwt_secret_here',
  'your_jwt_secret',
  'your-secret',
  'changeme',
  'secret_here',
];

function mixedAlphanumeric(text: string): boolean {
  return /[0-9]/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text);
}

// Random bytes in base64 (crypto.randomBytes(32).toString('base64')): padded, or long and mixed.
function looksLikeBase64(text: string): boolean {
  if (text.length < 16 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return false;
  return /[+/=]/.test(text) || (text.length >= 40 && mixedAlphanumeric(text));
}

function looksLikeBase64url(text: string): boolean {
  if (text.length < 40 || text.length % 4 === 1 || !/^[A-Za-z0-9_-]+$/.test(text)) return false;
  return /[-_]/.test(text) && mixedAlphanumeric(text);
}

/** Plain-language notes about a secret as typed: stray whitespace, quotes, encodings, weak length. */
/** Minimum HMAC key length per alg: the hash output size (RFC 7518 §3.2). */
const HMAC_MIN_SECRET_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

export function describeSecretProblems(text: string, { alg = 'HS256' }: { alg?: string } = {}): string[] {
  if (typeof text !== 'string') throw new TypeError('describeSecretProblems: text must be a string');
  if (text === '') return ['The secret is empty.'];
  const notes: string[] = [];
  if (/[\r\n]$/.test(text)) {
    notes.push(
      'The secret ends with a line break (copied from a file or a terminal); the server’s JWT_SECRET probably does not.',
    );
  } else if (/[ \t]$/.test(text)) {
    notes.push('The secret ends with a space or tab; the server’s JWT_SECRET probably does not.');
  }
  if (/^\s/.test(text))
    notes.push('The secret starts with whitespace; the server’s JWT_SECRET probably does not.');
  const trimmed = text.trim();
  const env = /\n|^\s*(export\s+)?[A-Z][A-Z0-9_]*\s*=/.test(text) ? parseEnvSecret(text) : null;
  if (env) {
    notes.push(
      `This looks like a .env file: the secret is only the value of ${env.variable} (line ${env.line}), not the whole line.`,
    );
  }
  if (trimmed.length >= 2 && /^(["'`]).*\1$/s.test(trimmed)) {
    notes.push('The secret is wrapped in quotes: in a .env file the quotes are not part of the value.');
  }
  if (PLACEHOLDER_SECRETS.includes(trimmed.toLowerCase())) {
    notes.push(
      'This is a placeholder from an example, not a real secret: use the value of JWT_SECRET from the server’s .env.',
    );
  }
  if (looksLikeBase64(trimmed)) {
    notes.push(
      'The secret looks like base64: if the server decodes it (Buffer.from(secret, "base64")), choose base64.',
    );
  } else if (looksLikeBase64url(trimmed)) {
    notes.push('The secret looks like base64url: if the server decodes it, choose base64url.');
  }
  if (trimmed.length >= 32 && trimmed.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(trimmed)) {
    notes.push(
      'The secret looks like hex: if the server decodes it (Buffer.from(secret, "hex")), choose hex.',
    );
  }
  const bytes = textEncoder.encode(text).length;
  const hmac = HMAC_MIN_SECRET_BYTES[alg] !== undefined ? alg : 'HS256';
  const min = HMAC_MIN_SECRET_BYTES[hmac] ?? HS256_MIN_SECRET_BYTES;
  if (bytes < min) {
    notes.push(
      `The secret is only ${bytes} byte${bytes === 1 ? '' : 's'}; ${hmac} wants at least ${min} (${min * 8} bits). Fine for local testing, easy to brute-force in production.`,
    );
  }
  return notes;
}
