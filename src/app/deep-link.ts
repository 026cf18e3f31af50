import { readDeepLink, type DeepLinkNotice } from '../core/index.ts';
import { useConsole } from '../store/store.ts';

let notices: readonly DeepLinkNotice[] = [];

/** What the page's deep link could not apply, for DeepLinkNotice. */
export function deepLinkNotices(): readonly DeepLinkNotice[] {
  return notices;
}

/**
 * Prefills Server URL, Token parameter and Token travels in from `?url=…&param=…&travel=…` (src/core/url/
 * deep-link.ts), before the first render. A token or a secret in the address is not read and is taken
 * out of the address bar (and so out of the history entry) at once.
 */
export function applyDeepLink(location: Location, history: History): void {
  const link = readDeepLink(location.search);
  notices = link.notices;
  const s = useConsole.getState();
  if (link.fields.param !== undefined) s.setParamName(link.fields.param);
  if (link.fields.url !== undefined) s.setServerUrl(link.fields.url);
  if (link.fields.travel === 'query' || link.fields.travel === 'subprotocol')
    s.setTokenTravel(link.fields.travel);
  if (link.cleanedSearch !== null) {
    history.replaceState(history.state, '', `${location.pathname}${link.cleanedSearch}${location.hash}`);
  }
}
