// Test fixtures for the diagnosis engine: a small local TokenAnalysis builder (so these tests do not depend
// on analyzeToken), connection URLs, events and secret triage results. Not a test suite itself.
import type {
  ConnectionUrlResult,
  SecretTriage,
  SecretVariant,
  TimeClaim,
  TokenAnalysis,
  TokenProblem,
  TokenStatus,
} from '../types.ts';
import type { ConnectionEvent, DiagnosisEvidence } from './types.ts';

/** Frozen time for every diagnosis test: 2026-11-27T04:22:37Z. */
export const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
export const NOW_S = Math.floor(NOW / 1000);
/** When Connect was pressed in the event fixtures. */
export const CONNECT_AT = NOW - 2000;

const REQUIRED = ['userId', 'role', 'iat', 'exp'];
const SIGNATURE = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

export function b64url(value: unknown): string {
  const bytes = new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function validPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { userId: '123', role: 'principal', iat: NOW_S - 60, exp: NOW_S + 24 * 3600, ...overrides };
}

function timeClaim(claim: 'iat' | 'nbf' | 'exp', seconds: number): TimeClaim {
  return {
    claim,
    seconds,
    utc: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    relative: '',
    deltaMs: seconds * 1000 - NOW,
  };
}

export interface TokenFixtureOptions {
  header?: Record<string, unknown>;
  /** Keys set to undefined are removed. */
  payload?: Record<string, unknown>;
  signature?: string;
  /** A literal token text (skips header/payload): '' for empty, 'abc.def' for malformed... */
  raw?: string;
  input?: string;
  requiredClaims?: string[];
  leewaySeconds?: number;
}

/** A TokenAnalysis like analyzeToken would produce, for the fields the diagnosis reads. */
export function tokenFixture(opts: TokenFixtureOptions = {}): TokenAnalysis {
  const requiredClaims = opts.requiredClaims ?? REQUIRED;
  const leeway = opts.leewaySeconds ?? 0;
  const base = { cleanups: [], requiredClaims, times: {} };
  if (opts.raw !== undefined && opts.raw.trim() === '') {
    return {
      ...base,
      input: opts.input ?? opts.raw,
      token: '',
      status: 'empty',
      format: 'empty',
      segments: [],
      missingClaims: [],
      problems: [{ code: 'ERR_TOKEN_EMPTY', severity: 'error', message: 'No token' }],
    };
  }
  if (opts.raw !== undefined) {
    const parts = opts.raw.split('.');
    const decodable =
      parts.length === 3 &&
      parts.slice(0, 2).every((p) => {
        try {
          JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
          return true;
        } catch {
          return false;
        }
      });
    if (!decodable) {
      const problem: TokenProblem =
        parts.length === 5
          ? { code: 'ERR_JWE', severity: 'error', message: '5 parts: an encrypted JWE, not a signed JWT' }
          : parts.length !== 3
            ? {
                code: 'ERR_SEGMENT_COUNT',
                severity: 'error',
                message: `Expected 3 parts separated by dots, found ${parts.length}`,
              }
            : {
                code: 'ERR_SEGMENT_JSON',
                severity: 'error',
                message: 'The header does not decode to JSON',
                segment: 'header',
              };
      return {
        ...base,
        input: opts.input ?? opts.raw,
        token: opts.raw,
        status: 'malformed',
        format: parts.length === 5 ? 'jwe' : 'malformed',
        segments: [],
        missingClaims: [],
        problems: [problem],
      };
    }
  }

  const header = opts.header ?? { alg: 'HS256', typ: 'JWT' };
  const payloadIn = opts.payload ?? validPayload();
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payloadIn)) if (v !== undefined) payload[k] = v;
  const signature = opts.signature ?? (String(header.alg).toLowerCase() === 'none' ? '' : SIGNATURE);
  const token = opts.raw ?? `${b64url(header)}.${b64url(payload)}.${signature}`;
  const times: TokenAnalysis['times'] = {};
  for (const c of ['iat', 'nbf', 'exp'] as const) {
    const v = payload[c];
    if (typeof v === 'number') times[c] = timeClaim(c, v);
  }
  const problems: TokenProblem[] = [];
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (alg === undefined)
    problems.push({
      code: 'ERR_HEADER_NO_ALG',
      severity: 'error',
      message: 'The header has no alg',
      segment: 'header',
    });
  if (alg?.toLowerCase() === 'none')
    problems.push({ code: 'WARN_ALG_NONE', severity: 'warning', message: 'alg none', segment: 'header' });
  // As analyzeToken: an empty signature under a signing alg is a cut token (an error: malformed).
  if (signature === '' && alg?.toLowerCase() !== 'none')
    problems.push({
      code: 'WARN_UNSIGNED',
      severity: 'error',
      message: 'Empty signature',
      segment: 'signature',
    });
  const missingClaims = requiredClaims.filter((c) => !(c in payload));
  if (missingClaims.length > 0)
    problems.push({
      code: 'WARN_MISSING_CLAIMS',
      severity: 'warning',
      message: `Missing ${missingClaims.join(', ')}`,
    });
  if (typeof payload.iat === 'number' && payload.iat * 1000 > NOW)
    problems.push({ code: 'WARN_IAT_IN_FUTURE', severity: 'warning', message: 'iat is in the future' });

  let status: TokenStatus;
  const exp = typeof payload.exp === 'number' ? payload.exp : undefined;
  const nbf = typeof payload.nbf === 'number' ? payload.nbf : undefined;
  if (exp !== undefined && exp * 1000 + leeway * 1000 <= NOW) status = 'expired';
  else if (nbf !== undefined && nbf * 1000 - leeway * 1000 > NOW) status = 'not-yet-valid';
  else if (exp === undefined) status = 'no-expiry';
  else status = 'valid';
  if (problems.some((p) => p.severity === 'error')) status = 'malformed';

  const analysis: TokenAnalysis = {
    ...base,
    input: opts.input ?? token,
    token,
    status,
    format: 'jws',
    segments: [
      { name: 'header', raw: token.split('.')[0] ?? '', ok: true },
      { name: 'payload', raw: token.split('.')[1] ?? '', ok: true },
      { name: 'signature', raw: token.split('.')[2] ?? '', ok: true },
    ],
    header,
    payload,
    times,
    missingClaims,
    problems,
  };
  if (alg !== undefined) analysis.alg = alg;
  return analysis;
}

