// The diagnosis engine: from everything we know about one connection attempt (the token, the secret check,
// the URL, the socket's events, what the server said) to a ranked list of likely causes, each with the
// facts that point to it and what to do. Pure: `now` is an argument, nothing is fetched or stored.
//
// How it weighs things:
// - Local findings (the token, the secret, the URL, the page) are facts; they are listed before Connect too.
// - What the server said (close reason, HTTP status, refusal message) decides which of them explains the
//   failure: a refusal puts the token problems first; an unreachable server puts them behind.
// - An open socket that stays open (or closes normally) demotes local findings to 'low': the server
//   accepted the connection anyway.
import { HMAC_ALGORITHMS } from '../jws/algorithms.ts';
import { isWellFormed } from '../token/analyze.ts';
import type { SecretVariant } from '../types.ts';
import { causeFix, CAUSE_TITLES, type FixVars } from './catalog.ts';
import { closeCodeInfo } from '../close-codes/index.ts';
import { interpretCloseReason } from './dialects.ts';
import { fitFix, type FixContext } from './wording.ts';
import { laxServerFinding } from './lax-server.ts';
import { readFacts, rawQueryValues, decodeQueryValue, type Facts } from './facts.ts';
import { readRefusal } from './refusal.ts';
import {
  formatClaimTime,
  formatDuration,
  formatElapsed,
  formatUtc,
  listWords,
  quote,
  truncate,
} from './format.ts';
import { TOKEN_CAUSES } from './types.ts';
import type {
  Cause,
  CauseId,
  Confidence,
  ConnectionEvent,
  DiagnosisEvidence,
  ReasonInterpretation,
} from './types.ts';

// ---- the board: one entry per cause, merged, ranked -------------------------------------------------------

const CONFIDENCE_SCORE: Readonly<Record<Confidence, number>> = { high: 300, medium: 200, low: 100 };
const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

function maxConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_ORDER.indexOf(a) >= CONFIDENCE_ORDER.indexOf(b) ? a : b;
}

function lower(c: Confidence): Confidence {
  return c === 'high' ? 'medium' : 'low';
}

interface Entry {
  cause: CauseId;
  confidence: Confidence;
  score: number;
  evidence: string[];
  fix: string[];
  order: number;
}

interface AddOptions {
  /** Moves the cause within (or across) confidence bands: + ranks it earlier. */
  boost?: number;
  /** Specific steps, shown before the catalog's. */
  fix?: readonly string[];
}

class Board {
  private readonly entries = new Map<CauseId, Entry>();
  private seq = 0;

  constructor(private readonly fixContext: FixContext) {}

  add(cause: CauseId, confidence: Confidence, evidence: readonly string[], opts: AddOptions = {}): void {
    const score = CONFIDENCE_SCORE[confidence] + (opts.boost ?? 0);
    const existing = this.entries.get(cause);
    if (existing) {
      existing.confidence = maxConfidence(existing.confidence, confidence);
      existing.score = Math.max(existing.score, score);
      for (const line of evidence) if (!existing.evidence.includes(line)) existing.evidence.push(line);
      for (const step of opts.fix ?? []) if (!existing.fix.includes(step)) existing.fix.push(step);
      return;
    }
    this.entries.set(cause, {
      cause,
      confidence,
      score,
      evidence: [...new Set(evidence)],
      fix: [...new Set(opts.fix ?? [])],
      order: this.seq++,
    });
  }

  has(cause: CauseId): boolean {
    return this.entries.has(cause);
  }

  result(vars: FixVars): Cause[] {
    return [...this.entries.values()]
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map((e) => ({
        cause: e.cause,
        title: CAUSE_TITLES[e.cause],
        confidence: e.confidence,
        evidence: e.evidence,
        fix: fitFix(e.cause, [...e.fix, ...causeFix(e.cause, vars)], this.fixContext),
      }));
  }
}

// ---- local findings: the token, the secret, the URL, the page ---------------------------------------------

type FindingKind = 'token' | 'secret' | 'url' | 'page' | 'server';

interface Finding {
  cause: CauseId;
  confidence: Confidence;
  evidence: string[];
  fix?: string[];
  kind: FindingKind;
}

const HMAC_ALGS: ReadonlySet<string> = new Set(HMAC_ALGORITHMS);

/** Sentence and fix step for the secret variant that verifies. */
const VARIANT_FIX: Readonly<Record<SecretVariant['id'], string>> = {
  'as-given': 'The secret verifies as given.',
  trimmed:
    'This token verifies with the secret trimmed — remove the stray space or newline around JWT_SECRET (in .env or where the signer reads it)',
  unquoted:
    'This token verifies without the surrounding quotes — one side keeps the quotes from .env; remove them',
  'env-line': 'You pasted the whole .env line; the secret is only the part after JWT_SECRET=',
  'base64-decoded':
    "This token verifies if the secret is base64-decoded — the server probably decodes JWT_SECRET (Buffer.from(secret, 'base64')); sign with the decoded bytes, or stop decoding on one side",
  'base64url-decoded':
    'This token verifies if the secret is base64url-decoded — one side decodes JWT_SECRET; make both use it the same way',
  'hex-decoded':
    'This token verifies if the secret is hex-decoded — one side decodes JWT_SECRET from hex; make both use it the same way',
  'utf8-of-base64':
    'This token verifies with the base64 text used as plain text — the signer does not decode JWT_SECRET; choose encoding utf8 (or decode on both sides)',
  'utf8-text': 'This token verifies with the secret read as plain UTF-8 text — choose encoding utf8',
};

function expSeconds(ev: DiagnosisEvidence): number | undefined {
  const t = ev.token.times.exp?.seconds;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  const p = ev.token.payload?.exp;
  return typeof p === 'number' && Number.isFinite(p) ? p : undefined;
}

function claimSeconds(ev: DiagnosisEvidence, claim: 'iat' | 'nbf' | 'exp'): number | undefined {
  if (claim === 'exp') return expSeconds(ev);
  const t = ev.token.times[claim]?.seconds;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  const p = ev.token.payload?.[claim];
  return typeof p === 'number' && Number.isFinite(p) ? p : undefined;
}

