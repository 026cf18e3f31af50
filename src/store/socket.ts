// The socket's lifecycle: Connect, the browser WebSocket's events, Disconnect. Socket events reach the
// store through these plain functions, never through component state, so nothing is lost when a panel
// re-renders or unmounts. Owns the current socket and the attempt counter.
import { hexPreview, inRangeOr, redactProtocols, redactUrlToken, TIMEOUT_MS_RANGE } from '../core/index.ts';
import { DEFAULT_TIMEOUT_MS } from './connection-slice.ts';
import { fetchHealth, probeReachability, xrayHandshake } from './checks.ts';
import { derive } from './derive.ts';
import { updateAttempt } from './evidence.ts';
import { binaryEchoKey, echoesPending, matchEcho } from './echo-rtt.ts';
import type { LogEntry } from './log-buffer.ts';
import { BINARY_KEEP_BYTES, keep, MAX_TEXT, record, sinceConnect, type Live } from './record.ts';
import { cancelReconnect, scheduleReconnect } from './reconnect.ts';
import { useConsole } from './store.ts';
import type { Attempt } from './types.ts';

const get = useConsole.getState;

let current: Live | null = null;
let attemptCounter = 0;

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
  // Token in Sec-WebSocket-Protocol: offered as subprotocols (the only header a page can set).
  const protocols = s.tokenTravel === 'subprotocol' ? s.subprotocols.protocols : [];
  const attempt: Attempt = {
    id,
    url,
    startedAt: Date.now(),
    events: [],
    reachability: { state: 'unknown' },
    ...carriedChecks(auto, s.attempt),
  };
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
  if (!healthAsked) {
    healthAsked = true;
    void fetchHealth(id, url);
  }

  // A stored value from an older version may be out of range (above 2^31−1 ms setTimeout fires at once).
  const timeoutMs = inRangeOr(s.timeoutMs, TIMEOUT_MS_RANGE, DEFAULT_TIMEOUT_MS);
  live.timeout = setTimeout(() => {
    if (ws.readyState !== WebSocket.CONNECTING) return;
    record(live, { type: 'timeout', message: `no answer to the upgrade within ${timeoutMs} ms` });
    ws.close();
  }, timeoutMs);

  ws.onopen = () => {
    live.opened = true;
    live.openedAt = performance.now();
    if (live.timeout) clearTimeout(live.timeout);
    record(live, { type: 'open', protocol: ws.protocol });
    if (current === live) useConsole.setState({ socketState: 'open' });
    // It opened: what an earlier failure's checks found no longer applies, and the next failure is asked anew.
    preOpenChecked = false;
    updateAttempt(id, (a) => {
      if (a.checksFrom === undefined) return a;
      const { xray: _xray, checksFrom: _from, ...rest } = a;
      return { ...rest, reachability: { state: 'unknown' } };
    });
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
  ws.onerror = () => {
    record(live, {
      type: 'error',
      message: live.opened ? 'the connection failed' : 'the connection could not be opened',
    });
  };
  ws.onclose = (e: CloseEvent) => {
    record(live, { type: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
    let checks: Promise<unknown> | undefined;
    if (!live.opened && !preOpenChecked) {
      preOpenChecked = true;
      checks = Promise.allSettled([probeReachability(id, url), xrayHandshake(live, url)]);
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
  attemptCounter = 0;
  healthAsked = false;
  preOpenChecked = false;
}
