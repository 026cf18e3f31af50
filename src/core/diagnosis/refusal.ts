// Reading a refused upgrade: the HTTP status, the `WWW-Authenticate` challenge (RFC 7235 syntax, RFC 6750's
// `error` / `error_description`) and the body (JSON `message` / `error_description` / `detail` / `error` /
// `code`, one level deep as in FastAPI's {"detail": {...}}, or text / HTML) become the server's words, read by
// the same dialect rules as close reasons. The console's x-ray and the CLI probe both hand their status,
// headers and body here, so both surfaces quote the same words. Pure; every input is bounded.
import { interpretCloseReason, matchLibraryReason } from './dialects.ts';
import { truncate } from './format.ts';
import type { ReasonInterpretation } from './types.ts';

/** At most this much of a body or header is read: a refusal is a sentence, not a page. */
export const MAX_REFUSAL_TEXT = 2000;
const MAX_WORDS = 8;

export interface AuthChallenge {
  scheme: string;
  /** Parameter names lower-cased; quoted-string values unescaped. */
  params: Record<string, string>;
  token68?: string;
}

/** One place the server put words: where (for the evidence line) and what. */
export interface RefusalText {
  where: string;
  text: string;
}

export interface RefusalReading {
  challenges: AuthChallenge[];
  texts: RefusalText[];
  /** What the words mean, and where they were found; undefined when nothing recognisable was said. */
  meaning?: { interp: ReasonInterpretation; where: string };
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

/** A quoted-string starting at s[i] === '"': its value (backslash escapes removed) and the index after it. */
function readQuoted(s: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  while (j < s.length && s[j] !== '"') {
    if (s[j] === '\\' && j + 1 < s.length) j++;
    out += s[j];
    j++;
  }
  return [out, j + 1];
}

/** `name = value` at s[i], or undefined when s[i] does not start an auth-param. */
function readParam(s: string, i: number): [string, string, number] | undefined {
  const name = TOKEN.exec(s.slice(i))?.[0];
  if (name === undefined) return undefined;
  let j = skipSpaces(s, i + name.length);
  if (s[j] !== '=') return undefined;
  j = skipSpaces(s, j + 1);
  if (s[j] === '"') {
    const [value, next] = readQuoted(s, j);
    return [name.toLowerCase(), value, next];
  }
  const value = TOKEN.exec(s.slice(j))?.[0] ?? '';
  return [name.toLowerCase(), value, j + value.length];
}

/**
 * The challenges of a WWW-Authenticate value (RFC 7235 §4.1): `Bearer realm="api", error="invalid_token",
 * error_description="Jwt expired at …"`, several challenges comma-separated, quoted strings with escapes
 * and commas inside them. Garbage yields what could be read, never an exception.
 */
export function parseWwwAuthenticate(value: string): AuthChallenge[] {
  const s = truncate(value ?? '', MAX_REFUSAL_TEXT);
  const out: AuthChallenge[] = [];
  let i = 0;
  while (i < s.length) {
    i = skipSpaces(s, i);
    while (s[i] === ',' || s[i] === ' ') i++;
    const scheme = TOKEN.exec(s.slice(i))?.[0];
    if (scheme === undefined) break;
    const challenge: AuthChallenge = { scheme, params: {} };
    out.push(challenge);
    i = skipSpaces(s, i + scheme.length);
    // token68 ("Negotiate YWJj==") ends at a comma or the end; an auth-param has a value after its '='.
    const token68 = /^([A-Za-z0-9\-._~+/]+=*)\s*(?:,|$)/.exec(s.slice(i));
    if (token68 || !readParam(s, i)) {
      if (token68?.[1] !== undefined) challenge.token68 = token68[1];
      i += token68?.[1]?.length ?? 0;
      continue;
    }
    // auth-params until a token that is not followed by '=' (the next challenge's scheme).
    for (;;) {
      i = skipSpaces(s, i);
      while (s[i] === ',' || s[i] === ' ') i++;
      const param = readParam(s, i);
      if (!param) break;
      const [name, val, next] = param;
      challenge.params[name] = val;
      i = next;
    }
  }
  return out;
}

const BODY_KEYS = ['error_description', 'message', 'detail', 'error', 'msg', 'reason', 'title', 'code'];

/** Strings under the usual keys, the value itself, or one level down (FastAPI {"detail": {...}}). */
function jsonTexts(value: unknown, path: string, depth: number, out: RefusalText[]): void {
  if (out.length >= MAX_WORDS) return;
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push({ where: path, text: truncate(value.trim(), MAX_REFUSAL_TEXT) });
    return;
  }
  if (depth > 1 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 3)) jsonTexts(item, path, depth + 1, out);
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const key of BODY_KEYS) if (key in obj) jsonTexts(obj[key], `${path} ${key}`, depth + 1, out);
}