function tokenFindings(ev: DiagnosisEvidence, facts: Facts, now: number): Finding[] {
  const out: Finding[] = [];
  const t = ev.token;
  const param = ev.paramName || 'token';

  if (t.format === 'empty' || t.token === '') {
    const pasted = t.input.trim() !== '';
    // A first screen invites: an empty field before Connect is not yet a problem.
    if (!pasted && !facts.attempted) return out;
    out.push({
      cause: 'token-missing',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        pasted
          ? `Nothing is left of what was pasted into Token after cleaning (${listWords(t.cleanups.map((c) => c.message)) || 'no token text'})`
          : `The Token field is empty: the Connection URL carries ?${param}= with nothing after it`,
      ],
    });
    return out;
  }

  const errors = t.problems.filter((p) => p.severity === 'error');
  const problemLines = errors.slice(0, 3).map((p) => (p.detail ? `${p.message} (${p.detail})` : p.message));
  if (t.format === 'jwe') {
    out.push({
      cause: 'token-malformed',
      confidence: 'high',
      kind: 'token',
      evidence:
        problemLines.length > 0
          ? problemLines
          : [
              'The token has 5 parts: an encrypted JWE, not a signed JWT (servers calling jwt.verify expect 3)',
            ],
    });
  } else if (t.format === 'malformed' || !isWellFormed(t)) {
    out.push({
      cause: 'token-malformed',
      confidence: 'high',
      kind: 'token',
      evidence:
        problemLines.length > 0
          ? problemLines
          : [
              `The token is not three base64url parts separated by dots (${t.token.split('.').length} part(s) found)`,
            ],
    });
  }
  // A malformed token is said once: its time, claim and signature findings would only contradict it.
  if (!isWellFormed(t)) return out;

  const codes = new Set(t.problems.map((p) => p.code));
  const alg = t.alg ?? (typeof t.header?.alg === 'string' ? t.header.alg : undefined);

  // Algorithm.
  if (alg !== undefined && alg.toLowerCase() === 'none') {
    out.push({
      cause: 'algorithm-mismatch',
      confidence: 'high',
      kind: 'token',
      evidence: [
        `alg = "${alg}": an unsigned token; verifying servers refuse it (jsonwebtoken words it "jwt signature is required")`,
      ],
    });
  } else if (alg !== undefined && codes.has('WARN_ALG_UNKNOWN')) {
    out.push({
      cause: 'algorithm-mismatch',
      confidence: 'medium',
      kind: 'token',
      evidence: [`alg = "${alg}" is not a JWS algorithm servers know`],
    });
  } else if (
    alg !== undefined &&
    ev.secret !== undefined &&
    ev.secret.keyKind !== 'public-key' &&
    alg.toLowerCase() !== 'none' &&
    !HMAC_ALGS.has(alg)
  ) {
    out.push({
      cause: 'algorithm-mismatch',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        `alg = "${alg}", but Secret holds an HMAC secret: ${alg} is verified with a public key, and a server verifying with JWT_SECRET (HS256) refuses it`,
      ],
    });
  }

  // Time claims.
  const leeway = Math.max(0, ev.leewaySeconds || 0);
  const leewayNote = leeway > 0 ? ` (leeway ${leeway} s)` : '';
  const exp = expSeconds(ev);
  const nbf = claimSeconds(ev, 'nbf');
  const iat = claimSeconds(ev, 'iat');
  const skewLine =
    facts.skew && Math.abs(facts.skew.skewMs) > Math.max(1000, leeway * 1000)
      ? facts.skew.sentence
      : undefined;
  if (t.status === 'expired' && exp !== undefined) {
    out.push({
      cause: 'token-expired',
      confidence: 'high',
      kind: 'token',
      evidence: [
        `${formatClaimTime('exp', exp, now)}: the token expired ${formatDuration(exp * 1000 - now)} ago by your clock${leewayNote}`,
        ...(skewLine ? [skewLine] : []),
      ],
    });
  } else if (t.status === 'not-yet-valid') {
    const claim = nbf !== undefined && nbf * 1000 > now ? 'nbf' : 'iat';
    const value = claim === 'nbf' ? nbf : iat;
    out.push({
      cause: 'token-not-yet-valid',
      confidence: 'high',
      kind: 'token',
      evidence: [
        value !== undefined
          ? `${formatClaimTime(claim, value, now)}: not valid for another ${formatDuration(value * 1000 - now)}${leewayNote}`
          : 'nbf is in the future',
        ...(skewLine ? [skewLine] : []),
      ],
    });
  } else if (codes.has('WARN_IAT_IN_FUTURE') && iat !== undefined && iat * 1000 > now + leeway * 1000) {
    out.push({
      cause: 'token-not-yet-valid',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        `${formatClaimTime('iat', iat, now)}: issued in the future — the signer's clock is ahead; strict servers refuse it`,
      ],
    });
  }
  // The server's clock, when it told us: a token valid here may be expired there.
  if (facts.skew && Math.abs(facts.skew.skewMs) > leeway * 1000 + 1000) {
    const serverNow = now + facts.skew.skewMs;
    if (t.status !== 'expired' && exp !== undefined && exp * 1000 + leeway * 1000 <= serverNow) {
      out.push({
        cause: 'token-expired',
        confidence: 'medium',
        kind: 'token',
        evidence: [
          `${formatClaimTime('exp', exp, now)}: valid by your clock, but expired by the server's — ${facts.skew.sentence}`,
        ],
      });
    }
    if (t.status !== 'not-yet-valid' && nbf !== undefined && nbf * 1000 - leeway * 1000 > serverNow) {
      out.push({
        cause: 'token-not-yet-valid',
        confidence: 'medium',
        kind: 'token',
        evidence: [
          `${formatClaimTime('nbf', nbf, now)}: valid by your clock, but not yet by the server's — ${facts.skew.sentence}`,
        ],
      });
    }
  }

  // Claims.
  if (t.missingClaims.length > 0) {
    out.push({
      cause: 'missing-claims',
      confidence: 'medium',
      kind: 'token',
      evidence: [
        `The payload lacks ${listWords(t.missingClaims)} (required: ${t.requiredClaims.join(', ')})`,
      ],
    });
  }
  const typeProblems = t.problems.filter((p) => p.code === 'WARN_CLAIM_TYPE');
  if (typeProblems.length > 0) {
    out.push({
      cause: 'missing-claims',
      confidence: 'medium',
      kind: 'token',
      evidence: typeProblems.map((p) => p.message),
    });
  }
  return out;
}

