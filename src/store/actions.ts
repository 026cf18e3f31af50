// Module-level actions: the socket, verification, minting, the log flush and the clock. Socket events
// reach the store through these plain functions, never through component state, so nothing is lost
// when a panel re-renders or unmounts.
import {
  hexPreview,
  redactProtocols,
  redactUrlToken,
  webCryptoAvailability,
  type ConnectionEvent,
  type HealthInfo,
  type ComposedMessage,
  type Reachability,
} from '../core/index.ts';
import { derive, publicKeyMaterial } from './derive.ts';
import { runXray } from './xray.ts';
import type { LogEntry } from './log-buffer.ts';
import { freezeLog, logBuffer } from './log.ts';
import { cancelReconnect, scheduleReconnect } from './reconnect.ts';
import { useConsole } from './store.ts';
import { countMessageForTimeline } from './timeline.ts';
import type { Attempt, ConsoleState, EchoRtt } from './types.ts';

const get = useConsole.getState;

// ---------------------------------------------------------------- log flush (at most once per frame)

/** More entries than this in one frame is a flood: the view then updates every FLOOD_FLUSH_MS. */
const FLOOD_BATCH = 40;
/** During a flood, re-rendering the page 60 times a second costs the socket its throughput
 * (BENCHMARKS.md): 4 updates a second still reads as live. Pinned events flush on the next frame. */
const FLOOD_FLUSH_MS = 250;

let flushScheduled = false;
let flushUrgent = false;
let flushFallback: ReturnType<typeof setTimeout> | undefined;
let lastFlushAt = -Infinity;
let lastFlushedVersion = 0;
let rateMessages = 0;
let rateBytes = 0;

function flushLog(): void {
  if (!flushScheduled) return;
  const now = performance.now();
  if (
    !flushUrgent &&
    logBuffer.version - lastFlushedVersion > FLOOD_BATCH &&
    now - lastFlushAt < FLOOD_FLUSH_MS
  ) {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flushLog);
    return;
  }
  flushScheduled = false;
  flushUrgent = false;
  lastFlushAt = now;
  lastFlushedVersion = logBuffer.version;
  const patch: Partial<ConsoleState> = {
    logVersion: logBuffer.version,
    logTotal: logBuffer.total,
    logDropped: logBuffer.dropped,
  };
  if (echo.dirty) {
    echo.dirty = false;
    patch.echoRtt = echo.stats ? { ...echo.stats } : null;
  }
  useConsole.setState(patch);
  flushEvidence();
}

/** One store update per animation frame at most (per FLOOD_FLUSH_MS in a flood), however many
 * messages arrived. `urgent`: flush on the next frame whatever the rate (open, close, errors). */
function scheduleFlush(urgent = false): void {
  if (urgent) flushUrgent = true;
  if (flushScheduled) return;
  flushScheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flushLog);
  // rAF does not run in a background tab: make sure the log still catches up (one timer at a time).
  flushFallback ??= setTimeout(() => {
    flushFallback = undefined;
    flushUrgent = true;
    flushLog();
  }, 250);
}

export function clearLog(): void {
  logBuffer.clear();
  if (get().logPaused) freezeLog(true); // a paused view shows the (now empty) log
  flushScheduled = true;
  flushUrgent = true;
  flushLog();
}

// ---------------------------------------------------------------- round trips of echoed messages

/** Sends remembered per attempt while waiting for their echo (the oldest are forgotten past this). */
const MAX_PENDING_ECHOES = 256;
/** Binary messages are matched by length and their first bytes. */
const ECHO_KEY_BYTES = 64;

interface EchoTracker {
  attempt: number;
  text: Map<string, number[]>;
  binary: Map<string, number[]>;
  pending: number;
  stats: EchoRtt | null;
  dirty: boolean;
}

const echo: EchoTracker = {
  attempt: 0,
  text: new Map(),
  binary: new Map(),
  pending: 0,
  stats: null,
  dirty: false,
};

