import { readDeepLink, type DeepLinkNotice } from '../core/index.ts';
import { useConsole } from '../store/store.ts';

let notices: readonly DeepLinkNotice[] = [];

/** What the page's deep link could not apply, for DeepLinkNotice. */
export function deepLinkNotices(): readonly DeepLinkNotice[] {
  return notices;
}

/**
 * Prefills Server URL, Token parameter, Protocol and Token travels in from
 * `?url=…&param=…&protocol=…&travel=…` (src/core/url/
 * deep-link.ts), before the first render. A token or a secret in the address is not read and is taken
 * out of the address bar (and so out of the history entry) at once.
 */
export function applyDeepLink(location: Location, history: History): void {
  const link = readDeepLink(location.search);
  notices = link.notices;
  const s = useConsole.getState();
  if (link.fields.param !== undefined) s.setParamName(link.fields.param);
  if (link.fields.url !== undefined) s.setServerUrl(link.fields.url);
  // The protocol first: choosing one moves a query token to its first message, and travel= then has the
  // last word.
  if (link.fields.protocol !== undefined) s.setAppProtocol(link.fields.protocol);
  if (link.fields.travel !== undefined) s.setTokenTravel(link.fields.travel);
  if (link.cleanedSearch !== null) {
    history.replaceState(history.state, '', `${location.pathname}${link.cleanedSearch}${location.hash}`);
  }
}
