import { redactUrlCredentials } from '../redact/url.ts';
import type { ConnectionUrlNote, ConnectionUrlResult } from '../types.ts';
import { encodeComponent } from './well-formed.ts';

export interface ConnectionUrlInput {
  serverUrl: string;
  paramName: string;
  token: string;
}

export const DEFAULT_TOKEN_PARAM = 'token';

// The URL parser drops these at the ends and refuses them inside a host: a pasted NUL or escape is an error.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function invalid(why: string): ConnectionUrlResult {
  return { ok: false, code: 'ERR_URL_INVALID', message: `The server URL is not a valid address: ${why}` };
}

function whyInvalid(candidate: string, authority: string): string {
  const space = /\s/.exec(candidate);
  if (space) return `it contains whitespace at position ${space.index}`;
  const control = CONTROL.exec(candidate);
  if (control) {
    const hex = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `it contains a control character (U+${hex}) at position ${control.index}`;
  }
  if (authority === '') return 'there is no host after the scheme (e.g. ws://localhost:3000)';
  const port = /:([^:\]]*)$/.exec(authority);
  if (port && !authority.endsWith(']')) {
    const value = port[1] ?? '';
    if (!/^\d*$/.test(value)) return `the port "${value}" is not a number`;
    if (value !== '' && Number(value) > 65535) return `the port ${value} is larger than 65535`;
  }
  if (/[<>"{}|\\^`]/.test(authority))
    return `the host "${authority}" contains characters a host name cannot have`;
  return `the host "${authority}" is not a valid host name or address`;
}

type SchemeSplit =
  | { ok: true; scheme: 'ws' | 'wss'; rest: string; notes: ConnectionUrlNote[] }
  | { ok: false; result: ConnectionUrlResult };

function splitScheme(text: string): SchemeSplit {
  const notes: ConnectionUrlNote[] = [];
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  // "localhost:3000" parses as scheme "localhost:"; a digit after the colon means host:port instead.
  const isScheme = match !== null && !/^\d/.test(text.slice(match[0].length));
  if (!isScheme) {
    const rest = text.startsWith('//') ? text.slice(2) : text;
    notes.push({
      code: 'NO_SCHEME_ADDED',
      message: `No scheme was given, so ws:// was added (ws://${rest.slice(0, 40)}${rest.length > 40 ? '…' : ''})`,
    });
    return { ok: true, scheme: 'ws', rest, notes };
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = text.slice(match[0].length).replace(/^\/\//, '');
  switch (scheme) {
    case 'ws':
    case 'wss':
      return { ok: true, scheme, rest, notes };
    case 'http':
    case 'https': {
      const to = scheme === 'http' ? 'ws' : 'wss';
      notes.push({
        code: 'HTTP_SCHEME_CONVERTED',
        message: `${scheme}:// was changed to ${to}:// — a WebSocket opens the same host and port with the ${to}: scheme`,
      });
      return { ok: true, scheme: to, rest, notes };
    }
    default:
      return {
        ok: false,
        result: {
          ok: false,
          code: 'ERR_URL_SCHEME',
          message: `${scheme}: is not a WebSocket scheme; use ws:// (or wss:// for TLS), e.g. ws://localhost:3000`,
        },
      };
  }
}

/**
 * The exact URL the socket opens: the server address with the token in its query, encoded with
 * encodeURIComponent (never URLSearchParams' "+" for space). The path and other parameters are kept as
 * typed; an existing parameter of the same name is replaced; http(s) becomes ws(s); a fragment (which
 * WebSocket refuses) is dropped. Never throws for strings.
 */
export function buildConnectionUrl(input: ConnectionUrlInput): ConnectionUrlResult {
  if (typeof input !== 'object' || input === null)
    throw new TypeError('buildConnectionUrl: input must be an object');
  const { serverUrl, paramName, token } = input;
  if (typeof serverUrl !== 'string' || typeof paramName !== 'string' || typeof token !== 'string') {
    throw new TypeError('buildConnectionUrl: serverUrl, paramName and token must be strings');
  }
  const text = serverUrl.trim();
  if (text === '') {
    return {
      ok: false,
      code: 'ERR_URL_EMPTY',
      message: 'The server URL is empty: enter an address such as ws://localhost:3000',
    };
  }
  const split = splitScheme(text);
  if (!split.ok) return split.result;
  const { scheme, notes } = split;
  let rest = split.rest;

  const hash = rest.indexOf('#');
  if (hash !== -1) {
    notes.push({
      code: 'FRAGMENT_REMOVED',
      message: `The fragment "${rest.slice(hash, hash + 40)}" was removed: a WebSocket URL cannot have one (and it never reaches the server)`,
    });
    rest = rest.slice(0, hash);
  }
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const afterAuthority = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const q = afterAuthority.indexOf('?');
  const path = q === -1 ? afterAuthority : afterAuthority.slice(0, q);
  const query = q === -1 ? null : afterAuthority.slice(q + 1);

  const candidate = `${scheme}://${authority}${path}`;
  // The URL parser would quietly drop or encode whitespace; here it is almost always a paste error.
  if (/\s/.test(text) || CONTROL.test(text)) return invalid(whyInvalid(text, authority));
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return invalid(whyInvalid(candidate, authority));
  }
  if (parsed.hostname === '') return invalid(whyInvalid(candidate, ''));

  let name = paramName.trim();
  if (name === '') {
    notes.push({
      code: 'PARAM_NAME_EMPTY',
      message: `The token parameter name is empty, so "${DEFAULT_TOKEN_PARAM}" is used`,
    });
    name = DEFAULT_TOKEN_PARAM;
  }

  const pieces = query === null || query === '' ? [] : query.split('&');
  const sameName = (piece: string): boolean => {
    const eq = piece.indexOf('=');
    return decodeComponent(eq === -1 ? piece : piece.slice(0, eq)) === name;
  };
  const existingIndex = pieces.findIndex(sameName);
  let outPieces = pieces;
  if (token === '') {
    notes.push({
      code: 'TOKEN_EMPTY',
      message:
        existingIndex === -1
          ? `The token is empty, so the URL carries no ${name}= parameter: the server receives no token`
          : `The token is empty: the URL's own ${name}= parameter is sent as typed`,
    });
  } else {
    const param = `${encodeComponent(name)}=${encodeComponent(token)}`;
    if (existingIndex === -1) {
      outPieces = [...pieces, param];
    } else {
      notes.push({
        code: 'TOKEN_PARAM_REPLACED',
        message: `The server URL already had a ${name}= parameter; it was replaced by the token`,
      });
      outPieces = pieces.flatMap((piece, i) =>
        i === existingIndex ? [param] : sameName(piece) ? [] : [piece],
      );
    }
  }
  const search = outPieces.length > 0 ? `?${outPieces.join('&')}` : '';
  const url = `${scheme}://${authority}${path}${search}`;
  // The Connection URL is what new WebSocket() gets: it must parse as a whole, not only its parts.
  try {
    new URL(url);
  } catch {
    return invalid(whyInvalid(url, authority));
  }
  return {
    ok: true,
    url,
    notes,
    scheme: `${scheme}:`,
    host: parsed.host,
    origin: `${scheme}://${parsed.host}`,
  };
}

/**
 * The URL with the token parameter's value replaced by "<redacted>" — and every other credential in it
 * (userinfo, api_key, a JWT under another name: see src/core/redact) — for logs and support bundles.
 */
export function redactUrlToken(url: string, paramName: string): string {
  if (typeof url !== 'string' || typeof paramName !== 'string') {
    throw new TypeError('redactUrlToken: url and paramName must be strings');
  }
  return redactUrlCredentials(url, { tokenParams: [paramName.trim() || DEFAULT_TOKEN_PARAM] }).url;
}

/**
 * A token safe to share: header and payload kept (they are only encoded, not secret), signature replaced,
 * so nobody can replay it. Anything that is not header.payload.signature is redacted whole.
 */
export function redactToken(token: string): string {
  if (typeof token !== 'string') throw new TypeError('redactToken: token must be a string');
  if (token === '') return '';
  const parts = token.split('.');
  if (parts.length !== 3) return '<redacted>';
  if (parts[2] === '') return token;
  return `${parts[0]}.${parts[1]}.<signature redacted>`;
}
