const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [DAY, 'd'],
  [HOUR, 'h'],
  [MINUTE, 'min'],
  [SECOND, 's'],
];

/** The two most significant units of a non-negative duration, truncated: "23 h 59 min", "3 d 4 h", "42 s". */
function twoUnits(absMs: number): string {
  for (let i = 0; i < UNITS.length; i++) {
    const unit = UNITS[i];
    if (!unit) continue;
    const [size, label] = unit;
    if (absMs < size) continue;
    const major = Math.floor(absMs / size);
    const next = UNITS[i + 1];
    if (!next) return `${major} ${label}`;
    const minor = Math.floor((absMs - major * size) / next[0]);
    return minor > 0 ? `${major} ${label} ${minor} ${next[1]}` : `${major} ${label}`;
  }
  return '0 s';
}

/**
 * A time difference for humans: "in 23 h 59 min", "5 min ago", "in 42 s", "3 d 4 h ago", "just now" (under 1 s).
 * Positive = future. Two most significant units, truncated towards zero.
 */
export function formatRelative(deltaMs: number): string {
  if (typeof deltaMs !== 'number') throw new TypeError('formatRelative: deltaMs must be a number');
  if (!Number.isFinite(deltaMs)) return 'at an unknown time';
  const abs = Math.abs(deltaMs);
  if (abs < SECOND) return 'just now';
  const text = twoUnits(abs);
  return deltaMs > 0 ? `in ${text}` : `${text} ago`;
}

/** A duration: "340 ms", "1.24 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (typeof ms !== 'number') throw new TypeError('formatDuration: ms must be a number');
  if (!Number.isFinite(ms)) return 'unknown';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const rounded = Math.round(abs);
  if (rounded < SECOND) return `${sign}${rounded} ms`;
  if (abs < MINUTE) {
    const seconds = Number((abs / SECOND).toPrecision(3));
    if (seconds < 60) return `${sign}${seconds} s`;
    return `${sign}1 min`; // 59.96 s rounds up
  }
  return `${sign}${twoUnits(abs)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function clockFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  const cached = formatters.get(key);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
  } catch {
    throw new TypeError(`formatWallClock: unknown time zone "${String(timeZone)}"`);
  }
  formatters.set(key, formatter);
  return formatter;
}

/**
 * Wall-clock time of an instant, "HH:MM:SS.mmm", in the given IANA time zone (default: the local zone).
 * Used for log lines, where the date is implied.
 */
export function formatWallClock(epochMs: number, timeZone?: string): string {
  if (typeof epochMs !== 'number') throw new TypeError('formatWallClock: epochMs must be a number');
  if (timeZone !== undefined && typeof timeZone !== 'string') {
    throw new TypeError('formatWallClock: timeZone must be a string');
  }
  const formatter = clockFormatter(timeZone);
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return '--:--:--.---';
  let hour = '00';
  let minute = '00';
  let second = '00';
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
    else if (part.type === 'second') second = part.value;
  }
  const millis = Math.floor(((epochMs % 1000) + 1000) % 1000);
  return `${hour}:${minute}:${second}.${String(millis).padStart(3, '0')}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Local date and time of an instant, "2026-11-27 09:15:04 UTC+01:00": unambiguous whatever the reader's
 * locale, and without Intl (whose first use costs milliseconds, paid when a token is pasted). `offsetMinutes`
 * is Date#getTimezoneOffset's (minutes *behind* UTC); default: the local zone's at that instant.
 */
export function formatLocalDateTime(epochMs: number, offsetMinutes?: number): string {
  if (typeof epochMs !== 'number') throw new TypeError('formatLocalDateTime: epochMs must be a number');
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return '—';
  const offset = offsetMinutes ?? new Date(epochMs).getTimezoneOffset();
  if (!Number.isFinite(offset)) throw new TypeError('formatLocalDateTime: offsetMinutes must be finite');
  // The wall clock of that zone, read with the UTC getters of a shifted instant.
  const local = new Date(epochMs - offset * 60_000);
  if (Number.isNaN(local.getTime())) return '—';
  const year = local.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  const east = -offset;
  const zone =
    east === 0
      ? 'UTC'
      : `UTC${east > 0 ? '+' : '-'}${pad2(Math.floor(Math.abs(east) / 60))}:${pad2(Math.abs(east) % 60)}`;
  return `${y}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())} ${zone}`;
}
