// The x-ray endpoint: the console asks the Node side to open its WebSocket once, so it can show what the
// browser hides — the HTTP status, headers and body of a refused upgrade.
//
//   GET  /__wsjwt/xray  → 200 { available: true, maxTimeoutMs }
//   POST /__wsjwt/xray  { url: "ws://…", protocols?: string[], timeoutMs?: number }   (Content-Type: application/json)
//                       → 200 { events, xray?, timings, outcome, durationMs }
//   POST /__wsjwt/xray  { url, discover: { token, placement, paramName, protocol?, payload?, notSent? } }
//                       → 200 { discovery }: the same token tried in other places on the same target
//                         (src/node/handshake/discover.ts: ≤ 8 attempts, ≤ 2 s each, 15 s in all)
//   errors              → { error: string } with 400 (bad body / non-ws target), 403 (not the console's own
//                         page on this machine, or without this launch's session token in X-Wsjwt-Session),
//                         405, 413 (body > 64 KB), 415, 429 (too many at once)
//
// A local development helper, safe as one: see security.ts for who may call it. Bounded: request body 64 KB,
// probe ≤ 10 s, refusal body 8 KB, 20 messages of ≤ 2000 characters. Logs nothing (URLs carry tokens).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAppProtocolId, isTokenPlacement } from '../../core/index.ts';
import type { DiscoveryRequest, TravelDiscovery } from '../../core/index.ts';
import { discoverTravel } from '../handshake/discover.ts';
import type { DiscoverOptions } from '../handshake/discover.ts';
import { probeHandshake } from '../handshake/probe.ts';
import type { ProbeOptions, ProbeResult } from '../handshake/probe.ts';
import { localRequestFacts } from '../guard/local-request.ts';
import type { LocalAccessPolicy } from '../guard/local-request.ts';
import { checkXrayRequest } from './security.ts';

export const XRAY_PATH = '/__wsjwt/xray';
export const XRAY_MAX_REQUEST_BYTES = 64 * 1024;
export const XRAY_DEFAULT_TIMEOUT_MS = 5000;
export const XRAY_MAX_TIMEOUT_MS = 10_000;
export const XRAY_MIN_TIMEOUT_MS = 100;
export const XRAY_MAX_CONCURRENT = 4;
const XRAY_MAX_URL_CHARS = 16 * 1024;
const XRAY_MAX_PROTOCOLS = 16;
const BODY_READ_TIMEOUT_MS = 5000;
/** What the probe keeps of an open socket: long enough for an auth close right after open. */
const XRAY_CLOSE_AFTER_OPEN_MS = 300;

/** POST body. */
export interface XrayRequestBody {
  url: string;
  protocols?: string[];
  timeoutMs?: number;
  /** Discovery mode: try this token in the other places (the attempt was refused as unauthenticated). */
  discover?: DiscoveryRequest;
}

/** POST answer in discovery mode (200). */
export interface XrayDiscoverResponseBody {
  discovery: TravelDiscovery;
}

const MAX_DISCOVER_TEXT = 16 * 1024;

/** The discover object of a POST body, checked. */
function validateDiscover(
  value: unknown,
): { ok: true; discover: DiscoveryRequest } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      error: 'discover must be an object { token, placement, paramName, protocol?, payload?, notSent? }.',
    };
  const v = value as Record<string, unknown>;
  const { token, placement, paramName, protocol, payload, notSent } = v;
  if (typeof token !== 'string' || token === '' || token.length > MAX_DISCOVER_TEXT)
    return { ok: false, error: `discover.token must be a token of at most ${MAX_DISCOVER_TEXT} characters.` };
  if (typeof placement !== 'string' || !isTokenPlacement(placement))
    return {
      ok: false,
      error: 'discover.placement must be query, subprotocol, cookie, first-message or header.',
    };
  if (typeof paramName !== 'string' || paramName.length > 200)
    return { ok: false, error: 'discover.paramName must be a parameter name.' };
  const proto = protocol ?? 'plain';
  if (typeof proto !== 'string' || !isAppProtocolId(proto))
    return { ok: false, error: 'discover.protocol is not a protocol the console speaks.' };
  if (payload !== undefined && (typeof payload !== 'string' || payload.length > MAX_DISCOVER_TEXT))
    return { ok: false, error: 'discover.payload must be a template string.' };
  if (notSent !== undefined && typeof notSent !== 'boolean')
    return { ok: false, error: 'discover.notSent must be true or false.' };
  const discover: DiscoveryRequest = { token, placement, paramName, protocol: proto };
  if (typeof payload === 'string') discover.payload = payload;
  if (notSent === true) discover.notSent = true;
  return { ok: true, discover };
}

