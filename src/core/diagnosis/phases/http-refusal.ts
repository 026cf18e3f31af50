// Phase: the server answered HTTP instead of switching protocols (the CLI's unexpected-response, the
// console's x-ray), or Node's ws client named the failure in words.
import type { Facts } from '../facts.ts';
import { readRefusal } from '../refusal.ts';
import { quote } from '../format.ts';
import { truncate } from '../format.ts';
import { TOKEN_CAUSES } from '../types.ts';
import type { CauseId } from '../types.ts';
import type { Confidence } from '../types.ts';
import type { DiagnosisEvidence } from '../types.ts';
import type { Board } from '../board.ts';
import { addLocal } from '../findings/local.ts';
import type { Finding } from '../findings/local.ts';
import { applyServerWords, explain, header } from '../server-words.ts';
import type { Attempt } from './attempt.ts';

/** Errors that Node's ws client (the CLI) reports in words; the browser gives none. */
export function transportError(
  message: string,
): { cause: CauseId; confidence: Confidence; line: string; status?: number } | undefined {
  const m = message;
  const unexpected = /unexpected server response:?\s*(\d{3})/i.exec(m);
  if (unexpected)
    return {
      cause: 'handshake-rejected',
      confidence: 'high',
      line: `The server answered HTTP ${unexpected[1] ?? ''} to the upgrade`,
      status: Number(unexpected[1]),
    };
  if (/ECONNREFUSED/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'high',
      line: `${quote(m)}: nothing listens on that host and port`,
    };
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'high',
      line: `${quote(m)}: the host name does not resolve`,
    };
  if (/EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/i.test(m))
    return { cause: 'server-unreachable', confidence: 'high', line: `${quote(m)}: no route to that host` };
  if (/ETIMEDOUT/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'medium',
      line: `${quote(m)}: the TCP connection timed out (firewall, wrong host)`,
    };
  if (/opening handshake has timed out/i.test(m))
    return { cause: 'handshake-timeout', confidence: 'high', line: `${quote(m)}` };
  if (/server sent (no|an invalid) subprotocol|sent a subprotocol but none was requested/i.test(m))
    return { cause: 'subprotocol-mismatch', confidence: 'high', line: quote(m) };
  if (/certificate|self[- ]signed|ssl|tls|wrong version number|EPROTO/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'medium',
      line: `${quote(m)}: TLS failed — wss:// to a plain ws:// server, or an untrusted certificate`,
    };
  if (/ECONNRESET|socket hang up/i.test(m))
    return {
      cause: 'handshake-rejected',
      confidence: 'medium',
      line: `${quote(m)}: the server closed the TCP connection without answering the upgrade`,
    };
  if (/invalid sec-websocket-accept|invalid upgrade header|invalid status code/i.test(m))
    return {
      cause: 'handshake-rejected',
      confidence: 'medium',
      line: `${quote(m)}: something that is not a WebSocket server (or a proxy) answered`,
    };
  return undefined;
}

export function statusMeaning(status: number, facts: Facts): string {
  if (status === 401 || status === 403)
    return 'the server checks authentication at the upgrade and refused it';
  if (status === 404) return `wrong path: nothing serves WebSocket upgrades at ${facts.path ?? 'that path'}`;
  if (status === 400)
    return 'the server refused the upgrade request itself (a missing or bad token parameter, or not a WebSocket endpoint)';
  if (status === 426)
    return 'the server wants an upgrade it does not get here — not its WebSocket endpoint, or a proxy dropped the Upgrade header';
  if (status === 429) return 'rate limited';
  if (status >= 300 && status < 400)
    return 'a redirect: WebSocket clients do not follow redirects — use the final URL (often wss://)';
  if (status === 502 || status === 503 || status === 504)
    return 'a proxy answered: the server behind it is down or not reachable';
  if (status >= 500) return 'the server failed while handling the upgrade';
  return 'the server refused the upgrade';
}

/** What to check when a 401/403 carries no words at all. */
export const SILENT_REFUSAL =
  'No body and no WWW-Authenticate: the server gave no reason — Starlette/FastAPI answer 403 like this when the endpoint calls websocket.close() before accept(), Phoenix when connect/3 returns :error, Django Channels when the consumer closes before accepting; its log says why';

export interface HttpRefusal {
  status: number;
  statusText?: string;
  headers?: Record<string, string>;
  body?: string;
  how: string;
}

