import { afterEach, describe, expect, it } from 'vitest';
import { localTime } from './format.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('localTime', () => {
  it('the local wall time with its UTC offset, without Intl', () => {
    const at = Date.UTC(2026, 10, 27, 5, 22, 37);
    process.env.TZ = 'UTC';
    expect(localTime(at)).toBe('Fri, 27 Nov 2026, 05:22:37 UTC');
    process.env.TZ = 'Europe/Paris';
    expect(localTime(at)).toBe('Fri, 27 Nov 2026, 06:22:37 UTC+01:00');
    process.env.TZ = 'America/St_Johns';
    expect(localTime(at)).toBe('Fri, 27 Nov 2026, 01:52:37 UTC-03:30');
    process.env.TZ = 'Asia/Kolkata';
    expect(localTime(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe('Thu, 1 Jan 2026, 05:30:00 UTC+05:30');
  });

  it('a date out of range says so', () => {
    expect(localTime(8.64e15 + 1)).toBe('invalid date');
  });
});
