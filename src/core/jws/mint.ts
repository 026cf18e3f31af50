import type { HmacAlg, SecretInput } from '../types.ts';
import { decodeSecret } from './secret.ts';
import { HMAC_ALGORITHMS } from './algorithms.ts';
import { webCryptoAvailability } from './webcrypto.ts';

export { defaultPayload } from './default-payload.ts';
export type { DefaultPayload } from './default-payload.ts';

export type MintResult = { ok: true; token: string } | { ok: false; code: string; message: string };

export type ParsePayloadResult =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * Signs `payload` exactly as given (no iat is added) with header {alg, typ: 'JWT'} — the same shape
 * jsonwebtoken's jwt.sign produces. Never throws for bad data.
 */
export async function mintToken(
  payload: Record<string, unknown>,
  secret: SecretInput,
  alg: HmacAlg,
): Promise<MintResult> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new TypeError('mintToken: payload must be a plain object');
  }
  if (!HMAC_ALGORITHMS.includes(alg))
    throw new TypeError(`mintToken: alg must be one of ${HMAC_ALGORITHMS.join(', ')}`);
  const key = decodeSecret(secret);
  if (!key.ok) return { ok: false, code: key.code, message: key.message };
  const crypto = webCryptoAvailability();
  if (!crypto.ok) return { ok: false, code: crypto.code, message: crypto.message };
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'ERR_PAYLOAD_JSON',
      message: `The payload cannot be written as JSON: ${detail}`,
    };
  }
  try {
    // jose loads on first use: the console's first paint does not wait for it.
    const { CompactSign } = await import('jose');
    const token = await new CompactSign(new TextEncoder().encode(json))
      .setProtectedHeader({ alg, typ: 'JWT' })
      .sign(key.key);
    return { ok: true, token };
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
        ? error.code
        : 'ERR_SIGN_FAILED';
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, code, message: `Signing failed: ${detail}` };
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Offset of the first syntax error in `text` by the JSON grammar. JSON.parse's messages do not always carry
 * a position (V8: "Unexpected token …"), and differ between browsers, so the position is found here.
 */
function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  class Stop {
    readonly at: number;
    constructor(at: number) {
      this.at = at;
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (): never => {
    throw new Stop(i);
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') {
          i++;
          fail();
        }
        i += 2;
        continue;
      }
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') fail();
        string();
        ws();
        if (text.charAt(i) !== ':') fail();
        i++;
        value();
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (error) {
    // A Stop carries the offset; anything else (a stack overflow on absurd nesting) has none.
    return error instanceof Stop ? error.at : undefined;
  }
}

function briefJsonMessage(raw: string): string {
  const brief = raw
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .replace(/ at position \d+(?: \(line \d+ column \d+\))?/i, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '')
    .replace(/\s+/g, ' ');
  return brief.length > 120 ? `${brief.slice(0, 120)}…` : brief;
}

function jsonHint(text: string): string {
  if (/[{,]\s*[A-Za-z_$][\w$]*\s*:/.test(text))
    return ' — JSON needs double quotes around property names ("userId": …)';
  if (/'/.test(text)) return ' — JSON strings use double quotes, not single quotes';
  if (/,\s*[}\]]/.test(text)) return ' — JSON does not allow a trailing comma';
  return '';
}

/** Parses the payload editor's text: a JSON object, or a precise message (with line and column when known). */
export function parsePayloadJson(text: string): ParsePayloadResult {
  if (typeof text !== 'string') throw new TypeError('parsePayloadJson: text must be a string');
  if (text.trim() === '')
    return { ok: false, message: 'The payload is empty: write a JSON object such as {"userId": "123"}' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const where = offset === undefined ? undefined : lineColumn(text, offset);
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    return {
      ok: false,
      message: `The payload is not valid JSON${at}: ${briefJsonMessage(raw)}${jsonHint(text)}`,
      ...(where ?? {}),
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { ok: false, message: `The payload must be a JSON object ({ … }), not ${kind}` };
  }
  return { ok: true, payload: value as Record<string, unknown> };
}