function secretFindings(ev: DiagnosisEvidence): Finding[] {
  const triage = ev.secret;
  // No secret verifies a malformed (e.g. cut) token: that is token-malformed, never a secret mismatch.
  if (triage === undefined || !isWellFormed(ev.token)) return [];
  const given = triage.given;
  if (given.ok) return [];
  const code = given.code.toUpperCase();
  // Not about the secret: no WebCrypto here, a token that is not a JWS, an unexpected failure.
  if (
    code === 'ERR_NO_WEBCRYPTO' ||
    code === 'ERR_VERIFY_FAILED' ||
    /ERR_JW[ST]_INVALID|MALFORMED|ERR_TOKEN/.test(code)
  )
    return [];
  if (/ALG|NOT_SUPPORTED/.test(code)) {
    return [
      {
        cause: 'algorithm-mismatch',
        confidence: 'high',
        kind: 'secret',
        evidence: [
          `Verifying with your ${triage.keyKind === 'public-key' ? 'public key' : 'Secret'} failed: ${given.message}`,
        ],
      },
    ];
  }
  if (/^ERR_SECRET/.test(code)) {
    return [
      {
        cause: 'secret-mismatch',
        confidence: 'medium',
        kind: 'secret',
        evidence: [`The Secret could not be used: ${given.message}`],
      },
    ];
  }
  const alg = ev.token.alg ?? 'HS256';
  const evidence = [
    triage.keyKind === 'public-key'
      ? `The signature does not verify with the public key you entered (${alg}${triage.keyLabel ? `; ${triage.keyLabel}` : ''})`
      : `The signature does not verify with the Secret you entered (${alg})`,
  ];
  const fix: string[] = [];
  if (triage.match) {
    evidence.push(
      `A variant of your Secret verifies it (${triage.match.label}): ${triage.match.explanation}`,
    );
    fix.push(VARIANT_FIX[triage.match.id]);
  } else if (triage.tried.length > 1) {
    evidence.push(
      `No usual variant of it verifies either (tried ${triage.tried.length}: ${triage.tried
        .map((v) => v.variant.label)
        .slice(0, 6)
        .join(', ')}): the token was signed with another secret`,
    );
  }
  for (const note of triage.notes.slice(0, 3)) evidence.push(note);
  return [{ cause: 'secret-mismatch', confidence: 'high', kind: 'secret', evidence, fix }];
}

function urlFindings(ev: DiagnosisEvidence): Finding[] {
  const out: Finding[] = [];
  const url = ev.url;
  const param = ev.paramName || 'token';
  if (!url.ok) {
    out.push({
      cause: 'server-unreachable',
      confidence: 'medium',
      kind: 'url',
      evidence: [`Server URL: ${url.message}`],
    });
    return out;
  }
  // The token travels in Sec-WebSocket-Protocol: the query string is not where to look for it.
  if (ev.tokenTravel === 'subprotocol') return out;
  if (url.notes.some((n) => n.code === 'PARAM_NAME_EMPTY') || ev.paramName.trim() === '') {
    out.push({
      cause: 'token-missing',
      confidence: 'medium',
      kind: 'url',
      evidence: ['Token parameter is empty: the token is not sent under any name'],
    });
  }
  const token = ev.token.token;
  if (token === '') return out;

  const values = rawQueryValues(url.url, param);
  if (values.length === 0) {
    out.push({
      cause: 'token-missing',
      confidence: 'medium',
      kind: 'url',
      evidence: [`The Connection URL carries no ?${param}= parameter`],
    });
  } else {
    const raw = values[values.length - 1] ?? '';
    const decoded = decodeQueryValue(raw);
    if (decoded !== token) {
      out.push({
        cause: 'token-not-encoded',
        confidence: 'high',
        kind: 'url',
        evidence: [
          decoded === undefined
            ? `The Connection URL carries ?${param}=${truncate(raw, 60)}, which is not valid percent-encoding`
            : `The Connection URL carries ?${param}=${truncate(raw, 60)}, which a server's query parser reads as ${quote(truncate(decoded, 60))} — not the token`,
        ],
      });
    }
    if (values.length > 1) {
      out.push({
        cause: 'token-not-encoded',
        confidence: 'low',
        kind: 'url',
        evidence: [
          `The Connection URL carries ?${param}= ${values.length} times: servers read the first, the last or an array`,
        ],
      });
    }
  }
  if (token.includes('%')) {
    const twice = /%25[0-9a-f]{2}/i.test(token) || /%25/.test(ev.token.input);
    out.push({
      cause: 'token-not-encoded',
      confidence: 'medium',
      kind: 'url',
      evidence: [
        twice
          ? 'The token contains %25: it was URL-encoded twice, and the server receives %xx text instead of the token'
          : "The token contains '%': it is still URL-encoded, and encoding it again makes the server receive %xx text",
      ],
    });
  } else if (/%25/i.test(ev.token.input) && ev.token.cleanups.some((c) => c.kind === 'percent-decoded')) {
    out.push({
      cause: 'token-not-encoded',
      confidence: 'low',
      kind: 'url',
      evidence: [
        'The pasted token was URL-encoded twice (%25); it was decoded before sending — check where your client encodes it',
      ],
    });
  }
  if (token.includes('+')) {
    out.push({
      cause: 'token-not-encoded',
      confidence: 'medium',
      kind: 'url',
      evidence: [
        "The token contains '+': sent without encodeURIComponent, a server's query parser reads it as a space",
      ],
    });
  }
  // A space inside something JWT-shaped (junk text has spaces for other reasons).
  if (/\s/.test(token) && token.split('.').length === 3) {
    out.push({
      cause: 'token-not-encoded',
      confidence: 'medium',
      kind: 'url',
      evidence: ["The token contains a space: a '+' was probably read as a space on the way"],
    });
  }
  return out;
}

function pageFindings(ev: DiagnosisEvidence, facts: Facts): Finding[] {
  if (ev.pageProtocol !== 'https:' || facts.scheme !== 'ws:') return [];
  return [
    {
      cause: 'mixed-content',
      confidence: facts.loopback ? 'medium' : 'high',
      kind: 'page',
      evidence: [
        `This page is served over https: and the Connection URL is ws://${facts.host ?? ''}: browsers block ws:// from https pages${
          facts.loopback ? ' (Chrome and Firefox make an exception for localhost; Safari does not)' : ''
        }`,
      ],
    },
  ];
}

function serverFindings(ev: DiagnosisEvidence): Finding[] {
  if (ev.health?.jwtSecretSet === false) {
    return [
      {
        cause: 'secret-mismatch',
        confidence: 'high',
        kind: 'server',
        evidence: [
          'GET /health says jwtSecretSet: false — the server has no JWT_SECRET and can verify no token',
        ],
        fix: ["Set JWT_SECRET in the server's .env (JWT_SECRET=your_actual_jwt_secret_here) and restart it"],
      },
    ];
  }
  return [];
}

// ---- how local findings enter the board -----------------------------------------------------------------

type LocalMode =
  /** Before Connect, or while connecting: as they are. */
  | 'as-is'
  /** The server refused the token: token findings explain it and rank first. */
  | 'explains'
  /** Something else failed first (unreachable, timeout): listed after it. */
  | 'secondary'
  /** The socket opened and stayed fine: the server accepted this token anyway. */
  | 'accepted';

function addLocal(
  board: Board,
  findings: readonly Finding[],
  mode: LocalMode,
  extra: readonly string[] = [],
): void {
  for (const f of findings) {
    switch (mode) {
      case 'as-is':
        board.add(f.cause, f.confidence, f.evidence, { fix: f.fix ?? [] });
        break;
      case 'explains': {
        const explains =
          f.kind === 'token' ||
          f.kind === 'secret' ||
          f.kind === 'server' ||
          (f.kind === 'url' && f.confidence !== 'low');
        board.add(f.cause, f.confidence, explains ? [...f.evidence, ...extra] : f.evidence, {
          fix: f.fix ?? [],
          boost: explains && f.confidence === 'high' ? 60 : explains ? 20 : 0,
        });
        break;
      }
      case 'secondary':
        board.add(f.cause, f.confidence, f.evidence, { fix: f.fix ?? [], boost: -100 });
        break;
      case 'accepted':
        if (f.cause === 'token-missing' || f.cause === 'mixed-content' || f.kind === 'url') break;
        board.add(
          f.cause,
          'low',
          [
            ...f.evidence,
            'The server accepted the connection anyway (open fired), so it does not enforce this — or checks it later',
          ],
          {
            fix: f.fix ?? [],
            boost: -50,
          },
        );
        break;
    }
  }
}

