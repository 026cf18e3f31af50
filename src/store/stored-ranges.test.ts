// Issue 11.4: values with a unit that come back from storage pass the same ranges as typed ones; an older
// version kept any positive number (a Timeout of 10^12 ms makes setTimeout fire at once).
import { describe, expect, it } from 'vitest';
import './memory-storage.test-helpers.ts';

describe('stored Timeout (ms) and Leeway (s)', () => {
  it('in range: restored', async () => {
    const { sanitizePersisted } = await import('./store.ts');
    expect(sanitizePersisted({ timeoutMs: 300_000, leewaySeconds: 30 })).toMatchObject({
      timeoutMs: 300_000,
      leewaySeconds: 30,
    });
  });

  it.each([
    [1e12, -1],
    [2 ** 31, 86_401],
    [50, Number.NaN],
    [0.5, Infinity],
  ])(
    'out of range (timeout %s, leeway %s): dropped, so the defaults stay',
    async (timeoutMs, leewaySeconds) => {
      const { sanitizePersisted } = await import('./store.ts');
      const out = sanitizePersisted({ timeoutMs, leewaySeconds });
      expect(out.timeoutMs).toBeUndefined();
      expect(out.leewaySeconds).toBeUndefined();
    },
  );
});
