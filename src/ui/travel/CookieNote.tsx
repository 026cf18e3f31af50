import { useMemo } from 'react';
import { browserCookiePlan, placeToken } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';

/** Whether the browser can send the token as a cookie to the server's host, and what happens to it. */
export function CookieNote() {
  const connection = useConsole((s) => s.connection);
  const serverUrl = useConsole((s) => s.serverUrl);
  const paramName = useConsole((s) => s.paramName);
  const plan = useMemo(
    () =>
      browserCookiePlan({
        pageUrl: typeof location === 'undefined' ? '' : location.href,
        serverUrl: connection.ok ? connection.url : serverUrl,
        name: paramName.trim(),
        token: 'x',
      }),
    [connection, serverUrl, paramName],
  );
  const nameProblem = placeToken({ placement: 'cookie', token: 'x', paramName }).problems.find(
    (p) => p.code === 'ERR_COOKIE_NAME',
  );
  if (nameProblem)
    return (
      <Note tone="error" className="py-1 text-xs">
        <span data-travel-note="cookie" data-cookie-plan="ERR_COOKIE_NAME">
          {nameProblem.message}
        </span>
      </Note>
    );
  if (!plan.ok)
    return (
      <Note tone="warn" className="py-1 text-xs">
        <span data-travel-note="cookie" data-cookie-plan={plan.code}>
          {plan.message}
        </span>
      </Note>
    );
  return (
    <Note tone="info" className="py-1 text-xs">
      <span data-travel-note="cookie" data-cookie-plan="ok">
        Right before the socket opens the console sets the cookie <code>{paramName.trim()}</code>
        {plan.domain !== undefined ? ` for ${plan.domain}` : ' for this host'} (cookies ignore ports), and
        removes it once the handshake is over: the token does not stay in the cookie jar.
      </span>
    </Note>
  );
}
