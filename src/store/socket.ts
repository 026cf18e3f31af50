// The socket's lifecycle: Connect, the browser WebSocket's events, Disconnect. Socket events reach the
// store through these plain functions, never through component state, so nothing is lost when a panel
// re-renders or unmounts. Owns the current socket and the attempt counter.
import {
  hexPreview,
  inRangeOr,
  protocolClient,
  redactProtocols,
  redactUrlToken,
  TIMEOUT_MS_RANGE,
} from '../core/index.ts';
import { DEFAULT_TIMEOUT_MS } from './connection-slice.ts';
import { discoverAfterClose, fetchHealth, probeReachability, xrayHandshake } from './checks.ts';
import { derive } from './derive.ts';
import { updateAttempt } from './evidence.ts';
import { binaryEchoKey, echoesPending, matchEcho } from './echo-rtt.ts';
import type { LogEntry } from './log-buffer.ts';
import { setTravelCookie } from './cookie-travel.ts';
import { protocolPlan } from './protocol-plan.ts';
import { openViaRelay } from './relay-travel.ts';
import { driveProtocol, type ProtocolDriver, type ProtocolLink } from './protocol-socket.ts';
import { BINARY_KEEP_BYTES, keep, MAX_TEXT, record, sinceConnect, type Live } from './record.ts';
import { cancelReconnect, scheduleReconnect } from './reconnect.ts';
import { useConsole } from './store.ts';
import type { Attempt } from './types.ts';

const get = useConsole.getState;

let current: Live | null = null;
let currentProtocol: ProtocolLink | null = null;
let attemptCounter = 0;

function finish(live: Live): void {
  if (live.timeout) clearTimeout(live.timeout);
  live.timeout = undefined;
  if (current === live) {
    current = null;
    currentProtocol = null;
    useConsole.setState({ socketState: 'closed' });
  }
}

/** The user's Connect (button, Enter): stops a pending auto-reconnect and restarts its backoff. */
export function connect(): void {
  cancelReconnect({ clearNote: true });
  openConnection(false);
}

// The checks (GET /health; reachability and x-ray after a failure before open) run once per failure streak:
// auto-retries carry the streak's answers over instead of asking the server again on every retry.
let healthAsked = false;
let preOpenChecked = false;

/** What an auto-retry takes over from the attempt before it (the checks that already ran), or nothing. */
function carriedChecks(auto: boolean, previous: Attempt | null): Partial<Attempt> {
  if (!auto || previous === null) {
    healthAsked = false;
    preOpenChecked = false;
    return {};
  }
  return {
    reachability: previous.reachability,
    ...(previous.health ? { health: previous.health } : {}),
    ...(previous.xray ? { xray: previous.xray } : {}),
    checksFrom: previous.checksFrom ?? previous.id,
  };
}

