// The server's clock against ours. A token that is valid here can be expired there (and the other way
// round) when the two clocks disagree by more than the leeway.
import { formatDuration } from './format.ts';
import type { ClockSkew, HealthInfo } from './types.ts';

/** Below this, the clocks agree for every practical purpose (network latency alone is a few ms). */
const SAME_CLOCK_MS = 1000;

/**
 * serverTime − our time when the answer arrived (`receivedAt`, else `now`), in ms; positive: the server is
 * ahead. Undefined when the server did not report its time.
 */
export function clockSkew(health: HealthInfo | undefined, now: number): ClockSkew | undefined {
  if (health === undefined || typeof health.serverTime !== 'number' || !Number.isFinite(health.serverTime))
    return undefined;
  const local =
    typeof health.receivedAt === 'number' && Number.isFinite(health.receivedAt) ? health.receivedAt : now;
  const skewMs = health.serverTime - local;
  const sentence =
    Math.abs(skewMs) < SAME_CLOCK_MS
      ? "The server's clock agrees with yours (within 1 s)."
      : `The server's clock is ${formatDuration(skewMs)} ${skewMs > 0 ? 'ahead of' : 'behind'} yours.`;
  return { skewMs, sentence };
}
