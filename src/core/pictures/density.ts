// Message density over one connection: a fixed number of time buckets over a window that grows by
// doubling, so counting a message is O(1) (amortized) and memory is constant however long the socket lives.

export interface DensitySnapshot {
  /** Width of one bucket, ms. Bucket i covers [i·bucketMs, (i+1)·bucketMs) since Connect. */
  bucketMs: number;
  counts: readonly number[];
  total: number;
}

export const DENSITY_BUCKETS = 60;
export const DENSITY_INITIAL_BUCKET_MS = 50;

export class DensityHistogram {
  private readonly counts: number[];
  private width: number;
  private count = 0;
  private cachedAt = -1;
  private cached: DensitySnapshot | null = null;
  /** Bumped on every change. */
  version = 0;

  constructor(
    readonly buckets: number = DENSITY_BUCKETS,
    private readonly initialBucketMs: number = DENSITY_INITIAL_BUCKET_MS,
  ) {
    if (!Number.isInteger(buckets) || buckets < 2 || buckets % 2 !== 0)
      throw new TypeError('buckets must be an even integer ≥ 2');
    if (!(initialBucketMs > 0) || !Number.isFinite(initialBucketMs))
      throw new TypeError('initialBucketMs must be a positive number');
    this.counts = new Array<number>(buckets).fill(0);
    this.width = initialBucketMs;
  }

  get bucketMs(): number {
    return this.width;
  }

  get total(): number {
    return this.count;
  }

  /** Counts one message at `atMs` since Connect. Bad times (negative, NaN) count at 0. */
  add(atMs: number): void {
    const at = Number.isFinite(atMs) && atMs > 0 ? atMs : 0;
    // Past ~10^15 ms there is nothing left to show; cap so widening always ends.
    const t = Math.min(at, 1e15);
    while (t >= this.buckets * this.width) this.widen();
    const i = Math.min(this.buckets - 1, Math.floor(t / this.width));
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.count++;
    this.version++;
  }

  /** Doubles the bucket width: pairs merge into the first half, the second half empties. */
  private widen(): void {
    const half = this.buckets / 2;
    for (let i = 0; i < half; i++) this.counts[i] = (this.counts[2 * i] ?? 0) + (this.counts[2 * i + 1] ?? 0);
    for (let i = half; i < this.buckets; i++) this.counts[i] = 0;
    this.width *= 2;
  }

  reset(): void {
    this.counts.fill(0);
    this.width = this.initialBucketMs;
    this.count = 0;
    this.version++;
  }

  /** An immutable copy, cached per version (many readers per frame cost one copy). */
  snapshot(): DensitySnapshot {
    if (this.cached && this.cachedAt === this.version) return this.cached;
    this.cached = { bucketMs: this.width, counts: Object.freeze([...this.counts]), total: this.count };
    this.cachedAt = this.version;
    return this.cached;
  }
}