function openConnection(auto: boolean): void {
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
  currentProtocol = null;
  // The protocol's own subprotocols, then the token's when it travels in Sec-WebSocket-Protocol.
  const plan = protocolPlan(s);
  const protocols = plan.protocols;
  const client = protocolClient(s.appProtocol);
  const attempt: Attempt = {
    id,
    url,
    startedAt: Date.now(),
    events: [],
    reachability: { state: 'unknown' },
    ...carriedChecks(auto, s.attempt),
  };
  if (protocols.length > 0) attempt.offeredProtocols = [...protocols];
  if (plan.session) attempt.protocol = { id: client.id, label: client.label };
  useConsole.setState((st) => derive(st, { socketState: 'connecting', attempt }));
  const offered =
    protocols.length > 0 ? ` — Sec-WebSocket-Protocol: ${redactProtocols(protocols, s.analysis.token)}` : '';
  // Token in a cookie: set for the server's host now, removed once the handshake is over.
  const cookie =
    s.tokenTravel === 'cookie' && plan.problem === undefined
      ? setTravelCookie(url, s.paramName, s.analysis.token)
      : null;
  const notSent = cookie?.notSent;
  if (notSent !== undefined) updateAttempt(id, (a) => ({ ...a, tokenNotSent: notSent }));
  record(live, {
    type: 'connecting',
    data: redactUrlToken(url, s.paramName) + offered + (cookie?.note ?? ''),
  });
  if (plan.problem !== undefined) {
    // Nothing the protocol can send: said in the log, as under the field.
    record(live, { type: 'error', message: `Not connected: ${plan.problem}` });
    finish(live);
    return;
  }

  // A stored value from an older version may be out of range (above 2^31−1 ms setTimeout fires at once).
  const timeoutMs = inRangeOr(s.timeoutMs, TIMEOUT_MS_RANGE, DEFAULT_TIMEOUT_MS);
  // Token in the Authorization header: only the local relay can send it.
  const viaRelay = s.tokenTravel === 'header';
  let ws: WebSocket;
  try {
    if (viaRelay) {
      const relayed = openViaRelay(live, url, protocols, plan.placed.headers, timeoutMs);
      if (!relayed.ok) {
        record(live, { type: 'error', message: `Not connected: ${relayed.message}` });
        finish(live);
        return;
      }
      ws = relayed.socket;
    } else ws = protocols.length > 0 ? new WebSocket(url, protocols) : new WebSocket(url);
  } catch (err) {
    cookie?.remove();
    const e = err instanceof Error ? err : new Error(String(err));
    record(live, { type: 'error', thrown: e.name, message: e.message });
    finish(live);
    return;
  }
  live.ws = ws;
  ws.binaryType = 'arraybuffer';
  const driver = plan.session ? driveProtocol(live, plan.session, s.analysis.token) : null;
  if (driver) currentProtocol = driver.link;
  if (!healthAsked) {
    healthAsked = true;
    void fetchHealth(id, url);
  }

  live.timeout = setTimeout(() => {
    if (ws.readyState !== WebSocket.CONNECTING) return;
    record(live, { type: 'timeout', message: `no answer to the upgrade within ${timeoutMs} ms` });
    ws.close();
  }, timeoutMs);

  ws.onopen = () => {
    cookie?.remove();
    live.opened = true;
    live.openedAt = performance.now();
    if (live.timeout) clearTimeout(live.timeout);
    record(live, { type: 'open', protocol: ws.protocol });
    if (current === live) useConsole.setState({ socketState: 'open' });
    driver?.opened();
    // It opened: what an earlier failure's checks found no longer applies, and the next failure is asked anew.
    preOpenChecked = false;
    updateAttempt(id, (a) => {
      if (a.checksFrom === undefined) return a;
      const { xray: _xray, checksFrom: _from, ...rest } = a;
      return { ...rest, reachability: { state: 'unknown' } };
    });
  };
  // The hot path: one object per message, no store update (the flush batches them per frame).
  const plainMessage = (e: MessageEvent) => {
    const data: unknown = e.data;
    const now = performance.now();
    if (typeof data === 'string') {
      const entry = textEntry(live, data, now);
      if (echoesPending()) entry.rtt = matchEcho(live.attempt, 'text', data, now);
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
      if (echoesPending()) entry.rtt = matchEcho(live.attempt, 'binary', binaryEchoKey(all), now);
      keep(live, entry);
    }
  };
  ws.onmessage = driver ? protocolMessage(live, driver, plainMessage) : plainMessage;
  ws.onerror = () => {
    record(live, {
      type: 'error',
      message: live.opened ? 'the connection failed' : 'the connection could not be opened',
    });
  };
  ws.onclose = (e: CloseEvent) => {
    cookie?.remove();
    record(live, { type: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
    driver?.closed(e.code, e.reason, sinceConnect(live));
    discoverAfterClose(live, url, e.code, e.reason);
    let checks: Promise<unknown> | undefined;
    if (!live.opened && !preOpenChecked) {
      preOpenChecked = true;
      // Through the relay, the upstream's own refusal is already the attempt's x-ray.
      checks = Promise.allSettled([
        probeReachability(id, url),
        ...(viaRelay ? [] : [xrayHandshake(live, url)]),
      ]);
    }
    const wasCurrent = current === live; // not replaced by a newer Connect
    finish(live);
    if (wasCurrent && !live.userClosed) {
      scheduleReconnect(() => openConnection(true), {
        attempt: id,
        code: e.code,
        reason: e.reason,
        opened: live.opened,
        openedForMs: live.openedAt === undefined ? 0 : performance.now() - live.openedAt,
        token: s.analysis.token,
        t0: live.t0,
        ...(checks ? { checks } : {}),
      });
    }
  };
}

function textEntry(live: Live, data: string, now: number): LogEntry {
  return {
    type: 'message',
    at: sinceConnect(live, now),
    time: Date.now(),
    data: data.length > MAX_TEXT ? data.slice(0, MAX_TEXT) : data,
    size: data.length,
    binary: false,
    seq: 0,
    attempt: live.attempt,
  };
}

/** A socket that speaks a protocol: text frames are decoded (and answered) on the way into the log. */
function protocolMessage(
  live: Live,
  driver: ProtocolDriver,
  plain: (e: MessageEvent) => void,
): (e: MessageEvent) => void {
  return (e) => {
    const data: unknown = e.data;
    if (typeof data !== 'string') return plain(e);
    driver.received(textEntry(live, data, performance.now()), data);
  };
}

/** The protocol the open socket speaks (the composer sends its frames through it), or null. */
export function openProtocol(): ProtocolLink | null {
  return openSocket() !== null ? currentProtocol : null;
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

/** The current socket when it is open (sending needs one), else null. */
export function openSocket(): Live | null {
  const live = current;
  return live?.ws && live.ws.readyState === WebSocket.OPEN ? live : null;
}

/** Forgets the current socket without closing it, and restarts the attempt numbers (a test's fresh start). */
export function resetSocketState(): void {
  if (current?.timeout) clearTimeout(current.timeout);
  current = null;
  currentProtocol = null;
  attemptCounter = 0;
  healthAsked = false;
  preOpenChecked = false;
}
