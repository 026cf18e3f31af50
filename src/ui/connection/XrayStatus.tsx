import { useEffect, useState } from 'react';
import { xrayAvailable } from '../../store/xray.ts';

/** Says whether the handshake x-ray is there, and what the console cannot see without it. */
export function XrayStatus() {
  const [available, setAvailable] = useState<boolean | null>(null);
  useEffect(() => {
    let alive = true;
    void xrayAvailable().then((a) => alive && setAvailable(a));
    return () => {
      alive = false;
    };
  }, []);
  if (available === null) return null;
  return (
    <p data-xray={available ? 'on' : 'off'} className="text-xs text-slate-600 dark:text-slate-400">
      {available ? (
        <>
          <b>Handshake x-ray on:</b> when a connection fails before it opens, the console repeats the
          handshake from Node (on this machine) and shows the HTTP status, headers and body the browser hides.
        </>
      ) : (
        <>
          <b>Handshake x-ray off</b> (the console is served as static files): a browser never shows a page the
          HTTP status of a refused upgrade, so a 401/403/404 looks like any other 1006. Read it in DevTools →
          Network → WS → the socket → Headers, or run <code>npx wsjwt probe</code> (Copy as command).
        </>
      )}
    </p>
  );
}
