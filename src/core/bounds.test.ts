import { describe, expect, it } from 'vitest';
import { checkRange, HEARTBEAT_MS_RANGE, inRangeOr, LEEWAY_S_RANGE, TIMEOUT_MS_RANGE } from './bounds.ts';

describe('ranges of inputs with a unit', () => {
  it('accepts values in range, from numbers or typed text', () => {
    expect(checkRange('100', TIMEOUT_MS_RANGE)).toEqual({ ok: true, value: 100 });
    expect(checkRange(300_000, TIMEOUT_MS_RANGE)).toEqual({ ok: true, value: 300_000 });
    expect(checkRange(' 1.5 ', LEEWAY_S_RANGE)).toEqual({ ok: true, value: 1.5 });
    expect(checkRange('0', LEEWAY_S_RANGE)).toEqual({ ok: true, value: 0 });
  });

  it('says which field, the range and what is wrong', () => {
    // Above 2^31−1 ms setTimeout would fire at once: refused, not clamped.
    expect(checkRange('2147483648', TIMEOUT_MS_RANGE)).toEqual({
      ok: false,
      message: 'Timeout (ms) must be a whole number from 100 to 300,000 ms; “2147483648” is above that.',
    });
    expect(checkRange('50', HEARTBEAT_MS_RANGE)).toMatchObject({
      message: 'Interval (ms) must be a whole number from 100 to 3,600,000 ms; “50” is below that.',
    });
    expect(checkRange('-1', LEEWAY_S_RANGE)).toMatchObject({
      message: 'Leeway (s) must be a number from 0 to 86,400 s; “-1” is below that.',
    });
    expect(checkRange('', TIMEOUT_MS_RANGE)).toMatchObject({ message: /an empty field is not a number\.$/ });
    expect(checkRange('1e', TIMEOUT_MS_RANGE)).toMatchObject({ message: /“1e” is not a number\.$/ });
    expect(checkRange('150.5', TIMEOUT_MS_RANGE)).toMatchObject({ message: /“150.5” has a fraction\.$/ });
    expect(checkRange(Number.POSITIVE_INFINITY, TIMEOUT_MS_RANGE).ok).toBe(false);
  });

  it('inRangeOr: a stored value out of range falls back', () => {
    expect(inRangeOr(1e12, TIMEOUT_MS_RANGE, 10_000)).toBe(10_000);
    expect(inRangeOr(2000, TIMEOUT_MS_RANGE, 10_000)).toBe(2000);
  });
});