// ---- the connection ---------------------------------------------------------------------------------------

function closeLine(close: ConnectionEvent, open: ConnectionEvent | undefined): string {
  const code = close.code;
  const name = code === undefined ? '' : closeName(code);
  const reason =
    close.reason !== undefined && close.reason !== '' ? ` ${quote(close.reason)}` : ' (no reason)';
  const when = open
    ? `${formatElapsed(close.at - open.at)} after open (${formatElapsed(close.at)} after Connect)`
    : `${formatElapsed(close.at)} after Connect`;
  return `The server closed the socket with ${code ?? '?'}${name !== '' ? ` ${name}` : ''}${reason}, ${when}`;
}

/** The registry's name for a code, the same one the log row, the timeline and the CLI print. */
function closeName(code: number): string {
  return closeCodeInfo(code).name;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

const DIALECT_LABELS: Readonly<Record<string, string>> = {
  'guide-server': "the guide's server",
  'socket.io': 'socket.io',
  actioncable: 'ActionCable',
  hasura: 'Hasura',
  centrifugo: 'Centrifugo',
  hocuspocus: 'Hocuspocus',
};

/** The interpretation as an evidence sentence, naming the library when the detail does not. */
function explain(interp: ReasonInterpretation): string {
  if (interp.dialect === 'generic' || interp.dialect.startsWith('rfc')) return interp.detail;
  // Words identify a wording, not the library behind it (the reference server runs jose yet words its
  // refusals like jsonwebtoken): say whose words they are, never what the server is built on.
  const prefix = `${interp.dialect}: `;
  if (interp.detail.startsWith(prefix)) {
    const rest = interp.detail.slice(prefix.length).replace(/\.$/, '');
    return `${rest.charAt(0).toUpperCase()}${rest.slice(1)} (${interp.dialect}'s wording).`;
  }
  const label = DIALECT_LABELS[interp.dialect] ?? interp.dialect;
  return interp.detail.toLowerCase().includes(interp.dialect.toLowerCase()) ||
    interp.detail.toLowerCase().includes(label.toLowerCase())
    ? interp.detail
    : `${interp.detail} (${label})`;
}

/** Claims a server checks only after the signature verified: complaining about them means it verified. */
const AFTER_SIGNATURE: ReadonlySet<CauseId> = new Set([
  'token-expired',
  'token-not-yet-valid',
  'missing-claims',
  'token-claims-rejected',
]);
const SIGNATURE_FIRST_DIALECTS: ReadonlySet<string> = new Set(['jsonwebtoken', 'jose', 'guide-server']);

/** Local findings in the light of a specific server complaint. */
function reconcile(local: readonly Finding[], interp: ReasonInterpretation): Finding[] {
  if (!AFTER_SIGNATURE.has(interp.cause) || !SIGNATURE_FIRST_DIALECTS.has(interp.dialect)) return [...local];
  return local.map((f) =>
    f.cause === 'secret-mismatch' && f.kind === 'secret'
      ? {
          ...f,
          confidence: 'low' as Confidence,
          evidence: [
            ...f.evidence,
            `The server got past the signature check (it complained about ${quote(interp.quoted, 60)}), so the signature is fine for the server: the Secret you entered is not the server's`,
          ],
        }
      : f,
  );
}

/** Words the server sent, turned into board entries; returns true when it names a token/auth cause. */
function applyServerWords(
  board: Board,
  ev: DiagnosisEvidence,
  facts: Facts,
  interp: ReasonInterpretation,
  said: string,
  local: readonly Finding[],
  now: number,
): 'specific' | 'generic' | 'other' {
  const lines = [said, explain(interp)];
  const t = ev.token;
  const boost = 50;
  switch (interp.cause) {
    case 'secret-mismatch': {
      if (!isWellFormed(t) && t.format !== 'empty') {
        // A cut or broken token verifies with no secret: the server's "invalid signature" confirms it.
        board.add('token-malformed', 'high', [said, 'No secret verifies a broken signature'], {
          boost: boost + 10,
        });
        return 'specific';
      }
      const algFinding = local.find((f) => f.cause === 'algorithm-mismatch');
      if (algFinding)
        board.add('algorithm-mismatch', 'high', [...algFinding.evidence, said], { boost: boost + 20 });
      const extra: string[] = [];
      const fix: string[] = [];
      const triage = ev.secret;
      if (triage?.given.ok === true) {
        extra.push(
          "Your Secret verifies this token here, so the server's JWT_SECRET is different from yours (stray quotes or whitespace in .env, another .env, or the server decodes it, e.g. from base64)",
        );
      } else if (triage?.match) {
        extra.push(
          `A variant of your Secret verifies it (${triage.match.label}): ${triage.match.explanation}`,
        );
        fix.push(VARIANT_FIX[triage.match.id]);
      } else if (triage !== undefined && !triage.given.ok) {
        extra.push(
          'It does not verify with your Secret either: find the secret the token was really signed with',
        );
      } else {
        extra.push("Enter the server's JWT_SECRET in Secret to check the signature here");
      }
      if (ev.health?.jwtSecretSet === false) extra.push('GET /health says jwtSecretSet: false');
      board.add('secret-mismatch', interp.confidence, [...lines, ...extra], { boost, fix });
      return 'specific';
    }
    case 'token-expired': {
      const exp = expSeconds(ev);
      const extra: string[] = [];
      let confidence = interp.confidence;
      if (exp !== undefined) {
        // An expired token's local finding already carries the exp line.
        if (t.status !== 'expired') extra.push(formatClaimTime('exp', exp, now));
        if (exp * 1000 > now && t.status !== 'expired') {
          extra.push(
            `By your clock the token is still valid for ${formatDuration(exp * 1000 - now)}: the server's clock is ahead of yours${facts.skew ? ` (${facts.skew.sentence})` : ''}`,
          );
          if (interp.confidence !== 'high' && !(facts.skew && facts.skew.skewMs > 0))
            confidence = lower(interp.confidence);
        }
      } else if (!interp.claims?.includes('iat') && t.format === 'jws') {
        extra.push('The token has no exp here: the server may have read a different token');
      }
      board.add('token-expired', confidence, [...lines, ...extra], { boost });
      return 'specific';
    }
    case 'token-not-yet-valid': {
      const extra: string[] = [];
      const nbf = claimSeconds(ev, 'nbf');
      const iat = claimSeconds(ev, 'iat');
      if (t.status !== 'not-yet-valid') {
        if (nbf !== undefined) extra.push(formatClaimTime('nbf', nbf, now));
        else if (iat !== undefined) extra.push(formatClaimTime('iat', iat, now));
      }
      if (t.status !== 'not-yet-valid')
        extra.push(
          `By your clock the token is already valid: the server's clock is behind yours${facts.skew ? ` (${facts.skew.sentence})` : ''}`,
        );
      board.add('token-not-yet-valid', interp.confidence, [...lines, ...extra], { boost });
      return 'specific';
    }
    case 'token-malformed': {
      if (t.format === 'empty') {
        board.add('token-missing', 'high', [...lines, 'The Token field is empty'], { boost });
      } else if (isWellFormed(t)) {
        board.add(
          'token-not-encoded',
          'high',
          [
            ...lines,
            'The token is well-formed here, so it was changed on the way: encoding, a wrong parameter, or the server reads another field',
          ],
          {
            boost,
          },
        );
        board.add('token-malformed', 'low', [said]);
      } else {
        board.add('token-malformed', interp.confidence, lines, { boost });
      }
      return 'specific';
    }
    case 'token-missing': {
      const param = ev.paramName || 'token';
      if (ev.tokenTravel === 'subprotocol' && t.format !== 'empty') {
        // The evidence follows the placement actually used: the token went in a header, not the query.
        board.add(
          'token-travel-mismatch',
          'high',
          [
            ...lines,
            `Your token was sent in the Sec-WebSocket-Protocol header (offered: ${offeredWords(ev)}), not in the URL — the server did not find it there: it reads the token from another place, most likely the query string (?${param}=)`,
          ],
          { boost },
        );
        return 'specific';
      }
      const extra =
        t.format === 'empty'
          ? ['The Token field is empty']
          : [
              `Your token was sent as ?${param}=… — the server did not find it: it reads ${param === 'token' ? 'another parameter or another place (Authorization header, connection_init payload)' : "another parameter name (the guide's server reads ?token=)"}`,
            ];
      board.add('token-missing', 'high', [...lines, ...extra], {
        boost,
        fix:
          param !== 'token' && t.format !== 'empty'
            ? ["Set Token parameter to the name the server reads (the guide's: token)"]
            : [],
      });
      return 'specific';
    }
    case 'algorithm-mismatch': {
      const extra: string[] = [];
      if (t.alg !== undefined) extra.push(`The token's header says alg = "${t.alg}"`);
      const sig = t.segments.find((s) => s.name === 'signature');
      if (
        /signature is required/i.test(interp.quoted) &&
        sig?.raw === '' &&
        t.alg !== undefined &&
        t.alg.toLowerCase() !== 'none'
      ) {
        board.add('token-malformed', 'high', [said, 'The signature part is empty: the token was cut off'], {
          boost: boost + 10,
        });
      }
      board.add('algorithm-mismatch', interp.confidence, [...lines, ...extra], { boost });
      return 'specific';
    }
    case 'missing-claims': {
      const extra: string[] = [];
      const named = interp.claims ?? [];
      const payload = t.payload ?? {};
      const absent = named.filter((c) => !(c in payload));
      const present = named.filter((c) => c in payload);
      if (absent.length > 0) extra.push(`Not in the token here either: ${absent.join(', ')}`);
      for (const c of present.slice(0, 3))
        extra.push(
          `The token has ${c} = ${truncate(JSON.stringify(payload[c]) ?? '', 80)}: the server expects another value`,
        );
      if (named.length === 0 && t.missingClaims.length > 0)
        extra.push(`The payload lacks ${listWords(t.missingClaims)}`);
      board.add('missing-claims', interp.confidence, [...lines, ...extra], { boost });
      return 'specific';
    }
    case 'token-claims-rejected': {
      const payload = t.payload ?? {};
      const extra = (interp.claims ?? [])
        .slice(0, 3)
        .map((c) =>
          c in payload
            ? `The token has ${c} = ${truncate(JSON.stringify(payload[c]) ?? '', 80)}: the server expects another value`
            : `The token has no ${c} here: the server requires one it accepts`,
        );
      board.add('token-claims-rejected', interp.confidence, [...lines, ...extra], { boost });
      return 'specific';
    }
    case 'auth-rejected': {
      const explaining = local.filter((f) => TOKEN_CAUSES.has(f.cause) && f.confidence !== 'low');
      board.add(
        'auth-rejected',
        explaining.length > 0 ? lower(interp.confidence) : interp.confidence,
        lines,
        { boost: explaining.length > 0 ? -20 : 10 },
      );
      if (explaining.length === 0 && ev.secret === undefined && t.format === 'jws') {
        board.add(
          'secret-mismatch',
          'low',
          [
            "The server did not say why; a secret mismatch is the most common reason — enter the server's JWT_SECRET in Secret to check the signature here",
          ],
          { boost: -10 },
        );
      }
      return 'generic';
    }
    default:
      board.add(interp.cause, interp.confidence, lines, { boost: 20 });
      return 'other';
  }
}

/** Errors that Node's ws client (the CLI) reports in words; the browser gives none. */
function transportError(
  message: string,
): { cause: CauseId; confidence: Confidence; line: string; status?: number } | undefined {
  const m = message;
  const unexpected = /unexpected server response:?\s*(\d{3})/i.exec(m);
  if (unexpected)
    return {
      cause: 'handshake-rejected',
      confidence: 'high',
      line: `The server answered HTTP ${unexpected[1] ?? ''} to the upgrade`,
      status: Number(unexpected[1]),
    };
  if (/ECONNREFUSED/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'high',
      line: `${quote(m)}: nothing listens on that host and port`,
    };
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'high',
      line: `${quote(m)}: the host name does not resolve`,
    };
  if (/EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/i.test(m))
    return { cause: 'server-unreachable', confidence: 'high', line: `${quote(m)}: no route to that host` };
  if (/ETIMEDOUT/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'medium',
      line: `${quote(m)}: the TCP connection timed out (firewall, wrong host)`,
    };
  if (/opening handshake has timed out/i.test(m))
    return { cause: 'handshake-timeout', confidence: 'high', line: `${quote(m)}` };
  if (/server sent (no|an invalid) subprotocol|sent a subprotocol but none was requested/i.test(m))
    return { cause: 'subprotocol-mismatch', confidence: 'high', line: quote(m) };
  if (/certificate|self[- ]signed|ssl|tls|wrong version number|EPROTO/i.test(m))
    return {
      cause: 'server-unreachable',
      confidence: 'medium',
      line: `${quote(m)}: TLS failed — wss:// to a plain ws:// server, or an untrusted certificate`,
    };
  if (/ECONNRESET|socket hang up/i.test(m))
    return {
      cause: 'handshake-rejected',
      confidence: 'medium',
      line: `${quote(m)}: the server closed the TCP connection without answering the upgrade`,
    };
  if (/invalid sec-websocket-accept|invalid upgrade header|invalid status code/i.test(m))
    return {
      cause: 'handshake-rejected',
      confidence: 'medium',
      line: `${quote(m)}: something that is not a WebSocket server (or a proxy) answered`,
    };
  return undefined;
}

