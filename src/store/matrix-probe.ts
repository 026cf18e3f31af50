// One test-matrix variant sent the way the server expects it: the protocol's address (Socket.IO's Engine.IO
// path) and subprotocols, the token where it travels (the query, the subprotocol, a cookie set for the
// server's site, the protocol's first message, or the Authorization header through the local relay), the
// protocol's first message and the replies it owes — and the protocol's own answer, which decides over "the
// socket stayed open". These sockets are not the console's connection: no log, no attempt, no diagnosis.
import {
  browserCookiePlan,
  buildConnectionUrl,
  PLACEMENTS,
  protocolClient,
  type MatrixOutcome,
  type MatrixUpgradeEvidence,
  type ProtocolOutcome,
  type ProtocolSession,
} from '../core/index.ts';
import { protocolPlan, type PlanInputs } from './protocol-plan.ts';
import {
  openRelaySocket,
  relayAvailable,
  RELAY_UNAVAILABLE_MESSAGE,
  type RelayEnvironment,
} from './relay-socket.ts';

/** Where and how one variant is sent. */
export interface MatrixTarget {
  url: string;
  protocols: string[];
  /** A fresh protocol session (none: a plain socket with nothing to say first). */
  session?: ProtocolSession;
  /** The protocol's label when it settles authentication (graphql-ws, Socket.IO…); none for a plain socket. */
  protocolLabel?: string;
  /** document.cookie strings: set before the socket opens, removed once it has settled. */
  cookie?: { set: string; remove: string };
  /** Headers the relay sends (the Authorization header). */
  relayHeaders?: Record<string, string>;
}

/** A variant that cannot be sent from here, and why (an outcome of its own). */
export type MatrixTargetResult = { ok: true; target: MatrixTarget } | { ok: false; outcome: MatrixOutcome };

/** How one variant's token is sent with the current Protocol and Token travels in settings. */
export function matrixTarget(
  s: Omit<PlanInputs, 'analysis'>,
  token: string,
  pageUrl: string,
): MatrixTargetResult {
  const plan = protocolPlan({ ...s, analysis: { token } });
  if (plan.problem !== undefined) return { ok: false, outcome: { kind: 'error', message: plan.problem } };
  const client = protocolClient(s.appProtocol);
  const address = client.connectionUrl(s.serverUrl);
  const url = buildConnectionUrl({
    serverUrl: address.ok ? address.url : s.serverUrl,
    paramName: s.paramName,
    token: plan.placed.queryToken,
  });
  if (!url.ok) return { ok: false, outcome: { kind: 'error', message: url.message } };
  const target: MatrixTarget = { url: url.url, protocols: plan.protocols };
  if (plan.session !== undefined) target.session = plan.session;
  if (s.appProtocol !== 'plain') target.protocolLabel = client.label;
  if (s.tokenTravel === 'cookie' && token !== '') {
    const cookie = browserCookiePlan({ pageUrl, serverUrl: url.url, name: s.paramName.trim(), token });
    if (!cookie.ok) return { ok: false, outcome: { kind: 'not-sent', message: cookie.message } };
    target.cookie = { set: cookie.set, remove: cookie.remove };
  }
  if (s.tokenTravel === 'header') {
    const relay = relayAvailable();
    if (!relay.ok)
      return {
        ok: false,
        outcome: {
          kind: 'not-sent',
          message: `${PLACEMENTS.header.label}: ${relay.message || RELAY_UNAVAILABLE_MESSAGE}`,
        },
      };
    target.relayHeaders = plan.placed.headers;
  }
  return { ok: true, target };
}

export interface ProbeOptions {
  connectTimeoutMs: number;
  observeMs: number;
  signal: AbortSignal;
  /** The relay's environment (default: this page's); tests pass ws and the relay they started. */
  relayEnv?: RelayEnvironment;
}

/** The part of a browser WebSocket (or the relay's socket) the probe uses. */
interface ProbeSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: { type: 'open' }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: { type: 'error' }) => void) | null;
  onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null;
}

const CONNECTING = 0;
const OPEN = 1;

