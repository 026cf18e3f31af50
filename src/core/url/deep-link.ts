// The console's deep link: `?url=…&param=…&protocol=…&travel=…` prefills where to connect. A link is
// something people paste into chats and tickets, so it never carries a token or a secret: those are
// refused when present (and the caller removes them from the address bar), and the url= value loses its
// credentials the way a stored Server URL does (src/core/redact/url.ts).
import { redactUrlForStorage } from '../redact/url.ts';

/** Every value the contract names, and which of them this console speaks today. */
export const DEEP_LINK_PROTOCOLS = [
  'plain',
  'graphql-ws',
  'subscriptions-transport-ws',
  'socket.io',
  'stomp',
] as const;
export const DEEP_LINK_TRAVELS = ['query', 'subprotocol', 'cookie', 'first-message', 'header'] as const;
export type DeepLinkProtocol = (typeof DEEP_LINK_PROTOCOLS)[number];
export type DeepLinkTravel = (typeof DEEP_LINK_TRAVELS)[number];

/** What the running console supports (extend these as protocols and placements land). */
export interface DeepLinkSupport {
  protocols: readonly DeepLinkProtocol[];
  travels: readonly DeepLinkTravel[];
}
export const DEEP_LINK_SUPPORT_TODAY: DeepLinkSupport = {
  protocols: DEEP_LINK_PROTOCOLS,
  travels: DEEP_LINK_TRAVELS,
};

/** Query parameters a link must never carry: they are ignored and removed from the address bar. */
export const DEEP_LINK_REFUSED_PARAMS = ['token', 'secret', 'jwt', 'access_token'] as const;

export type DeepLinkNoticeCode =
  | 'DEEP_LINK_CREDENTIAL_IGNORED'
  | 'DEEP_LINK_URL_CREDENTIAL_REMOVED'
  | 'DEEP_LINK_BAD_URL'
  | 'DEEP_LINK_BAD_PARAM'
  | 'DEEP_LINK_PROTOCOL_UNKNOWN'
  | 'DEEP_LINK_PROTOCOL_UNSUPPORTED'
  | 'DEEP_LINK_TRAVEL_UNKNOWN'
  | 'DEEP_LINK_TRAVEL_UNSUPPORTED';

export interface DeepLinkNotice {
  code: DeepLinkNoticeCode;
  message: string;
}

export interface DeepLink {
  /** Only the fields the link set, each checked. */
  fields: { url?: string; param?: string; protocol?: DeepLinkProtocol; travel?: DeepLinkTravel };
  notices: DeepLinkNotice[];
  /**
   * The query string to put back in the address bar (`?…` or ''), when the link held something that must
   * not stay there (a token, a secret, credentials in url=); null when the address bar is fine as it is.
   */
  cleanedSearch: string | null;
}

