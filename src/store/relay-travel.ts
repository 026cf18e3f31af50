// Token travels in the Authorization header: a page cannot set it on a WebSocket, so the socket opens
// through the console's local relay (src/store/relay-socket.ts), which adds the headers. The upstream's
// refusal (status, headers, body) becomes the attempt's x-ray, so the diagnosis reads the server's words
// exactly as for a refused direct upgrade, and (as after the x-ray's refusal) travel discovery asks whether
// the server reads the token elsewhere; a failure to reach the upstream is an error in the log.
import { worthDiscovering } from '../core/index.ts';
import { discoverTravelPlace } from './checks.ts';
import { updateAttempt } from './evidence.ts';
import { scheduleFlush } from './log-flush.ts';
import type { LogEntry } from './log-buffer.ts';
import { logBuffer } from './log.ts';
import { record, sinceConnect, type Live } from './record.ts';
import { openRelaySocket, relayAvailable } from './relay-socket.ts';

export type RelayOpen = { ok: true; socket: WebSocket } | { ok: false; message: string };

export function openViaRelay(
  live: Live,
  url: string,
  protocols: string[],
  headers: Record<string, string>,
  timeoutMs: number,
): RelayOpen {
  const available = relayAvailable();
  if (!available.ok) return available;
  const socket = openRelaySocket({ url, protocols, headers, timeoutMs });
  socket.onupstreamrefused = (refusal) => {
    const entry: LogEntry = {
      type: 'unexpected-response',
      at: sinceConnect(live),
      time: Date.now(),
      status: refusal.status,
      statusText: refusal.statusText,
      headers: refusal.headers,
      body: refusal.body,
      message:
        `relay: the server refused the upgrade with HTTP ${refusal.status} ${refusal.statusText}` +
        (refusal.body ? ` · body: ${refusal.body.slice(0, 200)}` : ''),
      seq: 0,
      attempt: live.attempt,
    };
    // Into the log only: the diagnosis reads it from attempt.xray, as it reads the x-ray's.
    logBuffer.add(entry);
    scheduleFlush();
    updateAttempt(live.attempt, (a) => ({ ...a, xray: { ...refusal } }));
    // Refused as unauthenticated without naming a fault of the token: does the server read it elsewhere?
    if (worthDiscovering({ events: [entry] })) void discoverTravelPlace(live, url);
  };
  socket.onupstreamerror = (failure) => {
    record(live, { type: 'error', message: `relay: ${failure.message} (${failure.code})` });
  };
  // The relay socket has the browser WebSocket's surface (readyState, send, close, on* handlers).
  return { ok: true, socket: socket as unknown as WebSocket };
}
