import type { ConnectionEvent } from '../core/index.ts';

/** Connecting/open/error/close events kept at most (a reconnect storm must not grow memory either). */
export const MAX_PINNED = 2000;

/** One row of the event log. */
export interface LogEntry extends ConnectionEvent {
  /** Monotonic sequence number, unique across attempts. */
  seq: number;
  /** Which Connect this belongs to (1, 2, …). */
  attempt: number;
}

/**
 * The event log's memory: a ring buffer for messages with a settable cap, and a separate list for the
 * events that must never be evicted by a flood (connecting, open, error, close, timeout). Lives outside
 * React and outside the store's immutable state so a message costs O(1), never a copy of the log.
 */
export class LogBuffer {
  private ring: Array<LogEntry | undefined>;
  private head = 0; // index of the oldest message
  private size = 0;
  private pinned: LogEntry[] = [];
  private cachedVersion = -1;
  private cached: LogEntry[] = [];
  /** Messages and events ever pushed (since the last clear). */
  total = 0;
  /** Messages evicted because the cap was reached. */
  dropped = 0;
  /** Bumped on every change; snapshots are cached per version. */
  version = 0;
  private seq = 0;

  constructor(private capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError('capacity must be a positive integer');
    this.ring = new Array<LogEntry | undefined>(capacity);
  }

  get cap(): number {
    return this.capacity;
  }

  get length(): number {
    return this.size + this.pinned.length;
  }

  push(event: ConnectionEvent, attempt: number): LogEntry {
    const entry: LogEntry = { ...event, seq: ++this.seq, attempt };
    this.total++;
    this.version++;
    if (event.type !== 'message') {
      this.pinned.push(entry);
      // Pinned events are few (a handful per Connect); bound them anyway against a reconnect storm.
      if (this.pinned.length > MAX_PINNED) this.pinned.splice(0, this.pinned.length - MAX_PINNED);
      return entry;
    }
    if (this.size < this.capacity) {
      this.ring[(this.head + this.size) % this.capacity] = entry;
      this.size++;
    } else {
      this.ring[this.head] = entry;
      this.head = (this.head + 1) % this.capacity;
      this.dropped++;
    }
    return entry;
  }

  /** Change the cap, keeping the newest messages. */
  resize(capacity: number): void {
    if (!Number.isInteger(capacity) || capacity < 1) throw new TypeError('capacity must be a positive integer');
    const messages = this.messages();
    const keep = messages.slice(Math.max(0, messages.length - capacity));
    this.dropped += messages.length - keep.length;
    this.capacity = capacity;
    this.ring = new Array<LogEntry | undefined>(capacity);
    keep.forEach((m, i) => (this.ring[i] = m));
    this.head = 0;
    this.size = keep.length;
    this.version++;
  }

  clear(): void {
    this.ring = new Array<LogEntry | undefined>(this.capacity);
    this.head = 0;
    this.size = 0;
    this.pinned = [];
    this.total = 0;
    this.dropped = 0;
    this.version++;
  }

  private messages(): LogEntry[] {
    const out: LogEntry[] = new Array<LogEntry>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.ring[(this.head + i) % this.capacity] as LogEntry;
    return out;
  }

  /** All kept entries in order. Cached per version: many readers per frame cost one merge. */
  snapshot(): readonly LogEntry[] {
    if (this.cachedVersion === this.version) return this.cached;
    const messages = this.messages();
    const pinned = this.pinned;
    const out: LogEntry[] = new Array<LogEntry>(messages.length + pinned.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < messages.length && j < pinned.length) {
      const m = messages[i] as LogEntry;
      const p = pinned[j] as LogEntry;
      if (m.seq < p.seq) {
        out[k++] = m;
        i++;
      } else {
        out[k++] = p;
        j++;
      }
    }
    while (i < messages.length) out[k++] = messages[i++] as LogEntry;
    while (j < pinned.length) out[k++] = pinned[j++] as LogEntry;
    this.cached = out;
    this.cachedVersion = this.version;
    return out;
  }
}