function echoFor(attempt: number): EchoTracker {
  if (echo.attempt !== attempt) {
    echo.attempt = attempt;
    echo.text.clear();
    echo.binary.clear();
    echo.pending = 0;
    echo.stats = null;
    echo.dirty = true;
  }
  return echo;
}

function binaryEchoKey(bytes: Uint8Array): string {
  return `${bytes.byteLength}:${hexPreview(bytes.subarray(0, ECHO_KEY_BYTES), ECHO_KEY_BYTES)}`;
}

function expectEcho(attempt: number, map: 'text' | 'binary', key: string): void {
  const t = echoFor(attempt);
  if (t.pending >= MAX_PENDING_ECHOES) {
    t.text.clear();
    t.binary.clear();
    t.pending = 0;
  }
  const queue = t[map].get(key);
  if (queue) queue.push(performance.now());
  else t[map].set(key, [performance.now()]);
  t.pending++;
}

/** The round trip (ms) when this received message echoes one the console sent, else undefined. */
function matchEcho(
  attempt: number,
  map: 'text' | 'binary',
  key: string,
  receivedAt: number,
): number | undefined {
  if (echo.attempt !== attempt) return undefined;
  const queue = echo[map].get(key);
  const sentAt = queue?.shift();
  if (sentAt === undefined) return undefined;
  if (queue?.length === 0) echo[map].delete(key);
  echo.pending--;
  const rtt = Math.round((receivedAt - sentAt) * 10) / 10;
  const s = echo.stats;
  echo.stats = s
    ? {
        last: rtt,
        min: Math.min(s.min, rtt),
        max: Math.max(s.max, rtt),
        sum: s.sum + rtt,
        count: s.count + 1,
      }
    : { last: rtt, min: rtt, max: rtt, sum: rtt, count: 1 };
  echo.dirty = true;
  return rtt;
}

// ---------------------------------------------------------------- the socket

/** Messages kept as diagnosis evidence per attempt (the log keeps them all, up to its cap). */
const EVIDENCE_MESSAGES = 20;
/** Text kept per message entry; longer messages keep their size and a prefix. */
const MAX_TEXT = 256 * 1024;
/** Bytes of a binary message kept for the hex view. */
const BINARY_KEEP_BYTES = 4096;

interface Live {
  ws: WebSocket | null;
  attempt: number;
  t0: number;
  evidenceMessages: number;
  opened: boolean;
  timeout: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() at open (auto-reconnect: how long it stayed up). */
  openedAt?: number;
  /** The user's Disconnect closed it: no auto-reconnect. */
  userClosed?: boolean;
}

let current: Live | null = null;
let attemptCounter = 0;

function updateAttempt(id: number, update: (a: Attempt) => Attempt): void {
  useConsole.setState((s) => (s.attempt?.id === id ? derive(s, { attempt: update(s.attempt) }) : {}));
}

function sinceConnect(live: Live, now = performance.now()): number {
  return Math.round((now - live.t0) * 10) / 10;
}

function record(live: Live, event: Omit<ConnectionEvent, 'at' | 'time'>): void {
  keep(live, { ...event, at: sinceConnect(live), time: Date.now(), seq: 0, attempt: live.attempt });
}

/** Puts an entry in the log (O(1), no store update: the flush does that once per frame). */
function keep(live: Live, entry: LogEntry): void {
  logBuffer.add(entry);
  scheduleFlush(entry.type !== 'message');
  if (entry.type === 'sent') return;
  if (entry.type === 'message') {
    countMessageForTimeline(live.attempt, entry.at);
    rateMessages++;
    rateBytes += entry.size ?? 0;
    if (live.evidenceMessages >= EVIDENCE_MESSAGES) return;
    live.evidenceMessages++;
  }
  // The diagnosis sees plain events (the log's extras stay in the log).
  const { seq: _seq, attempt: _attempt, bytes: _bytes, rtt: _rtt, ...event } = entry;
  if (entry.type === 'message') {
    // Message evidence joins the attempt with the next flush: one re-diagnosis per frame, not per message.
    if (pendingEvidence.attempt !== live.attempt) pendingEvidence = { attempt: live.attempt, events: [] };
    pendingEvidence.events.push(event);
    return;
  }
  flushEvidence(); // keep the order: earlier messages first
  updateAttempt(live.attempt, (a) => ({ ...a, events: [...a.events, event] }));
}

