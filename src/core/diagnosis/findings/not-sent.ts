// The token never left the browser: it was to travel in a cookie the browser could not set (the server is
// on another site, cookies are blocked). Read after the phases, before travel discovery (a place discovery
// finds accepted is then the second way out): whatever the server
// said about a missing token is then true of the browser, not a sign that it reads the token elsewhere.
// - "Sent in a cookie, the server reads it elsewhere" (token-travel-mismatch from "no token" words) is
//   dropped: nothing was sent.
// - token-missing leads, with the browser's reason, and the fix the cookie rules give (open the console on
//   the server's site, the relay's header, the query).
// - Discovery tried the chosen place from the helper (which can send a cookie anywhere): if the server
//   accepted the token there, that is said — the place is right, only this page cannot use it.
import { samePlace } from '../../travel/discovery.ts';
import type { Attempt } from '../phases/attempt.ts';

export function applyTokenNotSent({ ev, board }: Attempt): void {
  const notSent = ev.tokenNotSent;
  // Nothing went wrong (a server that needs no token): nothing to explain.
  if (notSent === undefined || board.size === 0) return;
  board.drop('token-travel-mismatch');
  const d = ev.travelDiscovery;
  const there = d?.attempts.find((a) => samePlace(a, d.used));
  const discovered =
    there === undefined
      ? []
      : there.verdict === 'accepted'
        ? [
            `The server does accept this token in ${there.label} (the x-ray helper sent it there: ${there.how}) — only this page cannot send it`,
          ]
        : [`Sent to ${there.label} by the x-ray helper, the token was ${there.verdict} (${there.how})`];
  board.add('token-missing', 'high', [`No token was sent: ${notSent.reason}`, ...discovered], {
    boost: 450,
    fix: [notSent.fix],
    ownFix: true,
  });
}
