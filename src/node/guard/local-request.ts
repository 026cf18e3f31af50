// Who may use a local endpoint of the console's server — the x-ray today, the relay to come. Each opens
// sockets on behalf of its caller, so a foreign web page must not be able to drive it. MCP Inspector's
// local proxy was (CVE-2025-49596: DNS rebinding / CSRF against a localhost proxy); its fix added a
// per-launch session token. Here every request must pass all of:
// - the TCP peer is loopback (unless the server was started with --allow-remote);
// - the Host header names loopback (or, with --allow-remote, an address the server is bound to) — a
//   DNS-rebinding page reaches us under ITS host name, so it fails here although its requests come from
//   this machine;
// - the Origin header is exactly http(s):// + that Host — the console's own origin. Browsers always send
//   Origin on POST and cannot forge it. (A same-origin GET carries no Origin; it is allowed without one.)
// - the session token of this launch, in the X-Wsjwt-Session header: the page the server serves holds it
//   (a <meta> tag), and no other page can read that page — not cross-origin (no CORS grant), not after a
//   rebinding (the page itself is refused to a foreign Host).
// A WebSocket upgrade (the relay) cannot carry a custom header from a browser: its token travels as the
// offered subprotocol `wsjwt-session.<token>`, and its Origin is required (browsers always send one).
// Pure, tested as a table; the token comparison is constant-time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The request header that carries the session token. */
export const SESSION_HEADER = 'X-Wsjwt-Session';
/** The <meta name> in the served index.html that holds it. */
export const SESSION_META_NAME = 'wsjwt-session';
/** A WebSocket upgrade offers the token as the subprotocol SESSION_SUBPROTOCOL_PREFIX + token. */
export const SESSION_SUBPROTOCOL_PREFIX = 'wsjwt-session.';

export interface LocalRequestFacts {
  method: string | undefined;
  /** The Host header. */
  host: string | undefined;
  /** The Origin header. */
  origin: string | undefined;
  /** The TCP peer (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
  /** The X-Wsjwt-Session header. */
  session: string | undefined;
}

export interface LocalAccessPolicy {
  /** This launch's token (createSessionToken()). */
  sessionToken: string;
  /**
   * --allow-remote: any peer, and these host names (the addresses the server is bound to) besides
   * loopback in Host. Absent: loopback only.
   */
  remoteHosts?: readonly string[];
}

/** What an endpoint serves, for its refusals' wording. */
export interface LocalEndpoint {
  /** "The x-ray" */
  name: string;
  methods: readonly string[];
  /** Said with a 405. */
  methodHelp: string;
  /** A WebSocket upgrade: Origin is required even on GET (browsers always send it there). */
  originRequired?: boolean;
  /** Where the token is looked for, for the refusal's wording. Default: the X-Wsjwt-Session header. */
  sessionVia?: string;
}

export type LocalCheck = { ok: true; origin: string } | { ok: false; status: 403 | 405; error: string };

/** A fresh random token for one server start (256 bits, base64url: safe in a header and in HTML). */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of the presented token with this launch's. */
export function sessionTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined || address === '') return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** localhost, 127.0.0.1 or [::1], with an optional port; nothing else (no other names that resolve to 127.*). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/i.exec(host.trim());
  if (match === null) return false;
  return match[2] === undefined || Number(match[2]) <= 65535;
}

/** The host name of a Host header, without port or IPv6 brackets, lower case. */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(host);
  if (bracketed?.[1] !== undefined) return bracketed[1].toLowerCase();
  return host.replace(/:\d{1,5}$/, '').toLowerCase();
}

/** Whether `host` (a Host header) is one this server answers to under `policy`. */
export function isAllowedHost(
  host: string | undefined,
  policy: Pick<LocalAccessPolicy, 'remoteHosts'>,
): boolean {
  const trimmed = host?.trim();
  if (trimmed === undefined || trimmed === '') return false;
  if (isLoopbackHostHeader(trimmed)) return true;
  const name = hostName(trimmed);
  return (policy.remoteHosts ?? []).some((h) => h.toLowerCase() === name);
}

/** The facts of a node:http request the check reads. */
export function localRequestFacts(req: IncomingMessage): LocalRequestFacts {
  const session = req.headers[SESSION_HEADER.toLowerCase()];
  return {
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    remoteAddress: req.socket.remoteAddress,
    session: Array.isArray(session) ? undefined : session,
  };
}

/** The subprotocols offered in a Sec-WebSocket-Protocol header (comma-separated, trimmed). */
export function offeredSubprotocols(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The facts of a WebSocket upgrade: the session token is the one offered as `wsjwt-session.<token>`. */
export function localUpgradeFacts(req: IncomingMessage): LocalRequestFacts {
  const sessions = offeredSubprotocols(req.headers['sec-websocket-protocol']).filter((p) =>
    p.startsWith(SESSION_SUBPROTOCOL_PREFIX),
  );
  return {
    method: req.method,
    host: req.headers.host,
    origin: req.headers.origin,
    remoteAddress: req.socket.remoteAddress,
    // Two different tokens offered: neither counts.
    session: sessions.length === 1 ? sessions[0]?.slice(SESSION_SUBPROTOCOL_PREFIX.length) : undefined,
  };
}

/** Decides one request to a local endpoint: allowed (with the Origin to act under) or 403/405. */
export function checkLocalRequest(
  facts: LocalRequestFacts,
  policy: LocalAccessPolicy,
  endpoint: LocalEndpoint,
): LocalCheck {
  const remote = policy.remoteHosts !== undefined;
  if (!remote && !isLoopbackAddress(facts.remoteAddress))
    return {
      ok: false,
      status: 403,
      error: `${endpoint.name} answers only requests from this machine (loopback).`,
    };
  const host = facts.host?.trim();
  if (host === undefined || !isAllowedHost(host, policy)) {
    const names = remote ? 'localhost or an address it listens on' : 'localhost, 127.0.0.1 or [::1]';
    return { ok: false, status: 403, error: `${endpoint.name} answers only the console opened as ${names}.` };
  }
  const method = (facts.method ?? '').toUpperCase();
  let origin = facts.origin?.trim();
  // A same-origin GET carries no Origin header in browsers; the Host check above still stops rebinding.
  if (method === 'GET' && origin === undefined && endpoint.originRequired !== true) origin = `http://${host}`;
  if (origin === undefined || origin === '' || origin === 'null')
    return { ok: false, status: 403, error: `${endpoint.name} needs the console's Origin header.` };
  const lowerOrigin = origin.toLowerCase();
  const lowerHost = host.toLowerCase();
  if (lowerOrigin !== `http://${lowerHost}` && lowerOrigin !== `https://${lowerHost}`)
    return {
      ok: false,
      status: 403,
      error: `${endpoint.name} answers only the console's own page (Origin must match Host).`,
    };
  if (!sessionTokenMatches(policy.sessionToken, facts.session))
    return {
      ok: false,
      status: 403,
      error: `${endpoint.name} needs this launch's session token (${endpoint.sessionVia ?? SESSION_HEADER}), which only the console's own page holds.`,
    };
  if (!endpoint.methods.includes(method)) return { ok: false, status: 405, error: endpoint.methodHelp };
  return { ok: true, origin };
}

/** index.html with this launch's token in a <meta> tag (before </head>), for the console to send back. */
export function withSessionMeta(html: string, sessionToken: string): string {
  const meta = `<meta name="${SESSION_META_NAME}" content="${sessionToken}">`;
  const head = html.search(/<\/head>/i);
  return head === -1 ? `${html}${meta}` : `${html.slice(0, head)}${meta}${html.slice(head)}`;
}
