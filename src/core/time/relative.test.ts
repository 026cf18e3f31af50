import { describe, expect, it } from 'vitest';
import { formatDuration, formatLocalDateTime, formatRelative, formatWallClock } from './relative.ts';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe('formatRelative', () => {
  it.each([
    [0, 'just now'],
    [999, 'just now'],
    [-999, 'just now'],
    [42 * S, 'in 42 s'],
    [42 * S + 900, 'in 42 s'],
    [-5 * MIN, '5 min ago'],
    [5 * MIN + 7 * S, 'in 5 min 7 s'],
    [24 * H - 30 * S, 'in 23 h 59 min'],
    [24 * H, 'in 1 d'],
    [-(3 * D + 4 * H + 5 * MIN), '3 d 4 h ago'],
    [D + 5 * MIN, 'in 1 d'],
    [H, 'in 1 h'],
    [Number.NaN, 'at an unknown time'],
  ])('%d ms → %s', (delta, text) => {
    expect(formatRelative(delta)).toBe(text);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => formatRelative('5')).toThrow(TypeError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [340, '340 ms'],
    [340.4, '340 ms'],
    [999.7, '1 s'],
    [1240, '1.24 s'],
    [12_500, '12.5 s'],
    [59_990, '1 min'],
    [125 * S, '2 min 5 s'],
    [H + 3 * MIN, '1 h 3 min'],
    [-340, '-340 ms'],
    [Infinity, 'unknown'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => formatDuration(null)).toThrow(TypeError);
  });
});

describe('formatWallClock', () => {
  const NOW = Date.UTC(2026, 10, 27, 4, 22, 37, 123);

  it.each([
    ['UTC', '04:22:37.123'],
    ['Europe/Paris', '05:22:37.123'],
    ['America/New_York', '23:22:37.123'],
    ['Asia/Kolkata', '09:52:37.123'],
  ])('%s', (zone, text) => {
    expect(formatWallClock(NOW, zone)).toBe(text);
  });

  it('uses h23 (never 24:00) and pads milliseconds', () => {
    expect(formatWallClock(Date.UTC(2026, 0, 1, 0, 0, 0, 5), 'UTC')).toBe('00:00:00.005');
  });

  it('defaults to the local zone', () => {
    expect(formatWallClock(NOW)).toMatch(/^\d\d:\d\d:\d\d\.123$/);
  });

  it('handles instants before 1970 and out-of-range values', () => {
    expect(formatWallClock(-1, 'UTC')).toBe('23:59:59.999');
    expect(formatWallClock(Number.NaN, 'UTC')).toBe('--:--:--.---');
  });

  it('rejects misuse', () => {
    expect(() => formatWallClock(NOW, 'Mars/Olympus')).toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    expect(() => formatWallClock('now')).toThrow(TypeError);
  });
});

describe('formatLocalDateTime', () => {
  const t = Date.UTC(2026, 10, 27, 8, 5, 9, 750); // 2026-11-27T08:05:09.750Z

  it('reads the wall clock of the given offset and names the offset', () => {
    expect(formatLocalDateTime(t, 0)).toBe('2026-11-27 08:05:09 UTC');
    expect(formatLocalDateTime(t, -60)).toBe('2026-11-27 09:05:09 UTC+01:00'); // Paris in winter
    expect(formatLocalDateTime(t, 300)).toBe('2026-11-27 03:05:09 UTC-05:00'); // New York in winter
    expect(formatLocalDateTime(t, -330)).toBe('2026-11-27 13:35:09 UTC+05:30'); // India
    expect(formatLocalDateTime(t, 540)).toBe('2026-11-26 23:05:09 UTC-09:00'); // the day before
  });

  it('uses the local zone by default, the same as Date does', () => {
    const d = new Date(t);
    const expected = formatLocalDateTime(t, d.getTimezoneOffset());
    expect(formatLocalDateTime(t)).toBe(expected);
    expect(expected.slice(11, 13)).toBe(String(d.getHours()).padStart(2, '0'));
  });

  it('says "—" for instants a Date cannot hold, and refuses non-numbers', () => {
    expect(formatLocalDateTime(Number.NaN)).toBe('—');
    expect(formatLocalDateTime(Infinity)).toBe('—');
    expect(formatLocalDateTime(9e15)).toBe('—');
    expect(formatLocalDateTime(0, 0)).toBe('1970-01-01 00:00:00 UTC');
    expect(() => formatLocalDateTime('1' as unknown as number)).toThrow(TypeError);
  });
});
