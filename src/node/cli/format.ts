// Human-readable output shared by the commands: token summaries, time claims, problems, the diagnosis.
import { cliText } from '../../core/diagnosis/surface.ts';
import { formatRelative } from '../../core/index.ts';
import type { Cause, TokenAnalysis, TokenStatus } from '../../core/index.ts';
import type { Style } from './io.ts';
import { printable } from './io.ts';

export function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${prefix}${line}`))
    .join('\n');
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * "Fri, 27 Nov 2026, 06:22:37 UTC+01:00" in the local time zone. Built from Date's local fields, not
 * Intl.DateTimeFormat: the first Intl formatter of a process costs ~30 ms of ICU set-up, a fifth of a cold
 * `wsjwt decode`.
 */
export function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return 'invalid date';
  const offset = -d.getTimezoneOffset();
  const zone =
    offset === 0
      ? 'UTC'
      : `UTC${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${WEEKDAYS[d.getDay()]}, ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${zone}`;
}

const STATUS_WORDS: Readonly<Record<TokenStatus, string>> = {
  empty: 'empty — no token',
  malformed: 'malformed — not a compact JWS (header.payload.signature)',
  valid: 'valid',
  expired: 'expired',
  'not-yet-valid': 'not yet valid (nbf or iat in the future)',
  'no-expiry': 'valid, but without exp (never expires)',
};

export function statusLine(t: TokenAnalysis, style: Style, now: number): string {
  const ok = t.status === 'valid';
  const word = STATUS_WORDS[t.status];
  let extra = '';
  const exp = t.times.exp;
  if (exp !== undefined && (t.status === 'valid' || t.status === 'expired')) {
    extra = ` (${t.status === 'valid' ? 'expires' : 'expired'} ${formatRelative(exp.seconds * 1000 - now)})`;
  }
  const colored = ok ? style.green(word) : t.status === 'no-expiry' ? style.yellow(word) : style.red(word);
  return `${colored}${extra}`;
}

export function timeLines(t: TokenAnalysis, now: number): string[] {
  const lines: string[] = [];
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    const time = t.times[claim];
    if (time === undefined) continue;
    const ms = time.seconds * 1000;
    lines.push(`${claim}  ${time.seconds}  ${time.utc}  local ${localTime(ms)}  ${formatRelative(ms - now)}`);
  }
  return lines;
}

export function problemLines(t: TokenAnalysis, style: Style): string[] {
  return t.problems.map((p) => {
    const mark =
      p.severity === 'error' ? style.red('✗') : p.severity === 'warning' ? style.yellow('!') : style.dim('i');
    return `${mark} ${printable(cliText(p.message))}${p.detail !== undefined ? ` (${printable(p.detail)})` : ''} ${style.dim(`[${p.code}]`)}`;
  });
}

/** The token as decode and probe describe it: cleanups, status, header, payload, times, problems. */
export function describeToken(
  t: TokenAnalysis,
  style: Style,
  now: number,
  options: { header?: boolean; payload?: boolean } = {},
): string {
  const out: string[] = [];
  out.push(`${style.bold('Status:')}  ${statusLine(t, style, now)}`);
  for (const cleanup of t.cleanups) out.push(`${style.dim('Cleaned:')} ${printable(cleanup.message)}`);
  if (t.format === 'jwe') out.push('Format:  JWE (5 parts) — an encrypted token, not a signed JWT');
  if (options.header !== false && t.header !== undefined)
    out.push(`${style.bold('Header:')}`, indent(printable(json(t.header))));
  if (options.payload !== false && t.payload !== undefined)
    out.push(`${style.bold('Payload:')}`, indent(printable(json(t.payload))));
  const times = timeLines(t, now);
  if (times.length > 0) out.push(`${style.bold('Times:')}`, ...times.map((line) => indent(line)));
  if (t.missingClaims.length > 0)
    out.push(
      `${style.bold('Missing claims:')} ${t.missingClaims.join(', ')} (required: ${t.requiredClaims.join(', ')})`,
    );
  const problems = problemLines(t, style);
  if (problems.length > 0) out.push(`${style.bold('Problems:')}`, ...problems.map((line) => indent(line)));
  return out.join('\n');
}

const CONFIDENCE_MARK: Readonly<Record<Cause['confidence'], string>> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
};

export function describeDiagnosis(causes: readonly Cause[], style: Style): string {
  if (causes.length === 0) return `${style.bold('Diagnosis:')} ${style.green('no problem found')}`;
  const out: string[] = [`${style.bold('Diagnosis')} (most likely first):`];
  causes.forEach((cause, i) => {
    const color =
      cause.confidence === 'high' ? style.red : cause.confidence === 'medium' ? style.yellow : style.dim;
    out.push(
      `${i + 1}. ${style.bold(cause.title)} ${style.dim(`[${cause.cause}, ${color(CONFIDENCE_MARK[cause.confidence])} confidence]`)}`,
    );
    for (const line of cause.evidence) out.push(`     • ${printable(line)}`);
    if (cause.fix.length > 0) {
      out.push(`     ${style.bold('Fix:')}`);
      for (const step of cause.fix) out.push(`     → ${printable(step)}`);
    }
  });
  return out.join('\n');
}
