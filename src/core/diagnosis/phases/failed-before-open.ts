// Phase 4: the attempt failed before open without an HTTP status — what Node's ws client said, the close
// code, the x-ray's 101, and how reachable the server is (the browser hides the rest).
import { interpretCloseReason } from '../dialects.ts';
import { addLocal } from '../findings/local.ts';
import { formatElapsed } from '../format.ts';
import { closeLine, header, offeredWords } from '../server-words.ts';
import type { Attempt } from './attempt.ts';
import { applyHttpRefusal, transportError } from './http-refusal.ts';

const DEVTOOLS = 'DevTools → Network → WS → click the request → Headers shows the real status';

/** Node's ws client named the failure (ECONNREFUSED, "Unexpected server response: 401"...). */
function namedTransportFailure({ ev, facts, board, local, now }: Attempt, failedAt: number): boolean {
  const words = facts.error?.message ?? '';
  const known = words !== '' ? transportError(words) : undefined;
  if (!known) return false;
  if (known.status !== undefined) {
    applyHttpRefusal(board, ev, facts, { status: known.status, how: 'The server answered HTTP' }, local, now);
    return true;
  }
  board.add(known.cause, known.confidence, [known.line, `Failed ${formatElapsed(failedAt)} after Connect`], {
    boost: 30,
  });
  if (known.cause === 'subprotocol-mismatch' && ev.offeredProtocols?.length) {
    board.add('subprotocol-mismatch', 'high', [`Offered: ${offeredWords(ev)}`]);
  }
  addLocal(board, local, known.cause === 'handshake-rejected' ? 'explains' : 'secondary');
  return true;
}

/** The close code, and the x-ray's 101 when the browser failed what Node could open. */
function closeAndXrayHints({ ev, facts, board }: Attempt): void {
  const { close } = facts;
  const xray = ev.xray;
  if (close && close.code !== undefined && close.code !== 1006) {
    const interp = interpretCloseReason(close.code, close.reason ?? '');
    if (interp)
      board.add(interp.cause, interp.confidence, [closeLine(close, undefined), interp.detail], { boost: 20 });
  }
  if (!xray || xray.status !== 101) return;
  const echoed = header(xray.headers, 'sec-websocket-protocol');
  if (ev.offeredProtocols?.length && !echoed) {
    board.add(
      'subprotocol-mismatch',
      'high',
      [
        `Offered ${offeredWords(ev)}; the x-ray shows the server accepted the upgrade without Sec-WebSocket-Protocol, so the browser failed the connection`,
      ],
      { boost: 40 },
    );
  } else {
    board.add('handshake-rejected', 'medium', [
      'The x-ray shows the server accepts the upgrade from Node, but the browser failed: an Origin check, a browser extension, or a proxy only the browser goes through',
    ]);
  }
}

/** Reachable or not, and how fast it failed: what the hidden failure most likely was. */
function reachHints({ ev, facts, board, local }: Attempt, failedAt: number, hidden: string): void {
  const offered = ev.offeredProtocols ?? [];
  const subLine = `Subprotocols offered: ${offeredWords(ev)} — a server that does not echo one makes the browser fail the connection`;
  const others = local.filter((f) => f.cause !== 'mixed-content');
  if (facts.reach === 'unreachable') {
    board.add(
      'server-unreachable',
      'high',
      [`Reachability check: ${facts.reachDetail ?? 'no answer'}`, hidden],
      {
        boost: 20,
      },
    );
    if (offered.length > 0) board.add('subprotocol-mismatch', 'low', [subLine]);
    addLocal(board, others, 'secondary');
    return;
  }
  if (facts.reach === 'reachable') {
    if (offered.length > 0)
      board.add(
        'subprotocol-mismatch',
        'medium',
        [subLine, `The server is up (${facts.reachDetail ?? 'reachable'}) yet the upgrade failed`],
        { boost: 30 },
      );
    board.add(
      'handshake-rejected',
      'medium',
      [
        `The server answers HTTP (${facts.reachDetail ?? 'reachable'}) but refused the upgrade: auth at the upgrade, wrong path, an Origin check or a proxy`,
        hidden,
        DEVTOOLS,
      ],
      { boost: 10 },
    );
    addLocal(board, others, 'explains', [
      'The server is up and refused the upgrade: a server that checks the token at the handshake refuses this one',
    ]);
    return;
  }
  if (offered.length > 0) board.add('subprotocol-mismatch', 'medium', [subLine], { boost: 5 });
  if (failedAt <= 30 && facts.loopback) {
    board.add(
      'server-unreachable',
      'medium',
      [
        `Failed ${formatElapsed(failedAt)} after Connect on ${facts.host ?? 'localhost'}: that fast usually means connection refused — no server on that port`,
        hidden,
      ],
      { boost: 10 },
    );
    board.add('handshake-rejected', 'low', [
      `If the server is running, it refused the upgrade (auth at the upgrade, wrong path, Origin check)`,
      DEVTOOLS,
    ]);
  } else {
    board.add(
      'server-unreachable',
      'medium',
      [
        `The connection failed ${formatElapsed(failedAt)} after Connect, before open: no server there, or`,
        hidden,
      ],
      { boost: 10 },
    );
    board.add('handshake-rejected', 'medium', [
      '…the server refused the upgrade (auth at the upgrade, wrong path, Origin check, proxy)',
      DEVTOOLS,
    ]);
  }
  addLocal(board, others, 'as-is');
}

/** 4. Failed before open, without an HTTP status. */
export function failedBeforeOpen(a: Attempt): boolean {
  const { open, close, error } = a.facts;
  if (open) return false;
  const failedAt = close?.at ?? error?.at ?? 0;
  if (namedTransportFailure(a, failedAt)) return true;
  closeAndXrayHints(a);
  const hidden = `The browser hides the HTTP status of a failed upgrade: the page sees only an error event and close ${close?.code ?? 1006}, ${formatElapsed(failedAt)} after Connect`;
  const mixed = a.local.find((f) => f.cause === 'mixed-content');
  if (mixed)
    a.board.add('mixed-content', mixed.confidence, [...mixed.evidence, 'The connection failed before open'], {
      boost: 50,
    });
  reachHints(a, failedAt, hidden);
  return true;
}
