import type { TokenCleanup } from '../types.ts';

export interface CleanTokenOptions {
  /** The query parameter that carries the token when a whole URL is pasted. Default 'token'. */
  paramName?: string;
}

export interface CleanTokenResult {
  token: string;
  cleanups: TokenCleanup[];
}

// Names a token commonly travels under, in `name=value` pastes and in URLs.
const TOKEN_KEYS = [
  'token',
  'access_token',
  'accesstoken',
  'jwt',
  'id_token',
  'auth_token',
  'authtoken',
  'auth',
];

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ['"', '"', 'double quotes'],
  ["'", "'", 'single quotes'],
  ['`', '`', 'backticks'],
  ['\u201c', '\u201d', 'curly quotes'],
  ['\u2018', '\u2019', 'curly quotes'],
];

// Enough for any realistic stack of wrappers; each step strictly shortens the text anyway.
const MAX_PASSES = 24;

function isWhitespaceCode(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0xa0 ||
    code === 0x200b ||
    code === 0xfeff
  );
}

function countWhitespace(text: string): { lineBreaks: number; others: number } {
  let lineBreaks = 0;
  let others = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) lineBreaks++;
    else if (code === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) lineBreaks++;
    } else if (isWhitespaceCode(code)) others++;
  }
  return { lineBreaks, others };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeWhitespace(removed: string): string {
  const { lineBreaks, others } = countWhitespace(removed);
  const parts: string[] = [];
  if (lineBreaks > 0) parts.push(plural(lineBreaks, 'line break', 'line breaks'));
  if (others > 0) parts.push(plural(others, 'space', 'spaces'));
  return parts.join(' and ') || 'whitespace';
}

function trimWhitespace(text: string): { text: string; lead: string; trail: string } {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespaceCode(text.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(text.charCodeAt(end - 1))) end--;
  return { text: text.slice(start, end), lead: text.slice(0, start), trail: text.slice(end) };
}

function stepWhitespace(text: string): [string, TokenCleanup] | null {
  const { text: trimmed, lead, trail } = trimWhitespace(text);
  if (trimmed.length === text.length) return null;
  const where: string[] = [];
  if (lead) where.push(`${describeWhitespace(lead)} before`);
  if (trail) where.push(`${describeWhitespace(trail)} after`);
  return [trimmed, { kind: 'whitespace', message: `Removed ${where.join(' and ')} the token` }];
}

function stepAuthorizationHeader(text: string): [string, TokenCleanup] | null {
  const match = /^authorization[ \t]*:[ \t]*(?:(bearer)(?:[ \t]+|[ \t]*:[ \t]*))?/i.exec(text);
  if (!match) return null;
  const removed = match[0];
  const what = match[1] ? `"${removed.trimEnd()}" header` : `"${removed.trimEnd()}" header name`;
  return [text.slice(removed.length), { kind: 'authorization-header', message: `Removed the ${what}` }];
}

function stepBearer(text: string): [string, TokenCleanup] | null {
  const match = /^bearer(?:[ \t\r\n]+|[ \t]*:[ \t]*)/i.exec(text);
  if (!match || match[0].length === text.length) return null;
  const word = text.slice(0, 6);
  return [text.slice(match[0].length), { kind: 'bearer-prefix', message: `Removed the "${word} " prefix` }];
}

function stepQuotes(text: string): [string, TokenCleanup] | null {
  if (text.length < 2) return null;
  for (const [open, close, name] of QUOTE_PAIRS) {
    if (!text.startsWith(open) || !text.endsWith(close)) continue;
    const inner = text.slice(open.length, text.length - close.length);
    if (open === '"' && inner.includes('\\')) {
      // A JSON string literal (copied from a JSON response or a log): unescape it properly.
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'string') {
          return [
            parsed,
            {
              kind: 'quotes',
              message: 'Removed the surrounding double quotes and unescaped the JSON string (\\n, \\" …)',
            },
          ];
        }
      } catch {
        // Not valid JSON: fall through and strip the quotes only.
      }
    }
    return [inner, { kind: 'quotes', message: `Removed the surrounding ${name} (${open}…${close})` }];
  }
  return null;
}

function cutAtQueryEnd(value: string): string {
  let end = value.length;
  const amp = value.indexOf('&');
  if (amp !== -1) end = amp;
  const hash = value.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  return value.slice(0, end);
}

function safeDecodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

function looksLikeJwtValue(value: string): boolean {
  return /^eyJ/.test(value) || /^eyJ/.test(value.replace(/%2D/gi, '-'));
}