function statusMeaning(status: number, facts: Facts): string {
  if (status === 401 || status === 403)
    return 'the server checks authentication at the upgrade and refused it';
  if (status === 404) return `wrong path: nothing serves WebSocket upgrades at ${facts.path ?? 'that path'}`;
  if (status === 400)
    return 'the server refused the upgrade request itself (a missing or bad token parameter, or not a WebSocket endpoint)';
  if (status === 426)
    return 'the server wants an upgrade it does not get here — not its WebSocket endpoint, or a proxy dropped the Upgrade header';
  if (status === 429) return 'rate limited';
  if (status >= 300 && status < 400)
    return 'a redirect: WebSocket clients do not follow redirects — use the final URL (often wss://)';
  if (status === 502 || status === 503 || status === 504)
    return 'a proxy answered: the server behind it is down or not reachable';
  if (status >= 500) return 'the server failed while handling the upgrade';
  return 'the server refused the upgrade';
}

/** What to check when a 401/403 carries no words at all. */
const SILENT_REFUSAL =
  'No body and no WWW-Authenticate: the server gave no reason — Starlette/FastAPI answer 403 like this when the endpoint calls websocket.close() before accept(), Phoenix when connect/3 returns :error, Django Channels when the consumer closes before accepting; its log says why';

interface HttpRefusal {
  status: number;
  statusText?: string;
  headers?: Record<string, string>;
  body?: string;
  how: string;
}

