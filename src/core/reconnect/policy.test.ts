import { describe, expect, it } from 'vitest';
import { closeRetryClass, httpRefusalRetryClass } from '../close-codes/index.ts';
import {
  decideReconnect,
  NEW_STREAK,
  reconnectDelay,
  RECONNECT_CAP_MS,
  RECONNECT_STABLE_MS,
  type ReconnectFailure,
  type ReconnectMeans,
  type ReconnectStreak,
} from './policy.ts';

const mid = () => 0.5;
const failure = (f: Partial<ReconnectFailure> = {}): ReconnectFailure => ({
  code: 1006,
  opened: false,
  openedForMs: 0,
  token: 'tok-1',
  tokenExpired: false,
  ...f,
});
const noKey: ReconnectMeans = { signingKey: '', signingKeyLabel: 'your Secret', payloadReadable: true };
const secret: ReconnectMeans = { signingKey: 'k1', signingKeyLabel: 'your Secret', payloadReadable: true };

/** Feeds the same failure until the policy stops (or `max` decisions): the retries it would make. */
function run(f: ReconnectFailure, means: ReconnectMeans, max = 12) {
  let streak: ReconnectStreak = NEW_STREAK;
  const decisions = [];
  for (let i = 0; i < max; i++) {
    const d = decideReconnect(streak, f, means, mid);
    decisions.push(d);
    if (d.action === 'stop') break;
    streak = d.streak;
  }
  return decisions;
}

describe('classifying refusals (the close-code catalog)', () => {
  it('auth, terminal and transient close codes', () => {
    expect([1008, 3000, 3003, 3500, 4401, 4403].map(closeRetryClass)).toEqual(Array(6).fill('auth'));
    expect([1010, 1015, 3501, 3999, 4400, 4404, 4406].map(closeRetryClass)).toEqual(
      Array(7).fill('terminal'),
    );
    expect([1000, 1001, 1005, 1006, 1011, 1012, 1013, 1014, 3001, 4000, 4500].map(closeRetryClass)).toEqual(
      Array(11).fill('transient'),
    );
  });

  it('HTTP refusals of the upgrade', () => {
    expect([401, 403].map(httpRefusalRetryClass)).toEqual(['auth', 'auth']);
    expect([400, 404, 426].map(httpRefusalRetryClass)).toEqual(['terminal', 'terminal', 'terminal']);
    expect([408, 429, 500, 502, 503].map(httpRefusalRetryClass)).toEqual(Array(5).fill('transient'));
  });
});

describe('transient failures: backoff with jitter and a cap, forever', () => {
  it('counts attempts and doubles the wait up to the cap', () => {
    const ds = run(failure({ code: 1006 }), noKey);
    expect(ds.every((d) => d.action === 'retry')).toBe(true);
    expect(ds.map((d) => (d.action === 'retry' ? d.attempt : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(ds.map((d) => (d.action === 'retry' ? d.delayMs : 0)).slice(0, 8)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(ds.some((d) => d.action === 'retry' && d.remint)).toBe(false);
  });

  it.each([1011, 1012, 1013, 1001, 1000])('close %i is retried', (code) => {
    expect(decideReconnect(NEW_STREAK, failure({ code, opened: true }), noKey).action).toBe('retry');
  });

  it('an HTTP 503 refusal seen by the x-ray is retried', () => {
    expect(decideReconnect(NEW_STREAK, failure({ httpStatus: 503 }), noKey).action).toBe('retry');
  });

  it('a connection that stayed open restarts the streak', () => {
    const streak = { retries: 6, triedChanges: ['expiry:x'] };
    const d = decideReconnect(
      streak,
      failure({ opened: true, openedForMs: RECONNECT_STABLE_MS }),
      noKey,
      mid,
    );
    expect(d).toMatchObject({ action: 'retry', attempt: 1, delayMs: 500, streak: { triedChanges: [] } });
    const short = decideReconnect(streak, failure({ opened: true, openedForMs: 100 }), noKey, mid);
    expect(short).toMatchObject({ action: 'retry', attempt: 7, delayMs: RECONNECT_CAP_MS });
  });

  it('jitter stays within ±20 % and under the cap', () => {
    expect(reconnectDelay(1, () => 0)).toBe(400);
    expect(reconnectDelay(1, () => 1)).toBe(600);
    expect(reconnectDelay(7, () => 1)).toBe(RECONNECT_CAP_MS);
    expect(reconnectDelay(Number.NaN, mid)).toBe(500);
  });
});

describe('auth rejections: never the same token twice', () => {
  it.each([1008, 3000, 4401, 4403])('close %i without a key stops at once and says why', (code) => {
    const ds = run(failure({ code, opened: true, reason: 'invalid signature' }), noKey);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ action: 'stop', kind: 'auth' });
    expect(ds[0]?.action === 'stop' && ds[0].why).toMatch(/rejected this token \(close \d+ .*\)/);
  });

  it.each([401, 403])('an HTTP %i refusal (x-ray) stops too', (httpStatus) => {
    const d = decideReconnect(NEW_STREAK, failure({ httpStatus }), noKey);
    expect(d).toMatchObject({ action: 'stop', kind: 'auth' });
    expect(d.action === 'stop' && d.why).toContain(`HTTP ${httpStatus} refusal`);
  });

  it('with a key: one re-mint, then it stops when the re-minted token is refused too', () => {
    const ds = run(failure({ code: 1008, opened: true }), secret);
    expect(ds.map((d) => d.action)).toEqual(['retry', 'stop']);
    expect(ds[0]).toMatchObject({ remint: true, attempt: 1 });
    expect(ds[1]?.action === 'stop' && ds[1].why).toMatch(/re-minted with your Secret too/);
  });

  it('a token that already verifies with the key and has not expired: re-minting changes nothing', () => {
    const d = decideReconnect(NEW_STREAK, failure({ code: 1008 }), { ...secret, tokenSignedWithKey: true });
    expect(d).toMatchObject({ action: 'stop', kind: 'auth' });
    expect(d.action === 'stop' && d.why).toMatch(/already verifies with your Secret/);
  });

  it('each expired token is re-minted once (a server that closes sockets at exp keeps being served)', () => {
    let streak: ReconnectStreak = NEW_STREAK;
    for (const token of ['t1', 't2', 't3']) {
      const f = failure({ code: 1008, opened: true, openedForMs: 2000, token, tokenExpired: true });
      const d = decideReconnect(streak, f, { ...secret, tokenSignedWithKey: true }, mid);
      expect(d).toMatchObject({ action: 'retry', remint: true });
      if (d.action === 'retry') streak = d.streak;
      // The same expired token refused again: no second re-mint for it.
      expect(decideReconnect(streak, f, secret, mid).action).toBe('stop');
    }
  });

  it('a payload that cannot be read gives nothing to re-mint from', () => {
    const d = decideReconnect(NEW_STREAK, failure({ code: 4401 }), { ...secret, payloadReadable: false });
    expect(d.action === 'stop' && d.why).toMatch(/payload cannot be read/);
  });
});

describe('terminal refusals stop', () => {
  it.each([
    [failure({ httpStatus: 404 }), /HTTP 404 refusal/],
    [failure({ code: 4406, opened: true }), /close 4406/],
    [failure({ code: 1015 }), /close 1015 TLS Handshake/],
  ])('%#', (f, why) => {
    const d = decideReconnect(NEW_STREAK, f, secret);
    expect(d).toMatchObject({ action: 'stop', kind: 'terminal' });
    expect(d.action === 'stop' && d.why).toMatch(why);
  });
});
