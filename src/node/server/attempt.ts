// One connection attempt of the reference server and what its log lines say about it: never the token
// or the secret, only the token's length and header alg.
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { FaultName } from './faults.ts';
import { printable } from './http-helpers.ts';
import { peekTokenHeader, truncateUtf8 } from './verify-token.ts';

export interface Attempt {
  id: number;
  remote: string;
  path: string;
  fault: FaultName | undefined;
  url: URL;
  token: string | null;
  socket: Socket;
}

/** '#3 127.0.0.1 / params=[token] fault=close-1011 token: 180 chars, alg HS256' */
export function describeAttempt(a: Attempt): string {
  let token = 'token: none';
  if (a.token !== null && a.token !== '') {
    const alg = peekTokenHeader(a.token)?.alg;
    token = `token: ${a.token.length} chars${typeof alg === 'string' ? `, alg ${printable(alg, 20)}` : ''}`;
  }
  const params = [...new Set(a.url.searchParams.keys())].map((k) => printable(k, 40)).slice(0, 10);
  return `#${a.id} ${a.remote} ${a.path}${params.length > 0 ? ` params=[${params.join(',')}]` : ''}${a.fault !== undefined ? ` fault=${a.fault}` : ''} ${token}`;
}

/** Closes with a code and a reason bounded to 123 bytes, and logs it. */
export function closeWithLogged(
  ws: WebSocket,
  a: Attempt,
  code: number,
  reason: string,
  log: (line: string) => void,
): void {
  const safeReason = truncateUtf8(reason);
  log(`${describeAttempt(a)} → close ${code} "${printable(safeReason)}"`);
  try {
    ws.close(code, safeReason);
  } catch (error) {
    log(`#${a.id} close failed: ${printable(String(error))}`);
    ws.terminate();
  }
}

/** The guide's welcome message. */
export function sendWelcome(ws: WebSocket, payload: Record<string, unknown>): void {
  ws.send(
    JSON.stringify({
      type: 'welcome',
      userId: payload.userId ?? null,
      role: payload.role ?? null,
      exp: payload.exp ?? null,
    }),
  );
}
