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
  // One line in the connection bar, cut with an ellipsis when it is narrow: the whole sentence on hover.
  const [lead, rest] = available ? XRAY_ON : XRAY_OFF;
  return (
    <p
      data-xray={available ? 'on' : 'off'}
      title={`${lead} ${rest}`}
      className="truncate text-xs text-slate-600 dark:text-slate-400"
    >
      <b>{lead}</b> {rest}
    </p>
  );
}

const XRAY_ON = [
  'Handshake x-ray on:',
  'when a connection fails before it opens, the console repeats the handshake from Node (on this machine) and shows the HTTP status, headers and body the browser hides.',
] as const;

const XRAY_OFF = [
  'Handshake x-ray off',
  '(the console is served as static files): a browser never shows a page the HTTP status of a refused upgrade, so a 401/403/404 looks like any other 1006. Read it in DevTools → Network → WS → the socket → Headers, or run npx wsjwt probe (Copy as command).',
] as const;
