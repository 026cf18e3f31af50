// The support bundle: everything a maintainer needs to see why a JWT-authenticated WebSocket fails, as
// Markdown to paste into an issue — the guide's "Support" section done right. Never the secret, never the
// token or its signature: the decoded header and payload say all a reader needs.
import { closeCodeInfo } from '../close-codes/index.ts';
import { clockSkew } from '../diagnosis/clock.ts';
import type {
  Cause,
  ChecklistItem,
  ConnectionEvent,
  HandshakeXray,
  HealthInfo,
  Reachability,
} from '../diagnosis/types.ts';
import type { MatrixSummary, MatrixVerdict } from '../matrix/types.ts';
import type { ConnectionUrlResult, SecretEncoding, SecretTriage, TokenAnalysis } from '../types.ts';
import { createRedactor } from '../redact/text.ts';
import { redactUrlToken } from '../url/connection-url.ts';
import { travelSection } from './travel-section.ts';
import type { SupportBundleTravel } from './travel-section.ts';

/** Characters of a message's data kept in the bundle. */
export const SUPPORT_MESSAGE_CHARS = 200;
/** Events listed at most (the first ones: connecting, open, close and the first messages). */
export const SUPPORT_MAX_EVENTS = 60;
const XRAY_BODY_CHARS = 2000;

export interface SupportBundleAttempt {
  url: string;
  startedAt: number;
  events: readonly ConnectionEvent[];
  reachability?: Reachability;
  health?: HealthInfo;
  xray?: HandshakeXray;
}

export interface SupportBundleMatrixRow {
  variant: { id: string; label: string; expected: 'accept' | 'reject' };
  verdict?: MatrixVerdict;
}