/** POST answer (200). */
export type XrayResponseBody = Pick<ProbeResult, 'events' | 'xray' | 'timings' | 'outcome' | 'durationMs'>;

export interface XrayHandlerOptions {
  /** Replaces the probe (tests). */
  probe?: (options: ProbeOptions) => Promise<ProbeResult>;
  /** Replaces travel discovery (tests). */
  discover?: (options: DiscoverOptions) => Promise<TravelDiscovery>;
  defaultTimeoutMs?: number;
}

type Validated = { ok: true; body: XrayRequestBody } | { ok: false; error: string };

const SUBPROTOCOL = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks the POST body: a ws:/wss: URL, optional subprotocols and timeout. */
export function validateXrayBody(value: unknown): Validated {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'The body must be a JSON object { url, protocols?, timeoutMs? }.' };
  const record = value as Record<string, unknown>;
  const { url, protocols, timeoutMs, discover } = record;
  if (typeof url !== 'string' || url === '')
    return { ok: false, error: 'url must be a ws:// or wss:// URL.' };
  if (url.length > XRAY_MAX_URL_CHARS)
    return { ok: false, error: `url is longer than ${XRAY_MAX_URL_CHARS} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: 'url is not a valid URL.' };
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')
    return { ok: false, error: `The x-ray opens only ws:// and wss:// URLs, not ${parsed.protocol}//.` };
  if (parsed.username !== '' || parsed.password !== '')
    return { ok: false, error: 'url must not carry a user name or password.' };
  // The URL goes out exactly as the console built it (its encoding is part of what is being checked).
  const body: XrayRequestBody = { url };
  if (protocols !== undefined) {
    if (
      !Array.isArray(protocols) ||
      protocols.length > XRAY_MAX_PROTOCOLS ||
      !protocols.every((p) => typeof p === 'string' && SUBPROTOCOL.test(p))
    ) {
      return {
        ok: false,
        error: `protocols must be an array of at most ${XRAY_MAX_PROTOCOLS} subprotocol names.`,
      };
    }
    if (new Set(protocols).size !== protocols.length)
      return { ok: false, error: 'protocols has duplicates.' };
    body.protocols = protocols as string[];
  }
  if (timeoutMs !== undefined) {
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs))
      return { ok: false, error: 'timeoutMs must be a number of milliseconds.' };
    body.timeoutMs = Math.min(XRAY_MAX_TIMEOUT_MS, Math.max(XRAY_MIN_TIMEOUT_MS, Math.floor(timeoutMs)));
  }
  if (discover !== undefined) {
    const checked = validateDiscover(discover);
    if (!checked.ok) return checked;
    body.discover = checked.discover;
  }
  return { ok: true, body };
}

function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 408 | 413; error: string };

function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise<BodyRead>((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > XRAY_MAX_REQUEST_BYTES) {
      resolve({
        ok: false,
        status: 413,
        error: `The request body is larger than ${XRAY_MAX_REQUEST_BYTES} bytes.`,
      });
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (!result.ok) req.resume(); // drain the rest so the answer can be written
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ ok: false, status: 408, error: 'The request body did not arrive in time.' }),
      BODY_READ_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes > XRAY_MAX_REQUEST_BYTES) {
        settle({
          ok: false,
          status: 413,
          error: `The request body is larger than ${XRAY_MAX_REQUEST_BYTES} bytes.`,
        });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => settle({ ok: false, status: 400, error: 'The request body could not be read.' }));
  });
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

export function isXrayPath(url: string | undefined): boolean {
  return pathOf(url) === XRAY_PATH;
}

