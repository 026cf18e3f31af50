// Small, deterministic renderers for evidence sentences. Every one takes its numbers as arguments (never
// the clock), so the same evidence always renders the same words and tests can assert them.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12 s", "5 min", "5 min 3 s" (under 10 min), "23 h 59 min", "3 d 2 h". Sign is ignored. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.floor(abs / SECOND)} s`;
  if (abs < HOUR) {
    const m = Math.floor(abs / MINUTE);
    const s = Math.floor((abs % MINUTE) / SECOND);
    return m < 10 && s > 0 ? `${m} min ${s} s` : `${m} min`;
  }
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m > 0 ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h > 0 ? `${d} d ${h} h` : `${d} d`;
}

/** "5 min ago" / "in 23 h 59 min" / "now". `deltaMs` positive = in the future. */
export function formatRelative(deltaMs: number): string {
  if (Math.abs(deltaMs) < SECOND) return 'now';
  return deltaMs < 0 ? `${formatDuration(deltaMs)} ago` : `in ${formatDuration(deltaMs)}`;
}

/** A short elapsed time: "12 ms", "3.2 s", then formatDuration. */
export function formatElapsed(ms: number): string {
  const abs = Math.max(0, Math.round(ms));
  if (abs < SECOND) return `${abs} ms`;
  if (abs < MINUTE) return `${(abs / SECOND).toFixed(1).replace(/\.0$/, '')} s`;
  return formatDuration(abs);
}

/** ISO 8601 without milliseconds: 2026-11-27T04:22:37Z. Empty string for an unrepresentable date. */
export function formatUtc(epochMs: number): string {
  const d = new Date(epochMs);
  return Number.isNaN(d.getTime()) ? '' : `${d.toISOString().slice(0, -5)}Z`;
}

/** `exp = 1764217357 (2025-11-27T04:22:37Z, 5 min ago)` */
export function formatClaimTime(claim: string, seconds: number, now: number): string {
  const ms = seconds * 1000;
  const utc = formatUtc(ms);
  return utc === '' ? `${claim} = ${seconds}` : `${claim} = ${seconds} (${utc}, ${formatRelative(ms - now)})`;
}

/** At most `max` characters, an ellipsis marking the cut. */
export function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A server's words, quoted for an evidence line: "invalid signature". Control characters shown escaped. */
export function quote(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${truncate(visible, max)}"`;
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