function applyHttpRefusal(
  board: Board,
  ev: DiagnosisEvidence,
  facts: Facts,
  r: HttpRefusal,
  local: readonly Finding[],
  now: number,
): void {
  const { status } = r;
  const body = (r.body ?? '').trim();
  const origin = status === 403 && /origin/i.test(body);
  // A 403 whose body names the Origin is an allow-list check, not the token.
  const meaning = origin
    ? "the server refused this page's Origin at the upgrade"
    : statusMeaning(status, facts);
  const lines = [`${r.how} ${status}${r.statusText ? ` ${r.statusText}` : ''} to the upgrade: ${meaning}`];
  const www = header(r.headers, 'www-authenticate');
  if (www) lines.push(`WWW-Authenticate: ${truncate(www, 200)}`);
  const location = header(r.headers, 'location');
  if (location && status >= 300 && status < 400) lines.push(`Location: ${truncate(location, 200)}`);
  if (body !== '') lines.push(`Body: ${quote(body, 200)}`);

  const auth = status === 401 || status === 403;
  if (origin)
    lines.push(
      "The body speaks of the Origin: the server checks the page's Origin header against an allow-list",
    );

  // What the WWW-Authenticate challenge or the body says may name the token problem (same dialect rules as
  // close reasons); a 403 that says nothing is a refusal whose reason only the server log knows.
  const reading = readRefusal(status, r.headers, r.body);
  const said = reading.meaning;
  const named = said && TOKEN_CAUSES.has(said.interp.cause) ? said : undefined;
  if (said && !named && said.interp.dialect !== 'generic') lines.push(explain(said.interp));
  if (!said && auth && !origin && body === '' && !www) lines.push(SILENT_REFUSAL);
  board.add('handshake-rejected', 'high', lines, { boost: named ? 10 : 40 });
  if (named)
    applyServerWords(
      board,
      ev,
      facts,
      named.interp,
      `The server's ${named.where} says ${quote(named.interp.quoted)}`,
      local,
      now,
    );
  if (status === 502 || status === 503 || status === 504)
    board.add('server-unreachable', 'medium', [
      `HTTP ${status} from a proxy: the server behind it is not answering`,
    ]);
  else if (status >= 500) board.add('server-error', 'medium', [`HTTP ${status} answered to the upgrade`]);

  const tokenRelated = (auth && !origin) || status === 400;
  addLocal(
    board,
    local,
    tokenRelated ? 'explains' : 'secondary',
    tokenRelated ? [`The server refused the upgrade with ${status}`] : [],
  );
  if (
    tokenRelated &&
    !named &&
    ev.secret === undefined &&
    ev.token.format === 'jws' &&
    !local.some((f) => TOKEN_CAUSES.has(f.cause) && f.confidence !== 'low')
  ) {
    board.add(
      'secret-mismatch',
      'low',
      [
        "The server refused the token at the upgrade without saying why; enter the server's JWT_SECRET in Secret to check the signature here",
      ],
      {
        boost: -10,
      },
    );
  }
}

/** The offered subprotocols as evidence: a token travelling in one is named, not printed (it is long, and secret). */
function offeredWords(ev: DiagnosisEvidence): string {
  const token = ev.token.token;
  return (ev.offeredProtocols ?? [])
    .map((p) =>
      token !== '' && p.includes(token) ? p.split(token).join(`<token: ${token.length} chars>`) : p,
    )
    .join(', ');
}

/** The socket closed within a few seconds after exp passed, having been open before it. */
function closedAtExpiry(ev: DiagnosisEvidence, facts: Facts): string | undefined {
  const exp = expSeconds(ev);
  const { open, close } = facts;
  if (exp === undefined || !open || !close) return undefined;
  const expMs = exp * 1000;
  const leewayMs = Math.max(0, ev.leewaySeconds || 0) * 1000;
  const after = close.time - expMs;
  if (open.time >= expMs || after < -1000 || after > leewayMs + 5000) return undefined;
  return `The socket closed ${after >= 0 ? `${formatElapsed(after)} after` : `${formatElapsed(-after)} before`} exp passed (exp ${formatUtc(expMs)}), having been open for ${formatElapsed(close.at - open.at)}: the server enforces expiry on open sockets`;
}

/** What the fix steps depend on: what is entered, what verifies, what the server refused. */
function fixContext(ev: DiagnosisEvidence, facts: Facts): FixContext {
  const t = ev.token;
  const algRefused = facts.said.some((i) => i.cause === 'algorithm-mismatch');
  const payload = t.payload ?? {};
  const serverNamed = facts.said
    .filter((i) => i.cause === 'missing-claims')
    .flatMap((i) => i.claims ?? [])
    .filter((c) => !(c in payload));
  const ctx: FixContext = {
    tokenPresent: t.token !== '',
    keyVerifies: ev.secret?.given.ok === true,
    requiredClaims: [...new Set([...t.requiredClaims, ...serverNamed])],
    missingClaims: [...new Set([...t.missingClaims, ...serverNamed])],
  };
  if (algRefused && t.alg !== undefined && t.alg.toLowerCase() !== 'none' && isWellFormed(t))
    ctx.refusedAlg = t.alg;
  return ctx;
}

