import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogBuffer, MAX_PINNED, isPinnedEvent, type LogEntry } from './log-buffer.ts';
import type { ConnectionEvent } from '../core/index.ts';

const msg = (data: string): ConnectionEvent => ({ type: 'message', at: 0, time: 0, data });
const ev = (type: ConnectionEvent['type']): ConnectionEvent => ({ type, at: 0, time: 0 });
const names = (b: LogBuffer) => b.snapshot().map((e) => e.data ?? e.type);

describe('LogBuffer', () => {
  it('keeps everything in order below the cap', () => {
    const b = new LogBuffer(10);
    b.push(ev('connecting'), 1);
    b.push(ev('open'), 1);
    b.push(msg('a'), 1);
    b.push(msg('b'), 1);
    b.push(ev('close'), 1);
    expect(names(b)).toEqual(['connecting', 'open', 'a', 'b', 'close']);
    expect(b.total).toBe(5);
    expect(b.dropped).toBe(0);
  });

  it('drops the oldest messages past the cap but never connecting/open/error/close', () => {
    const b = new LogBuffer(3);
    b.push(ev('connecting'), 1);
    b.push(ev('open'), 1);
    for (let i = 0; i < 1000; i++) b.push(msg(String(i)), 1);
    b.push(ev('error'), 1);
    b.push(ev('close'), 1);
    expect(names(b)).toEqual(['connecting', 'open', '999', 'error', 'close']);
    expect(b.total).toBe(1004);
    expect(b.dropped).toBe(999);
    expect(b.length).toBe(5);
  });

  it('reads any entry by index without a copy, and finds entries by sequence number', () => {
    const b = new LogBuffer(4);
    b.push(ev('open'), 1);
    for (let i = 0; i < 10; i++) b.push(msg(String(i)), 1);
    const snap = b.snapshot();
    for (let i = 0; i < b.length; i++) expect(b.at(i)).toBe(snap[i]);
    expect(b.at(-1)).toBeUndefined();
    expect(b.at(b.length)).toBeUndefined();
    const third = snap[2] as LogEntry;
    expect(b.indexOfSeq(third.seq)).toBe(2);
    expect(b.indexOfSeq(0)).toBe(0);
    expect(b.indexOfSeq(1e9)).toBe(b.length);
  });

  it('caches the snapshot until something changes', () => {
    const b = new LogBuffer(5);
    b.push(msg('x'), 1);
    const s1 = b.snapshot();
    expect(b.snapshot()).toBe(s1);
    b.push(msg('y'), 1);
    expect(b.snapshot()).not.toBe(s1);
    expect(s1.map((e) => e.data)).toEqual(['x']); // an old snapshot is a frozen copy
  });

  it('resizes keeping the newest entries and clears', () => {
    const b = new LogBuffer(5);
    for (let i = 0; i < 5; i++) b.push(msg(String(i)), 1);
    b.resize(2);
    expect(names(b)).toEqual(['3', '4']);
    expect(b.dropped).toBe(3);
    b.push(msg('5'), 1);
    expect(names(b)).toEqual(['4', '5']);
    b.clear();
    expect(b.snapshot()).toEqual([]);
    expect(b.total).toBe(0);
    expect(b.dropped).toBe(0);
  });

  it('keeps pinned events through a resize', () => {
    const b = new LogBuffer(10);
    b.push(ev('open'), 1);
    for (let i = 0; i < 5; i++) b.push(msg(String(i)), 1);
    b.push(ev('close'), 1);
    b.resize(1);
    expect(names(b)).toEqual(['open', 'close']);
  });

  it('evicts by a character budget as well as by count', () => {
    const b = new LogBuffer(1000, 1000);
    for (let i = 0; i < 10; i++) b.push(msg('x'.repeat(300)), 1);
    expect(b.length).toBeLessThanOrEqual(3);
    expect(b.dropped).toBe(10 - b.length);
    // one entry bigger than the budget is still kept (the newest is always shown)
    b.push(msg('y'.repeat(5000)), 1);
    expect(b.length).toBe(1);
  });

  it('bounds pinned events too (a reconnect storm)', () => {
    const b = new LogBuffer(2);
    for (let i = 0; i < MAX_PINNED + 10; i++) b.push(ev('connecting'), i);
    expect(b.length).toBe(MAX_PINNED + 2);
    expect(b.dropped).toBe(8);
  });

  it('numbers entries with a sequence that survives attempts and clears', () => {
    const b = new LogBuffer(5);
    const a = b.push(ev('connecting'), 1);
    const c = b.push(ev('connecting'), 2);
    expect(c.seq).toBeGreaterThan(a.seq);
    expect(c.attempt).toBe(2);
    b.clear();
    expect(b.push(msg('x'), 3).seq).toBeGreaterThan(c.seq);
  });

  it('rejects a nonsense capacity', () => {
    expect(() => new LogBuffer(0)).toThrow(TypeError);
    expect(() => new LogBuffer(1.5)).toThrow(TypeError);
    expect(() => new LogBuffer(5).resize(0)).toThrow(TypeError);
  });

  it('never loses a pinned event, keeps order, and keeps the newest messages (property)', () => {
    const types = ['connecting', 'open', 'message', 'sent', 'error', 'close'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.constantFrom(...types), { maxLength: 300 }),
        (cap, seqTypes) => {
          const b = new LogBuffer(cap);
          const pushed = seqTypes.map((t, i) =>
            b.push(
              { type: t, at: i, time: 0, data: t === 'message' || t === 'sent' ? String(i) : undefined },
              1,
            ),
          );
          const kept = b.snapshot();
          // in order
          for (let i = 1; i < kept.length; i++)
            expect((kept[i] as LogEntry).seq).toBeGreaterThan((kept[i - 1] as LogEntry).seq);
          // every pinned event kept (fewer than MAX_PINNED here)
          expect(kept.filter((e) => isPinnedEvent(e.type)).length).toBe(
            pushed.filter((e) => isPinnedEvent(e.type)).length,
          );
          // the newest min(cap, n) entries are all kept
          const newest = pushed.slice(Math.max(0, pushed.length - cap));
          for (const e of newest) expect(kept).toContain(e);
          expect(b.total).toBe(pushed.length);
          expect(b.dropped + kept.length).toBe(pushed.length);
        },
      ),
    );
  });
});
