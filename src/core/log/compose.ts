import { decodeBase64, decodeBase64url } from '../token/base64url.ts';

/** How the composer reads what was typed. */
export type ComposerMode = 'text' | 'json' | 'hex' | 'base64';

export const COMPOSER_MODES: readonly ComposerMode[] = ['text', 'json', 'hex', 'base64'];

export type ComposedMessage = { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array };

export type ComposeResult =
  ({ ok: true } & ComposedMessage) | { ok: false; code: ComposeErrorCode; message: string };

export type ComposeErrorCode = 'ERR_COMPOSE_JSON' | 'ERR_COMPOSE_HEX' | 'ERR_COMPOSE_BASE64';

export type ParseBytesResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/**
 * Hex bytes as people paste them: "de ad be ef", "deadbeef", "0xde,0xad", "de:ad", "\xde\xad".
 * Separators are spaces, commas, colons, dashes and newlines; "0x" and "\x" prefixes are dropped.
 */
export function parseHexBytes(text: string): ParseBytesResult {
  if (typeof text !== 'string') throw new TypeError('parseHexBytes: text must be a string');
  const cleaned = text.replace(/0x|\\x/gi, ' ').replace(/[\s,:;-]+/g, '');
  const bad = /[^0-9a-f]/i.exec(cleaned);
  if (bad)
    return { ok: false, message: `“${bad[0]}” is not a hex digit (use 0–9 and a–f, e.g. "de ad be ef").` };
  if (cleaned.length % 2 !== 0)
    return {
      ok: false,
      message: `${cleaned.length} hex digits: a byte is two digits, so the count must be even.`,
    };
  const bytes = new Uint8Array(cleaned.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(cleaned.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes };
}

/** Standard base64 or base64url, padding optional, whitespace ignored. */
export function parseBase64Bytes(text: string): ParseBytesResult {
  if (typeof text !== 'string') throw new TypeError('parseBase64Bytes: text must be a string');
  const cleaned = text.replace(/\s+/g, '');
  const url = /[-_]/.test(cleaned);
  const result = url
    ? decodeBase64url(cleaned, { allowPadding: true })
    : decodeBase64(cleaned, { allowPadding: true });
  return result.ok ? { ok: true, bytes: result.bytes } : { ok: false, message: result.message };
}

/** Where a JSON.parse error points, as "line L, column C" when the engine says. */
function jsonErrorMessage(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(raw);
  if (!pos?.[1]) return raw;
  const p = Number(pos[1]);
  const before = text.slice(0, p);
  const line = before.split('\n').length;
  const column = p - before.lastIndexOf('\n');
  // Chrome already adds "(line L column C)" after the position: say where once.
  const brief = raw.replace(/ at position \d+(?: \(line \d+ column \d+\))?/i, '');
  return `${brief} (line ${line}, column ${column})`;
}

/** What the composer would send for `input` in `mode`, or why it cannot. Never throws for bad input. */
export function composeMessage(input: string, mode: ComposerMode): ComposeResult {
  if (typeof input !== 'string') throw new TypeError('composeMessage: input must be a string');
  switch (mode) {
    case 'text':
      return { ok: true, kind: 'text', text: input };
    case 'json':
      try {
        JSON.parse(input);
        return { ok: true, kind: 'text', text: input };
      } catch (err) {
        return {
          ok: false,
          code: 'ERR_COMPOSE_JSON',
          message: `Not valid JSON: ${jsonErrorMessage(input, err)}`,
        };
      }
    case 'hex': {
      const r = parseHexBytes(input);
      return r.ok
        ? { ok: true, kind: 'binary', bytes: r.bytes }
        : { ok: false, code: 'ERR_COMPOSE_HEX', message: r.message };
    }
    case 'base64': {
      const r = parseBase64Bytes(input);
      return r.ok
        ? { ok: true, kind: 'binary', bytes: r.bytes }
        : { ok: false, code: 'ERR_COMPOSE_BASE64', message: r.message };
    }
    default:
      throw new TypeError(`composeMessage: unknown mode ${String(mode)}`);
  }
}

/** The text pretty-printed when it is JSON (objects and arrays only), else null. */
export function prettyJson(text: string, maxLength = 1024 * 1024): string | null {
  if (typeof text !== 'string' || text.length > maxLength) return null;
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/** Classic hex dump lines: offset, 16 hex bytes, printable ASCII ("00000000  de ad …  |..|"). */
export function hexDump(bytes: Uint8Array, width = 16): string[] {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('hexDump: bytes must be a Uint8Array');
  if (!Number.isInteger(width) || width < 1) throw new TypeError('hexDump: width must be a positive integer');
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += width) {
    const row = bytes.subarray(off, off + width);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < width; i++) {
      const b = row[i];
      hex += b === undefined ? '   ' : `${b.toString(16).padStart(2, '0')} `;
      if (i === 7) hex += ' ';
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines;
}
