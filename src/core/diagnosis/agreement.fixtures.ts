// One fact, one source (issue 16): scenarios that every surface must tell the same way. Each one is a token
// the user has, the Secret they entered, and what the reference server answers (the fault that reproduces
// it, when one does); `agreementContradictions` lists where the token status, the checklist and the
// diagnosis disagree. The console's unit test runs them through the core; the CLI can run the same table
// (its probe against the reference server with `fault`) and the same rules on its JSON.
import { defaultPayload } from '../jws/default-payload.ts';
import { mintToken } from '../jws/mint.ts';
import { triageSecret } from '../jws/triage.ts';
import { analyzeToken } from '../token/analyze.ts';
import type { TokenStatus } from '../types.ts';
import { buildConnectionUrl } from '../url/connection-url.ts';
import { TOKEN_CAUSES } from './types.ts';
import type {
  Cause,
  CauseId,
  ChecklistItem,
  ChecklistState,
  ConnectionEvent,
  DiagnosisEvidence,
} from './types.ts';

/** The server's JWT_SECRET in every scenario (and what the user enters as Secret). */
export const AGREEMENT_SECRET = 'agreement-secret-0123456789abcdef';
/** A secret the server does not have. */
export const AGREEMENT_OTHER_SECRET = 'someone-elses-secret-0123456789ab';

/** What the server did with the token (the reference server's behaviour, by fault). */
export type AgreementServer =
  { kind: 'closed'; code: number; reason: string } | { kind: 'accepted'; welcome: string };

export interface AgreementScenario {
  name: string;
  /** The reference server fault that gives `server` (none: the plain reference server). */
  fault?: 'accept-any' | 'rs256-only';
  /** Seconds from now; null: no exp. */
  expIn?: number | null;
  /** Claims removed from the guide's payload, and claims added. */
  drop?: readonly string[];
  /** Signed with another secret than the server's. */
  otherSecret?: boolean;
  /** Characters cut off the end of the token (a truncated copy). */
  cut?: number;
  requiredClaims?: readonly string[];
  leewaySeconds?: number;
  server: AgreementServer;
  expect: {
    status: TokenStatus;
    /** The top cause before Connect (null: nothing wrong yet) and after the server's answer. */
    topBefore: CauseId | null;
    topAfter: CauseId;
    checklist?: Partial<Record<ChecklistItem['id'], ChecklistState>>;
    /** Causes that must not appear at all (after the server's answer). */
    never?: readonly CauseId[];
    /** Text the top cause's fix must contain / must not contain. */
    fixSays?: readonly string[];
    fixNever?: readonly string[];
  };
}

const REQUIRED = ['userId', 'role', 'iat', 'exp'];

export const AGREEMENT_SCENARIOS: readonly AgreementScenario[] = [
  {
    name: 'expired token',
    expIn: -300,
    server: { kind: 'closed', code: 1008, reason: 'jwt expired' },
    expect: {
      status: 'expired',
      topBefore: 'token-expired',
      topAfter: 'token-expired',
      checklist: { 'not-expired': 'fail', 'same-secret': 'pass' },
      never: ['secret-mismatch'],
    },
  },
  {
    name: 'token with its last 10 characters cut',
    cut: 10,
    server: { kind: 'closed', code: 1008, reason: 'jwt malformed' },
    expect: {
      status: 'malformed',
      topBefore: 'token-malformed',
      topAfter: 'token-malformed',
      checklist: { 'same-secret': 'unknown', 'not-expired': 'unknown' },
      never: ['secret-mismatch', 'token-not-encoded'],
    },
  },
  {
    name: 'token with its last character cut',
    cut: 1,
    server: { kind: 'closed', code: 1008, reason: 'invalid signature' },
    expect: {
      status: 'malformed',
      topBefore: 'token-malformed',
      topAfter: 'token-malformed',
      checklist: { 'same-secret': 'unknown' },
      never: ['secret-mismatch', 'token-not-encoded'],
    },
  },
  {
    name: 'token signed with another secret',
    otherSecret: true,
    server: { kind: 'closed', code: 1008, reason: 'invalid signature' },
    expect: {
      status: 'valid',
      topBefore: 'secret-mismatch',
      topAfter: 'secret-mismatch',
      checklist: { 'same-secret': 'fail' },
    },
  },
  {
    name: 'required claim missing (role)',
    drop: ['role'],
    server: { kind: 'closed', code: 1008, reason: 'Missing required claims: role' },
    expect: {
      status: 'valid',
      topBefore: 'missing-claims',
      topAfter: 'missing-claims',
      checklist: { 'required-claims': 'fail', 'same-secret': 'pass' },
      never: ['secret-mismatch'],
      fixSays: ['role'],
    },
  },
  {
    name: 'the user requires tenant, the token lacks only tenant',
    requiredClaims: [...REQUIRED, 'tenant'],
    server: { kind: 'closed', code: 1008, reason: 'Missing required claims: tenant' },
    expect: {
      status: 'valid',
      topBefore: 'missing-claims',
      topAfter: 'missing-claims',
      checklist: { 'required-claims': 'fail' },
      fixSays: ['missing field in the payload: tenant'],
      fixNever: ['payload: userId, role, iat, exp'],
    },
  },
  {
    name: 'accept-any server lets in a token signed with another secret',
    fault: 'accept-any',
    otherSecret: true,
    server: { kind: 'accepted', welcome: '{"type":"welcome","userId":"123","role":"principal"}' },
    expect: {
      status: 'valid',
      topBefore: 'secret-mismatch',
      topAfter: 'server-skips-verification',
      checklist: { 'same-secret': 'unknown' },
    },
  },
  {
    name: 'rs256-only server refuses an HS256 token',
    fault: 'rs256-only',
    server: { kind: 'closed', code: 1008, reason: 'invalid algorithm' },
    expect: {
      status: 'valid',
      topBefore: null,
      topAfter: 'algorithm-mismatch',
      never: ['secret-mismatch'],
      fixSays: ['The server refused HS256'],
      fixNever: ["algorithm: 'HS256'"],
    },
  },
];

