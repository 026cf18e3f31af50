import { describe, expect, it } from 'vitest';
import { clockSkew } from './clock.ts';
import { formatClaimTime, formatDuration, formatElapsed, formatRelative, quote } from './format.ts';
import { NOW } from './fixtures.test-helpers.ts';

describe('clockSkew', () => {
  it('is undefined without a server time', () => {
    expect(clockSkew(undefined, NOW)).toBeUndefined();
    expect(clockSkew({ ok: true }, NOW)).toBeUndefined();
    expect(clockSkew({ ok: true, serverTime: Number.NaN }, NOW)).toBeUndefined();
  });

  it('measures against receivedAt when known, else now', () => {
    expect(clockSkew({ ok: true, serverTime: NOW + 125_000, receivedAt: NOW }, NOW + 999_999)).toEqual({
      skewMs: 125_000,
      sentence: "The server's clock is 2 min 5 s ahead of yours.",
    });
    expect(clockSkew({ ok: true, serverTime: NOW - 3 * 3600_000 }, NOW)?.sentence).toBe(
      "The server's clock is 3 h behind yours.",
    );
    expect(clockSkew({ ok: true, serverTime: NOW + 400 }, NOW)?.sentence).toBe(
      "The server's clock agrees with yours (within 1 s).",
    );
  });
});

describe('format', () => {
  it.each([
    [0, '0 s'],
    [12_000, '12 s'],
    [5 * 60_000, '5 min'],
    [5 * 60_000 + 3000, '5 min 3 s'],
    [23 * 3600_000 + 59 * 60_000, '23 h 59 min'],
    [3 * 86_400_000 + 2 * 3600_000, '3 d 2 h'],
  ])('formatDuration(%i) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('relative, elapsed, claim time, quote', () => {
    expect(formatRelative(-300_000)).toBe('5 min ago');
    expect(formatRelative(86_340_000)).toBe('in 23 h 59 min');
    expect(formatRelative(200)).toBe('now');
    expect(formatElapsed(12)).toBe('12 ms');
    expect(formatElapsed(3240)).toBe('3.2 s');
    expect(formatElapsed(2000)).toBe('2 s');
    expect(formatClaimTime('exp', 1764217357, Date.UTC(2025, 10, 27, 4, 27, 37))).toBe(
      'exp = 1764217357 (2025-11-27T04:22:37Z, 5 min ago)',
    );
    expect(quote('a\nb')).toBe('"a\\nb"');
    expect(quote('x'.repeat(300))).toHaveLength(202);
  });
});
