// Message density for the Connection timeline. The store keeps only the first few messages of an attempt
// as evidence, so the timeline counts every message here, outside React and outside immutable state:
// O(1) per message, constant memory. The picture reads a snapshot when the log flush bumps `logVersion`.
import { DensityHistogram, type DensitySnapshot } from '../core/index.ts';

const histogram = new DensityHistogram();
let currentAttempt = 0;

/** Counts one received message of `attempt` at `at` ms since its Connect. A newer attempt starts over. */
export function countMessageForTimeline(attempt: number, at: number): void {
  if (attempt < currentAttempt) return; // a late message of a socket already replaced
  if (attempt > currentAttempt) {
    currentAttempt = attempt;
    histogram.reset();
  }
  histogram.add(at);
}

/** The density of `attempt`, or null when nothing was counted for it. */
export function timelineDensity(attempt: number): DensitySnapshot | null {
  return attempt === currentAttempt ? histogram.snapshot() : null;
}