/** What the user holds in a scenario: the token text (as pasted) and the token analysis options. */
export async function agreementToken(s: AgreementScenario, now: number): Promise<string> {
  const payload: Record<string, unknown> = { ...defaultPayload(now) };
  const nowS = Math.floor(now / 1000);
  if (s.expIn === null) delete payload.exp;
  else if (s.expIn !== undefined) payload.exp = nowS + s.expIn;
  for (const claim of s.drop ?? []) delete payload[claim];
  const secret = s.otherSecret === true ? AGREEMENT_OTHER_SECRET : AGREEMENT_SECRET;
  const minted = await mintToken(payload, { text: secret, encoding: 'utf8' }, 'HS256');
  if (!minted.ok) throw new Error(`agreement scenario ${s.name}: ${minted.message}`);
  return s.cut !== undefined ? minted.token.slice(0, -s.cut) : minted.token;
}

/** The server's answer as the events a client sees. */
export function agreementEvents(s: AgreementScenario, connectAt: number): ConnectionEvent[] {
  const at = (ms: number, e: Omit<ConnectionEvent, 'at' | 'time'>): ConnectionEvent => ({
    ...e,
    at: ms,
    time: connectAt + ms,
  });
  const opened = [at(0, { type: 'connecting' }), at(8, { type: 'open', protocol: '' })];
  return s.server.kind === 'accepted'
    ? [...opened, at(10, { type: 'message', data: s.server.welcome })]
    : [...opened, at(12, { type: 'close', code: s.server.code, reason: s.server.reason, wasClean: true })];
}

/** The evidence the console would hold: before Connect (`events` empty) or after the server's answer. */
export async function agreementEvidence(
  s: AgreementScenario,
  now: number,
  { connected }: { connected: boolean },
): Promise<DiagnosisEvidence> {
  const text = await agreementToken(s, now);
  const token = analyzeToken(text, {
    now,
    leewaySeconds: s.leewaySeconds ?? 0,
    requiredClaims: s.requiredClaims ?? REQUIRED,
  });
  const serverUrl = `ws://localhost:3000${s.fault !== undefined ? `/fault/${s.fault}` : ''}`;
  return {
    token,
    secret: await triageSecret(token.token, { text: AGREEMENT_SECRET, encoding: 'utf8' }),
    url: buildConnectionUrl({ serverUrl, paramName: 'token', token: token.token }),
    paramName: 'token',
    events: connected ? agreementEvents(s, now - 1000) : [],
    timeoutMs: 10_000,
    leewaySeconds: s.leewaySeconds ?? 0,
  };
}

/**
 * Where the token status, the checklist and the diagnosis contradict each other (empty: they agree).
 * Pure rules on the three outputs, so any surface can check its own.
 */
