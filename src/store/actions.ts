// Module-level actions: the socket, verification, minting, the log flush and the clock. Socket events
// reach the store through these plain functions, never through component state, so nothing is lost
// when a panel re-renders or unmounts.
import {
  hexPreview,
  mintToken,
  parsePayloadJson,
  redactUrlToken,
  triageSecret,
  webCryptoAvailability,
  type ConnectionEvent,
  type HealthInfo,
  type Reachability,
} from '../core/index.ts';
import { derive } from './derive.ts';
import { logBuffer } from './log.ts';
import { useConsole } from './store.ts';
import type { Attempt } from './types.ts';

const get = useConsole.getState;

// ---------------------------------------------------------------- log flush (at most once per frame)

let flushScheduled = false;
let rateMessages = 0;
let rateBytes = 0;

function flushLog(): void {
  if (!flushScheduled) return;
  flushScheduled = false;
  useConsole.setState({ logVersion: logBuffer.version, logTotal: logBuffer.total, logDropped: logBuffer.dropped });
}

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flushLog);
  // rAF does not run in a background tab: make sure the log still catches up.
  setTimeout(flushLog, 250);
}

export function clearLog(): void {
  logBuffer.clear();
  flushScheduled = true;
  flushLog();
}

// ---------------------------------------------------------------- the socket

/** Messages kept as diagnosis evidence per attempt (the log keeps them all, up to its cap). */
const EVIDENCE_MESSAGES = 20;
/** Text kept per message entry; longer messages keep their size and a prefix. */
const MAX_TEXT = 256 * 1024;

interface Live {
  ws: WebSocket | null;
  attempt: number;
  t0: number;
  evidenceMessages: number;
  opened: boolean;
  timeout: ReturnType<typeof setTimeout> | undefined;
}

let current: Live | null = null;
let attemptCounter = 0;

function updateAttempt(id: number, update: (a: Attempt) => Attempt): void {
  useConsole.setState((s) => (s.attempt?.id === id ? derive(s, { attempt: update(s.attempt) }) : {}));
}

function record(live: Live, event: Omit<ConnectionEvent, 'at' | 'time'>): void {
  const full: ConnectionEvent = { ...event, at: Math.round((performance.now() - live.t0) * 10) / 10, time: Date.now() };
  logBuffer.push(full, live.attempt);
  scheduleFlush();
  if (full.type === 'message') {
    rateMessages++;
    rateBytes += full.size ?? 0;
    if (live.evidenceMessages >= EVIDENCE_MESSAGES) return;
    live.evidenceMessages++;
  }
  updateAttempt(live.attempt, (a) => ({ ...a, events: [...a.events, full] }));
}

function httpOrigin(wsUrl: string): string | null {
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
async function probeReachability(id: number, wsUrl: string): Promise<void> {
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
      : { state: 'unreachable', detail: `an HTTP request to ${origin} failed: nothing accepted the connection` };
  }
  updateAttempt(id, (a) => ({ ...a, reachability }));
}

