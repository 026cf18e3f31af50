import { describe, expect, it } from 'vitest';
import { CAUSE_CATALOG } from './catalog.ts';
import { diagnose } from './diagnose.ts';
import {
  CONNECT_AT,
  NOW,
  NOW_S,
  e,
  evidence,
  failedBeforeOpen,
  openThenClose,
  rawUrl,
  secretBad,
  secretOk,
  tokenFixture,
  urlFor,
  validPayload,
} from './fixtures.test-helpers.ts';
import { CAUSE_IDS } from './types.ts';
import type { CauseId, Confidence, DiagnosisEvidence } from './types.ts';

interface Row {
  name: string;
  ev: DiagnosisEvidence;
  /** Expected top cause; null = nothing wrong (empty list). */
  top: CauseId | null;
  second?: CauseId;
  confidence?: Confidence;
  /** Substrings expected somewhere in the top cause's evidence. */
  says?: string[];
  /** Causes that must not be listed at all. */
  never?: CauseId[];
}

const expired = tokenFixture({ payload: validPayload({ exp: NOW_S - 300 }) });
const notYet = tokenFixture({ payload: validPayload({ nbf: NOW_S + 600 }) });
const noRoleExp = tokenFixture({ payload: { userId: '123', iat: NOW_S - 60 } });
const algNone = tokenFixture({ header: { alg: 'none', typ: 'JWT' } });
const rs256 = tokenFixture({ header: { alg: 'RS256', typ: 'JWT' } });
const ok = tokenFixture();
const empty = tokenFixture({ raw: '' });
const twoParts = tokenFixture({ raw: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ' });
const jwe = tokenFixture({ raw: 'eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d' });
/** A token whose signature uses standard base64 ('+'): fine for Node's decoder, broken by a query parser. */
const plusToken = tokenFixture({ signature: 'ab+cd/ef' });
const percentToken = tokenFixture({ signature: 'abc%2Edef' });

const reachable = { state: 'reachable', detail: 'GET http://localhost:3000/ answered (no-cors)' } as const;
const unreachable = {
  state: 'unreachable',
  detail: 'fetch http://localhost:3000/ failed: connection refused',
} as const;

const ROWS: Row[] = [
  // ---------------------------------------------------------------- before Connect -----------------------
  { name: 'before Connect: valid token, no secret → nothing', ev: evidence(), top: null },
  {
    name: 'before Connect: valid token, secret verifies → nothing',
    ev: evidence({ secret: secretOk() }),
    top: null,
  },
  {
    // Issue 16: a first screen invites, it does not accuse (was: token-missing before anything happened).
    name: 'before Connect: empty token → nothing yet',
    ev: evidence({ token: empty, url: urlFor('') }),
    top: null,
  },
  {
    name: 'before Connect: two parts → token-malformed',
    ev: evidence({ token: twoParts }),
    top: 'token-malformed',
    confidence: 'high',
    says: ['found 2'],
  },
  {
    name: 'before Connect: five parts (JWE) → token-malformed',
    ev: evidence({ token: jwe }),
    top: 'token-malformed',
    says: ['JWE'],
  },
  {
    name: 'before Connect: expired 5 min ago → token-expired',
    ev: evidence({ token: expired }),
    top: 'token-expired',
    confidence: 'high',
    says: [`exp = ${NOW_S - 300} (2026-11-27T04:17:37Z, 5 min ago)`],
  },
  {
    name: 'before Connect: nbf in 10 min → token-not-yet-valid',
    ev: evidence({ token: notYet }),
    top: 'token-not-yet-valid',
    says: ['nbf = ', 'in 10 min'],
  },
  {
    name: 'before Connect: no role, no exp → missing-claims',
    ev: evidence({ token: noRoleExp }),
    top: 'missing-claims',
    says: ['role and exp'],
  },
  {
    name: 'before Connect: alg none → algorithm-mismatch',
    ev: evidence({ token: algNone }),
    top: 'algorithm-mismatch',
    confidence: 'high',
    says: ['alg = "none"'],
  },
  {
    name: 'before Connect: RS256 with an HMAC secret → algorithm-mismatch',
    ev: evidence({ token: rs256, secret: secretOk() }),
    top: 'algorithm-mismatch',
    says: ['RS256'],
  },
  { name: 'before Connect: RS256 without a secret → nothing', ev: evidence({ token: rs256 }), top: null },
  {
    name: 'before Connect: secret does not verify → secret-mismatch',
    ev: evidence({ secret: secretBad() }),
    top: 'secret-mismatch',
    confidence: 'high',
    says: ['does not verify'],
  },
  {
    name: 'before Connect: verifies with the base64-decoded secret → secret-mismatch with the variant',
    ev: evidence({ secret: secretBad('base64-decoded') }),
    top: 'secret-mismatch',
    says: ['A variant of your Secret verifies it (base64-decoded)'],
  },
  {
    name: 'before Connect: https page + ws://remote → mixed-content (high)',
    ev: evidence({ url: urlFor(ok.token, 'ws://api.example.com'), pageProtocol: 'https:' }),
    top: 'mixed-content',
    confidence: 'high',
  },
  {
    name: 'before Connect: https page + ws://localhost → mixed-content (medium)',
    ev: evidence({ pageProtocol: 'https:' }),
    top: 'mixed-content',
    confidence: 'medium',
    says: ['Safari'],
  },
  { name: 'before Connect: http page + ws:// → nothing', ev: evidence({ pageProtocol: 'http:' }), top: null },
  {
    name: "before Connect: a '%' in the token → token-not-encoded",
    ev: evidence({ token: percentToken }),
    top: 'token-not-encoded',
    says: ["'%'"],
  },
  {
    name: "before Connect: a '+' in the token → token-not-encoded",
    ev: evidence({ token: plusToken }),
    top: 'token-not-encoded',
    says: ["'+'"],
  },
  {
    name: 'before Connect: URL carries the token unencoded (+ becomes a space) → token-not-encoded (high)',
    ev: evidence({ token: plusToken, url: rawUrl(`ws://localhost:3000?token=${plusToken.token}`) }),
    top: 'token-not-encoded',
    confidence: 'high',
    says: ['reads as'],
  },
  {
    name: 'before Connect: URL double-encoded → token-not-encoded (high)',
    ev: evidence({
      url: rawUrl(`ws://localhost:3000?token=${encodeURIComponent(encodeURIComponent(plusToken.token))}`),
      token: plusToken,
    }),
    top: 'token-not-encoded',
    confidence: 'high',
  },
  {
    name: 'before Connect: invalid Server URL → server-unreachable',
    ev: evidence({ url: { ok: false, code: 'ERR_URL_INVALID', message: 'Not a URL: "ws//x"' } }),
    top: 'server-unreachable',
  },
  {
    name: 'before Connect: /health says jwtSecretSet false → secret-mismatch',
    ev: evidence({ health: { ok: true, jwtSecretSet: false } }),
    top: 'secret-mismatch',
    says: ['jwtSecretSet: false'],
  },
  {
    name: "before Connect: valid here but expired by the server's clock (10 min ahead) → token-expired",
    ev: evidence({
      token: tokenFixture({ payload: validPayload({ exp: NOW_S + 300 }) }),
      health: { ok: true, serverTime: NOW + 600_000, receivedAt: NOW },
    }),
    top: 'token-expired',
    confidence: 'medium',
    says: ['10 min ahead'],
  },
  {
    name: 'connecting (no answer yet) → local findings only',
    ev: evidence({ token: expired, events: [e.connecting()] }),
    top: 'token-expired',
  },

  // ---------------------------------------------------------------- failed before open ------------------
  {
    name: 'refused in 4 ms on localhost, reachability unknown → server-unreachable, then handshake-rejected',
    ev: evidence({ events: failedBeforeOpen(4) }),
    top: 'server-unreachable',
    second: 'handshake-rejected',
    confidence: 'medium',
    says: ['hides the HTTP status', '5 ms after Connect'],
  },
  {
    name: 'failed slowly, reachability unknown → both medium',
    ev: evidence({ events: failedBeforeOpen(400) }),
    top: 'server-unreachable',
    second: 'handshake-rejected',
  },
  {
    name: 'reachability unreachable → server-unreachable (high)',
    ev: evidence({ events: failedBeforeOpen(), reachability: unreachable }),
    top: 'server-unreachable',
    confidence: 'high',
    says: ['connection refused'],
  },
  {
    name: 'server reachable, upgrade failed → handshake-rejected',
    ev: evidence({ events: failedBeforeOpen(), reachability: reachable }),
    top: 'handshake-rejected',
    confidence: 'medium',
    says: ['DevTools', 'hides the HTTP status'],
  },
  {
    name: '/health answered, upgrade failed → handshake-rejected',
    ev: evidence({ events: failedBeforeOpen(), health: { ok: true, jwtSecretSet: true } }),
    top: 'handshake-rejected',
  },
  {
    name: 'server reachable, upgrade failed, token expired → token-expired, then handshake-rejected',
    ev: evidence({ token: expired, events: failedBeforeOpen(), reachability: reachable }),
    top: 'token-expired',
    second: 'handshake-rejected',
    confidence: 'high',
  },
  {
    name: 'server reachable, subprotocol offered, upgrade failed → subprotocol-mismatch, then handshake-rejected',
    ev: evidence({
      events: failedBeforeOpen(),
      reachability: reachable,
      offeredProtocols: ['graphql-transport-ws'],
    }),
    top: 'subprotocol-mismatch',
    second: 'handshake-rejected',
  },
  {
    name: 'token offered as a subprotocol, x-ray 101 without an echo → subprotocol-mismatch, the token named not printed',
    ev: evidence({
      events: failedBeforeOpen(),
      offeredProtocols: ['access_token', ok.token],
      xray: { status: 101, statusText: 'Switching Protocols', headers: { upgrade: 'websocket' }, body: '' },
    }),
    top: 'subprotocol-mismatch',
    confidence: 'high',
    says: [`Offered access_token, <token: ${ok.token.length} chars>`],
  },
  {
    name: 'x-ray 403 whose body names the Origin → handshake-rejected, an Origin check (not authentication)',
    ev: evidence({
      events: failedBeforeOpen(),
      reachability: reachable,
      xray: {
        status: 403,
        statusText: 'Forbidden',
        headers: {},
        body: '{"error":"origin_not_allowed","message":"Origin http://localhost:5173 is not allowed"}',
      },
    }),
    top: 'handshake-rejected',
    confidence: 'high',
    says: ["403 Forbidden to the upgrade: the server refused this page's Origin", 'allow-list'],
  },
  {
    name: 'x-ray 101 without Sec-WebSocket-Protocol, subprotocol offered → subprotocol-mismatch (high)',
    ev: evidence({
      events: failedBeforeOpen(),
      offeredProtocols: ['chat'],
      xray: { status: 101, statusText: 'Switching Protocols', headers: { upgrade: 'websocket' }, body: '' },
    }),
    top: 'subprotocol-mismatch',
    confidence: 'high',
  },
  {
    name: 'x-ray 401 with WWW-Authenticate → handshake-rejected (high)',
    ev: evidence({
      events: failedBeforeOpen(),
      xray: {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'WWW-Authenticate': 'Bearer realm="wsjwt", error="invalid_token"' },
        body: '{"error":"invalid_token","error_description":"Authentication failed at the WebSocket handshake"}',
      },
    }),
    top: 'handshake-rejected',
    confidence: 'high',
    says: ['401 Unauthorized', 'WWW-Authenticate: Bearer realm="wsjwt", error="invalid_token"', 'Body: "{'],
  },
  {
    name: 'x-ray 401 and the token expired locally → token-expired, then handshake-rejected',
    ev: evidence({
      token: expired,
      events: failedBeforeOpen(),
      xray: { status: 401, statusText: 'Unauthorized', headers: {}, body: '' },
    }),
    top: 'token-expired',
    second: 'handshake-rejected',
  },
  {
    name: 'x-ray 404 → handshake-rejected (wrong path)',
    ev: evidence({
      events: failedBeforeOpen(),
      xray: { status: 404, statusText: 'Not Found', headers: {}, body: 'Not found' },
    }),
    top: 'handshake-rejected',
    says: ['wrong path'],
  },
  {
    name: 'x-ray 403 Origin → handshake-rejected even with an expired token',
    ev: evidence({
      token: expired,
      events: failedBeforeOpen(),
      xray: {
        status: 403,
        statusText: 'Forbidden',
        headers: {},
        body: '{"error":"origin_not_allowed","origin":"http://localhost:5173","message":"Origin http://localhost:5173 is not allowed"}',
      },
    }),
    top: 'handshake-rejected',
    second: 'token-expired',
    says: ['Origin'],
  },
  {
    name: 'CLI: unexpected-response 401 whose body says jwt expired → token-expired, then handshake-rejected',
    ev: evidence({
      events: [
        e.connecting(),
        e.unexpected(
          6,
          401,
          'Unauthorized',
          { 'content-type': 'application/json' },
          '{"error":"jwt expired"}',
        ),
      ],
    }),
    top: 'token-expired',
    second: 'handshake-rejected',
    says: ['"jwt expired"'],
  },
  {
    name: 'CLI: unexpected-response 503 → handshake-rejected, server-unreachable',
    ev: evidence({ events: [e.connecting(), e.unexpected(6, 503, 'Service Unavailable')] }),
    top: 'handshake-rejected',
    second: 'server-unreachable',
  },
  {
    name: 'CLI: ECONNREFUSED → server-unreachable (high)',
    ev: evidence({
      events: [e.connecting(), e.error(2, 'connect ECONNREFUSED 127.0.0.1:3000'), e.close(3, 1006)],
    }),
    top: 'server-unreachable',
    confidence: 'high',
    says: ['ECONNREFUSED'],
  },
  {
    name: 'CLI: "Server sent no subprotocol" → subprotocol-mismatch',
    ev: evidence({
      offeredProtocols: ['chat'],
      events: [e.connecting(), e.error(5, 'Server sent no subprotocol'), e.close(6, 1006)],
    }),
    top: 'subprotocol-mismatch',
    confidence: 'high',
  },
  {
    name: 'CLI: "Unexpected server response: 404" → handshake-rejected',
    ev: evidence({
      events: [e.connecting(), e.error(5, 'Unexpected server response: 404'), e.close(6, 1006)],
    }),
    top: 'handshake-rejected',
  },
  {
    name: 'timeout → handshake-timeout (high)',
    ev: evidence({ events: [e.connecting(), e.timeout(10_000)] }),
    top: 'handshake-timeout',
    confidence: 'high',
    says: ['10 s'],
  },
  {
    name: 'timeout, but the reachability probe was refused → server-unreachable first (a slow browser, not a hung server)',
    ev: evidence({
      events: [e.connecting(), e.timeout(2_000), e.close(2_001, 1006, '', false)],
      timeoutMs: 1000,
      reachability: unreachable,
    }),
    top: 'server-unreachable',
    second: 'handshake-timeout',
    confidence: 'high',
    says: ['connection refused', 'had not yet reported'],
  },
  {
    name: 'timeout, and the server answers HTTP → handshake-timeout (it holds the upgrade)',
    ev: evidence({
      events: [e.connecting(), e.timeout(1_000), e.close(1_001, 1006, '', false)],
      timeoutMs: 1000,
      reachability: reachable,
    }),
    top: 'handshake-timeout',
    confidence: 'high',
    says: ['but not the upgrade'],
  },
  {
    name: 'constructor threw SecurityError on an https page → mixed-content',
    ev: evidence({
      pageProtocol: 'https:',
      events: [
        e.connecting(),
        e.thrown(
          0,
          'SecurityError',
          "Failed to construct 'WebSocket': An insecure WebSocket connection may not be initiated from a page loaded over HTTPS.",
        ),
      ],
    }),
    top: 'mixed-content',
    confidence: 'high',
    says: ['SecurityError'],
  },
  {
    name: 'https page + ws://remote, failed before open → mixed-content first',
    ev: evidence({
      url: urlFor(ok.token, 'ws://api.example.com'),
      pageProtocol: 'https:',
      events: failedBeforeOpen(),
    }),
    top: 'mixed-content',
  },

  // ---------------------------------------------------------------- opened, then closed -----------------
  { name: 'open, still open → nothing', ev: evidence({ events: [e.connecting(), e.open(8)] }), top: null },
  {
    name: 'open, then 1000 → nothing',
    ev: evidence({ events: openThenClose(1000, 'bye', 8, 5000) }),
    top: null,
  },
  {
    name: 'open, then 1001 → nothing',
    ev: evidence({ events: openThenClose(1001, '', 8, 5000) }),
    top: null,
  },
  {
    name: 'open, then 1000 "flood done" → nothing',
    ev: evidence({ events: openThenClose(1000, 'flood done', 8, 900) }),
    top: null,
  },
  {
    name: '1008 "invalid signature", no secret → secret-mismatch (high)',
    ev: evidence({ events: openThenClose(1008, 'invalid signature') }),
    top: 'secret-mismatch',
    confidence: 'high',
    says: ['"invalid signature"', '4 ms after open', "Enter the server's JWT_SECRET"],
  },
  {
    name: '1008 "invalid signature", your secret verifies → secret-mismatch: the server\'s differs',
    ev: evidence({ secret: secretOk(), events: openThenClose(1008, 'invalid signature') }),
    top: 'secret-mismatch',
    says: ["Your Secret verifies this token here, so the server's JWT_SECRET is different"],
  },
  {
    name: '1008 "invalid signature", RS256 token → algorithm-mismatch, then secret-mismatch',
    ev: evidence({ token: rs256, events: openThenClose(1008, 'invalid signature') }),
    top: 'secret-mismatch',
  },
  {
    name: '1008 "invalid signature", RS256 token with a secret → algorithm-mismatch first',
    ev: evidence({ token: rs256, secret: secretOk(), events: openThenClose(1008, 'invalid signature') }),
    top: 'algorithm-mismatch',
    second: 'secret-mismatch',
  },
  {
    name: '1008 "invalid algorithm" → algorithm-mismatch',
    ev: evidence({ events: openThenClose(1008, 'invalid algorithm') }),
    top: 'algorithm-mismatch',
    says: ['alg = "HS256"'],
  },
  {
    name: '4401 "Unauthorized" and expired locally → token-expired, then auth-rejected',
    ev: evidence({ token: expired, events: openThenClose(4401, 'Unauthorized') }),
    top: 'token-expired',
    second: 'auth-rejected',
    confidence: 'high',
    says: ['"Unauthorized"'],
  },
  {
    name: '4401 "Unauthorized", token fine → auth-rejected',
    ev: evidence({ secret: secretOk(), events: openThenClose(4401, 'Unauthorized') }),
    top: 'auth-rejected',
    says: ['4401 Unauthorized "Unauthorized"'],
  },
  {
    name: '4403 "Forbidden" (graphql-ws) → auth-rejected (high)',
    ev: evidence({ secret: secretOk(), events: openThenClose(4403, 'Forbidden') }),
    top: 'auth-rejected',
    confidence: 'high',
  },
  {
    name: '1008 with an unknown reason → auth-rejected quoting it',
    ev: evidence({ secret: secretOk(), events: openThenClose(1008, 'computer says no') }),
    top: 'auth-rejected',
    says: ['"computer says no"'],
  },
  {
    name: '1008 "Invalid token" and a wrong secret locally → secret-mismatch, then auth-rejected',
    ev: evidence({ secret: secretBad(), events: openThenClose(1008, 'Invalid token') }),
    top: 'secret-mismatch',
    second: 'auth-rejected',
  },
  {
    name: '3500 "invalid token" (Centrifugo) and a malformed token → token-malformed first',
    ev: evidence({ token: twoParts, events: openThenClose(3500, 'invalid token') }),
    top: 'token-malformed',
    second: 'auth-rejected',
  },
  {
    name: '1008 "jwt expired" → token-expired',
    ev: evidence({ token: expired, events: openThenClose(1008, 'jwt expired') }),
    top: 'token-expired',
    confidence: 'high',
  },
  {
    name: '1008 "jwt expired" but valid here → token-expired, clock evidence',
    ev: evidence({ events: openThenClose(1008, 'jwt expired') }),
    top: 'token-expired',
    confidence: 'high',
    says: ["the server's clock is ahead of yours"],
  },
  {
    name: '1008 "jwt expired" while your secret fails → token-expired first, secret-mismatch demoted',
    ev: evidence({ token: expired, secret: secretBad(), events: openThenClose(1008, 'jwt expired') }),
    top: 'token-expired',
    second: 'secret-mismatch',
  },
  {
    name: 'closed 1008 "jwt expired" right after exp passed on an open socket → token-expired',
    ev: evidence({
      token: tokenFixture({ payload: validPayload({ exp: NOW_S - 1 }) }),
      events: [
        e.connecting(NOW - 60_000),
        e.open(10, '', NOW - 60_000),
        e.close(59_300, 1008, 'jwt expired', true, NOW - 60_000),
      ],
    }),
    top: 'token-expired',
    says: ['enforces expiry on open sockets'],
  },
  {
    name: 'closed 1006 right after exp passed → token-expired, then connection-dropped',
    ev: evidence({
      token: tokenFixture({ payload: validPayload({ exp: NOW_S - 1 }) }),
      events: [
        e.connecting(NOW - 60_000),
        e.open(10, '', NOW - 60_000),
        e.close(59_500, 1006, '', false, NOW - 60_000),
      ],
    }),
    top: 'token-expired',
    second: 'connection-dropped',
  },
  {
    name: '1008 "jwt not active" → token-not-yet-valid',
    ev: evidence({ token: notYet, events: openThenClose(1008, 'jwt not active') }),
    top: 'token-not-yet-valid',
  },
  {
    name: '1008 "jwt malformed" but well-formed here → token-not-encoded',
    ev: evidence({ events: openThenClose(1008, 'jwt malformed') }),
    top: 'token-not-encoded',
    says: ['changed on the way'],
  },
  {
    name: '1008 "jwt malformed" and malformed here → token-malformed',
    ev: evidence({ token: twoParts, events: openThenClose(1008, 'jwt malformed') }),
    top: 'token-malformed',
  },
  {
    name: '1008 "No token provided" with a token sent → token-missing (parameter name)',
    ev: evidence({
      paramName: 'access_token',
      url: urlFor(ok.token, 'ws://localhost:3000', 'access_token'),
      events: openThenClose(1008, 'No token provided'),
    }),
    top: 'token-missing',
    says: ['?access_token=', "the guide's server reads ?token="],
  },
  {
    name: '1008 "Missing required claims: role, exp" → missing-claims',
    ev: evidence({ token: noRoleExp, events: openThenClose(1008, 'Missing required claims: role, exp') }),
    top: 'missing-claims',
    confidence: 'high',
    says: ['role, exp'],
  },
  {
    // Issue 12: "missing" named the claim, not the token (was token-missing: "No token reached the server").
    name: '1008 PyJWT \'Token is missing the "role" claim\' → missing-claims, never token-missing',
    ev: evidence({ token: noRoleExp, events: openThenClose(1008, 'Token is missing the "role" claim') }),
    top: 'missing-claims',
    confidence: 'high',
    says: ['role', 'PyJWT'],
    never: ['token-missing'],
  },
  {
    name: '1008 PyJWT "Invalid audience" → token-claims-rejected',
    ev: evidence({ events: openThenClose(1008, 'Invalid audience') }),
    top: 'token-claims-rejected',
    confidence: 'high',
    says: ['aud'],
  },
  {
    name: '1008 "secret or public key must be provided" → secret-mismatch',
    ev: evidence({ events: openThenClose(1008, 'secret or public key must be provided') }),
    top: 'secret-mismatch',
  },
  {
    name: 'open, then 1006 → connection-dropped (high)',
    ev: evidence({ events: openThenClose(1006, '', 8, 58) }),
    top: 'connection-dropped',
    confidence: 'high',
    says: ['without a close frame'],
  },
  {
    name: 'open, then 1011 → server-error',
    ev: evidence({ events: openThenClose(1011, 'Internal server error') }),
    top: 'server-error',
    confidence: 'high',
  },
  {
    name: 'open, then 1012 → server-error',
    ev: evidence({ events: openThenClose(1012, '') }),
    top: 'server-error',
  },
  {
    name: 'open, then 1009 → message-too-big',
    ev: evidence({ events: openThenClose(1009, 'Message too big') }),
    top: 'message-too-big',
  },
  {
    name: 'open, then 1002 → protocol-error',
    ev: evidence({ events: openThenClose(1002, 'Protocol error') }),
    top: 'protocol-error',
  },
  {
    name: 'open, then 1007 → protocol-error',
    ev: evidence({ events: openThenClose(1007, '') }),
    top: 'protocol-error',
  },
  {
    name: 'open, then 4408 "Connection initialisation timeout" → protocol-error',
    ev: evidence({ events: openThenClose(4408, 'Connection initialisation timeout', 8, 3010) }),
    top: 'protocol-error',
  },
  {
    name: 'open, then 4406 → subprotocol-mismatch',
    ev: evidence({ events: openThenClose(4406, 'Subprotocol not acceptable') }),
    top: 'subprotocol-mismatch',
  },
  {
    name: 'open with protocol "" although one was offered → subprotocol-mismatch',
    ev: evidence({ offeredProtocols: ['graphql-transport-ws'], events: [e.connecting(), e.open(8, '')] }),
    top: 'subprotocol-mismatch',
  },
  {
    name: 'open, unknown app code 4001 right after open → auth-rejected (low)',
    ev: evidence({ events: openThenClose(4001, '') }),
    top: 'auth-rejected',
    confidence: 'low',
  },
  {
    name: 'lax server accepted an expired token → token-expired (low)',
    ev: evidence({ token: expired, events: [e.connecting(), e.open(8)] }),
    top: 'token-expired',
    confidence: 'low',
    says: ['accepted the connection anyway'],
  },
  {
    name: 'lax server accepted an empty token → nothing',
    ev: evidence({ token: empty, url: urlFor(''), events: [e.connecting(), e.open(8)] }),
    top: null,
  },

  // ---------------------------------------------------------------- refusals in messages ----------------
  {
    name: 'socket.io connect_error "invalid signature" → secret-mismatch',
    ev: evidence({
      events: [
        e.connecting(),
        e.open(8),
        e.message(12, '0{"sid":"x"}'),
        e.message(14, '44{"message":"invalid signature"}'),
      ],
    }),
    top: 'secret-mismatch',
    says: ['44{\\"message\\":\\"invalid signature\\"}'.replace(/\\"/g, '"')],
  },
  {
    name: 'ActionCable disconnect unauthorized → auth-rejected',
    ev: evidence({
      events: [
        e.connecting(),
        e.open(8),
        e.message(15, '{"type":"disconnect","reason":"unauthorized","reconnect":false}'),
        e.close(16, 1000, ''),
      ],
    }),
    top: 'auth-rejected',
    confidence: 'high',
  },
  {
    name: 'ActionCable disconnect unauthorized with an expired token → token-expired first',
    ev: evidence({
      token: expired,
      events: [
        e.connecting(),
        e.open(8),
        e.message(15, '{"type":"disconnect","reason":"unauthorized","reconnect":false}'),
        e.close(16, 1000, ''),
      ],
    }),
    top: 'token-expired',
    second: 'auth-rejected',
  },
  {
    name: 'subscriptions-transport-ws connection_error, then 1011 → auth-rejected; the 1011 ends the refusal, no server-error',
    ev: evidence({
      events: [
        e.connecting(),
        e.open(8),
        e.message(20, '{"type":"connection_error","payload":{"message":"Prohibited connection!"}}'),
        e.close(31, 1011, ''),
      ],
    }),
    top: 'auth-rejected',
    says: ['ending the connection it had refused'],
    never: ['server-error'],
  },
  {
    name: 'subscriptions-transport-ws connection_error "invalid signature", then 1011 → secret-mismatch only',
    ev: evidence({
      events: [
        e.connecting(),
        e.open(8),
        e.message(20, '{"type":"connection_error","payload":{"message":"invalid signature"}}'),
        e.close(31, 1011, ''),
      ],
    }),
    top: 'secret-mismatch',
    says: ['1011', 'ending the connection it had refused'],
    never: ['server-error'],
  },
  {
    name: 'a message that refuses nothing, then 1011 → server-error still',
    ev: evidence({
      events: [e.connecting(), e.open(8), e.message(20, '{"type":"hello"}'), e.close(31, 1011, '')],
    }),
    top: 'server-error',
  },
  {
    name: 'Hasura connection_error JWTExpired → token-expired',
    ev: evidence({
      token: expired,
      events: [
        e.connecting(),
        e.open(8),
        e.message(20, '{"type":"connection_error","payload":"Could not verify JWT: JWTExpired"}'),
      ],
    }),
    top: 'token-expired',
  },
  // ---------------------------------------------------------------- issue 16 ------------------------------
  {
    name: 'token in Sec-WebSocket-Protocol, 1008 "No token provided" → token-travel-mismatch (not "sent as ?token=")',
    ev: evidence({
      tokenTravel: 'subprotocol',
      offeredProtocols: ['access_token', ok.token],
      url: rawUrl('ws://localhost:3000'),
      events: openThenClose(1008, 'No token provided'),
    }),
    top: 'token-travel-mismatch',
    says: ['sent in the Sec-WebSocket-Protocol header', 'most likely the query string (?token=)'],
  },
  {
    name: 'accepted (welcome) a token that does not verify with the Secret → server-skips-verification, then secret-mismatch',
    ev: evidence({
      secret: secretBad(),
      events: [e.connecting(), e.open(8), e.message(10, '{"type":"welcome"}')],
    }),
    top: 'server-skips-verification',
    second: 'secret-mismatch',
    confidence: 'medium',
    says: ['does not verify with your Secret', 'does not verify signatures'],
  },
  {
    name: 'accepted a malformed (cut) token → server-skips-verification, high',
    ev: evidence({ token: twoParts, events: [e.connecting(), e.open(8)] }),
    top: 'server-skips-verification',
    second: 'token-malformed',
    confidence: 'high',
  },
  {
    name: 'cut signature (empty) + server "invalid signature" → token-malformed, never secret-mismatch',
    ev: evidence({
      token: tokenFixture({ signature: '' }),
      secret: secretBad(),
      events: openThenClose(1008, 'invalid signature'),
    }),
    top: 'token-malformed',
    says: ['No secret verifies a broken signature'],
  },
];

describe('diagnose (table)', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const causes = diagnose(row.ev, NOW);
    if (row.top === null) {
      expect(causes).toEqual([]);
      return;
    }
    expect(causes[0]?.cause, JSON.stringify(causes.map((c) => [c.cause, c.confidence]))).toBe(row.top);
    if (row.second !== undefined)
      expect(causes[1]?.cause, JSON.stringify(causes.map((c) => c.cause))).toBe(row.second);
    if (row.confidence !== undefined) expect(causes[0]?.confidence).toBe(row.confidence);
    const text = causes[0]?.evidence.join('\n') ?? '';
    for (const s of row.says ?? []) expect(text).toContain(s);
    for (const id of row.never ?? []) expect(causes.map((c) => c.cause)).not.toContain(id);
  });

  it('covers every cause id as a top cause', () => {
    const tops = new Set(ROWS.map((r) => r.top));
    for (const id of CAUSE_IDS) expect(tops, id).toContain(id);
  });
});

