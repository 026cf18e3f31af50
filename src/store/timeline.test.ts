import { describe, expect, it } from 'vitest';
import { countMessageForTimeline, timelineDensity } from './timeline.ts';

describe('timeline density', () => {
  it('counts per attempt; a newer attempt starts over and late messages of an older one are ignored', () => {
    expect(timelineDensity(1)).toBeNull();
    countMessageForTimeline(1, 10);
    countMessageForTimeline(1, 20);
    expect(timelineDensity(1)?.total).toBe(2);
    countMessageForTimeline(2, 5);
    countMessageForTimeline(1, 30);
    expect(timelineDensity(1)).toBeNull();
    expect(timelineDensity(2)?.total).toBe(1);
  });
});