export interface SupportBundleInput {
  /** Epoch ms: when the bundle is made. */
  now: number;
  /** The console's version, e.g. '0.1.0'. */
  version: string;
  userAgent?: string;
  pageOrigin?: string;
  serverUrl: string;
  paramName: string;
  connection: ConnectionUrlResult;
  analysis: TokenAnalysis;
  /** The Secret as typed. Used ONLY to scrub it from the output; it is never written. */
  secretText: string;
  secretEncoding?: SecretEncoding;
  /** The signature check of the current token with the Secret, when it has been done. */
  triage?: SecretTriage;
  attempt?: SupportBundleAttempt | null;
  causes: readonly Cause[];
  checklist: readonly ChecklistItem[];
  requiredClaims?: readonly string[];
  timeoutMs?: number;
  leewaySeconds?: number;
  /** The protocol and where the token travels (issue #15); absent: a plain socket, token in the query. */
  travel?: SupportBundleTravel;
  /** The server auth test matrix, when it has been run. */
  matrix?: { rows: readonly SupportBundleMatrixRow[]; summary?: MatrixSummary; url?: string };
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/** A fence longer than any run of backticks inside, so server text cannot end the block. */
function fenced(body: string, info = ''): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Markdown renderers that scrub before they escape, so a placeholder such as <token redacted> is escaped too. */
interface Fmt {
  /** One line of prose from text that may come from a server: no line breaks, no HTML. */
  inline(text: string): string;
  /** A Markdown table cell. */
  cell(text: string): string;
  /** Inline code that survives backticks in the text. */
  code(text: string): string;
}

function formatter(redact: (text: string) => string): Fmt {
  const inline = (text: string): string =>
    redact(text)
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[<>]/g, (c) => `\\${c}`);
  return {
    inline,
    cell: (text) => inline(text).replace(/\|/g, '\\|'),
    code: (text) => {
      const oneLine = redact(text).replace(/[\r\n]+/g, ' ');
      const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
      const ticks = '`'.repeat(longest + 1);
      const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
      return `${ticks}${pad}${oneLine}${pad}${ticks}`;
    },
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function describeEvent(e: ConnectionEvent): string {
  const at = `+${e.at.toFixed(1)} ms`.padEnd(12);
  const type = e.type.padEnd(11);
  const parts: string[] = [];
  switch (e.type) {
    case 'close':
      if (e.code !== undefined) parts.push(`code ${e.code} (${closeCodeInfo(e.code).name})`);
      parts.push(`reason ${JSON.stringify(e.reason ?? '')}`);
      if (e.wasClean !== undefined) parts.push(`wasClean ${e.wasClean}`);
      break;
    case 'message':
    case 'sent': {
      if (e.binary) {
        parts.push(`binary, ${e.size ?? '?'} bytes${e.data ? `: ${e.data}` : ''}`);
        break;
      }
      const data = e.data ?? '';
      const length = Math.max(e.size ?? 0, data.length);
      parts.push(
        JSON.stringify(
          data.length > SUPPORT_MESSAGE_CHARS ? `${data.slice(0, SUPPORT_MESSAGE_CHARS)}…` : data,
        ),
      );
      if (data.length > SUPPORT_MESSAGE_CHARS)
        parts.push(`(${length} characters, cut to ${SUPPORT_MESSAGE_CHARS})`);
      break;
    }
    case 'unexpected-response':
      if (e.status !== undefined) parts.push(`HTTP ${e.status}${e.statusText ? ` ${e.statusText}` : ''}`);
      break;
    case 'open':
      if (e.protocol) parts.push(`subprotocol ${JSON.stringify(e.protocol)}`);
      break;
    default:
      if (e.data !== undefined) parts.push(clip(e.data, SUPPORT_MESSAGE_CHARS));
      break;
  }
  if (e.thrown) parts.push(`threw ${e.thrown}`);
  if (e.message) parts.push(clip(e.message, SUPPORT_MESSAGE_CHARS));
  return `${at}${type}${parts.join(' ')}`.trimEnd();
}

function signatureLine(input: SupportBundleInput): string {
  if (input.secretText === '') return 'not checked (no Secret entered)';
  const t = input.triage;
  if (!t) return 'not checked yet';
  if (t.given.ok) return `verifies with the Secret (${t.given.alg})`;
  if (t.match)
    return `does not verify with the Secret as entered; it verifies with the secret read as ${t.match.label}`;
  return `does not verify with the Secret (${t.given.code}: ${t.given.message})`;
}

function tokenSection(input: SupportBundleInput, lines: string[], f: Fmt): void {
  const a = input.analysis;
  lines.push('### Token (decoded; the signature is not included)', '');
  lines.push(`- Status: **${a.status}** (against the console's clock, ${iso(input.now)})`);
  if (a.format === 'jws') {
    const [h, p, s] = a.segments;
    lines.push(
      `- Shape: 3 segments — header ${h?.raw.length ?? 0}, payload ${p?.raw.length ?? 0}, signature ${s?.raw.length ?? 0} characters (the signature itself is left out)`,
    );
  } else {
    lines.push(`- Shape: ${a.format}`);
  }
  if (a.alg !== undefined) lines.push(`- alg: ${f.code(a.alg)}`);
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    const t = a.times[claim];
    if (t) lines.push(`- ${claim}: ${t.seconds} (${t.utc}, ${t.relative})`);
  }
  const required = input.requiredClaims ?? a.requiredClaims;
  lines.push(
    `- Required claims: ${required.length > 0 ? required.join(', ') : '(none)'}; missing: ${a.missingClaims.length > 0 ? a.missingClaims.join(', ') : 'none'}`,
  );
  lines.push(`- Signature: ${f.inline(signatureLine(input))}`);
  if (input.secretText !== '')
    lines.push(`- Secret: entered (${input.secretEncoding ?? 'utf8'}); not included`);
  for (const note of input.triage?.notes ?? []) lines.push(`- Secret note: ${f.inline(note)}`);
  for (const c of a.cleanups) lines.push(`- Cleaned from the input: ${f.inline(c.message)}`);
  for (const problem of a.problems)
    lines.push(`- ${problem.severity}: ${f.inline(problem.message)} (${problem.code})`);
  lines.push('');
  if (a.header !== undefined)
    lines.push('Header:', '', fenced(JSON.stringify(a.header, null, 2), 'json'), '');
  if (a.payload !== undefined)
    lines.push('Payload:', '', fenced(JSON.stringify(a.payload, null, 2), 'json'), '');
  if (a.header === undefined && a.payload === undefined && a.format !== 'empty')
    lines.push('Nothing of the token could be decoded.', '');
}

function attemptSection(input: SupportBundleInput, lines: string[], f: Fmt): void {
  const attempt = input.attempt;
  lines.push('### Events of the latest attempt', '');
  if (!attempt) {
    lines.push('No connection attempt yet (Connect was not clicked).', '');
    return;
  }
  lines.push(
    `Started ${iso(attempt.startedAt)}; URL ${f.code(redactUrlToken(attempt.url, input.paramName))}.`,
    '',
  );
  const events = attempt.events.slice(0, SUPPORT_MAX_EVENTS).map(describeEvent);
  if (attempt.events.length > SUPPORT_MAX_EVENTS)
    events.push(`… ${attempt.events.length - SUPPORT_MAX_EVENTS} more events not listed`);
  lines.push(fenced(events.length > 0 ? events.join('\n') : '(no events)', 'text'), '');
  const facts: string[] = [];
  const r = attempt.reachability;
  if (r && r.state !== 'unknown') facts.push(`- Reachability: ${r.state} — ${f.inline(r.detail)}`);
  const health = attempt.health;
  if (health) {
    const parts = ['answered'];
    if (health.jwtSecretSet !== undefined)
      parts.push(`JWT_SECRET set: ${health.jwtSecretSet ? 'yes' : 'no'}`);
    if (health.serverTime !== undefined) parts.push(`server time ${iso(health.serverTime)}`);
    const skew = clockSkew(health, health.receivedAt ?? input.now);
    if (skew) parts.push(skew.sentence);
    facts.push(`- GET /health: ${f.inline(parts.join('; '))}`);
  }
  if (facts.length > 0) lines.push(...facts, '');
  const x = attempt.xray;
  if (x) {
    lines.push('### Handshake x-ray (what the browser hides)', '');
    const head = [
      `HTTP ${x.status} ${x.statusText}`.trimEnd(),
      ...Object.entries(x.headers).map(([k, v]) => `${k}: ${v}`),
    ];
    lines.push(fenced(`${head.join('\n')}\n\n${clip(x.body, XRAY_BODY_CHARS)}`.trimEnd(), 'http'), '');
  }
}

function diagnosisSection(input: SupportBundleInput, lines: string[], f: Fmt): void {
  lines.push('### Diagnosis', '');
  if (input.causes.length === 0) {
    const opened = input.attempt?.events.some((e) => e.type === 'open') ?? false;
    lines.push(
      opened ? 'No problems found: the socket opened and the token checks out.' : 'No likely cause found.',
      '',
    );
  }
  input.causes.forEach((c, i) => {
    lines.push(`${i + 1}. **${f.inline(c.title)}** — cause ${f.code(c.cause)}, confidence ${c.confidence}`);
    for (const e of c.evidence) lines.push(`   - Evidence: ${f.inline(e)}`);
    for (const step of c.fix) lines.push(`   - Fix: ${f.inline(step)}`);
  });
  if (input.causes.length > 0) lines.push('');
  if (input.checklist.length > 0) {
    lines.push('Quick fix checklist:', '');
    for (const item of input.checklist) {
      const box = item.state === 'pass' ? '[x]' : '[ ]';
      lines.push(`- ${box} ${f.inline(item.label)} — ${item.state}: ${f.inline(item.evidence)}`);
    }
    lines.push('');
  }
}

function matrixSection(input: SupportBundleInput, lines: string[], f: Fmt): void {
  const m = input.matrix;
  if (!m || m.rows.length === 0) return;
  lines.push('### Server auth test matrix', '');
  if (m.url) lines.push(`Against ${f.code(m.url)}.`, '');
  if (m.summary) lines.push(f.inline(m.summary.sentence), '');
  lines.push('| variant | expected | server did | verdict |', '| --- | --- | --- | --- |');
  for (const row of m.rows) {
    const v = row.verdict;
    lines.push(
      `| ${f.cell(row.variant.label)} | ${row.variant.expected} | ${f.cell(v?.observed ?? 'not run')} | ${v ? `${v.state}: ${f.cell(v.sentence)}` : '—'} |`,
    );
  }
  lines.push('');
}

/**
 * The support bundle as Markdown. Contains the Connection URL with the token redacted, the token's decoded
 * header and payload (never the token, never its signature), its status and times, the latest attempt's
 * events (message data cut to 200 characters), the x-ray and /health findings, the diagnosis with evidence
 * and fixes, the checklist, the test matrix, the user agent and page origin and the console version. As a
 * last defence every line is scrubbed of the token, any JWT signature, the secret and the credentials of
 * the typed URLs (src/core/redact).
 */
export function buildSupportBundle(input: SupportBundleInput): string {
  if (typeof input !== 'object' || input === null)
    throw new TypeError('buildSupportBundle: input must be an object');
  if (typeof input.secretText !== 'string')
    throw new TypeError('buildSupportBundle: input.secretText must be a string');
  const a = input.analysis;
  // The URLs the user typed: their credentials (userinfo, api_key, an old token…) go wherever they turn up.
  const urls = [input.serverUrl, a.input, input.attempt?.url ?? '', input.matrix?.url ?? ''];
  if (input.connection.ok) urls.push(input.connection.url);
  const redact = createRedactor({
    tokens: [a.token, a.input],
    secrets: [input.secretText],
    urls,
    tokenParams: [input.paramName],
  });
  const f = formatter(redact);

  const lines: string[] = [];
  lines.push('## WebSocket + JWT connection problem — support bundle', '');
  lines.push(
    `Made with the wsjwt console ${f.inline(input.version)} at ${iso(input.now)}. Not included: the secret, the token and any token's signature, and the credentials in URLs (userinfo, keys, tokens).`,
    '',
  );

  lines.push('### Environment', '');
  if (input.pageOrigin !== undefined) lines.push(`- Page origin: ${f.code(input.pageOrigin)}`);
  if (input.userAgent !== undefined) lines.push(`- User agent: ${f.code(input.userAgent)}`);
  lines.push(`- Server URL: ${f.code(redactUrlToken(input.serverUrl, input.paramName))}`);
  lines.push(`- Token parameter: ${f.code(input.paramName)}`);
  lines.push(
    `- Connection URL: ${input.connection.ok ? f.code(redactUrlToken(input.connection.url, input.paramName)) : `not built — ${f.inline(input.connection.message)}`}`,
  );
  if (input.timeoutMs !== undefined) lines.push(`- Connect timeout: ${input.timeoutMs} ms`);
  if (input.leewaySeconds !== undefined) lines.push(`- Clock leeway: ${input.leewaySeconds} s`);
  lines.push('');
  if (input.travel !== undefined)
    lines.push(
      ...travelSection(
        input.travel,
        {
          paramName: input.paramName,
          tokens: [a.token, a.input.trim()],
          attemptUrl: input.attempt?.url,
          events: input.attempt?.events,
        },
        f,
      ),
    );

  tokenSection(input, lines, f);
  diagnosisSection(input, lines, f);
  attemptSection(input, lines, f);
  matrixSection(input, lines, f);

  lines.push(
    '### Client code',
    '',
    '<!-- Paste the lines that open the WebSocket (without the token or the secret). -->',
    '',
  );

  // Scrub every line (what a server sent is inside), then the whole text once more.
  return redact(lines.map(redact).join('\n'));
}
