// What a page cannot see of a failed socket, asked another way: a reachability fetch, the guide's
// GET /health and (under `npm start` / `vite preview`) the handshake x-ray. Each writes into the attempt.
import { isTokenPlacement, worthDiscovering } from '../core/index.ts';
import type { HealthInfo, Reachability, TravelDiscovery } from '../core/index.ts';
import { updateAttempt } from './evidence.ts';
import { scheduleFlush } from './log-flush.ts';
import type { LogEntry } from './log-buffer.ts';
import { logBuffer } from './log.ts';
import { sinceConnect, type Live } from './record.ts';
import { useConsole } from './store.ts';
import { readCappedText } from './read-capped.ts';
import { runDiscovery, runXray } from './xray.ts';

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
  // Refused as unauthenticated, without naming a fault of the token it read: where does the server want
  // the token? (Not awaited: a retry need not wait.)
  const refusal = {
    type: 'unexpected-response' as const,
    at: 0,
    time: 0,
    status: xray.status,
    headers: xray.headers,
    body: xray.body,
  };
  if (worthDiscovering({ events: [refusal] })) void discoverTravelPlace(live, wsUrl);
}

/** "tried the token in 5 other places: the Authorization header (Bearer) accepted (101 …); …" */
export function discoveryLogLine(d: TravelDiscovery): string {
  const n = d.attempts.length;
  if (n === 0) return `did not try the token in other places${d.notRun ? `: ${d.notRun}` : ''}`;
  const list = d.attempts.map((a) => `${a.label} ${a.verdict} (${a.how})`).join('; ');
  return `tried the token in ${n} other place${n === 1 ? '' : 's'} (from Node, same server): ${list}`;
}

/**
 * After an unauthenticated refusal, the x-ray helper tries the same token in the other places a server may
 * read it from (Authorization header, cookie, subprotocol, other parameter names); the attempt's diagnosis
 * then names the place the server accepts. Stated in the log; belongs to this attempt only.
 */
export async function discoverTravelPlace(live: Live, wsUrl: string): Promise<void> {
  const s = get();
  const token = s.analysis.token;
  const placement: string = s.tokenTravel;
  if (token === '' || !isTokenPlacement(placement)) return;
  const protocol = s.appProtocol;
  const notSent = s.attempt?.id === live.attempt && s.attempt.tokenNotSent !== undefined;
  const found = await runDiscovery({
    url: wsUrl,
    token,
    placement,
    paramName: s.paramName,
    protocol,
    // The user's own template; otherwise the protocol's default with the token in it.
    ...(s.connectionPayload !== null ? { payload: s.connectionPayload } : {}),
    ...(notSent ? { notSent: true } : {}),
  });
  const discovery: TravelDiscovery = found ?? {
    used: { placement, label: placement },
    protocol,
    attempts: [],
    notRun: 'the x-ray helper (npm start / wsjwt open) is not available',
    ...(notSent ? { usedNotSent: true } : {}),
  };
  logBuffer.add({
    type: 'discovery',
    at: sinceConnect(live, performance.now()),
    time: Date.now(),
    message: discoveryLogLine(discovery),
    seq: 0,
    attempt: live.attempt,
  });
  scheduleFlush();
  updateAttempt(live.attempt, (a) => ({ ...a, travelDiscovery: discovery }));
}

/** socket.ts's onclose: a close after open that says "not authenticated" (1008, 4401, 4403, token words). */
export function discoverAfterClose(live: Live, wsUrl: string, code: number, reason: string): void {
  const close = { type: 'close' as const, at: 0, time: 0, code, reason };
  if (live.opened && !live.userClosed && worthDiscovering({ events: [close] }))
    void discoverTravelPlace(live, wsUrl);
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