/**
 * Handles one request to XRAY_PATH (the caller routes). Works with plain node:http req/res, so it runs
 * under Vite's dev and preview servers and in tests alike. Never throws.
 */
export function createXrayHandler(
  access: LocalAccessPolicy,
  options: XrayHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const probe = options.probe ?? probeHandshake;
  const discover = options.discover ?? discoverTravel;
  const defaultTimeoutMs = Math.min(XRAY_MAX_TIMEOUT_MS, options.defaultTimeoutMs ?? XRAY_DEFAULT_TIMEOUT_MS);
  let running = 0;

  return async (req, res) => {
    try {
      res.on('error', () => undefined);
      req.on('error', () => undefined);
      const check = checkXrayRequest(localRequestFacts(req), access);
      if (!check.ok) {
        req.resume();
        send(res, check.status, { error: check.error }, check.status === 405 ? { Allow: 'GET, POST' } : {});
        return;
      }
      if (req.method?.toUpperCase() === 'GET') {
        req.resume();
        send(res, 200, { available: true, maxTimeoutMs: XRAY_MAX_TIMEOUT_MS, defaultTimeoutMs });
        return;
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        req.resume();
        send(res, 415, { error: 'Send the body as JSON (Content-Type: application/json).' });
        return;
      }
      const body = await readBody(req);
      if (!body.ok) {
        send(res, body.status, { error: body.error }, body.status === 413 ? { Connection: 'close' } : {});
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(body.text);
      } catch {
        send(res, 400, { error: 'The body is not valid JSON.' });
        return;
      }
      const valid = validateXrayBody(value);
      if (!valid.ok) {
        send(res, 400, { error: valid.error });
        return;
      }
      if (running >= XRAY_MAX_CONCURRENT) {
        send(res, 429, { error: `At most ${XRAY_MAX_CONCURRENT} x-rays at a time.` }, { 'Retry-After': '1' });
        return;
      }
      running++;
      const abort = new AbortController();
      const onClose = (): void => {
        if (!res.writableEnded) abort.abort();
      };
      res.once('close', onClose);
      try {
        const wanted = valid.body.discover;
        if (wanted !== undefined) {
          // The same target only; the page's Origin goes along, as with the x-ray itself.
          const discovery = await discover({
            serverUrl: valid.body.url,
            token: wanted.token,
            paramName: wanted.paramName,
            used: wanted.placement,
            protocol: wanted.protocol,
            ...(wanted.payload !== undefined ? { payload: wanted.payload } : {}),
            ...(wanted.notSent === true ? { usedNotSent: true } : {}),
            headers: { Origin: check.origin },
            signal: abort.signal,
          });
          const answer: XrayDiscoverResponseBody = { discovery };
          send(res, 200, answer);
          return;
        }
        const result = await probe({
          url: valid.body.url,
          timeoutMs: valid.body.timeoutMs ?? defaultTimeoutMs,
          // The browser sends its page's Origin with the upgrade; so does the x-ray, so an Origin check
          // on the server answers the x-ray as it answers the console.
          headers: { Origin: check.origin },
          ...(valid.body.protocols !== undefined ? { protocols: valid.body.protocols } : {}),
          closeAfterOpenMs: XRAY_CLOSE_AFTER_OPEN_MS,
          signal: abort.signal,
        });
        const answer: XrayResponseBody = {
          events: result.events,
          timings: result.timings,
          outcome: result.outcome,
          durationMs: result.durationMs,
        };
        if (result.xray !== undefined) answer.xray = result.xray;
        send(res, 200, answer);
      } finally {
        running--;
        res.off('close', onClose);
      }
    } catch {
      // Nothing about the request (its URL carries a token) goes to a log.
      send(res, 500, { error: 'The x-ray failed.' });
    }
  };
}

/** Connect-style middleware for Vite's dev and preview servers: handles XRAY_PATH, passes the rest on. */
export function createXrayMiddleware(
  access: LocalAccessPolicy,
  options: XrayHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const handle = createXrayHandler(access, options);
  return (req, res, next) => {
    if (!isXrayPath(req.url)) {
      next();
      return;
    }
    void handle(req, res);
  };
}
