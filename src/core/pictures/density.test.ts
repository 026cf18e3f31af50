import { describe, expect, it } from 'vitest';
import { DensityHistogram } from './density.ts';

describe('DensityHistogram', () => {
  it('counts into fixed buckets and doubles the window when a message falls past it', () => {
    const h = new DensityHistogram(4, 10);
    h.add(0);
    h.add(5);
    h.add(15);
    h.add(39.9);
    expect(h.snapshot()).toEqual({ bucketMs: 10, counts: [2, 1, 0, 1], total: 4 });
    h.add(40); // window 40 ms → 80 ms: pairs merge
    expect(h.snapshot()).toEqual({ bucketMs: 20, counts: [3, 1, 1, 0], total: 5 });
    h.add(1000); // several doublings at once
    const s = h.snapshot();
    expect(s.bucketMs).toBe(320);
    expect(s.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(s.counts[3]).toBe(1);
  });

  it('snapshots are immutable and cached per version; reset starts over', () => {
    const h = new DensityHistogram();
    h.add(1);
    const a = h.snapshot();
    expect(h.snapshot()).toBe(a);
    expect(Object.isFrozen(a.counts)).toBe(true);
    h.add(2);
    expect(h.snapshot()).not.toBe(a);
    h.reset();
    expect(h.snapshot()).toEqual({ bucketMs: 50, counts: new Array(60).fill(0), total: 0 });
  });

  it('bad times count at 0 and huge ones end', () => {
    const h = new DensityHistogram(4, 10);
    h.add(Number.NaN);
    h.add(-5);
    h.add(Number.POSITIVE_INFINITY);
    h.add(1e300);
    expect(h.total).toBe(4);
    expect(h.snapshot().counts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('a million messages cost constant memory', () => {
    const h = new DensityHistogram();
    for (let i = 0; i < 1_000_000; i++) h.add(i / 10);
    expect(h.snapshot().counts).toHaveLength(60);
    expect(h.total).toBe(1_000_000);
  });

  it('rejects odd bucket counts', () => {
    expect(() => new DensityHistogram(3)).toThrow(TypeError);
    expect(() => new DensityHistogram(4, 0)).toThrow(TypeError);
  });
});
