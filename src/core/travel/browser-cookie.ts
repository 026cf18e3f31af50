// Token travels in a Cookie, from a browser page: the page can set a cookie only for its own host (or a
// parent domain they share), and the browser sends it with the WebSocket handshake to that host whatever
// the port — cookies ignore ports. So a console at localhost:5173 can send one to ws://localhost:3000, and
// not to ws://127.0.0.1:3000 (another site to the browser) nor to a remote host. This module says which
// case applies and writes the document.cookie strings; the store sets the cookie right before the socket
// opens and removes it once the handshake is over.
import { cookieHeader } from './placements.ts';

export interface BrowserCookieInput {
  /** The console page's address (location.href). */
  pageUrl: string;
  /** The address the socket opens. */
  serverUrl: string;
  /** The cookie's name (the Token parameter). */
  name: string;
  token: string;
}

export type BrowserCookiePlan =
  | {
      ok: true;
      /** document.cookie = set, before the socket opens. */
      set: string;
      /** document.cookie = remove, once the handshake is over. */
      remove: string;
      /** `name=value` as the browser will send it (to check that it was taken). */
      pair: string;
      /** The Domain attribute, when the server is on another host of a domain the page shares. */
      domain?: string;
    }
  | {
      ok: false;
      code: 'COOKIE_BAD_URL' | 'COOKIE_OTHER_SITE';
      /** reason and fix, as one text (the note under the field, the log's connecting line). */
      message: string;
      /** Why no cookie can be sent (the diagnosis's evidence). */
      reason: string;
      /** What to do instead (the diagnosis's fix). */
      fix: string;
    };

/** Seconds the cookie lives at most, should the page never get to remove it. */
export const COOKIE_MAX_AGE_S = 60;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isIp = (host: string) => IPV4.test(host) || host.startsWith('[');

function hostOf(url: string, schemes: RegExp): { host: string; protocol: string } | null {
  try {
    const u = new URL(url);
    return schemes.test(u.protocol) ? { host: u.hostname.toLowerCase(), protocol: u.protocol } : null;
  } catch {
    return null;
  }
}

/** The longest parent domain both hosts share (at least two labels), e.g. example.com. */
function sharedDomain(a: string, b: string): string | undefined {
  if (isIp(a) || isIp(b)) return undefined;
  const la = a.split('.').reverse();
  const lb = b.split('.').reverse();
  const common: string[] = [];
  for (let i = 0; i < Math.min(la.length, lb.length) && la[i] === lb[i]; i++) common.push(la[i] ?? '');
  return common.length >= 2 ? common.reverse().join('.') : undefined;
}

function otherSite(page: string, server: string): { reason: string; fix: string } {
  const loopbacks = ['localhost', '127.0.0.1', '[::1]'];
  const hint =
    loopbacks.includes(page) && loopbacks.includes(server)
      ? ` (${page} and ${server} are the same machine but different sites to the browser)`
      : '';
  return {
    reason:
      `The browser cannot send a cookie to ${server}: a page sets cookies only for its own site, and this ` +
      `console is on ${page}${hint}.`,
    fix:
      `Open the console on ${server} (any port: cookies ignore ports), or choose "Authorization header ` +
      `(via local relay)", or let the server read the token from the query or the Sec-WebSocket-Protocol header.`,
  };
}

function refused(
  code: 'COOKIE_BAD_URL' | 'COOKIE_OTHER_SITE',
  reason: string,
  fix: string,
): BrowserCookiePlan {
  return { ok: false, code, message: `${reason} ${fix}`, reason, fix };
}

/** Whether the page can send the token as a cookie to the server, and the strings that do it. */
export function browserCookiePlan(input: BrowserCookieInput): BrowserCookiePlan {
  const page = hostOf(input.pageUrl, /^https?:$/);
  const server = hostOf(input.serverUrl, /^(wss?|https?):$/);
  if (page === null || server === null)
    return page === null
      ? refused(
          'COOKIE_BAD_URL',
          'The console must be opened over http:// or https:// to set a cookie.',
          'Open the console with npx wsjwt open (or npm start in a clone).',
        )
      : refused(
          'COOKIE_BAD_URL',
          'The Server URL is not a ws:// or wss:// address: no cookie can be set for it.',
          'Start the Server URL with ws:// or wss://.',
        );
  let domain: string | undefined;
  if (server.host !== page.host) {
    domain = sharedDomain(page.host, server.host);
    if (domain === undefined) {
      const other = otherSite(page.host, server.host);
      return refused('COOKIE_OTHER_SITE', other.reason, other.fix);
    }
  }
  // Secure on an https page (its wss:// server is secure too); Strict: only the handshake of a same-site
  // socket carries it.
  const attrs = `; Path=/${domain !== undefined ? `; Domain=${domain}` : ''}${page.protocol === 'https:' ? '; Secure' : ''}; SameSite=Strict`;
  const pair = cookieHeader(input.name, input.token);
  return {
    ok: true,
    set: `${pair}${attrs}; Max-Age=${COOKIE_MAX_AGE_S}`,
    remove: `${input.name}=${attrs}; Max-Age=0`,
    pair,
    ...(domain !== undefined ? { domain } : {}),
  };
}
