import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer.ts';
import type { ConnectionEvent } from '../core/index.ts';

const msg = (data: string): ConnectionEvent => ({ type: 'message', at: 0, time: 0, data });
const ev = (type: ConnectionEvent['type']): ConnectionEvent => ({ type, at: 0, time: 0 });

describe('LogBuffer', () => {
  it('keeps everything in order below the cap', () => {
    const b = new LogBuffer(10);
    b.push(ev('connecting'), 1);
    b.push(ev('open'), 1);
    b.push(msg('a'), 1);
    b.push(msg('b'), 1);
    b.push(ev('close'), 1);
    expect(b.snapshot().map((e) => e.data ?? e.type)).toEqual(['connecting', 'open', 'a', 'b', 'close']);
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
    const snap = b.snapshot();
    expect(snap.map((e) => e.data ?? e.type)).toEqual(['connecting', 'open', '997', '998', '999', 'error', 'close']);
    expect(b.total).toBe(1004);
    expect(b.dropped).toBe(997);
    expect(b.length).toBe(7);
  });

  it('caches the snapshot until something changes', () => {
    const b = new LogBuffer(5);
    b.push(msg('x'), 1);
    const s1 = b.snapshot();
    expect(b.snapshot()).toBe(s1);
    b.push(msg('y'), 1);
    expect(b.snapshot()).not.toBe(s1);
  });

  it('resizes keeping the newest messages and clears', () => {
    const b = new LogBuffer(5);
    for (let i = 0; i < 5; i++) b.push(msg(String(i)), 1);
    b.resize(2);
    expect(b.snapshot().map((e) => e.data)).toEqual(['3', '4']);
    expect(b.dropped).toBe(3);
    b.push(msg('5'), 1);
    expect(b.snapshot().map((e) => e.data)).toEqual(['4', '5']);
    b.clear();
    expect(b.snapshot()).toEqual([]);
    expect(b.total).toBe(0);
  });

  it('numbers entries with a sequence that survives attempts', () => {
    const b = new LogBuffer(5);
    const a = b.push(ev('connecting'), 1);
    const c = b.push(ev('connecting'), 2);
    expect(c.seq).toBeGreaterThan(a.seq);
    expect(c.attempt).toBe(2);
  });

  it('rejects a nonsense capacity', () => {
    expect(() => new LogBuffer(0)).toThrow(TypeError);
    expect(() => new LogBuffer(1.5)).toThrow(TypeError);
  });
});