const MAX_URL_CHARS = 2048;
const PARAM_NAME = /^[A-Za-z0-9._~!$'()*+,;:@-]{1,100}$/;

const quote = (v: string) => `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`;
const listOf = (xs: readonly string[]) => xs.join(', ');

function readServerUrl(raw: string, param: string, notices: DeepLinkNotice[]): string | undefined {
  const value = raw.trim();
  let parsed: URL | null;
  try {
    parsed = value.length <= MAX_URL_CHARS ? new URL(value) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || !/^(wss?|https?):$/.test(parsed.protocol)) {
    notices.push({
      code: 'DEEP_LINK_BAD_URL',
      message: `The link's url= ${quote(value)} is not a ws://, wss://, http:// or https:// address${value.length > MAX_URL_CHARS ? ` of at most ${MAX_URL_CHARS} characters` : ''}: Server URL keeps its value.`,
    });
    return undefined;
  }
  const { url, notKept } = redactUrlForStorage(value, param);
  if (notKept.length > 0) {
    notices.push({
      code: 'DEEP_LINK_URL_CREDENTIAL_REMOVED',
      message: `Not taken from the link's url=: ${notKept.join(', ')} — a link never carries credentials. Enter them here if the server needs them.`,
    });
  }
  return url;
}

function readChoice<T extends string>(
  raw: string,
  what: 'protocol' | 'travel',
  known: readonly T[],
  supported: readonly T[],
  notices: DeepLinkNotice[],
): T | undefined {
  const value = raw.trim().toLowerCase();
  const field = what === 'protocol' ? 'Protocol' : 'Token travels in';
  if (!known.includes(value as T)) {
    notices.push({
      code: what === 'protocol' ? 'DEEP_LINK_PROTOCOL_UNKNOWN' : 'DEEP_LINK_TRAVEL_UNKNOWN',
      message: `The link's ${what}= ${quote(raw)} is not one of ${listOf(known)}: ${field} keeps its value.`,
    });
    return undefined;
  }
  if (!supported.includes(value as T)) {
    notices.push({
      code: what === 'protocol' ? 'DEEP_LINK_PROTOCOL_UNSUPPORTED' : 'DEEP_LINK_TRAVEL_UNSUPPORTED',
      message: `The link asks for ${what}=${value}, which this console does not support yet (it supports ${listOf(supported)}): ${field} keeps its value.`,
    });
    return undefined;
  }
  return value as T;
}

/** Reads a page's query string (`location.search`) as a deep link. Never throws. */
export function readDeepLink(search: string, support: DeepLinkSupport = DEEP_LINK_SUPPORT_TODAY): DeepLink {
  const params = new URLSearchParams(search);
  const notices: DeepLinkNotice[] = [];
  const fields: DeepLink['fields'] = {};
  let dirty = false;

  const refused = DEEP_LINK_REFUSED_PARAMS.filter((name) => params.has(name));
  if (refused.length > 0) {
    refused.forEach((name) => params.delete(name));
    dirty = true;
    notices.push({
      code: 'DEEP_LINK_CREDENTIAL_IGNORED',
      message: `Ignored ${listOf(refused.map((n) => `${n}=`))} in the address: the console never reads a token or a secret from a link (it would stay in the browser history and in whatever the link was pasted into). It was removed from the address bar; paste the token into Token.`,
    });
  }

  const param = params.get('param')?.trim();
  if (param !== undefined && param !== '') {
    if (PARAM_NAME.test(param)) fields.param = param;
    else
      notices.push({
        code: 'DEEP_LINK_BAD_PARAM',
        message: `The link's param= ${quote(param)} is not a query parameter name (letters, digits and - . _ ~, at most 100): Token parameter keeps its value.`,
      });
  }
  const url = params.get('url');
  if (url !== null && url.trim() !== '') {
    fields.url = readServerUrl(url, fields.param ?? 'token', notices);
    if (fields.url === undefined) delete fields.url;
    else if (fields.url !== url.trim()) {
      params.set('url', fields.url);
      dirty = true;
    }
  }
  const protocol = params.get('protocol');
  if (protocol !== null && protocol.trim() !== '') {
    const p = readChoice(protocol, 'protocol', DEEP_LINK_PROTOCOLS, support.protocols, notices);
    if (p) fields.protocol = p;
  }
  const travel = params.get('travel');
  if (travel !== null && travel.trim() !== '') {
    const t = readChoice(travel, 'travel', DEEP_LINK_TRAVELS, support.travels, notices);
    if (t) fields.travel = t;
  }
  const rest = params.toString();
  return { fields, notices, cleanedSearch: dirty ? (rest === '' ? '' : `?${rest}`) : null };
}

/** The token parameter the console adds itself, dropped when redaction left it empty. */
function withoutEmptyParam(url: string, param: string): string {
  try {
    const u = new URL(url);
    if (u.searchParams.get(param) !== '') return url;
    u.searchParams.delete(param);
    return u.toString();
  } catch {
    return url;
  }
}

export interface DeepLinkTarget {
  url: string;
  param?: string;
  protocol?: DeepLinkProtocol;
  travel?: DeepLinkTravel;
}

/**
 * The console address that opens on `target` (for `wsjwt probe`'s "open in the console" line). The
 * Server URL loses its credentials first: a link never carries a token or a secret.
 */
export function buildDeepLink(consoleUrl: string, target: DeepLinkTarget): string {
  const link = new URL(consoleUrl);
  const param = target.param ?? 'token';
  link.searchParams.set('url', withoutEmptyParam(redactUrlForStorage(target.url, param).url, param));
  link.searchParams.set('param', param);
  if (target.protocol && target.protocol !== 'plain') link.searchParams.set('protocol', target.protocol);
  if (target.travel && target.travel !== 'query') link.searchParams.set('travel', target.travel);
  return link.toString();
}