let pendingEvidence: { attempt: number; events: ConnectionEvent[] } = { attempt: 0, events: [] };

function flushEvidence(): void {
  if (pendingEvidence.events.length === 0) return;
  const { attempt, events } = pendingEvidence;
  pendingEvidence = { attempt, events: [] };
  updateAttempt(attempt, (a) => ({ ...a, events: [...a.events, ...events] }));
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
      : {
          state: 'unreachable',
          detail: `an HTTP request to ${origin} failed: nothing accepted the connection`,
        };
  }
  updateAttempt(id, (a) => ({ ...a, reachability }));
}

/** Under `npm start` / `vite preview`, the Node-side x-ray repeats the failed handshake and reports the HTTP
 * answer the browser hid (401 + WWW-Authenticate, 403, 404 …). Absent when the console is static files. */
async function xrayHandshake(live: Live, wsUrl: string): Promise<void> {
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

/** The user's Connect (button, Enter): stops a pending auto-reconnect and restarts its backoff. */
export function connect(): void {
  cancelReconnect({ clearNote: true });
  openConnection();
}

function openConnection(): void {
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
  const live: Live = {
    ws: null,
    attempt: id,
    t0: performance.now(),
    evidenceMessages: 0,
    opened: false,
    timeout: undefined,
  };
  current = live;
  // Token in Sec-WebSocket-Protocol: offered as subprotocols (the only header a page can set).
  const protocols = s.tokenTravel === 'subprotocol' ? s.subprotocols.protocols : [];
  const attempt: Attempt = { id, url, startedAt: Date.now(), events: [], reachability: { state: 'unknown' } };
  if (protocols.length > 0) attempt.offeredProtocols = [...protocols];
  useConsole.setState((st) => derive(st, { socketState: 'connecting', attempt }));
  const offered =
    protocols.length > 0 ? ` — Sec-WebSocket-Protocol: ${redactProtocols(protocols, s.analysis.token)}` : '';
  record(live, { type: 'connecting', data: redactUrlToken(url, s.paramName) + offered });

  let ws: WebSocket;
  try {
    ws = protocols.length > 0 ? new WebSocket(url, protocols) : new WebSocket(url);
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
    live.openedAt = performance.now();
    if (live.timeout) clearTimeout(live.timeout);
    record(live, { type: 'open', protocol: ws.protocol });
    if (current === live) useConsole.setState({ socketState: 'open' });
  };
  // The hot path: one object per message, no store update (the flush batches them per frame).
  ws.onmessage = (e: MessageEvent) => {
    const data: unknown = e.data;
    const now = performance.now();
    if (typeof data === 'string') {
      const entry: LogEntry = {
        type: 'message',
        at: sinceConnect(live, now),
        time: Date.now(),
        data: data.length > MAX_TEXT ? data.slice(0, MAX_TEXT) : data,
        size: data.length,
        binary: false,
        seq: 0,
        attempt: live.attempt,
      };
      if (echo.pending !== 0) entry.rtt = matchEcho(live.attempt, 'text', data, now);
      keep(live, entry);
    } else if (data instanceof ArrayBuffer) {
      const all = new Uint8Array(data);
      const entry: LogEntry = {
        type: 'message',
        at: sinceConnect(live, now),
        time: Date.now(),
        data: hexPreview(all, 32),
        size: data.byteLength,
        binary: true,
        // Small frames are kept as they came; big ones keep their first bytes (memory stays bounded).
        bytes: data.byteLength <= BINARY_KEEP_BYTES ? all : all.slice(0, BINARY_KEEP_BYTES),
        seq: 0,
        attempt: live.attempt,
      };
      if (echo.pending !== 0) entry.rtt = matchEcho(live.attempt, 'binary', binaryEchoKey(all), now);
      keep(live, entry);
    }
  };
  ws.onerror = () => {
    record(live, {
      type: 'error',
      message: live.opened ? 'the connection failed' : 'the connection could not be opened',
    });
  };
  ws.onclose = (e: CloseEvent) => {
    record(live, { type: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
    if (!live.opened) {
      void probeReachability(id, url);
      void xrayHandshake(live, url);
    }
    const wasCurrent = current === live; // not replaced by a newer Connect
    finish(live);
    if (wasCurrent && !live.userClosed) {
      scheduleReconnect(openConnection, live.openedAt === undefined ? 0 : performance.now() - live.openedAt);
    }
  };
}

export function disconnect(): void {
  cancelReconnect();
  const live = current;
  if (!live?.ws) return;
  live.userClosed = true;
  if (live.ws.readyState === WebSocket.CONNECTING || live.ws.readyState === WebSocket.OPEN) {
    useConsole.setState({ socketState: 'closing' });
    live.ws.close(1000, 'Disconnect from the wsjwt console');
  }
}

const NOT_CONNECTED = 'Not connected: click Connect first.';

function openSocket(): Live | null {
  const live = current;
  return live?.ws && live.ws.readyState === WebSocket.OPEN ? live : null;
}

/** Sends a text message. Returns an error sentence, or null when sent. */
export function sendText(text: string): string | null {
  const live = openSocket();
  if (!live?.ws) return NOT_CONNECTED;
  live.ws.send(text);
  expectEcho(live.attempt, 'text', text);
  const data = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  keep(live, {
    type: 'sent',
    at: sinceConnect(live),
    time: Date.now(),
    data,
    size: text.length,
    binary: false,
    seq: 0,
    attempt: live.attempt,
  });
  return null;
}

/** Sends a binary message. Returns an error sentence, or null when sent. */
export function sendBinary(bytes: Uint8Array): string | null {
  const live = openSocket();
  if (!live?.ws) return NOT_CONNECTED;
  const copy = bytes.slice(); // the caller may reuse its buffer; the log keeps what was sent
  live.ws.send(copy);
  expectEcho(live.attempt, 'binary', binaryEchoKey(copy));
  keep(live, {
    type: 'sent',
    at: sinceConnect(live),
    time: Date.now(),
    data: hexPreview(copy, 32),
    size: copy.byteLength,
    binary: true,
    bytes: copy.byteLength <= BINARY_KEEP_BYTES ? copy : copy.slice(0, BINARY_KEEP_BYTES),
    seq: 0,
    attempt: live.attempt,
  });
  return null;
}

/** Sends a composed message (text or bytes). */
export function sendComposed(message: ComposedMessage): string | null {
  return message.kind === 'text' ? sendText(message.text) : sendBinary(message.bytes);
}

// ---------------------------------------------------------------- interval sender (app-level heartbeat)

export const MIN_HEARTBEAT_MS = 100;
export const MAX_HEARTBEAT_MS = 3_600_000;
let heartbeat: ReturnType<typeof setInterval> | undefined;

/** Sends `message` now and every `everyMs` while this socket stays open. Returns an error sentence or null. */
export function startHeartbeat(message: ComposedMessage, everyMs: number): string | null {
  stopHeartbeat();
  const live = openSocket();
  if (!live) return NOT_CONNECTED;
  if (!Number.isFinite(everyMs)) return 'The interval must be a number of milliseconds.';
  const ms = Math.min(MAX_HEARTBEAT_MS, Math.max(MIN_HEARTBEAT_MS, Math.round(everyMs)));
  const tick = () => {
    // Stops by itself when the socket it was started on is gone (closed, or replaced by a reconnect).
    if (openSocket() !== live || sendComposed(message) !== null) stopHeartbeat();
  };
  tick();
  heartbeat = setInterval(tick, ms);
  useConsole.setState({ heartbeatMs: ms });
  return null;
}

export function stopHeartbeat(): void {
  if (heartbeat !== undefined) clearInterval(heartbeat);
  heartbeat = undefined;
  if (get().heartbeatMs !== null) useConsole.setState({ heartbeatMs: null });
}

// ---------------------------------------------------------------- verification (never a stale verdict)

let verifying = '';
function verifyWhenAsked(s: ConsoleState): void {
  const v = s.verification;
  if (v.state !== 'checking' || v.key === verifying) return;
  verifying = v.key;
  const key = v.key;
  // The secret (with its usual misreadings), or a public key / JWKS: both end as a SecretTriage.
  const check: Promise<Pick<ConsoleState['verification'], 'triage' | 'keyCheck'>> =
    s.verifyKeyMode === 'secret'
      ? // The HMAC code (and jose) loads on first use too: not in the first load.
        import('../core/jws/triage.ts')
          .then((m) => m.triageSecret(s.analysis.token, { text: s.secretText, encoding: s.secretEncoding }))
          .then((triage) => ({ triage }))
      : // Public keys are loaded on first use, so the first paint stays small.
        import('../core/keys/verify-key.ts').then(async (m) => {
          const keyCheck = await m.verifyWithKey(s.analysis.token, publicKeyMaterial(s));
          return { triage: m.keyOutcomeToTriage(keyCheck), keyCheck };
        });
  void check.then((result) => {
    if (verifying === key) verifying = '';
    useConsole.setState((st) =>
      st.verification.key === key ? derive(st, { verification: { key, state: 'done', ...result } }) : {},
    );
  });
}
useConsole.subscribe(verifyWhenAsked);
// This module loads after the first paint: a secret typed before then is verified now.
verifyWhenAsked(get());

// ---------------------------------------------------------------- minting

export async function mint(): Promise<void> {
  const s = get();
  const crypto = webCryptoAvailability();
  if (!crypto.ok) {
    useConsole.setState({ mintError: crypto.message });
    return;
  }
  if (s.mintSigner === 'private-key') {
    await mintWithKey(s);
    return;
  }
  if (s.secretText === '') {
    useConsole.setState({
      mintError:
        'Enter a secret first: the token is signed with it (the server must use the same JWT_SECRET).',
    });
    return;
  }
  const secret = { text: s.secretText, encoding: s.secretEncoding };
  await mintPayload(s.payloadText, async (payload) => {
    const { mintToken } = await import('../core/jws/mint.ts'); // loaded on first use
    return mintToken(payload, secret, s.mintAlg);
  });
}

async function mintWithKey(s: ConsoleState): Promise<void> {
  await mintPayload(s.payloadText, async (payload) => {
    const { mintWithPrivateKey } = await import('../core/keys/mint-key.ts'); // loaded on first use
    return mintWithPrivateKey(payload, s.privateKeyText, s.mintKeyAlg);
  });
}

type Signed = { ok: true; token: string } | { ok: false; message: string };

/** Parses the payload, signs it with `sign` and puts the token in Token, or says what went wrong. */
async function mintPayload(
  payloadText: string,
  sign: (payload: Record<string, unknown>) => Promise<Signed>,
): Promise<void> {
  const { parsePayloadJson } = await import('../core/jws/mint.ts');
  const parsed = parsePayloadJson(payloadText);
  if (!parsed.ok) {
    useConsole.setState({ mintError: `The payload is not valid JSON: ${parsed.message}` });
    return;
  }
  useConsole.setState({ minting: true, mintError: null });
  const result = await sign(parsed.payload);
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