/** The guide's GET /health: tells whether the server runs, whether JWT_SECRET is set, and its clock. */
async function fetchHealth(id: number, wsUrl: string): Promise<void> {
  const origin = httpOrigin(wsUrl);
  if (!origin) return;
  try {
    const res = await fetch(`${origin}/health`, { cache: 'no-store', signal: AbortSignal.timeout(4000) });
    const receivedAt = Date.now();
    if (!res.ok) return;
    const text = await res.text();
    if (text.length > 64 * 1024) return;
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

function finish(live: Live): void {
  if (live.timeout) clearTimeout(live.timeout);
  live.timeout = undefined;
  if (current === live) {
    current = null;
    useConsole.setState({ socketState: 'closed' });
  }
}

export function connect(): void {
  const s = get();
  if (current?.ws) {
    // Reconnect: the old socket goes quietly; its close is still logged under its own attempt.
    const old = current;
    current = null;
    old.ws?.close(1000, 'Reconnecting from the wsjwt console');
  }
  const id = ++attemptCounter;
  // Connect is always allowed: an invalid URL still goes to the browser, whose error is shown.
  const url = s.connection.ok ? s.connection.url : s.serverUrl;
  const live: Live = { ws: null, attempt: id, t0: performance.now(), evidenceMessages: 0, opened: false, timeout: undefined };
  current = live;
  const attempt: Attempt = { id, url, startedAt: Date.now(), events: [], reachability: { state: 'unknown' } };
  useConsole.setState((st) => derive(st, { socketState: 'connecting', attempt }));
  record(live, { type: 'connecting', data: redactUrlToken(url, s.paramName) });

  let ws: WebSocket;
  try {
    ws = new WebSocket(url);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    record(live, { type: 'error', thrown: e.name, message: e.message });
    finish(live);
    return;
  }
  live.ws = ws;
  ws.binaryType = 'arraybuffer';
  void fetchHealth(id, url);

  live.timeout = setTimeout(() => {
    if (ws.readyState !== WebSocket.CONNECTING) return;
    record(live, { type: 'timeout', message: `no answer to the upgrade within ${s.timeoutMs} ms` });
    ws.close();
  }, s.timeoutMs);

  ws.onopen = () => {
    live.opened = true;
    if (live.timeout) clearTimeout(live.timeout);
    record(live, { type: 'open', protocol: ws.protocol });
    if (current === live) useConsole.setState({ socketState: 'open' });
  };
  ws.onmessage = (e: MessageEvent) => {
    const data: unknown = e.data;
    if (typeof data === 'string') {
      const text = data.length > MAX_TEXT ? data.slice(0, MAX_TEXT) : data;
      record(live, { type: 'message', data: text, size: data.length, binary: false });
    } else if (data instanceof ArrayBuffer) {
      record(live, { type: 'message', data: hexPreview(new Uint8Array(data, 0, Math.min(64, data.byteLength))), size: data.byteLength, binary: true });
    }
  };
  ws.onerror = () => {
    record(live, { type: 'error', message: live.opened ? 'the connection failed' : 'the connection could not be opened' });
  };
  ws.onclose = (e: CloseEvent) => {
    record(live, { type: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
    if (!live.opened) void probeReachability(id, url);
    finish(live);
  };
}

export function disconnect(): void {
  const live = current;
  if (!live?.ws) return;
  if (live.ws.readyState === WebSocket.CONNECTING || live.ws.readyState === WebSocket.OPEN) {
    useConsole.setState({ socketState: 'closing' });
    live.ws.close(1000, 'Disconnect from the wsjwt console');
  }
}

/** Sends a text message. Returns an error sentence, or null when sent. */
export function sendText(text: string): string | null {
  const live = current;
  if (!live?.ws || live.ws.readyState !== WebSocket.OPEN) return 'Not connected: click Connect first.';
  live.ws.send(text);
  const full: ConnectionEvent = { type: 'sent', at: Math.round((performance.now() - live.t0) * 10) / 10, time: Date.now(), data: text, size: text.length };
  logBuffer.push(full, live.attempt);
  scheduleFlush();
  return null;
}

// ---------------------------------------------------------------- verification (never a stale verdict)

let verifying = '';
useConsole.subscribe((s) => {
  const v = s.verification;
  if (v.state !== 'checking' || v.key === verifying) return;
  verifying = v.key;
  const key = v.key;
  void triageSecret(s.analysis.token, { text: s.secretText, encoding: s.secretEncoding }).then((triage) => {
    if (verifying === key) verifying = '';
    useConsole.setState((st) =>
      st.verification.key === key ? derive(st, { verification: { key, state: 'done', triage } }) : {},
    );
  });
});

// ---------------------------------------------------------------- minting

export async function mint(): Promise<void> {
  const s = get();
  const crypto = webCryptoAvailability();
  if (!crypto.ok) {
    useConsole.setState({ mintError: crypto.message });
    return;
  }
  if (s.secretText === '') {
    useConsole.setState({ mintError: 'Enter a secret first: the token is signed with it (the server must use the same JWT_SECRET).' });
    return;
  }
  const parsed = parsePayloadJson(s.payloadText);
  if (!parsed.ok) {
    useConsole.setState({ mintError: `The payload is not valid JSON: ${parsed.message}` });
    return;
  }
  useConsole.setState({ minting: true, mintError: null });
  const result = await mintToken(parsed.payload, { text: s.secretText, encoding: s.secretEncoding }, s.mintAlg);
  if (result.ok) {
    useConsole.setState({ minting: false });
    get().setTokenInput(result.token);
  } else {
    useConsole.setState({ minting: false, mintError: result.message });
  }
}

// ---------------------------------------------------------------- the clock

let clockTimer: ReturnType<typeof setInterval> | undefined;

/** Ticks the clock once a second (countdowns, statuses) and computes the message rate. */
export function startClock(): () => void {
  if (clockTimer) clearInterval(clockTimer);
  clockTimer = setInterval(() => {
    useConsole.setState({ rate: { messages: rateMessages, bytes: rateBytes } });
    rateMessages = 0;
    rateBytes = 0;
    get().tick(Date.now());
  }, 1000);
  return () => {
    if (clockTimer) clearInterval(clockTimer);
    clockTimer = undefined;
  };
}