function openSocket(target: MatrixTarget, o: ProbeOptions, onRefusal: (e: MatrixUpgradeEvidence) => void) {
  if (target.relayHeaders === undefined) return new WebSocket(target.url, target.protocols) as ProbeSocket;
  const relay = openRelaySocket(
    {
      url: target.url,
      protocols: target.protocols,
      headers: target.relayHeaders,
      timeoutMs: o.connectTimeoutMs,
    },
    o.relayEnv,
  );
  // The relay hands over what a browser hides: the upgrade's HTTP answer.
  relay.onupstreamrefused = (r) =>
    onRefusal({ kind: 'http', status: r.status, statusText: r.statusText, headers: r.headers, body: r.body });
  relay.onupstreamerror = (f) => onRefusal({ kind: 'unreachable', detail: f.message });
  return relay as unknown as ProbeSocket;
}

/**
 * Opens one socket for a variant and watches it: refused, closed soon after open, still open after
 * `observeMs` — or, with a protocol, its answer (ack or refusal) as soon as it comes.
 */
export function probeTarget(target: MatrixTarget, o: ProbeOptions): Promise<MatrixOutcome> {
  return new Promise((resolve) => {
    if (o.signal.aborted) {
      resolve({ kind: 'cancelled' });
      return;
    }
    const t0 = performance.now();
    const elapsed = () => Math.round((performance.now() - t0) * 10) / 10;
    let upgrade: MatrixUpgradeEvidence | undefined;
    if (target.cookie) document.cookie = target.cookie.set;
    let ws: ProbeSocket;
    try {
      ws = openSocket(target, o, (e) => (upgrade = e));
    } catch (err) {
      if (target.cookie) document.cookie = target.cookie.remove;
      const e = err instanceof Error ? err : new Error(String(err));
      resolve({ kind: 'error', message: `${e.name}: ${e.message}` });
      return;
    }
    let settled = false;
    let openedAt: number | undefined;
    let errored = false;
    let messages = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = target.protocolLabel !== undefined ? { protocol: target.protocolLabel } : {};

    const settle = (outcome: MatrixOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (target.cookie) document.cookie = target.cookie.remove;
      o.signal.removeEventListener('abort', onAbort);
      ws.onopen = null;
      ws.onmessage = null;
      ws.onerror = null;
      ws.onclose = null;
      if (ws.readyState === CONNECTING || ws.readyState === OPEN) ws.close(1000, 'wsjwt test matrix: done');
      resolve(outcome);
    };
    const answered = (outcome: ProtocolOutcome): void =>
      settle({
        kind: 'answered',
        openedAfterMs: openedAt ?? 0,
        answeredAfterMs: elapsed(),
        protocol: target.protocolLabel ?? 'the first message',
        outcome,
      });
    const onAbort = () => settle({ kind: 'cancelled' });
    o.signal.addEventListener('abort', onAbort);

    timer = setTimeout(() => settle({ kind: 'timeout', afterMs: o.connectTimeoutMs }), o.connectTimeoutMs);
    ws.onopen = () => {
      const at = elapsed();
      openedAt = at;
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          settle({ kind: 'stayed-open', openedAfterMs: at, observedMs: o.observeMs, messages, ...silent }),
        o.observeMs,
      );
      for (const frame of target.session?.opening() ?? []) ws.send(frame);
    };
    ws.onmessage = (e) => {
      messages++;
      if (target.session === undefined || typeof e.data !== 'string') return;
      const read = target.session.read(e.data);
      for (const reply of read.replies) if (ws.readyState === OPEN) ws.send(reply);
      if (read.outcome !== undefined && target.protocolLabel !== undefined) answered(read.outcome);
    };
    ws.onerror = () => {
      errored = true;
    };
    ws.onclose = (e) => {
      const at = elapsed();
      const read = openedAt !== undefined ? target.session?.readClose(e.code, e.reason) : undefined;
      if (read !== undefined && target.protocolLabel !== undefined) {
        answered(read);
        return;
      }
      settle(
        openedAt === undefined
          ? {
              kind: 'refused',
              closedAfterMs: at,
              code: e.code,
              reason: e.reason,
              wasClean: e.wasClean,
              error: errored,
              ...(upgrade !== undefined ? { upgrade } : {}),
            }
          : {
              kind: 'closed-after-open',
              openedAfterMs: openedAt,
              closedAfterMs: at,
              code: e.code,
              reason: e.reason,
              wasClean: e.wasClean,
              messages,
              ...silent,
            },
      );
    };
  });
}