export function urlFor(token: string, server = 'ws://localhost:3000', param = 'token'): ConnectionUrlResult {
  const u = new URL(server);
  const sep = u.search === '' ? '?' : '&';
  return {
    ok: true,
    url: `${u.protocol}//${u.host}${u.pathname === '/' && !server.endsWith('/') ? '' : u.pathname}${u.search}${sep}${param}=${encodeURIComponent(token)}`,
    notes: [],
    scheme: u.protocol as 'ws:' | 'wss:',
    host: u.host,
    origin: `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`,
  };
}

/** A URL with the token exactly as given (not encoded): what a hand-built URL carries. */
export function rawUrl(url: string): ConnectionUrlResult {
  const u = new URL(url);
  return {
    ok: true,
    url,
    notes: [],
    scheme: u.protocol as 'ws:' | 'wss:',
    host: u.host,
    origin: `http://${u.host}`,
  };
}

export function evidence(overrides: Partial<DiagnosisEvidence> = {}): DiagnosisEvidence {
  const token = overrides.token ?? tokenFixture();
  return {
    token,
    url: overrides.url ?? urlFor(token.token),
    paramName: 'token',
    events: [],
    timeoutMs: 10_000,
    leewaySeconds: 0,
    ...overrides,
  };
}

// ---- events -----------------------------------------------------------------------------------------------

function at(
  ms: number,
  extra: Partial<ConnectionEvent> & Pick<ConnectionEvent, 'type'>,
  connectAt = CONNECT_AT,
): ConnectionEvent {
  return { at: ms, time: connectAt + ms, ...extra };
}

export const e = {
  connecting: (connectAt = CONNECT_AT): ConnectionEvent => at(0, { type: 'connecting' }, connectAt),
  open: (ms: number, protocol = '', connectAt = CONNECT_AT): ConnectionEvent =>
    at(ms, { type: 'open', protocol }, connectAt),
  close: (
    ms: number,
    code: number,
    reason = '',
    wasClean = code !== 1006,
    connectAt = CONNECT_AT,
  ): ConnectionEvent => at(ms, { type: 'close', code, reason, wasClean }, connectAt),
  error: (ms: number, message?: string, connectAt = CONNECT_AT): ConnectionEvent =>
    at(ms, message === undefined ? { type: 'error' } : { type: 'error', message }, connectAt),
  thrown: (ms: number, thrown: string, message?: string): ConnectionEvent =>
    at(ms, message === undefined ? { type: 'error', thrown } : { type: 'error', thrown, message }),
  timeout: (ms: number): ConnectionEvent => at(ms, { type: 'timeout' }),
  message: (ms: number, data: string, connectAt = CONNECT_AT): ConnectionEvent =>
    at(ms, { type: 'message', data }, connectAt),
  unexpected: (
    ms: number,
    status: number,
    statusText: string,
    headers: Record<string, string> = {},
    body = '',
  ): ConnectionEvent => at(ms, { type: 'unexpected-response', status, statusText, headers, body }),
};

/** connecting → error → close 1006: what a browser reports for every failure before open. */
export function failedBeforeOpen(ms = 4): ConnectionEvent[] {
  return [e.connecting(), e.error(ms), e.close(ms + 1, 1006, '', false)];
}

/** connecting → open → close code/reason. */
export function openThenClose(code: number, reason = '', openAt = 8, closeAt = 12): ConnectionEvent[] {
  return [e.connecting(), e.open(openAt), e.close(closeAt, code, reason, code !== 1006)];
}

// ---- secret triage ----------------------------------------------------------------------------------------

const AS_GIVEN: SecretVariant = {
  id: 'as-given',
  label: 'the secret as given',
  explanation: 'The secret as typed.',
};

export function secretOk(alg = 'HS256'): SecretTriage {
  return { given: { ok: true, alg }, tried: [{ variant: AS_GIVEN, ok: true }], notes: [] };
}

export function secretBad(match?: SecretVariant['id']): SecretTriage {
  const triage: SecretTriage = {
    given: {
      ok: false,
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      message: 'signature verification failed',
    },
    tried: [
      { variant: AS_GIVEN, ok: false },
      {
        variant: { id: 'trimmed', label: 'the secret trimmed', explanation: 'Whitespace removed.' },
        ok: false,
      },
    ],
    notes: [],
  };
  if (match !== undefined) {
    const variant: SecretVariant = {
      id: match,
      label: match,
      explanation:
        match === 'base64-decoded'
          ? 'The server decodes JWT_SECRET from base64 before verifying.'
          : `Verifies when ${match}.`,
    };
    triage.match = variant;
    triage.tried.push({ variant, ok: true });
  }
  return triage;
}