function parseJsonBody(body: string): unknown {
  if (!/^[[{]/.test(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** A text or HTML body as one line: tags, entities of no interest and runs of spaces removed. */
function bodyLine(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body)
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(text, 300);
}

/** Where the server put words in its refusal, most specific first. */
export function refusalTexts(
  headers: Record<string, string> | undefined,
  body: string | undefined,
): RefusalText[] {
  const out: RefusalText[] = [];
  const www = headerValue(headers, 'www-authenticate');
  for (const c of www === undefined ? [] : parseWwwAuthenticate(www)) {
    if (c.params.error_description)
      out.push({ where: 'WWW-Authenticate error_description', text: c.params.error_description });
    if (c.params.error) out.push({ where: 'WWW-Authenticate error', text: c.params.error });
  }
  const raw = truncate((body ?? '').trim(), MAX_REFUSAL_TEXT);
  const json = parseJsonBody(raw);
  if (json !== undefined) jsonTexts(json, 'body', 0, out);
  else if (raw !== '') out.push({ where: 'body', text: bodyLine(raw) });
  return out.slice(0, MAX_WORDS);
}

export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

const RFC6750 = 'RFC 6750 §3.1 (Bearer error codes)';

/** The meaning of a bare RFC 6750 challenge when no sentence said more. */
function challengeMeaning(
  status: number,
  challenges: readonly AuthChallenge[],
): ReasonInterpretation | undefined {
  const bearer = challenges.find((c) => c.scheme.toLowerCase() === 'bearer');
  if (!bearer) return undefined;
  const error = bearer.params.error;
  const quoted = `Bearer${error ? ` error="${error}"` : ''}`;
  const base = { dialect: 'rfc6750', quoted, source: RFC6750 };
  if (error === undefined && status === 401)
    return {
      ...base,
      cause: 'token-missing',
      confidence: 'medium',
      detail:
        'A bare "WWW-Authenticate: Bearer" challenge (no error) is how a server answers a request that carried no credentials (RFC 6750 §3.1): it looked for an Authorization: Bearer header and found none.',
    };
  if (error === 'insufficient_scope')
    return {
      ...base,
      cause: 'auth-rejected',
      confidence: 'high',
      detail: 'RFC 6750 insufficient_scope: the token is valid but lacks the scope this endpoint requires.',
    };
  if (error === 'invalid_token')
    return {
      ...base,
      cause: 'auth-rejected',
      confidence: 'medium',
      detail:
        'RFC 6750 invalid_token: the server refused the token (expired, revoked, malformed or signed with another key) without saying which.',
    };
  return undefined;
}

/** Library words anywhere beat generic words; a specific cause beats a catch-all "invalid token". */
function bestMeaning(texts: readonly RefusalText[]): RefusalReading['meaning'] {
  let fallback: RefusalReading['meaning'];
  for (const pass of [matchLibraryReason, (t: string) => interpretCloseReason(undefined, t)]) {
    for (const { where, text } of texts) {
      const interp = pass(text);
      if (!interp) continue;
      if (interp.cause !== 'auth-rejected') return { interp, where };
      fallback ??= { interp, where };
    }
  }
  return fallback;
}

/** The server's words in a refused upgrade, and what they mean. */
export function readRefusal(
  status: number,
  headers: Record<string, string> | undefined,
  body: string | undefined,
): RefusalReading {
  const www = headerValue(headers, 'www-authenticate');
  const challenges = www === undefined ? [] : parseWwwAuthenticate(www);
  const texts = refusalTexts(headers, body);
  const reading: RefusalReading = { challenges, texts };
  const words = bestMeaning(texts);
  const bare = challengeMeaning(status, challenges);
  const meaning =
    words && words.interp.cause !== 'auth-rejected'
      ? words
      : bare
        ? { interp: bare, where: 'WWW-Authenticate' }
        : words;
  if (meaning) reading.meaning = meaning;
  return reading;
}
