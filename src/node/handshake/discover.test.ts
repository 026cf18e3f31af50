import { describe, expect, it } from 'vitest';
import { bareTarget, discoverTravel } from './discover.ts';
import type { ProbeOptions, ProbeResult } from './probe.ts';

function refused(): ProbeResult {
  return {
    events: [
      { type: 'connecting', at: 0, time: 0 },
      { type: 'unexpected-response', at: 1, time: 1, status: 401, headers: {}, body: 'no token' },
    ],
    steps: [],
    timings: {},
    outcome: 'rejected',
    droppedMessages: 0,
    bodyTruncated: false,
    closedByProbe: false,
    durationMs: 1,
  };
}

describe('discoverTravel', () => {
  it('runs the plan one attempt at a time against the same target, never re-sending the used place', async () => {
    const seen: ProbeOptions[] = [];
    const d = await discoverTravel({
      serverUrl: 'ws://127.0.0.1:9/ws?token=abc.def.ghi&room=1',
      token: 'abc.def.ghi',
      paramName: 'token',
      used: 'query',
      protocol: 'plain',
      headers: { Origin: 'http://localhost:5173', Authorization: 'Bearer other' },
      probe: (o) => {
        seen.push(o);
        return Promise.resolve(refused());
      },
    });
    expect(d.attempts).toHaveLength(seen.length);
    expect(d.attempts.every((a) => a.verdict === 'refused')).toBe(true);
    for (const o of seen) {
      expect(new URL(o.url).host).toBe('127.0.0.1:9');
      expect(new URL(o.url).searchParams.get('token')).toBeNull();
      expect(new URL(o.url).searchParams.get('room')).toBe('1');
      expect(o.headers?.Origin).toBe('http://localhost:5173');
      expect(o.timeoutMs).toBeLessThanOrEqual(2000);
    }
    expect(seen[0]?.headers?.Authorization).toBe('Bearer abc.def.ghi');
    expect(seen.slice(1).every((o) => o.headers?.Authorization === undefined)).toBe(true);
    expect(seen.some((o) => new URL(o.url).searchParams.get('access_token') === 'abc.def.ghi')).toBe(true);
  });

  it('stops when the total budget runs out, and says so', async () => {
    let now = 0;
    const d = await discoverTravel({
      serverUrl: 'ws://127.0.0.1:9/',
      token: 't.t.t',
      paramName: 'token',
      used: 'query',
      protocol: 'plain',
      totalMs: 5000,
      clock: () => now,
      probe: () => {
        now += 2000;
        return Promise.resolve(refused());
      },
    });
    expect(d.attempts).toHaveLength(3);
    expect(d.notRun).toContain('budget');
  });

  it('no token: nothing tried', async () => {
    const d = await discoverTravel({
      serverUrl: 'ws://x/',
      token: '',
      paramName: 'token',
      used: 'query',
      protocol: 'plain',
    });
    expect(d).toMatchObject({ attempts: [], notRun: 'no token to try' });
    expect(bareTarget('ws://h/p?jwt=1&auth=2&x=3', 'token')).toBe('ws://h/p?x=3');
  });
});
