// Where the token travels: the five places a WebSocket server may read a JWT from, what each one puts on
// the wire, and which of them a browser page can use. The URL and the subprotocols come from the modules
// next to this one (connection-url, subprotocols); the protocol's own subprotocols and first message from
// src/core/protocol. Headers (Authorization, Cookie) are for Node: the CLI, the relay.
import { buildSubprotocols, DEFAULT_SUBPROTOCOL_TEMPLATE } from './subprotocols.ts';

export const TOKEN_PLACEMENTS = ['query', 'subprotocol', 'cookie', 'first-message', 'header'] as const;

export type TokenPlacement = (typeof TOKEN_PLACEMENTS)[number];

export interface PlacementInfo {
  id: TokenPlacement;
  /** The console's `Token travels in` option text (contract). */
  label: string;
  /** Whether a browser page can send it: always, only to a same-site server, or never (the relay can). */
  browser: 'yes' | 'same-site' | 'no';
  /** Where a server reads it, in a few words. */
  where: string;
}

export const PLACEMENTS: Readonly<Record<TokenPlacement, PlacementInfo>> = {
  query: { id: 'query', label: 'Query parameter', browser: 'yes', where: 'the query string' },
  subprotocol: {
    id: 'subprotocol',
    label: 'Sec-WebSocket-Protocol header',
    browser: 'yes',
    where: 'the Sec-WebSocket-Protocol header',
  },
  cookie: { id: 'cookie', label: 'Cookie', browser: 'same-site', where: 'a cookie' },
  'first-message': {
    id: 'first-message',
    label: 'First message',
    browser: 'yes',
    where: 'the first message after open',
  },
  header: {
    id: 'header',
    label: 'Authorization header (via local relay)',
    browser: 'no',
    where: 'the Authorization header (Bearer)',
  },
};

export function isTokenPlacement(value: string): value is TokenPlacement {
  return (TOKEN_PLACEMENTS as readonly string[]).includes(value);
}

/** RFC 6265 cookie-name (an HTTP token) and cookie-octet. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex -- cookie-octet excludes controls
const COOKIE_UNSAFE = /[\u0000-\u0020",;\\\u007f-\uffff]/;

export interface PlacementProblem {
  code: 'ERR_COOKIE_NAME' | 'ERR_SUBPROTOCOL' | 'WARN_TOKEN_EMPTY';
  message: string;
}

export interface PlacementInput {
  placement: TokenPlacement;
  token: string;
  /** The query parameter's name; also the cookie's name. */
  paramName: string;
  /** The protocol's own subprotocols (graphql-transport-ws, v12.stomp…), offered first. */
  protocolSubprotocols?: readonly string[];
  /** With placement 'subprotocol': the template, {token} where the token goes. */
  subprotocolTemplate?: string;
}

export interface PlacedToken {
  /** The token to put in the query string ('' unless placement is 'query'). */
  queryToken: string;
  /** The token for the protocol's first message ('' unless placement is 'first-message'). */
  payloadToken: string;
  /** Subprotocols to offer, in order. */
  protocols: string[];
  /** Request headers only Node (the CLI, the relay) can set. */
  headers: Record<string, string>;
  problems: PlacementProblem[];
}

/** The Cookie header value: name=token, percent-encoded only where a cookie value cannot hold a character. */
export function cookieHeader(name: string, token: string): string {
  const value = COOKIE_UNSAFE.test(token) ? encodeURIComponent(token) : token;
  return `${name}=${value}`;
}

/** What goes where for one placement of the token. */
export function placeToken(input: PlacementInput): PlacedToken {
  const { placement, token } = input;
  if (!isTokenPlacement(placement)) throw new TypeError(`placeToken: unknown placement ${String(placement)}`);
  const placed: PlacedToken = {
    queryToken: placement === 'query' ? token : '',
    payloadToken: placement === 'first-message' ? token : '',
    protocols: [...(input.protocolSubprotocols ?? [])],
    headers: {},
    problems: [],
  };
  if (token === '')
    placed.problems.push({ code: 'WARN_TOKEN_EMPTY', message: 'The token is empty: nothing is sent.' });
  if (placement === 'subprotocol') {
    const built = buildSubprotocols(input.subprotocolTemplate ?? DEFAULT_SUBPROTOCOL_TEMPLATE, token);
    for (const p of built.problems.filter((x) => x.severity === 'error'))
      placed.problems.push({ code: 'ERR_SUBPROTOCOL', message: p.message });
    placed.protocols.push(...built.protocols.filter((p) => !placed.protocols.includes(p)));
  } else if (placement === 'header' && token !== '') {
    placed.headers.Authorization = `Bearer ${token}`;
  } else if (placement === 'cookie') {
    const name = input.paramName.trim();
    if (!COOKIE_NAME.test(name))
      placed.problems.push({
        code: 'ERR_COOKIE_NAME',
        message: `"${name}" cannot be a cookie name: use letters, digits and - _ . (the Token parameter names the cookie)`,
      });
    else if (token !== '') placed.headers.Cookie = cookieHeader(name, token);
  }
  return placed;
}
