// Phase 5: the socket opened — what the server said in messages, how it closed (a refusal in words, a
// transport-level close, a drop, a normal close), or that it let the token in and said nothing.
import { interpretCloseReason } from '../dialects.ts';
import { expSeconds } from '../findings/token.ts';
import { addLocal, type Finding } from '../findings/local.ts';
import { formatElapsed, formatUtc, quote } from '../format.ts';
import type { Facts } from '../facts.ts';
import { laxServerFinding } from '../lax-server.ts';
import { applyServerWords, closeLine, explain, offeredWords, reconcile } from '../server-words.ts';
import { TOKEN_CAUSES } from '../types.ts';
import type { CauseId, ConnectionEvent, DiagnosisEvidence } from '../types.ts';
import type { Attempt } from './attempt.ts';

/** What the server had said by the time it closed, and whether it closed at exp. */
interface Heard {
  serverSpoke: 'specific' | 'generic' | 'other' | 'none';
  reconciled: Finding[];
  expiry: string | undefined;
}

/** The socket closed within a few seconds after exp passed, having been open before it. */
export function closedAtExpiry(ev: DiagnosisEvidence, facts: Facts): string | undefined {
  const exp = expSeconds(ev);
  const { open, close } = facts;
  if (exp === undefined || !open || !close) return undefined;
  const expMs = exp * 1000;
  const leewayMs = Math.max(0, ev.leewaySeconds || 0) * 1000;
  const after = close.time - expMs;
  if (open.time >= expMs || after < -1000 || after > leewayMs + 5000) return undefined;
  return `The socket closed ${after >= 0 ? `${formatElapsed(after)} after` : `${formatElapsed(-after)} before`} exp passed (exp ${formatUtc(expMs)}), having been open for ${formatElapsed(close.at - open.at)}: the server enforces expiry on open sockets`;
}

/** Refusal messages (socket.io connect_error, ActionCable disconnect…) and a close at exp. */
function heard({ ev, facts, board, local, now }: Attempt, open: ConnectionEvent): Heard {
  const h: Heard = { serverSpoke: 'none', reconciled: [...local], expiry: closedAtExpiry(ev, facts) };
  for (const r of facts.refusals) {
    const said = `The server sent ${quote(r.event.data ?? '', 200)} ${formatElapsed(r.event.at - open.at)} after open`;
    const kind = applyServerWords(board, ev, facts, r.interp, said, local, now);
    if (h.serverSpoke === 'none' || kind === 'specific') h.serverSpoke = kind;
    h.reconciled = reconcile(h.reconciled, r.interp);
  }
  const { close } = facts;
  if (h.expiry && close)
    board.add('token-expired', 'high', [h.expiry, closeLine(close, open)], { boost: 70 });
  return h;
}

/** The close after open read in the light of what was heard; true when it settled the diagnosis. */
function closedAfterOpen(a: Attempt, open: ConnectionEvent, close: ConnectionEvent, h: Heard): boolean {
  const { ev, facts, board, local, now } = a;
  const code = close.code;
  const openedFor = close.at - open.at;
  if (code === 1006 || (close.wasClean === false && (code === undefined || code === 1005))) {
    board.add(
      'connection-dropped',
      h.expiry || h.serverSpoke !== 'none' ? 'medium' : 'high',
      [
        `Open for ${formatElapsed(openedFor)}, then cut without a close frame (${code ?? 1006}${close.wasClean === false ? ', wasClean false' : ''})`,
      ],
      { boost: 20 },
    );
    addLocal(board, local, 'accepted');
    return true;
  }
  const interp = code === undefined ? null : interpretCloseReason(code, close.reason ?? '');
  if (!interp) {
    // A normal close (or an unknown code with nothing recognisable).
    if (
      code !== undefined &&
      code >= 3000 &&
      code <= 4999 &&
      openedFor < 2000 &&
      h.serverSpoke === 'none' &&
      !h.expiry
    )
      board.add('auth-rejected', 'low', [
        `${closeLine(close, open)}: an application code right after open often means the server refused the client`,
      ]);
    return false;
  }
  const said = closeLine(close, open);
  if (
    TOKEN_CAUSES.has(interp.cause) ||
    interp.cause === 'auth-rejected' ||
    interp.cause === 'handshake-rejected'
  ) {
    const kind = applyServerWords(board, ev, facts, interp, said, local, now);
    if (h.serverSpoke === 'none' || kind === 'specific') h.serverSpoke = kind;
    addLocal(
      board,
      reconcile(h.reconciled, interp),
      kind === 'generic' || h.serverSpoke === 'generic' ? 'explains' : 'as-is',
      [
        `The server refused it: ${quote(close.reason !== undefined && close.reason !== '' ? close.reason : String(code))}`,
      ],
    );
    return true;
  }
  // A transport-level close (1011, 1009, 1002, 4408...). A refusal message before it explains it better.
  const spoke = h.serverSpoke !== 'none';
  const refusedAs = board.top();
  if (spoke && code === 1011 && refusedAs !== undefined && REFUSAL_CAUSES.has(refusedAs)) {
    // Refused in words, then 1011: how the server ends the connection it refused (subscriptions-transport-ws
    // always closes 1011 after connection_error), not a fault of its own.
    board.add(refusedAs, 'low', [`${said}, ending the connection it had refused`]);
    addLocal(board, h.reconciled, h.serverSpoke === 'generic' ? 'explains' : 'as-is');
    return true;
  }
  board.add(interp.cause, spoke ? 'low' : interp.confidence, [said, explain(interp)], {
    boost: spoke ? 0 : 20,
  });
  addLocal(
    board,
    h.reconciled,
    h.serverSpoke === 'generic' ? 'explains' : h.serverSpoke === 'none' ? 'accepted' : 'as-is',
  );
  return true;
}

/** What a refusal in the server's words is read as: a fault of the token, or "not authenticated". */
const REFUSAL_CAUSES: ReadonlySet<CauseId> = new Set<CauseId>([...TOKEN_CAUSES, 'auth-rejected']);

/** 5. The socket opened. */
export function opened(a: Attempt): boolean {
  const { ev, facts, board, local } = a;
  const { open, close } = facts;
  if (!open) return false;
  if ((ev.offeredProtocols ?? []).length > 0 && open.protocol === '') {
    board.add('subprotocol-mismatch', 'medium', [
      `Offered ${offeredWords(ev)}; the server opened the socket without choosing one (protocol "")`,
    ]);
  }
  const h = heard(a, open);
  if (close && closedAfterOpen(a, open, close, h)) return true;
  if (h.serverSpoke === 'generic')
    addLocal(board, h.reconciled, 'explains', ['The server refused the connection']);
  else if (h.serverSpoke !== 'none') addLocal(board, h.reconciled, 'as-is');
  else {
    // Accepted without a word: a token no verifying server takes makes the server the finding.
    const lax = h.expiry ? undefined : laxServerFinding(ev);
    if (lax) board.add('server-skips-verification', lax.confidence, lax.evidence, { boost: 30 });
    addLocal(board, local, h.expiry ? 'as-is' : 'accepted');
  }
  return true;
}