// ---- the engine ---------------------------------------------------------------------------------------------

/**
 * The likely causes of a failed (or about-to-fail) connection, most likely first; one entry per cause id.
 * Empty when nothing is wrong: the socket opened and stayed open or closed normally, and the token, the
 * secret and the URL check out (or before Connect, when no local problem is found).
 */
export function diagnose(evidence: DiagnosisEvidence, now: number): Cause[] {
  const ev = evidence;
  const facts = readFacts(ev, now);
  const board = new Board(fixContext(ev, facts));
  const local: Finding[] = [
    ...pageFindings(ev, facts),
    ...tokenFindings(ev, facts, now),
    ...secretFindings(ev),
    ...urlFindings(ev),
    ...serverFindings(ev),
  ];

  const { open, close, thrown, timeout, unexpected, error } = facts;

  // Before Connect, or still connecting: only what we know locally.
  const settled =
    open !== undefined ||
    close !== undefined ||
    error !== undefined ||
    timeout !== undefined ||
    unexpected !== undefined;
  if (!facts.attempted || !settled) {
    addLocal(board, local, 'as-is');
    return board.result(facts.fixVars);
  }

  // 1. The constructor threw: nothing left the browser.
  if (thrown && !open) {
    const what = `new WebSocket() threw ${quote(thrown.thrown ?? '')}${thrown.message ? `: ${quote(thrown.message)}` : ''}`;
    if (/security/i.test(thrown.thrown ?? '') && ev.pageProtocol === 'https:' && facts.scheme === 'ws:') {
      board.add(
        'mixed-content',
        'high',
        [what, 'This page is https: and the URL is ws://: the browser refused to open it'],
        { boost: 50 },
      );
    } else if (/security/i.test(thrown.thrown ?? '')) {
      board.add('server-unreachable', 'medium', [
        what,
        'The browser refuses this address (a blocked port, or an insecure ws:// from a secure page)',
      ]);
    } else {
      board.add('server-unreachable', 'medium', [
        what,
        ev.url.ok ? 'The browser refused the Connection URL' : `Server URL: ${ev.url.message}`,
      ]);
    }
    addLocal(
      board,
      local.filter((f) => f.cause !== 'mixed-content'),
      'secondary',
    );
    return board.result(facts.fixVars);
  }

  // 2. The server answered HTTP instead of switching protocols (CLI, or the console's x-ray).
  const xray = ev.xray;
  if (!open && unexpected && typeof unexpected.status === 'number') {
    const refusal: HttpRefusal = { status: unexpected.status, how: 'The server answered' };
    if (unexpected.statusText !== undefined) refusal.statusText = unexpected.statusText;
    if (unexpected.headers !== undefined) refusal.headers = unexpected.headers;
    if (unexpected.body !== undefined) refusal.body = unexpected.body;
    applyHttpRefusal(board, ev, facts, refusal, local, now);
    return board.result(facts.fixVars);
  }
  if (!open && xray && xray.status !== 101) {
    applyHttpRefusal(
      board,
      ev,
      facts,
      {
        status: xray.status,
        statusText: xray.statusText,
        headers: xray.headers,
        body: xray.body,
        how: 'The x-ray of the handshake shows the server answered',
      },
      local,
      now,
    );
    board.add('handshake-rejected', 'high', [
      "The browser hides this status (it reports only close 1006); DevTools → Network → WS → the request's Headers shows it too",
    ]);
    return board.result(facts.fixVars);
  }

  // 3. No answer in time.
  if (!open && timeout) {
    const waited = `No answer to the upgrade within ${formatElapsed(ev.timeoutMs)} (gave up at ${formatElapsed(timeout.at)} after Connect)`;
    if (facts.reach === 'unreachable') {
      // The probe was refused outright (a hung server makes it time out, which reads as unknown): nothing
      // listens there, and the browser had simply not reported its failed connection before the timer fired.
      board.add(
        'server-unreachable',
        'high',
        [
          `Reachability check: ${facts.reachDetail ?? 'unreachable'}`,
          `${waited}: the browser had not yet reported the refused connection`,
        ],
        {
          boost: 30,
        },
      );
      board.add('handshake-timeout', 'medium', [waited]);
      addLocal(board, local, 'secondary');
      return board.result(facts.fixVars);
    }
    board.add('handshake-timeout', 'high', [waited], { boost: 20 });
    if (facts.reach === 'reachable')
      board.add('handshake-timeout', 'high', [
        `The server answers HTTP (${facts.reachDetail ?? 'reachable'}) but not the upgrade: it (or a proxy) holds WebSocket requests`,
      ]);
    addLocal(board, local, 'secondary');
    return board.result(facts.fixVars);
  }

  // 4. Failed before open, without an HTTP status.
  if (!open) {
    const words = error?.message ?? '';
    const known = words !== '' ? transportError(words) : undefined;
    const failedAt = close?.at ?? error?.at ?? 0;
    if (known) {
      if (known.status !== undefined) {
        applyHttpRefusal(
          board,
          ev,
          facts,
          { status: known.status, how: 'The server answered HTTP' },
          local,
          now,
        );
        return board.result(facts.fixVars);
      }
      board.add(
        known.cause,
        known.confidence,
        [known.line, `Failed ${formatElapsed(failedAt)} after Connect`],
        { boost: 30 },
      );
      if (known.cause === 'subprotocol-mismatch' && ev.offeredProtocols?.length) {
        board.add('subprotocol-mismatch', 'high', [`Offered: ${offeredWords(ev)}`]);
      }
      addLocal(board, local, known.cause === 'handshake-rejected' ? 'explains' : 'secondary');
      return board.result(facts.fixVars);
    }
    if (close && close.code !== undefined && close.code !== 1006) {
      const interp = interpretCloseReason(close.code, close.reason ?? '');
      if (interp)
        board.add(interp.cause, interp.confidence, [closeLine(close, undefined), interp.detail], {
          boost: 20,
        });
    }
    if (xray && xray.status === 101) {
      const echoed = header(xray.headers, 'sec-websocket-protocol');
      if (ev.offeredProtocols?.length && !echoed) {
        board.add(
          'subprotocol-mismatch',
          'high',
          [
            `Offered ${offeredWords(ev)}; the x-ray shows the server accepted the upgrade without Sec-WebSocket-Protocol, so the browser failed the connection`,
          ],
          {
            boost: 40,
          },
        );
      } else {
        board.add('handshake-rejected', 'medium', [
          'The x-ray shows the server accepts the upgrade from Node, but the browser failed: an Origin check, a browser extension, or a proxy only the browser goes through',
        ]);
      }
    }

    const hidden = `The browser hides the HTTP status of a failed upgrade: the page sees only an error event and close ${close?.code ?? 1006}, ${formatElapsed(failedAt)} after Connect`;
    const devtools = 'DevTools → Network → WS → click the request → Headers shows the real status';
    const mixed = local.find((f) => f.cause === 'mixed-content');
    if (mixed)
      board.add('mixed-content', mixed.confidence, [...mixed.evidence, 'The connection failed before open'], {
        boost: 50,
      });
    const offered = ev.offeredProtocols ?? [];
    const subLine = `Subprotocols offered: ${offeredWords(ev)} — a server that does not echo one makes the browser fail the connection`;

    if (facts.reach === 'unreachable') {
      board.add(
        'server-unreachable',
        'high',
        [`Reachability check: ${facts.reachDetail ?? 'no answer'}`, hidden],
        { boost: 20 },
      );
      if (offered.length > 0) board.add('subprotocol-mismatch', 'low', [subLine]);
      addLocal(
        board,
        local.filter((f) => f.cause !== 'mixed-content'),
        'secondary',
      );
    } else if (facts.reach === 'reachable') {
      if (offered.length > 0)
        board.add(
          'subprotocol-mismatch',
          'medium',
          [subLine, `The server is up (${facts.reachDetail ?? 'reachable'}) yet the upgrade failed`],
          { boost: 30 },
        );
      board.add(
        'handshake-rejected',
        'medium',
        [
          `The server answers HTTP (${facts.reachDetail ?? 'reachable'}) but refused the upgrade: auth at the upgrade, wrong path, an Origin check or a proxy`,
          hidden,
          devtools,
        ],
        { boost: 10 },
      );
      addLocal(
        board,
        local.filter((f) => f.cause !== 'mixed-content'),
        'explains',
        [
          'The server is up and refused the upgrade: a server that checks the token at the handshake refuses this one',
        ],
      );
    } else {
      const fast = failedAt <= 30;
      if (offered.length > 0) board.add('subprotocol-mismatch', 'medium', [subLine], { boost: 5 });
      if (fast && facts.loopback) {
        board.add(
          'server-unreachable',
          'medium',
          [
            `Failed ${formatElapsed(failedAt)} after Connect on ${facts.host ?? 'localhost'}: that fast usually means connection refused — no server on that port`,
            hidden,
          ],
          {
            boost: 10,
          },
        );
        board.add('handshake-rejected', 'low', [
          `If the server is running, it refused the upgrade (auth at the upgrade, wrong path, Origin check)`,
          devtools,
        ]);
      } else {
        board.add(
          'server-unreachable',
          'medium',
          [
            `The connection failed ${formatElapsed(failedAt)} after Connect, before open: no server there, or`,
            hidden,
          ],
          { boost: 10 },
        );
        board.add('handshake-rejected', 'medium', [
          '…the server refused the upgrade (auth at the upgrade, wrong path, Origin check, proxy)',
          devtools,
        ]);
      }
      addLocal(
        board,
        local.filter((f) => f.cause !== 'mixed-content'),
        'as-is',
      );
    }
    return board.result(facts.fixVars);
  }

  // 5. The socket opened.
  const openedFor = close ? close.at - open.at : undefined;
  const offered = ev.offeredProtocols ?? [];
  if (offered.length > 0 && open.protocol === '') {
    board.add('subprotocol-mismatch', 'medium', [
      `Offered ${offeredWords(ev)}; the server opened the socket without choosing one (protocol "")`,
    ]);
  }

  let serverSpoke: 'specific' | 'generic' | 'other' | 'none' = 'none';
  let reconciled: Finding[] = local;
  for (const r of facts.refusals) {
    const said = `The server sent ${quote(r.event.data ?? '', 200)} ${formatElapsed(r.event.at - open.at)} after open`;
    const kind = applyServerWords(board, ev, facts, r.interp, said, local, now);
    if (serverSpoke === 'none' || kind === 'specific') serverSpoke = kind;
    reconciled = reconcile(reconciled, r.interp);
  }

  const expiry = closedAtExpiry(ev, facts);
  if (expiry && close) board.add('token-expired', 'high', [expiry, closeLine(close, open)], { boost: 70 });

  if (close) {
    const code = close.code;
    const noFrame = code === 1006 || (close.wasClean === false && (code === undefined || code === 1005));
    if (noFrame) {
      board.add(
        'connection-dropped',
        expiry || serverSpoke !== 'none' ? 'medium' : 'high',
        [
          `Open for ${formatElapsed(openedFor ?? 0)}, then cut without a close frame (${code ?? 1006}${close.wasClean === false ? ', wasClean false' : ''})`,
        ],
        { boost: 20 },
      );
      addLocal(board, local, 'accepted');
      return board.result(facts.fixVars);
    }
    const interp = code === undefined ? null : interpretCloseReason(code, close.reason ?? '');
    if (interp) {
      const said = closeLine(close, open);
      if (
        TOKEN_CAUSES.has(interp.cause) ||
        interp.cause === 'auth-rejected' ||
        interp.cause === 'handshake-rejected'
      ) {
        const kind = applyServerWords(board, ev, facts, interp, said, local, now);
        if (serverSpoke === 'none' || kind === 'specific') serverSpoke = kind;
        addLocal(
          board,
          reconcile(reconciled, interp),
          kind === 'generic' || serverSpoke === 'generic' ? 'explains' : 'as-is',
          [
            `The server refused it: ${quote(close.reason !== undefined && close.reason !== '' ? close.reason : String(code))}`,
          ],
        );
        return board.result(facts.fixVars);
      }
      // A transport-level close (1011, 1009, 1002, 4408...). A refusal message before it explains it better.
      board.add(interp.cause, serverSpoke !== 'none' ? 'low' : interp.confidence, [said, explain(interp)], {
        boost: serverSpoke !== 'none' ? 0 : 20,
      });
      addLocal(
        board,
        reconciled,
        serverSpoke === 'generic' ? 'explains' : serverSpoke === 'none' ? 'accepted' : 'as-is',
      );
      return board.result(facts.fixVars);
    }
    // A normal close (or an unknown code with nothing recognisable).
    if (
      code !== undefined &&
      code >= 3000 &&
      code <= 4999 &&
      openedFor !== undefined &&
      openedFor < 2000 &&
      serverSpoke === 'none' &&
      !expiry
    ) {
      board.add('auth-rejected', 'low', [
        `${closeLine(close, open)}: an application code right after open often means the server refused the client`,
      ]);
    }
  }

  if (serverSpoke === 'generic')
    addLocal(board, reconciled, 'explains', ['The server refused the connection']);
  else if (serverSpoke !== 'none') addLocal(board, reconciled, 'as-is');
  else {
    // Accepted without a word: a token no verifying server takes makes the server the finding.
    const lax = expiry ? undefined : laxServerFinding(ev);
    if (lax) board.add('server-skips-verification', lax.confidence, lax.evidence, { boost: 30 });
    addLocal(board, local, expiry ? 'as-is' : 'accepted');
  }
  return board.result(facts.fixVars);
}
