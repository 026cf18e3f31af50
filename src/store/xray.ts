// The console's side of the handshake x-ray: under `npm start` / `vite preview` a Node helper on the
// console's own origin (src/node/xray) repeats the upgrade and reports what the browser hides — the
// HTTP status, headers and body of a refused upgrade. Hosted as static files, it is absent.
// Every call carries the session token of the server's current launch, which that server put into this
// page's <meta name="wsjwt-session">: the helper refuses requests without it (no other page can read it).
import type { ConnectionEvent, DiscoveryRequest, HandshakeXray, TravelDiscovery } from '../core/index.ts';
import { readCappedText } from './read-capped.ts';

export const XRAY_ENDPOINT = '/__wsjwt/xray';
/** The header and the <meta name> of the session token (src/node/guard/local-request.ts). */
export const SESSION_HEADER = 'X-Wsjwt-Session';
export const SESSION_META_NAME = 'wsjwt-session';

/** The session token header this page can send, or none (a page not served by the console's server). */
export function sessionHeaders(): Record<string, string> {
  if (typeof document === 'undefined') return {};
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${SESSION_META_NAME}"]`)?.content;
  return token ? { [SESSION_HEADER]: token } : {};
}
/** The helper's answers are small (it caps the refusal body it reports); anything longer is not its answer. */
export const MAX_XRAY_ANSWER_BYTES = 1024 * 1024;

/** The body as JSON when it is short enough and parses, else undefined. */
async function cappedJson(res: Response): Promise<unknown> {
  const text = await readCappedText(res, MAX_XRAY_ANSWER_BYTES);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface XrayAnswer {
  events: ConnectionEvent[];
  xray?: HandshakeXray;
  outcome: 'opened' | 'rejected' | 'timeout' | 'failed' | 'aborted';
  durationMs: number;
  /** When the TCP connection was made (absent: it never was — nothing listens there). */
  timings?: { tcpConnectMs?: number };
}

let availability: Promise<boolean> | null = null;

/** Whether the x-ray helper answers on this origin (asked once per page load). */
export function xrayAvailable(): Promise<boolean> {
  availability ??= fetch(XRAY_ENDPOINT, {
    headers: sessionHeaders(),
    cache: 'no-store',
    signal: AbortSignal.timeout(3000),
  })
    .then(async (res) => {
      if (!res.ok) return false;
      const body = await cappedJson(res);
      return (
        typeof body === 'object' && body !== null && (body as { available?: unknown }).available === true
      );
    })
    .catch(() => false);
  return availability;
}

function isXrayAnswer(value: unknown): value is XrayAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.events) && typeof v.outcome === 'string';
}

/** Repeats the handshake from Node. Resolves null when the helper is absent or fails. */
export async function runXray(
  url: string,
  timeoutMs: number,
  protocols?: string[],
): Promise<XrayAnswer | null> {
  if (!(await xrayAvailable())) return null;
  try {
    const res = await fetch(XRAY_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...sessionHeaders() },
      body: JSON.stringify({
        url,
        timeoutMs: Math.min(10_000, Math.max(100, timeoutMs)),
        ...(protocols?.length ? { protocols } : {}),
      }),
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) return null;
    const body = await cappedJson(res);
    return isXrayAnswer(body) ? body : null;
  } catch {
    return null;
  }
}

/** What travel discovery needs: the target, the token and where it was sent. */
export interface DiscoverRequest extends DiscoveryRequest {
  url: string;
}

function isDiscovery(value: unknown): value is { discovery: TravelDiscovery } {
  if (typeof value !== 'object' || value === null) return false;
  const d = (value as { discovery?: unknown }).discovery;
  if (typeof d !== 'object' || d === null) return false;
  const r = d as Record<string, unknown>;
  return Array.isArray(r.attempts) && typeof r.used === 'object' && r.used !== null;
}

/**
 * Asks the x-ray helper to try the same token in the other places a server may read it from (same target,
 * ≤ 8 attempts, bounded). Resolves null when the helper is absent or fails.
 */
export async function runDiscovery(req: DiscoverRequest): Promise<TravelDiscovery | null> {
  if (!(await xrayAvailable())) return null;
  try {
    const { url, ...discover } = req;
    const res = await fetch(XRAY_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...sessionHeaders() },
      body: JSON.stringify({ url, discover }),
      cache: 'no-store',
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) return null;
    const body = await cappedJson(res);
    return isDiscovery(body) ? body.discovery : null;
  } catch {
    return null;
  }
}
