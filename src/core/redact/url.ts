// Credentials inside a URL: the userinfo (user:password@), query and fragment parameters whose name means a
// credential or whose value is a JWT, and JWT path segments. Parsed as text, not with new URL(): what is
// typed into Server URL may be half-written, and must still be cleaned before it is stored or shown.
import { containsJwt, isCredentialParamName } from './credentials.ts';

export const URL_CREDENTIAL_PLACEHOLDER = '<redacted>';

export interface UrlCredential {
  place: 'userinfo' | 'query' | 'fragment' | 'path';
  /** The parameter's name, decoded ('' for the userinfo, a path segment or a bare value). */
  name: string;
  /** The value as it is written in the URL (percent-encoded). */
  raw: string;
  /** The value as a server reads it (percent-decoded). */
  value: string;
}

export interface UrlRedactionOptions {
  /** The token's own query parameter names (the Token parameter): credentials whatever they are called. */
  tokenParams?: readonly string[];
  /** What replaces a removed value. '' removes it (what is stored); default "<redacted>" (what is shown). */
  placeholder?: string;
  /** The user asked to see the token (--show-token): the tokenParams' values stay. */
  keepTokenParams?: boolean;
}

export interface UrlRedaction {
  url: string;
  /** What was removed, in URL order. Holds the values: never store or print this list as it is. */
  removed: UrlCredential[];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface Piece {
  name: string;
  raw: string;
  /** The piece with its value replaced. */
  redacted: string;
}

/** One `name=value` (or bare) piece of a query or fragment, and whether its value is a credential. */
function credentialPiece(
  piece: string,
  tokenParams: ReadonlySet<string>,
  options: UrlRedactionOptions,
  placeholder: string,
): Piece | null {
  const eq = piece.indexOf('=');
  if (eq === -1) {
    // A bare value: only a JWT is recognisable as a credential.
    return containsJwt(decode(piece)) ? { name: '', raw: piece, redacted: placeholder } : null;
  }
  const name = decode(piece.slice(0, eq));
  const raw = piece.slice(eq + 1);
  if (raw === '' || raw === placeholder || raw === encodeURIComponent(placeholder)) return null;
  const isTokenParam = tokenParams.has(name.trim());
  if (isTokenParam && options.keepTokenParams === true) return null;
  if (!isTokenParam && !isCredentialParamName(name) && !containsJwt(decode(raw))) return null;
  return { name, raw, redacted: `${piece.slice(0, eq + 1)}${placeholder}` };
}

function redactPieces(
  text: string,
  place: 'query' | 'fragment',
  tokenParams: ReadonlySet<string>,
  options: UrlRedactionOptions,
  removed: UrlCredential[],
): string {
  const placeholder = options.placeholder ?? URL_CREDENTIAL_PLACEHOLDER;
  return text
    .split('&')
    .map((piece) => {
      const found = credentialPiece(piece, tokenParams, options, placeholder);
      if (!found) return piece;
      removed.push({ place, name: found.name, raw: found.raw, value: decode(found.raw) });
      return found.redacted;
    })
    .join('&');
}

/** Where the authority starts: after `scheme://` or `//`; at 0 for "user:pw@host:3000/…" typed bare. */
function authorityStart(head: string): number {
  const m = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\//.exec(head);
  return m ? m[0].length : 0;
}

/**
 * The URL with its credentials replaced (or removed, with placeholder ''), and what was removed. The rest
 * of the URL — scheme, host, port, path, other parameters and their order — is kept exactly as written.
 * Never throws for strings.
 */
export function redactUrlCredentials(url: string, options: UrlRedactionOptions = {}): UrlRedaction {
  if (typeof url !== 'string') throw new TypeError('redactUrlCredentials: url must be a string');
  const placeholder = options.placeholder ?? URL_CREDENTIAL_PLACEHOLDER;
  const tokenParams = new Set((options.tokenParams ?? []).map((p) => p.trim()).filter((p) => p !== ''));
  const removed: UrlCredential[] = [];

  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const q = beforeHash.indexOf('?');
  const head = q === -1 ? beforeHash : beforeHash.slice(0, q);

  const start = authorityStart(head);
  const slash = head.indexOf('/', start);
  const authorityEnd = slash === -1 ? head.length : slash;
  const authority = head.slice(start, authorityEnd);
  const at = authority.lastIndexOf('@');
  let newAuthority = authority;
  if (at !== -1 && at > 0) {
    const raw = authority.slice(0, at);
    removed.push({ place: 'userinfo', name: '', raw, value: decode(raw) });
    newAuthority = placeholder === '' ? authority.slice(at + 1) : `${placeholder}@${authority.slice(at + 1)}`;
  }
  const path = head
    .slice(authorityEnd)
    .split('/')
    .map((segment) => {
      if (!containsJwt(decode(segment))) return segment;
      removed.push({ place: 'path', name: '', raw: segment, value: decode(segment) });
      return placeholder;
    })
    .join('/');

  let out = `${head.slice(0, start)}${newAuthority}${path}`;
  if (q !== -1) out += `?${redactPieces(beforeHash.slice(q + 1), 'query', tokenParams, options, removed)}`;
  if (hash !== -1) out += `#${redactPieces(url.slice(hash + 1), 'fragment', tokenParams, options, removed)}`;
  return { url: out, removed };
}

/** What was removed, in words the user reads ("the userinfo", "the value of api_key"); no values. */
export function describeRemovedCredentials(removed: readonly UrlCredential[]): string[] {
  const out = new Set<string>();
  for (const r of removed) {
    // eslint-disable-next-line no-control-regex -- names are shown: no control characters
    const name = r.name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 40);
    if (r.place === 'userinfo') out.add('the userinfo');
    else if (r.place === 'path') out.add('a token in the path');
    else if (name === '') out.add(`a token in the ${r.place}`);
    else out.add(`the value of ${name}${r.place === 'fragment' ? ' in the fragment' : ''}`);
  }
  return [...out];
}

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * A Server URL as it may be stored: credentials removed (not replaced, so nothing fake is sent later), and
 * what was not kept, in words. The token parameter's value goes too: the token is kept only on opt-in, in
 * its own field.
 */
export function redactUrlForStorage(url: string, tokenParam: string): { url: string; notKept: string[] } {
  const r = redactUrlCredentials(url, { tokenParams: [tokenParam], placeholder: '' });
  return { url: r.url, notKept: describeRemovedCredentials(r.removed) };
}
