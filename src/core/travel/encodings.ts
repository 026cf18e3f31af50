// The encoding lab: the same token put into a query string four ways, and what two kinds of server parser
// read back — a WHATWG URLSearchParams parser (Node's URL, Express, most frameworks: "+" is a space) and a
// naive split-and-decodeURIComponent ("+" stays "+").
import { encodeComponent, hasLoneSurrogate, toWellFormed } from '../url/well-formed.ts';

export type TokenEncodingId = 'raw' | 'encodeURIComponent' | 'URLSearchParams' | 'double-encoded';

export interface TokenEncoding {
  id: TokenEncodingId;
  label: string;
  /** The client code that produces it. */
  code: string;
  /** The query string as sent, e.g. token=eyJ… (without "?"). */
  query: string;
  /** What each kind of server parser reads as the token (null: nothing, or decodeURIComponent throws). */
  received: { searchParams: string | null; decodeURIComponent: string | null };
  /** Whether each parser gets the token back unchanged. */
  ok: { searchParams: boolean; decodeURIComponent: boolean };
  /** Byte-for-byte the same query as encodeURIComponent's. */
  sameAsEncoded: boolean;
  /** A sentence on what happens to this token. */
  note: string;
}

/** What reaches the server: everything after "#" stays in the browser. */
function sentPart(query: string): string {
  const hash = query.indexOf('#');
  return hash === -1 ? query : query.slice(0, hash);
}

function readSearchParams(query: string, name: string): string | null {
  return new URLSearchParams(sentPart(query)).get(name);
}

// "name=value" where neither parser has anything to decode or split: no "%", "+", "&", "#" in the value, a name
// that is itself plain, and no lone surrogate (URLSearchParams would turn it into U+FFFD). Both parsers then
// read the value exactly as written — checked with one native scan, not by parsing 64 KB four times.
const PLAIN_NAME = /^[A-Za-z0-9._~-]+$/;
const PLAIN_VALUE = /^[^%+&#]*$/;

function readBoth(query: string, name: string): TokenEncoding['received'] {
  const eq = query.indexOf('=');
  if (eq !== -1 && PLAIN_NAME.test(name) && query.slice(0, eq) === name) {
    const value = query.slice(eq + 1);
    if (PLAIN_VALUE.test(value) && !hasLoneSurrogate(value))
      return { searchParams: value, decodeURIComponent: value };
  }
  return { searchParams: readSearchParams(query, name), decodeURIComponent: readNaive(query, name) };
}

function readNaive(query: string, name: string): string | null {
  for (const piece of sentPart(query).split('&')) {
    const eq = piece.indexOf('=');
    const key = eq === -1 ? piece : piece.slice(0, eq);
    if (key !== name && safeDecode(key) !== name) continue;
    return safeDecode(eq === -1 ? '' : piece.slice(eq + 1));
  }
  return null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Characters that change meaning in a raw query value, found in the token. */
function riskyCharacters(token: string): string[] {
  return ['+', ' ', '&', '#', '%', '=', '/', '?'].filter((c) => token.includes(c));
}

function outcome(received: string | null, token: string): string {
  if (received === null) return 'nothing usable';
  if (received === token) return 'the token';
  return `"${received.length > 48 ? `${received.slice(0, 48)}…` : received}"`;
}

/** The token in a query string four ways, side by side, with what a server's parser would receive. */
export function tokenEncodings(token: string, paramName = 'token'): TokenEncoding[] {
  if (typeof token !== 'string' || typeof paramName !== 'string')
    throw new TypeError('tokenEncodings: token and paramName must be strings');
  const name = paramName.trim() || 'token';
  const encodedName = encodeComponent(name);
  const encodedQuery = `${encodedName}=${encodeComponent(token)}`;
  const variants: Array<Pick<TokenEncoding, 'id' | 'label' | 'code' | 'query'>> = [
    {
      id: 'raw',
      label: 'Raw (no encoding)',
      code: '`${url}?' + name + '=${token}`',
      query: `${name}=${token}`,
    },
    {
      id: 'encodeURIComponent',
      label: 'encodeURIComponent',
      code: '`${url}?' + name + '=${encodeURIComponent(token)}`',
      query: encodedQuery,
    },
    {
      id: 'URLSearchParams',
      label: 'URLSearchParams',
      code: `new URLSearchParams({ ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}: token }).toString()`,
      query: new URLSearchParams({ [name]: toWellFormed(token) }).toString(),
    },
    {
      id: 'double-encoded',
      label: 'Double-encoded',
      code: 'encodeURIComponent(encodeURIComponent(token))',
      query: `${encodedName}=${encodeComponent(encodeComponent(token))}`,
    },
  ];
  const risky = riskyCharacters(token);
  // The four queries are often one and the same (a base64url JWT has nothing to encode): read each once.
  const read = new Map<string, TokenEncoding['received']>();
  return variants.map((v) => {
    const received = read.get(v.query) ?? readBoth(v.query, name);
    read.set(v.query, received);
    const ok = {
      searchParams: received.searchParams === token,
      decodeURIComponent: received.decodeURIComponent === token,
    };
    const sameAsEncoded = v.query === encodedQuery;
    return {
      ...v,
      received,
      ok,
      sameAsEncoded,
      note: noteFor(v.id, token, received, ok, sameAsEncoded, risky),
    };
  });
}

function noteFor(
  id: TokenEncodingId,
  token: string,
  received: TokenEncoding['received'],
  ok: TokenEncoding['ok'],
  same: boolean,
  risky: string[],
): string {
  if (token === '') return 'No token yet: paste or mint one.';
  const both = `URLSearchParams-style parsers read ${outcome(received.searchParams, token)}; a naive decodeURIComponent reads ${outcome(received.decodeURIComponent, token)}.`;
  switch (id) {
    case 'raw':
      if (ok.searchParams && ok.decodeURIComponent) {
        return same
          ? 'The same as encoded for this token: a base64url JWT only has the characters A–Z, a–z, 0–9, "-", "_" and ".", all safe in a URL. It breaks once a token holds + / = % & # or a space (standard base64, a Bearer prefix): "+" turns into a space, "&" and "#" cut the token.'
          : `Works for this token, but only by luck. ${both}`;
      }
      return `Broken: the token holds ${risky.map((c) => (c === ' ' ? 'a space' : `"${c}"`)).join(', ')}. ${both}`;
    case 'encodeURIComponent':
      return ok.searchParams && ok.decodeURIComponent
        ? 'Correct: every parser gets the token back. The console sends it this way.'
        : both;
    case 'URLSearchParams':
      if (same)
        return 'The same as encodeURIComponent for this token. It differs on spaces: form encoding writes them as "+", which URLSearchParams-style parsers read back as a space but a naive decodeURIComponent keeps as "+".';
      return `Form encoding (spaces become "+"). ${both}`;
    case 'double-encoded':
      if (same)
        return 'The same for this token — it has nothing to encode. With + / = or % in a token, the server would receive %2B-style text instead of the token (the usual cause: encoding in the client and again in a helper).';
      return `Encoded twice: the server decodes once and receives %xx text, not the token. ${both}`;
    default:
      return both;
  }
}