function stepUrl(text: string, paramName: string): [string, TokenCleanup] | null {
  const schemeMatch = /^(wss?|https?):\/\//i.exec(text);
  if (!schemeMatch) return null;
  const q = text.indexOf('?');
  if (q === -1) return null;
  const hash = text.indexOf('#', q);
  const query = text.slice(q + 1, hash === -1 ? text.length : hash);
  const pairs = query.split('&').map((piece) => {
    const eq = piece.indexOf('=');
    return eq === -1 ? { name: piece, value: '' } : { name: piece.slice(0, eq), value: piece.slice(eq + 1) };
  });
  const wanted = paramName.toLowerCase();
  const exact = pairs.find((p) => safeDecodeName(p.name) === wanted && p.value !== '');
  const known = exact ?? pairs.find((p) => TOKEN_KEYS.includes(safeDecodeName(p.name)) && p.value !== '');
  const guessed = known ?? pairs.find((p) => looksLikeJwtValue(p.value));
  if (!guessed) return null;
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  return [
    guessed.value,
    {
      kind: 'query-prefix',
      message: `Took the "${guessed.name}" parameter from the pasted ${scheme}:// URL`,
    },
  ];
}

function stepQueryPrefix(text: string, paramName: string): [string, TokenCleanup] | null {
  const match = /^[?&#]?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/.exec(text);
  if (!match) return null;
  const name = (match[1] ?? '').toLowerCase();
  if (name !== paramName.toLowerCase() && !TOKEN_KEYS.includes(name)) return null;
  const value = cutAtQueryEnd(text.slice(match[0].length));
  if (value === '') return null;
  const dropped = text.length - match[0].length - value.length;
  const tail = dropped > 0 ? ' and what followed it' : '';
  return [value, { kind: 'query-prefix', message: `Removed the "${match[0].trim()}" prefix${tail}` }];
}

const PERCENT_SEQUENCE = /%[0-9A-Fa-f]{2}/;

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed UTF-8 sequences somewhere: decode the ASCII escapes only.
    return text.replace(/%([0-7][0-9A-Fa-f])/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

function stepPercent(text: string, alreadyDecoded: boolean): [string, TokenCleanup] | null {
  if (!PERCENT_SEQUENCE.test(text)) return null;
  const decoded = decodePercent(text);
  if (decoded === text) return null;
  const examples: string[] = [];
  const re = /%[0-9A-Fa-f]{2}/g;
  const seen = new Set<string>();
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && examples.length < 3) {
    const seq = m[0].toUpperCase();
    if (seen.has(seq)) continue;
    seen.add(seq);
    examples.push(`${seq} → "${decodePercent(seq)}"`);
  }
  const message = alreadyDecoded
    ? `Percent-decoded the token again: it was URL-encoded twice (${examples.join(', ')})`
    : `Percent-decoded the token: it was URL-encoded (${examples.join(', ')})`;
  return [decoded, { kind: 'percent-decoded', message }];
}

/** True when the text has dots and every whitespace-separated chunk looks like a piece of a token. */
const ANY_WHITESPACE = /[ \t\n\r\v\f\u00a0\u200b\ufeff]/; // isWhitespaceCode's set, for one native scan

function isWrappedToken(text: string): boolean {
  // A wrapped JWT still has its dots; plain words ("hello world") are left for the analyzer to name.
  if (!text.includes('.')) return false;
  // No whitespace at all (the usual paste): nothing to unwrap, whatever the rest is.
  if (!ANY_WHITESPACE.test(text)) return false;
  let sawWhitespace = false;
  let sawContent = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhitespaceCode(code)) {
      sawWhitespace = true;
      continue;
    }
    const ok =
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x2d ||
      code === 0x5f ||
      code === 0x2e ||
      code === 0x3d ||
      code === 0x2b ||
      code === 0x2f;
    if (!ok) return false;
    sawContent = true;
  }
  return sawWhitespace && sawContent;
}

function stepInnerWhitespace(text: string): [string, TokenCleanup] | null {
  if (!isWrappedToken(text)) return null;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (isWhitespaceCode(text.charCodeAt(i))) {
      if (i > start) parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) parts.push(text.slice(start));
  const out = parts.join('');
  const removed = describeWhitespace(text);
  return [
    out,
    {
      kind: 'inner-whitespace',
      message: `Removed ${removed} inside the token (a wrapped or broken-up paste)`,
    },
  ];
}

/**
 * Cleans what a user pasted into the Token field down to the token itself, recording every removal.
 * Rules are applied repeatedly, so wrappers stack: `"Bearer eyJ…"\n` loses the newline, the quotes and the
 * prefix in turn. Never throws for a string.
 */
export function cleanTokenInput(input: string, options: CleanTokenOptions = {}): CleanTokenResult {
  if (typeof input !== 'string') throw new TypeError('cleanTokenInput: input must be a string');
  const paramName = (options.paramName ?? 'token').trim() || 'token';
  const cleanups: TokenCleanup[] = [];
  let text = input;
  let percentDecoded = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const step =
      stepWhitespace(text) ??
      stepAuthorizationHeader(text) ??
      stepBearer(text) ??
      stepQuotes(text) ??
      stepUrl(text, paramName) ??
      stepQueryPrefix(text, paramName) ??
      stepPercent(text, percentDecoded) ??
      stepInnerWhitespace(text);
    if (!step) break;
    const [next, cleanup] = step;
    if (cleanup.kind === 'percent-decoded') percentDecoded = true;
    text = next;
    cleanups.push(cleanup);
  }
  return { token: text, cleanups };
}
