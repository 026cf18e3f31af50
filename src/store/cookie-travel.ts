// Token travels in a Cookie: set for the server's host right before the socket opens (when the browser
// allows it: src/core/travel/browser-cookie.ts) and removed once the handshake is over, open or not, so the
// token does not stay in the cookie jar.
import { browserCookiePlan } from '../core/index.ts';

export interface TravelCookie {
  /** For the log's connecting line: what was set, or why nothing was. */
  note: string;
  /** Removes the cookie (idempotent). */
  remove(): void;
  /** No cookie could be set: why, and what to do instead (the attempt's diagnosis says it). */
  notSent?: { reason: string; fix: string };
}

export function setTravelCookie(url: string, name: string, token: string): TravelCookie {
  const none: TravelCookie = { note: '', remove: () => {} };
  if (typeof document === 'undefined' || typeof location === 'undefined') return none;
  const plan = browserCookiePlan({ pageUrl: location.href, serverUrl: url, name: name.trim(), token });
  if (!plan.ok)
    return {
      ...none,
      note: ` — no cookie sent: ${plan.message}`,
      notSent: { reason: plan.reason, fix: plan.fix },
    };
  document.cookie = plan.set;
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    document.cookie = plan.remove;
  };
  if (!document.cookie.split('; ').includes(plan.pair)) {
    remove();
    const reason = `the browser refused to set the cookie ${name.trim()}${plan.domain ? ` for ${plan.domain}` : ''} (cookies blocked for this page?)`;
    return {
      note: ` — no cookie sent: ${reason}`,
      remove: () => {},
      notSent: {
        reason: `The browser refused to set the cookie ${name.trim()}${plan.domain ? ` for ${plan.domain}` : ''}: cookies are blocked for this page?`,
        fix: 'Allow cookies for the console’s site, or choose "Authorization header (via local relay)".',
      },
    };
  }
  return {
    note: ` — Cookie: ${name.trim()}=<token: ${token.length} chars>${plan.domain ? ` (Domain=${plan.domain})` : ''}, removed once the handshake is over`,
    remove,
  };
}
