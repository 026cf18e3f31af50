// Travel discovery from Node: the core's plan (src/core/travel/discovery.ts) run one attempt at a time
// against the same target — nothing else is contacted — each with the token in one other place, each
// bounded (≤ 2 s handshake, a 500 ms settle window after open), all of them within a total budget. Used by
// `wsjwt probe` and the console's x-ray. Logs nothing: the attempts carry the token.
import {
  buildConnectionUrl,
  DISCOVERY_ATTEMPT_TIMEOUT_MS,
  DISCOVERY_QUERY_NAMES,
  DISCOVERY_SETTLE_MS,
  DISCOVERY_TOTAL_MS,
  placeToken,
  planDiscovery,
  protocolClient,
  readDiscoveryAttempt,
  usedStep,
} from '../../core/index.ts';
import type {
  AppProtocolId,
  DiscoveryAttemptResult,
  DiscoveryStep,
  ProtocolOutcome,
  ProtocolSession,
  TokenPlacement,
  TravelDiscovery,
} from '../../core/index.ts';
import { probeHandshake } from './probe.ts';
import type { ProbeConversation, ProbeOptions, ProbeResult } from './probe.ts';

export interface DiscoverOptions {
  /** The address the socket opens (Socket.IO's Engine.IO path included); a token in its query is removed. */
  serverUrl: string;
  token: string;
  /** The query parameter (or cookie) name the token was sent as. */
  paramName: string;
  /** Where the token was sent. */
  used: TokenPlacement;
  /** It never got there (a browser that could not set the cookie): that place is tried too, first. */
  usedNotSent?: boolean;
  protocol: AppProtocolId;
  /** The protocol's first-message template, {token} where the token goes; default: the protocol's. */
  payload?: string;
  /** Headers for every attempt (Origin…). Authorization and Cookie are not passed on: they are places. */
  headers?: Record<string, string>;
  attemptTimeoutMs?: number;
  settleMs?: number;
  totalMs?: number;
  signal?: AbortSignal;
  /** Replaces the handshake probe (tests). */
  probe?: (options: ProbeOptions) => Promise<ProbeResult>;
  /** Monotonic clock, ms (tests). */
  clock?: () => number;
}

/** The target without the token: the parameter used and the common names are taken out of its query. */
export function bareTarget(serverUrl: string, paramName: string): string {
  try {
    const u = new URL(serverUrl);
    for (const name of new Set([paramName, ...DISCOVERY_QUERY_NAMES])) u.searchParams.delete(name);
    return u.toString();
  } catch {
    return serverUrl;
  }
}

function otherHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (!/^(authorization|cookie)$/i.test(name)) out[name] = value;
  return out;
}

interface Wire {
  url: string;
  protocols: string[];
  headers: Record<string, string>;
  session?: ProtocolSession;
}

/** What one attempt sends; undefined when the place cannot carry this token (e.g. a bad subprotocol). */
function wireFor(step: DiscoveryStep, o: DiscoverOptions, target: string): Wire | undefined {
  const client = protocolClient(o.protocol);
  const placed = placeToken({
    placement: step.placement,
    token: o.token,
    paramName: step.name ?? o.paramName,
    protocolSubprotocols: client.subprotocols,
  });
  if (placed.problems.some((p) => p.code.startsWith('ERR_'))) return undefined;
  const built = buildConnectionUrl({
    serverUrl: target,
    paramName: step.name ?? o.paramName,
    token: placed.queryToken,
  });
  if (!built.ok) return undefined;
  const wire: Wire = {
    url: built.url,
    protocols: placed.protocols,
    headers: { ...otherHeaders(o.headers), ...placed.headers },
  };
  if (o.protocol === 'plain') return wire;
  const payload =
    step.placement === 'first-message' ? (o.payload ?? client.defaultPayload) : client.payloadWithoutToken;
  const started = client.start({ token: placed.payloadToken, payload, url: target });
  if (!started.ok) return undefined;
  wire.session = started.session;
  return wire;
}

/** The live side of a protocol: answer pings, remember the outcome, stop watching once it settled. */
function converse(session: ProtocolSession, seen: { outcome?: ProtocolOutcome }): ProbeConversation {
  return {
    opening: session.opening(),
    onMessage(text) {
      const read = session.read(text);
      if (read.outcome !== undefined && seen.outcome === undefined) seen.outcome = read.outcome;
      return { replies: read.replies, settled: seen.outcome !== undefined };
    },
  };
}

async function attempt(
  step: DiscoveryStep,
  o: DiscoverOptions,
  target: string,
  timeoutMs: number,
  settleMs: number,
): Promise<DiscoveryAttemptResult> {
  const wire = wireFor(step, o, target);
  if (!wire) return { ...step, verdict: 'inconclusive', how: 'not tried: this token cannot travel there' };
  const seen: { outcome?: ProtocolOutcome } = {};
  const probe = o.probe ?? probeHandshake;
  const result = await probe({
    url: wire.url,
    timeoutMs,
    closeAfterOpenMs: settleMs,
    collectMessages: 10,
    ...(wire.protocols.length > 0 ? { protocols: wire.protocols } : {}),
    ...(Object.keys(wire.headers).length > 0 ? { headers: wire.headers } : {}),
    ...(wire.session ? { conversation: converse(wire.session, seen) } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const close = result.events.find((e) => e.type === 'close');
  if (seen.outcome === undefined && wire.session && close?.code !== undefined)
    seen.outcome = wire.session.readClose(close.code, close.reason ?? '');
  return readDiscoveryAttempt(step, {
    events: result.events,
    settleMs,
    ...(seen.outcome ? { outcome: seen.outcome } : {}),
    ...(wire.session ? { protocolSpoken: true } : {}),
  });
}

/** Tries the token in the other places, one after another, and reports what each found. Never throws. */
export async function discoverTravel(o: DiscoverOptions): Promise<TravelDiscovery> {
  const clock = o.clock ?? (() => performance.now());
  const input = {
    used: o.used,
    paramName: o.paramName,
    protocol: o.protocol,
    ...(o.usedNotSent === true ? { usedNotSent: true } : {}),
  };
  const out: TravelDiscovery = {
    used: usedStep(input),
    protocol: o.protocol,
    attempts: [],
    ...(o.usedNotSent === true ? { usedNotSent: true } : {}),
  };
  if (o.token === '') return { ...out, notRun: 'no token to try' };
  const target = bareTarget(o.serverUrl, o.paramName);
  const attemptMs = Math.min(
    DISCOVERY_ATTEMPT_TIMEOUT_MS,
    o.attemptTimeoutMs ?? DISCOVERY_ATTEMPT_TIMEOUT_MS,
  );
  const settleMs = o.settleMs ?? DISCOVERY_SETTLE_MS;
  const totalMs = Math.min(DISCOVERY_TOTAL_MS, o.totalMs ?? DISCOVERY_TOTAL_MS);
  const deadline = clock() + totalMs;
  const plan = planDiscovery(input);
  for (const step of plan) {
    if (o.signal?.aborted === true) return { ...out, notRun: 'cancelled' };
    const left = deadline - clock();
    if (left < 200)
      return { ...out, notRun: `the ${totalMs} ms budget ran out after ${out.attempts.length} attempts` };
    try {
      out.attempts.push(await attempt(step, o, target, Math.min(attemptMs, left), settleMs));
    } catch {
      out.attempts.push({ ...step, verdict: 'inconclusive', how: 'the attempt failed' });
    }
  }
  return out;
}
