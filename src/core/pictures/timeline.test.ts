import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../diagnosis/types.ts';
import { DensityHistogram } from './density.ts';
import { timelineGeometry } from './timeline.ts';

const ev = (
  type: ConnectionEvent['type'],
  at: number,
  extra: Partial<ConnectionEvent> = {},
): ConnectionEvent => ({
  type,
  at,
  time: 1_800_000_000_000 + at,
  ...extra,
});

describe('timelineGeometry', () => {
  it('no attempt: nothing to draw', () => {
    expect(timelineGeometry({ events: [], elapsedMs: 0 })).toMatchObject({
      state: 'none',
      summary: 'No connection yet.',
    });
  });

  it('Connect → open → messages → close, with durations and the close code', () => {
    const events = [
      ev('connecting', 0),
      ev('open', 284),
      ev('message', 300),
      ev('close', 3484, { code: 1008, reason: 'jwt expired', wasClean: true }),
    ];
    const density = new DensityHistogram();
    for (let t = 300; t < 3400; t += 100) density.add(t);
    const g = timelineGeometry({ events, elapsedMs: 9000, density: density.snapshot() });
    expect(g.state).toBe('closed');
    expect(g.endMs).toBe(3484);
    expect(g.connectToOpenMs).toBe(284);
    expect(g.openToCloseMs).toBe(3200);
    expect(g.phases.map((p) => p.label)).toEqual(['Connect → open 284 ms', 'open → close 3.2 s']);
    expect(g.phases[1]).toMatchObject({ startPct: 8.15, endPct: 100, live: false });
    expect(g.markers.map((m) => m.label)).toEqual(['Connect', 'open', 'close 1008']);
    expect(g.labels.map((l) => [l.text, l.align])).toEqual([
      ['Connect · open', 'start'],
      ['close 1008', 'end'],
    ]);
    expect(g.close).toEqual({ code: 1008, name: 'Policy Violation', reason: 'jwt expired', wasClean: true });
    expect(g.messages).toBe(31);
    expect(g.bars.length).toBeGreaterThan(0);
    expect(Math.max(...g.bars.map((b) => b.heightPct))).toBe(100);
    for (const b of g.bars) expect(b.startPct + b.widthPct).toBeLessThanOrEqual(100.01);
    expect(g.summary).toBe(
      'Connect → open 284 ms. Open for 3.2 s, then closed. 31 messages received. Close 1008 Policy Violation “jwt expired”.',
    );
  });

  it('a live attempt grows with the clock', () => {
    const g = timelineGeometry({ events: [ev('connecting', 0), ev('open', 10)], elapsedMs: 1510 });
    expect(g.state).toBe('open');
    expect(g.endMs).toBe(1510);
    expect(g.phases[1]).toMatchObject({ live: true, label: 'open 1.5 s' });
    expect(g.summary).toContain('Open for 1.5 s so far.');
    const connecting = timelineGeometry({ events: [ev('connecting', 0)], elapsedMs: 700 });
    expect(connecting.state).toBe('connecting');
    expect(connecting.phases[0]).toMatchObject({ live: true, label: 'connecting 700 ms', endPct: 100 });
  });

  it('never opened: a failed connecting phase, the error and the close', () => {
    const g = timelineGeometry({
      events: [ev('connecting', 0), ev('error', 12), ev('close', 13, { code: 1006, wasClean: false })],
      elapsedMs: 5000,
    });
    expect(g.phases).toHaveLength(1);
    expect(g.phases[0]).toMatchObject({ failed: true, label: 'Connect → close 13 ms' });
    expect(g.markers.map((m) => m.kind)).toEqual(['connect', 'error', 'close']);
    expect(g.summary).toContain('Never opened');
    expect(g.summary).toContain('1 error.');
  });

  it('a timeout is a marker', () => {
    const g = timelineGeometry({
      events: [ev('connecting', 0), ev('timeout', 10_000), ev('close', 10_002, { code: 1006 })],
      elapsedMs: 10_010,
    });
    expect(g.markers.some((m) => m.kind === 'timeout')).toBe(true);
    expect(g.summary).toContain('timed out');
  });

  it('bad event times do not produce NaN', () => {
    const g = timelineGeometry({
      events: [ev('connecting', Number.NaN), ev('open', -5)],
      elapsedMs: Number.NaN,
    });
    expect(JSON.stringify(g)).not.toContain('null');
    expect(g.summary).not.toMatch(/NaN/);
  });
});