export function applyHttpRefusal(
  board: Board,
  ev: DiagnosisEvidence,
  facts: Facts,
  r: HttpRefusal,
  local: readonly Finding[],
  now: number,
): void {
  const { status } = r;
  const body = (r.body ?? '').trim();
  const origin = status === 403 && /origin/i.test(body);
  // A 403 whose body names the Origin is an allow-list check, not the token.
  const meaning = origin
    ? "the server refused this page's Origin at the upgrade"
    : statusMeaning(status, facts);
  const lines = [`${r.how} ${status}${r.statusText ? ` ${r.statusText}` : ''} to the upgrade: ${meaning}`];
  const www = header(r.headers, 'www-authenticate');
  if (www) lines.push(`WWW-Authenticate: ${truncate(www, 200)}`);
  const location = header(r.headers, 'location');
  if (location && status >= 300 && status < 400) lines.push(`Location: ${truncate(location, 200)}`);
  if (body !== '') lines.push(`Body: ${quote(body, 200)}`);

  const auth = status === 401 || status === 403;
  if (origin)
    lines.push(
      "The body speaks of the Origin: the server checks the page's Origin header against an allow-list",
    );

  // What the WWW-Authenticate challenge or the body says may name the token problem (same dialect rules as
  // close reasons); a 403 that says nothing is a refusal whose reason only the server log knows.
  const reading = readRefusal(status, r.headers, r.body);
  const said = reading.meaning;
  const named = said && TOKEN_CAUSES.has(said.interp.cause) ? said : undefined;
  if (said && !named && said.interp.dialect !== 'generic') lines.push(explain(said.interp));
  if (!said && auth && !origin && body === '' && !www) lines.push(SILENT_REFUSAL);
  board.add('handshake-rejected', 'high', lines, { boost: named ? 10 : 40 });
  if (named)
    applyServerWords(
      board,
      ev,
      facts,
      named.interp,
      `The server's ${named.where} says ${quote(named.interp.quoted)}`,
      local,
      now,
    );
  if (status === 502 || status === 503 || status === 504)
    board.add('server-unreachable', 'medium', [
      `HTTP ${status} from a proxy: the server behind it is not answering`,
    ]);
  else if (status >= 500) board.add('server-error', 'medium', [`HTTP ${status} answered to the upgrade`]);

  const tokenRelated = (auth && !origin) || status === 400;
  addLocal(
    board,
    local,
    tokenRelated ? 'explains' : 'secondary',
    tokenRelated ? [`The server refused the upgrade with ${status}`] : [],
  );
  // A refusal without words and a token that lacks what it must carry: the token's own fault is the lead
  // (as an expired token already is), the silent refusal its corroboration.
  const silent = auth && !origin && !said && body === '' && !www;
  if (silent)
    for (const f of local)
      if (f.kind === 'token' && f.confidence === 'medium' && TOKEN_CAUSES.has(f.cause))
        board.add(f.cause, f.confidence, [], { boost: 150 });
  if (
    tokenRelated &&
    !named &&
    ev.secret === undefined &&
    ev.token.format === 'jws' &&
    !local.some((f) => TOKEN_CAUSES.has(f.cause) && f.confidence !== 'low')
  ) {
    board.add(
      'secret-mismatch',
      'low',
      [
        "The server refused the token at the upgrade without saying why; enter the server's JWT_SECRET in Secret to check the signature here",
      ],
      {
        boost: -10,
      },
    );
  }
}

/** 2. The server answered HTTP instead of switching protocols (CLI, or the console's x-ray). */
export function refusedOverHttp({ ev, facts, board, local, now }: Attempt): boolean {
  const { open, unexpected } = facts;
  const xray = ev.xray;
  if (open) return false;
  if (unexpected && typeof unexpected.status === 'number') {
    const refusal: HttpRefusal = { status: unexpected.status, how: 'The server answered' };
    if (unexpected.statusText !== undefined) refusal.statusText = unexpected.statusText;
    if (unexpected.headers !== undefined) refusal.headers = unexpected.headers;
    if (unexpected.body !== undefined) refusal.body = unexpected.body;
    applyHttpRefusal(board, ev, facts, refusal, local, now);
    return true;
  }
  if (!xray || xray.status === 101) return false;
  applyHttpRefusal(
    board,
    ev,
    facts,
    {
      status: xray.status,
      statusText: xray.statusText,
      headers: xray.headers,
      body: xray.body,
      how: 'The x-ray of the handshake shows the server answered',
    },
    local,
    now,
  );
  board.add('handshake-rejected', 'high', [
    "The browser hides this status (it reports only close 1006); DevTools → Network → WS → the request's Headers shows it too",
  ]);
  return true;
}
