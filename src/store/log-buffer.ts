import type { ConnectionEvent } from '../core/index.ts';

/** Pinned events (connecting/open/error/close/timeout) kept at most once evicted from the ring. */
export const MAX_PINNED = 2000;
/** Characters (text) plus bytes (binary previews) the ring keeps at most, whatever the entry cap. */
export const DEFAULT_CHAR_BUDGET = 64 * 1024 * 1024;
/** Fixed cost counted per entry (the object itself) against the budget. */
const ENTRY_OVERHEAD = 64;

/** One row of the event log. */
export interface LogEntry extends ConnectionEvent {
  /** Monotonic sequence number, unique across attempts and clears. */
  seq: number;
  /** Which Connect this belongs to (1, 2, …). */
  attempt: number;
  /** Binary messages: the first bytes (bounded), for the hex view. */
  bytes?: Uint8Array;
  /** A received message that echoed one the console sent: the round trip in ms. */
  rtt?: number;
  /** A protocol's frame (graphql-ws, Socket.IO, STOMP…), decoded: the raw text stays in `data`. */
  frame?: LoggedFrame;
}

/** What the log keeps of a decoded frame: its type, id and one line (the payload stays in the raw text). */
export interface LoggedFrame {
  type: string;
  id?: string;
  summary: string;
}

/** Messages (received or sent) can be evicted by a flood; every other event is pinned. */
export function isPinnedEvent(type: ConnectionEvent['type']): boolean {
  return type !== 'message' && type !== 'sent';
}

function weight(e: LogEntry): number {
  return ENTRY_OVERHEAD + (e.data?.length ?? 0) + (e.bytes?.byteLength ?? 0);
}

/**
 * The event log's memory: one ring buffer of entries with a settable cap (and a character budget, so a
 * flood of huge messages cannot grow memory either). When the ring evicts a pinned event (connecting,
 * open, error, close, timeout) it moves to a small `overflow` list instead of being lost, so the close and
 * the errors are always kept. Every overflow entry is older than every ring entry, so the log is
 * `overflow ++ ring`, in sequence order, and `at(i)` is O(1): a virtualised view reads only the rows it
 * shows and a message costs O(1), never a copy of the log. Lives outside React and the store.
 */
export class LogBuffer {
  private ring: Array<LogEntry | undefined>;
  private head = 0; // ring index of the oldest entry
  private size = 0;
  private overflow: LogEntry[] = [];
  private keptChars = 0;
  private cachedVersion = -1;
  private cached: LogEntry[] = [];
  private seq = 0;
  /** Entries ever pushed since the last clear. */
  total = 0;
  /** Entries no longer kept (evicted by the cap or the budget) since the last clear. */
  dropped = 0;
  /** Bumped on every change; snapshots are cached per version. */
  version = 0;

  constructor(
    private capacity: number,
    private charBudget = DEFAULT_CHAR_BUDGET,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new TypeError('capacity must be a positive integer');
    if (!(charBudget > 0)) throw new TypeError('charBudget must be positive');
    this.ring = new Array<LogEntry | undefined>(capacity);
  }

  get cap(): number {
    return this.capacity;
  }

  /** Entries kept (what a view can show). */
  get length(): number {
    return this.overflow.length + this.size;
  }

  /** The i-th kept entry, oldest first. */
  at(i: number): LogEntry | undefined {
    const o = this.overflow.length;
    if (i < o) return i >= 0 ? this.overflow[i] : undefined;
    const j = i - o;
    if (j >= this.size) return undefined;
    return this.ring[(this.head + j) % this.capacity];
  }

  /** Index of the first kept entry whose seq is ≥ `seq` (length when none). Entries are in seq order. */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.at(mid)?.seq ?? Infinity) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds an event; returns the entry as kept. */
  push(event: ConnectionEvent, attempt: number, extra?: Pick<LogEntry, 'bytes' | 'rtt'>): LogEntry {
    const entry: LogEntry = { ...event, ...extra, seq: 0, attempt };
    this.add(entry);
    return entry;
  }

  /** Adds an entry built by the caller (the hot path: one object per message). Assigns its `seq`. */
  add(entry: LogEntry): void {
    entry.seq = ++this.seq;
    this.total++;
    this.version++;
    const w = weight(entry);
    while (this.size > 0 && (this.size >= this.capacity || this.keptChars + w > this.charBudget))
      this.evictOldest();
    this.ring[(this.head + this.size) % this.capacity] = entry;
    this.size++;
    this.keptChars += w;
  }

  private evictOldest(): void {
    const old = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    if (!old) return;
    this.keptChars -= weight(old);
    if (isPinnedEvent(old.type)) {
      this.overflow.push(old);
      // A reconnect storm must not grow memory either: the oldest pinned events go past MAX_PINNED.
      if (this.overflow.length > MAX_PINNED) {
        this.overflow.shift();
        this.dropped++;
      }
    } else {
      this.dropped++;
    }
  }

  /** Changes the cap, keeping the newest entries (evicted pinned events are still kept). */
  resize(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new TypeError('capacity must be a positive integer');
    const kept: LogEntry[] = [];
    for (let i = 0; i < this.size; i++) kept.push(this.ring[(this.head + i) % this.capacity] as LogEntry);
    this.capacity = capacity;
    this.ring = new Array<LogEntry | undefined>(capacity);
    this.head = 0;
    this.size = 0;
    this.keptChars = 0;
    for (const e of kept) {
      while (this.size > 0 && this.size >= this.capacity) this.evictOldest();
      this.ring[(this.head + this.size) % this.capacity] = e;
      this.size++;
      this.keptChars += weight(e);
    }
    this.version++;
  }

  /** Forgets every entry and resets the counts (sequence numbers keep rising: keys stay unique). */
  clear(): void {
    this.ring = new Array<LogEntry | undefined>(this.capacity);
    this.head = 0;
    this.size = 0;
    this.overflow = [];
    this.keptChars = 0;
    this.total = 0;
    this.dropped = 0;
    this.version++;
  }

  /** All kept entries in order, as a new array (cached per version: many readers per frame cost one copy). */
  snapshot(): readonly LogEntry[] {
    if (this.cachedVersion === this.version) return this.cached;
    const n = this.length;
    const out = new Array<LogEntry>(n);
    for (let i = 0; i < n; i++) out[i] = this.at(i) as LogEntry;
    this.cached = out;
    this.cachedVersion = this.version;
    return out;
  }
}
