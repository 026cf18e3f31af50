// Facts read off the evidence once, shared by diagnose() and quickFixChecklist(): which events happened,
// where the socket was going, whether the server is known to be up, what the URL really carries.
import type { FixVars } from './catalog.ts';
import { clockSkew } from './clock.ts';
import { interpretCloseReason, interpretServerMessage } from './dialects.ts';
import { quote, truncate } from './format.ts';
import type { ClockSkew, ConnectionEvent, DiagnosisEvidence, ReasonInterpretation } from './types.ts';

export interface ServerMessage {
  event: ConnectionEvent;
  interp: ReasonInterpretation;
}

export interface Facts {
  events: ConnectionEvent[];
  /** Connect was pressed (there are events). */
  attempted: boolean;
  open?: ConnectionEvent;
  /** The first close event. */
  close?: ConnectionEvent;
  /** The first error event. */
  error?: ConnectionEvent;
  /** An error event whose constructor threw. */
  thrown?: ConnectionEvent;
  timeout?: ConnectionEvent;
  unexpected?: ConnectionEvent;
  /** Server messages that read as a refusal (socket.io connect_error, ActionCable disconnect...). */
  refusals: ServerMessage[];
  /** Everything the server said that means something: refusal messages, then the close code and reason. */
  said: ReasonInterpretation[];
  scheme?: 'ws:' | 'wss:';
  hostname?: string;
  /** host:port as written in the URL. */
  host?: string;
  port?: string;
  path?: string;
  loopback: boolean;
  /** What we know of the server being up. */
  reach: 'reachable' | 'unreachable' | 'unknown';
  reachDetail?: string;
  skew?: ClockSkew;
  fixVars: FixVars;
}

const MAX_MESSAGES_SCANNED = 5;

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export function readFacts(ev: DiagnosisEvidence, now: number): Facts {
  const events = ev.events ?? [];
  const first = <T extends ConnectionEvent['type']>(type: T): ConnectionEvent | undefined =>
    events.find((e) => e.type === type);
  const open = first('open');
  const refusals: ServerMessage[] = [];
  for (const e of events
    .filter((x) => x.type === 'message' && x.binary !== true && typeof x.data === 'string')
    .slice(0, MAX_MESSAGES_SCANNED)) {
    const interp = interpretServerMessage(e.data ?? '');
    if (interp) refusals.push({ event: e, interp });
  }
  const refusal = protocolRefusal(ev, refusals);
  if (refusal) refusals.push(refusal);

  const facts: Facts = {
    events,
    attempted: events.length > 0,
    refusals,
    said: refusals.map((r) => r.interp),
    loopback: false,
    reach: 'unknown',
    fixVars: { param: ev.paramName || 'token' },
  };
  if (open) facts.open = open;
  const close = first('close');
  if (close) {
    facts.close = close;
    const interp = close.code === undefined ? null : interpretCloseReason(close.code, close.reason ?? '');
    if (interp) facts.said.push(interp);
  }
  const error = first('error');
  if (error) facts.error = error;
  const thrown = events.find((e) => e.type === 'error' && typeof e.thrown === 'string' && e.thrown !== '');
  if (thrown) facts.thrown = thrown;
  const timeout = first('timeout');
  if (timeout) facts.timeout = timeout;
  const unexpected = first('unexpected-response');
  if (unexpected) facts.unexpected = unexpected;

  if (ev.url.ok) {
    facts.scheme = ev.url.scheme;
    try {
      const u = new URL(ev.url.url);
      facts.hostname = u.hostname;
      facts.port = u.port !== '' ? u.port : u.protocol === 'wss:' ? '443' : '80';
      facts.host = u.host;
      facts.path = u.pathname;
      facts.loopback = isLoopback(u.hostname);
      facts.fixVars = {
        ...facts.fixVars,
        host: u.hostname,
        port: facts.port,
        origin: `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`,
        url: `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`,
      };
    } catch {
      // buildConnectionUrl said ok; an unparsable URL here only loses the host details.
    }
  }

  if (ev.health?.ok === true) {
    facts.reach = 'reachable';
    facts.reachDetail = 'GET /health answered';
  } else if (ev.reachability?.state === 'reachable') {
    facts.reach = 'reachable';
    facts.reachDetail = ev.reachability.detail;
  } else if (ev.reachability?.state === 'unreachable') {
    facts.reach = 'unreachable';
    facts.reachDetail = ev.reachability.detail;
  }
  const skew = clockSkew(ev.health, now);
  if (skew) facts.skew = skew;
  return facts;
}

/**
 * A protocol's refusal (STOMP ERROR, Socket.IO CONNECT_ERROR...) as a server message, unless the message
 * scan above already read that frame: its words as a library's reason when they are one, else a refusal.
 */
function protocolRefusal(ev: DiagnosisEvidence, seen: ServerMessage[]): ServerMessage | undefined {
  const r = ev.protocolRefusal;
  if (r === undefined || seen.some((s) => s.event.at === r.at)) return undefined;
  const quoted = truncate(r.words.trim(), 200);
  const interp = interpretCloseReason(undefined, r.words) ?? {
    dialect: 'generic',
    cause: 'auth-rejected',
    detail: `${r.protocol}: the server refused the connection${quoted !== '' ? ` (${quote(quoted)})` : ''}.`,
    quoted,
    confidence: 'medium',
    source: r.protocol,
  };
  return { event: { type: 'message', at: r.at, time: 0, data: r.summary }, interp: { ...interp, quoted } };
}

/** The raw (still encoded) values of `param` in the URL's query, in order. */
export function rawQueryValues(url: string, param: string): string[] {
  const beforeHash = url.split('#', 1)[0] ?? '';
  const q = beforeHash.indexOf('?');
  if (q < 0) return [];
  const out: string[] = [];
  for (const pair of beforeHash.slice(q + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (decodeQueryValue(key) === param) out.push(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return out;
}

/** What a server's query parser (URLSearchParams, Node's querystring) makes of a raw value. */
export function decodeQueryValue(raw: string): string | undefined {
  if (!/[%+]/.test(raw)) return raw; // nothing to decode (an encoded base64url token): one native scan
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
