// Phases of an attempt that never opened and never got an HTTP answer: the constructor threw, or no answer
// came in time. Each returns true when it explained the attempt.
import { addLocal } from '../findings/local.ts';
import { formatElapsed, quote } from '../format.ts';
import type { Attempt } from './attempt.ts';

/** 1. The constructor threw: nothing left the browser. */
export function thrownBeforeOpen({ ev, facts, board, local }: Attempt): boolean {
  const { thrown, open } = facts;
  if (!thrown || open) return false;
  const what = `new WebSocket() threw ${quote(thrown.thrown ?? '')}${thrown.message ? `: ${quote(thrown.message)}` : ''}`;
  if (/security/i.test(thrown.thrown ?? '') && ev.pageProtocol === 'https:' && facts.scheme === 'ws:') {
    board.add(
      'mixed-content',
      'high',
      [what, 'This page is https: and the URL is ws://: the browser refused to open it'],
      { boost: 50 },
    );
  } else if (/security/i.test(thrown.thrown ?? '')) {
    board.add('server-unreachable', 'medium', [
      what,
      'The browser refuses this address (a blocked port, or an insecure ws:// from a secure page)',
    ]);
  } else {
    board.add('server-unreachable', 'medium', [
      what,
      ev.url.ok ? 'The browser refused the Connection URL' : `Server URL: ${ev.url.message}`,
    ]);
  }
  addLocal(
    board,
    local.filter((f) => f.cause !== 'mixed-content'),
    'secondary',
  );
  return true;
}

/** 3. No answer in time. */
export function timedOut({ ev, facts, board, local }: Attempt): boolean {
  const { timeout, open } = facts;
  if (open || !timeout) return false;
  const waited = `No answer to the upgrade within ${formatElapsed(ev.timeoutMs)} (gave up at ${formatElapsed(timeout.at)} after Connect)`;
  if (facts.reach === 'unreachable') {
    // The probe was refused outright (a hung server makes it time out, which reads as unknown): nothing
    // listens there, and the browser had simply not reported its failed connection before the timer fired.
    board.add(
      'server-unreachable',
      'high',
      [
        `Reachability check: ${facts.reachDetail ?? 'unreachable'}`,
        `${waited}: the browser had not yet reported the refused connection`,
      ],
      { boost: 30 },
    );
    board.add('handshake-timeout', 'medium', [waited]);
    addLocal(board, local, 'secondary');
    return true;
  }
  board.add('handshake-timeout', 'high', [waited], { boost: 20 });
  if (facts.reach === 'reachable')
    board.add('handshake-timeout', 'high', [
      `The server answers HTTP (${facts.reachDetail ?? 'reachable'}) but not the upgrade: it (or a proxy) holds WebSocket requests`,
    ]);
  addLocal(board, local, 'secondary');
  return true;
}