export function agreementContradictions(
  status: TokenStatus,
  causes: readonly Cause[],
  checklist: readonly ChecklistItem[],
): string[] {
  const out: string[] = [];
  const ids = new Set(causes.map((c) => c.cause));
  const top = causes[0]?.cause;
  const check = (id: ChecklistItem['id']) => checklist.find((i) => i.id === id)?.state;
  if (status === 'malformed') {
    if (top !== 'token-malformed' && top !== 'server-skips-verification')
      out.push(`status malformed, but the top cause is ${top ?? 'none'}`);
    for (const id of ['secret-mismatch', 'token-not-encoded'] as const)
      if (ids.has(id)) out.push(`status malformed, yet the diagnosis lists ${id}`);
    if (check('same-secret') === 'fail' || check('same-secret') === 'pass')
      out.push('status malformed, yet the checklist judges the secret');
    if (check('not-expired') === 'pass') out.push('status malformed, yet the checklist passes exp');
  }
  if (status === 'expired' && check('not-expired') === 'pass')
    out.push('status expired, but the checklist says not expired');
  // A token valid here can only lead as expired on the server's word (its clock, or an open socket cut at exp).
  if ((status === 'valid' || status === 'no-expiry') && top === 'token-expired') {
    const said = causes[0]?.evidence.join(' ') ?? '';
    if (!/server/i.test(said))
      out.push(`status ${status}, yet token-expired leads without the server's word`);
  }
  // The server let the connection in and said nothing: no token problem leads with high confidence.
  if (
    top !== undefined &&
    TOKEN_CAUSES.has(top) &&
    causes[0]?.confidence === 'high' &&
    check('server-running') === 'pass' &&
    !causes[0].evidence.some((e) => /server/i.test(e))
  )
    out.push(`${top} leads with high confidence on local evidence alone while the server is up`);
  if (check('same-secret') === 'fail' && !ids.has('secret-mismatch'))
    out.push('the checklist fails the secret, the diagnosis does not mention it');
  if (top === 'secret-mismatch' && check('same-secret') === 'pass')
    out.push('the top cause is secret-mismatch while the checklist passes the secret');
  if (check('required-claims') === 'fail' && !ids.has('missing-claims'))
    out.push('the checklist fails the required claims, the diagnosis does not mention them');
  return out;
}

/** A refused upgrade, as real server stacks word it (issue 12): both surfaces must read the same words. */
export interface RefusalAgreement {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  topAfter: CauseId;
  /** Words of the server the top cause's evidence must quote. */
  quotes: string;
}

export const REFUSAL_AGREEMENT: readonly RefusalAgreement[] = [
  {
    name: '@fastify/jwt: expired',
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: '{"statusCode":401,"code":"FST_JWT_AUTHORIZATION_TOKEN_EXPIRED","error":"Unauthorized","message":"Authorization token expired"}',
    topAfter: 'token-expired',
    quotes: 'Authorization token expired',
  },
  {
    name: 'golang-jwt v4 body from http.Error: signature',
    status: 401,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: 'signature is invalid\n',
    topAfter: 'secret-mismatch',
    quotes: 'signature is invalid',
  },
  {
    name: 'FastAPI + PyJWT: missing claim',
    status: 403,
    headers: { 'content-type': 'application/json' },
    body: '{"detail":"Token is missing the \\"role\\" claim"}',
    topAfter: 'missing-claims',
    quotes: 'Token is missing the "role" claim',
  },
  {
    name: 'Spring resource server: expired (WWW-Authenticate)',
    status: 401,
    headers: {
      'www-authenticate':
        'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2026-11-27T04:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"',
    },
    body: '',
    topAfter: 'token-expired',
    quotes: 'Jwt expired at 2026-11-27T04:00:00Z',
  },
  {
    name: 'Starlette: close before accept (403, no words)',
    status: 403,
    headers: { 'content-length': '0' },
    body: '',
    topAfter: 'handshake-rejected',
    quotes: '403',
  },
];

/** The evidence of a refusal as the CLI records it (unexpected-response) or the console (x-ray + 1006). */
export async function refusalEvidence(
  r: RefusalAgreement,
  now: number,
  surface: 'cli' | 'console',
): Promise<DiagnosisEvidence> {
  const s: AgreementScenario = {
    name: r.name,
    server: { kind: 'closed', code: 1006, reason: '' },
    expect: { status: 'valid', topBefore: null, topAfter: r.topAfter },
  };
  const text = await agreementToken(s, now);
  const token = analyzeToken(text, { now, leewaySeconds: 0, requiredClaims: REQUIRED });
  const connectAt = now - 1000;
  const at = (ms: number, e: Omit<ConnectionEvent, 'at' | 'time'>): ConnectionEvent => ({
    ...e,
    at: ms,
    time: connectAt + ms,
  });
  const statusText = r.status === 401 ? 'Unauthorized' : 'Forbidden';
  const base = {
    token,
    url: buildConnectionUrl({ serverUrl: 'ws://localhost:3000', paramName: 'token', token: token.token }),
    paramName: 'token',
    timeoutMs: 10_000,
    leewaySeconds: 0,
  };
  return surface === 'cli'
    ? {
        ...base,
        events: [
          at(0, { type: 'connecting' }),
          at(6, {
            type: 'unexpected-response',
            status: r.status,
            statusText,
            headers: r.headers,
            body: r.body,
          }),
        ],
      }
    : {
        ...base,
        events: [
          at(0, { type: 'connecting' }),
          at(6, { type: 'error' }),
          at(7, { type: 'close', code: 1006, reason: '', wasClean: false }),
        ],
        xray: { status: r.status, statusText, headers: r.headers, body: r.body },
      };
}
