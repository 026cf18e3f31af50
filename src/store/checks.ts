// What a page cannot see of a failed socket, asked another way: a reachability fetch, the guide's
// GET /health and (under `npm start` / `vite preview`) the handshake x-ray. Each writes into the attempt.
import type { HealthInfo, Reachability } from '../core/index.ts';
import { updateAttempt } from './evidence.ts';
import { scheduleFlush } from './log-flush.ts';
import type { LogEntry } from './log-buffer.ts';
import { logBuffer } from './log.ts';
import { sinceConnect, type Live } from './record.ts';
import { useConsole } from './store.ts';
import { readCappedText } from './read-capped.ts';
import { runXray } from './xray.ts';

const get = useConsole.getState;

/** A /health answer is a small JSON object; anything longer is not the guide's health check. */
export const MAX_HEALTH_BYTES = 64 * 1024;

export function httpOrigin(wsUrl: string): string | null {
  try {
    const u = new URL(wsUrl);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return null;
    return `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`;
  } catch {
    return null;
  }
}

/** A browser hides why a socket failed. A no-cors fetch of the same host and port tells "nothing
 * listening" (rejected) from "something answered HTTP" (opaque response). */
export async function probeReachability(id: number, wsUrl: string): Promise<void> {
  const origin = httpOrigin(wsUrl);
  if (!origin) return;
  let reachability: Reachability;
  try {
    await fetch(`${origin}/`, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(4000) });
    reachability = { state: 'reachable', detail: `${origin} answered an HTTP request` };
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    reachability = timedOut
      ? { state: 'unknown' }
      : {
          state: 'unreachable',
          detail: `an HTTP request to ${origin} failed: nothing accepted the connection`,
        };
  }
  updateAttempt(id, (a) => ({ ...a, reachability }));
}

/** Under `npm start` / `vite preview`, the Node-side x-ray repeats the failed handshake and reports the HTTP
 * answer the browser hid (401 + WWW-Authenticate, 403, 404 …). Absent when the console is static files. */
export async function xrayHandshake(live: Live, wsUrl: string): Promise<void> {
  const answer = await runXray(wsUrl, get().timeoutMs, get().attempt?.offeredProtocols);
  const xray = answer?.xray;
  if (!xray) return;
  const header = xray.headers['www-authenticate'];
  const entry: LogEntry = {
    type: 'unexpected-response',
    at: sinceConnect(live, performance.now()),
    time: Date.now(),
    status: xray.status,
    statusText: xray.statusText,
    headers: xray.headers,
    body: xray.body,
    message:
      `x-ray (the handshake repeated from Node): HTTP ${xray.status} ${xray.statusText}` +
      (header ? ` · WWW-Authenticate: ${header}` : '') +
      (xray.body ? ` · body: ${xray.body.slice(0, 200)}` : ''),
    seq: 0,
    attempt: live.attempt,
  };
  // Into the log only: the diagnosis reads the x-ray from attempt.xray, not as a browser event.
  logBuffer.add(entry);
  scheduleFlush();
  updateAttempt(live.attempt, (a) => ({ ...a, xray }));
}

/** The guide's GET /health: tells whether the server runs, whether JWT_SECRET is set, and its clock. */
export async function fetchHealth(id: number, wsUrl: string): Promise<void> {
  const origin = httpOrigin(wsUrl);
  if (!origin) return;
  try {
    const res = await fetch(`${origin}/health`, { cache: 'no-store', signal: AbortSignal.timeout(4000) });
    const receivedAt = Date.now();
    if (!res.ok) return;
    // Bounded while reading: a huge (or endless) body is not read whole before its size is known.
    const text = await readCappedText(res, MAX_HEALTH_BYTES);
    if (text === null) return;
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null) return;
    const r = raw as Record<string, unknown>;
    const serverTime =
      typeof r.serverTimeMs === 'number'
        ? r.serverTimeMs
        : typeof r.serverTime === 'string'
          ? Date.parse(r.serverTime)
          : undefined;
    const health: HealthInfo = {
      ok: true,
      jwtSecretSet: typeof r.jwtSecretSet === 'boolean' ? r.jwtSecretSet : undefined,
      serverTime: serverTime !== undefined && Number.isFinite(serverTime) ? serverTime : undefined,
      receivedAt,
      raw,
    };
    updateAttempt(id, (a) => ({ ...a, health }));
  } catch {
    // No /health (not the guide's server, CORS, down): the checklist says "unknown".
  }
}