describe('diagnose (shape)', () => {
  const everyRow = ROWS.map((r) => diagnose(r.ev, NOW));

  it('one entry per cause id, with title, evidence and fix', () => {
    for (const causes of everyRow) {
      const ids = causes.map((c) => c.cause);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of causes) {
        expect(c.title).toBe(CAUSE_CATALOG[c.cause].title);
        expect(c.evidence.length).toBeGreaterThan(0);
        expect(c.fix.length).toBeGreaterThan(0);
        expect(new Set(c.evidence).size).toBe(c.evidence.length);
        expect(['high', 'medium', 'low']).toContain(c.confidence);
      }
    }
  });

  it('is deterministic', () => {
    for (const r of ROWS) expect(diagnose(r.ev, NOW)).toEqual(diagnose(r.ev, NOW));
  });

  it('fills the fix steps with the real host and port', () => {
    const causes = diagnose(
      evidence({
        url: urlFor(ok.token, 'ws://127.0.0.1:4000/ws'),
        events: failedBeforeOpen(),
        reachability: unreachable,
      }),
      NOW,
    );
    expect(causes[0]?.fix[0]).toBe(
      'Start the server (npm start) and check it listens on that port: curl http://127.0.0.1:4000/health',
    );
    expect(causes[0]?.fix.join('\n')).toContain('findstr :4000');
  });

  it('secret-mismatch fix starts with the variant that verifies', () => {
    const causes = diagnose(evidence({ secret: secretBad('base64-decoded') }), NOW);
    expect(causes[0]?.fix[0]).toMatch(
      /^This token verifies if the secret is base64-decoded — the server probably decodes JWT_SECRET/,
    );
    expect(causes[0]?.fix).toContain(
      "Compare JWT_SECRET in the server's .env with the secret the signer uses (cat .env | grep JWT_SECRET)",
    );
    expect(causes[0]?.fix).toContain('Restart the server after changing .env');
  });

  it('quotes the close and its timing', () => {
    const causes = diagnose(
      evidence({ events: [e.connecting(), e.open(8), e.close(20, 1008, 'invalid signature')] }),
      NOW,
    );
    expect(causes[0]?.evidence[0]).toBe(
      'The server closed the socket with 1008 Policy Violation "invalid signature", 12 ms after open (20 ms after Connect)',
    );
  });

  it('merges evidence of one cause found twice (local and from the server)', () => {
    const causes = diagnose(evidence({ token: expired, events: openThenClose(1008, 'jwt expired') }), NOW);
    const expiredCauses = causes.filter((c) => c.cause === 'token-expired');
    expect(expiredCauses).toHaveLength(1);
    const text = expiredCauses[0]?.evidence.join('\n') ?? '';
    expect(text).toContain('"jwt expired"');
    expect(text).toContain(`exp = ${NOW_S - 300}`);
  });

  it('still lists a local problem behind an unreachable server', () => {
    const causes = diagnose(
      evidence({ token: expired, events: failedBeforeOpen(), reachability: unreachable }),
      NOW,
    );
    expect(causes.map((c) => c.cause)).toEqual(['server-unreachable', 'token-expired']);
  });

  it('never prints a token offered as a subprotocol', () => {
    for (const events of [
      failedBeforeOpen(),
      [e.connecting(), e.open(8, '')],
      [e.connecting(), e.error(5, 'Server sent no subprotocol'), e.close(6, 1006)],
    ]) {
      const causes = diagnose(
        evidence({ events, reachability: reachable, offeredProtocols: ['access_token', ok.token] }),
        NOW,
      );
      expect(causes.some((c) => c.cause === 'subprotocol-mismatch')).toBe(true);
      for (const c of causes) for (const line of c.evidence) expect(line).not.toContain(ok.token);
    }
  });

  it('uses the connect time of the events, not now, for "closed after" timing', () => {
    const causes = diagnose(
      evidence({
        events: [e.connecting(CONNECT_AT), e.error(12), e.close(13, 1006, '', false)],
        reachability: unreachable,
      }),
      NOW,
    );
    expect(causes[0]?.evidence.join('\n')).toContain('13 ms after Connect');
  });
});
