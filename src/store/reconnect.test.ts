import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedItems as stored } from './memory-storage.test-helpers.ts';

import { analyzeToken, verifyToken } from '../core/index.ts';
import {
  cancelReconnect,
  reconnectDelay,
  RECONNECT_CAP_MS,
  RECONNECT_STABLE_MS,
  refreshedPayload,
  refreshExpiredToken,
  remintAlg,
  scheduleReconnect,
  signingCode,
  type EndedSocket,
} from './reconnect.ts';
import { logBuffer } from './log.ts';
import { useConsole } from './store.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
const NOW_S = NOW / 1000;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const token = (payload: Record<string, unknown>, alg = 'HS384') =>
  `${b64({ alg, typ: 'JWT' })}.${b64(payload)}.c2lnbmF0dXJl`;

describe('backoff', () => {
  it('doubles from 0.5 s and caps at 30 s', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((n) => reconnectDelay(n, mid))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
  });

  it('jitters by ±20 % and never exceeds the cap', () => {
    expect(reconnectDelay(1, () => 0)).toBe(400);
    expect(reconnectDelay(1, () => 1)).toBe(600);
    expect(reconnectDelay(7, () => 1)).toBe(RECONNECT_CAP_MS);
    expect(reconnectDelay(Number.NaN, () => 0.5)).toBe(500);
    expect(reconnectDelay(-3, () => 0.5)).toBe(500);
  });
});

describe('re-minting an expired token', () => {
  it('keeps every claim, sets iat to now and exp to now + the same lifetime', () => {
    const a = analyzeToken(
      token({
        userId: '7',
        role: 'admin',
        room: 'x',
        iat: NOW_S - 7200,
        exp: NOW_S - 3600,
        nbf: NOW_S - 7200,
      }),
      { now: NOW },
    );
    expect(refreshedPayload(a, NOW)).toEqual({
      userId: '7',
      role: 'admin',
      room: 'x',
      iat: NOW_S,
      exp: NOW_S + 3600,
      nbf: NOW_S,
    });
  });

  it('uses 24 h when the lifetime is unknown, and leaves a live token alone', () => {
    const noIat = analyzeToken(token({ userId: '7', exp: NOW_S - 1 }), { now: NOW });
    expect(refreshedPayload(noIat, NOW)).toMatchObject({ iat: NOW_S, exp: NOW_S + 86_400 });
    const live = analyzeToken(token({ iat: NOW_S, exp: NOW_S + 60 }), { now: NOW });
    expect(refreshedPayload(live, NOW)).toBeNull();
    // About to expire (within the margin) counts as expired.
    const dying = analyzeToken(token({ iat: NOW_S - 10, exp: NOW_S }), { now: NOW });
    expect(refreshedPayload(dying, NOW)).toMatchObject({ exp: NOW_S + 10 });
  });

  it('needs a readable payload with a numeric exp', () => {
    expect(refreshedPayload(analyzeToken('not a token', { now: NOW }), NOW)).toBeNull();
    expect(refreshedPayload(analyzeToken(token({ exp: 'soon' }), { now: NOW }), NOW)).toBeNull();
    expect(refreshedPayload(analyzeToken(token({ userId: 1 }), { now: NOW }), NOW)).toBeNull();
  });

  it('keeps the token’s own HMAC alg, else the Mint panel’s', () => {
    expect(remintAlg('HS512', 'HS256')).toBe('HS512');
    expect(remintAlg('RS256', 'HS384')).toBe('HS384');
    expect(remintAlg(undefined, 'HS256')).toBe('HS256');
  });

  it('puts a fresh token signed with the secret in the Token field and tells the user', async () => {
    const secret = 'reconnect-test-secret-0123456789';
    const now = Date.now();
    const nowS = Math.floor(now / 1000);
    useConsole.getState().setSecretText(secret);
    useConsole.getState().setTokenInput(token({ userId: '7', role: 'r', iat: nowS - 4, exp: nowS - 2 }));
    expect(await refreshExpiredToken(now)).toBe(true);
    const s = useConsole.getState();
    expect(s.analysis.payload).toMatchObject({ userId: '7', role: 'r', iat: nowS, exp: nowS + 2 });
    expect(s.analysis.alg).toBe('HS384');
    expect(await verifyToken(s.analysis.token, { text: secret, encoding: 'utf8' })).toMatchObject({
      ok: true,
    });
    expect(s.reconnectNote).toMatch(/re-minted it with your secret \(HS384/);
    // Neither the secret nor the re-minted token (no opt-in) nor the toggle is persisted.
    const persisted = [...stored.values()].join('\n');
    expect(persisted).toContain('serverUrl'); // the settings were written
    expect(persisted).not.toContain(secret);
    expect(persisted).not.toContain(s.analysis.token.split('.')[2]);
    expect(persisted).not.toContain('autoReconnect');
    // Without a secret nothing is minted.
    useConsole.getState().setSecretText('');
    useConsole.getState().setTokenInput(token({ iat: nowS - 4, exp: nowS - 2 }));
    expect(await refreshExpiredToken(now)).toBe(false);
  });
});

/** A socket that opened and was cut after `openedForMs` (close 1006: transient). */
const dropped = (openedForMs: number): EndedSocket => ({
  attempt: 1,
  code: 1006,
  reason: '',
  opened: openedForMs > 0,
  openedForMs,
  token: 'a.b.c',
  t0: 0,
});

describe('the retry loop', () => {
  afterEach(() => {
    cancelReconnect({ clearNote: true });
    useConsole.getState().setAutoReconnect(false);
    vi.useRealTimers();
  });

  it('does nothing while the toggle is off (the default)', () => {
    expect(useConsole.getState().autoReconnect).toBe(false);
    const open = vi.fn();
    scheduleReconnect(open, dropped(0));
    expect(useConsole.getState().reconnect).toBeNull();
  });

  it('counts attempts up, retries after the delay, and a stable connection restarts the count', async () => {
    vi.useFakeTimers();
    useConsole.getState().setAutoReconnect(true);
    const open = vi.fn();
    scheduleReconnect(open, dropped(0));
    expect(useConsole.getState().reconnect?.attempt).toBe(1);
    await vi.advanceTimersByTimeAsync(700);
    expect(open).toHaveBeenCalledTimes(1);
    expect(useConsole.getState().reconnect).toBeNull();
    scheduleReconnect(open, dropped(100));
    expect(useConsole.getState().reconnect?.attempt).toBe(2);
    expect(useConsole.getState().reconnect?.delayMs).toBeGreaterThanOrEqual(800);
    await vi.advanceTimersByTimeAsync(1300);
    expect(open).toHaveBeenCalledTimes(2);
    scheduleReconnect(open, dropped(RECONNECT_STABLE_MS));
    expect(useConsole.getState().reconnect?.attempt).toBe(1);
  });

  it('stops when cancelled (Disconnect) or switched off', async () => {
    vi.useFakeTimers();
    useConsole.getState().setAutoReconnect(true);
    const open = vi.fn();
    scheduleReconnect(open, dropped(0));
    cancelReconnect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(open).not.toHaveBeenCalled();
    scheduleReconnect(open, dropped(0));
    useConsole.getState().setAutoReconnect(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(open).not.toHaveBeenCalled();
    expect(useConsole.getState().reconnect).toBeNull();
  });
});

describe('when the server says no', () => {
  const SECRET = 'reconnect-policy-secret-0123456789';
  const rejected = (f: Partial<EndedSocket> = {}): EndedSocket => ({
    attempt: 1,
    code: 1008,
    reason: 'invalid signature',
    opened: true,
    openedForMs: 5,
    token: useConsole.getState().analysis.token,
    t0: 0,
    ...f,
  });

  afterEach(() => {
    cancelReconnect({ clearNote: true });
    useConsole.getState().setAutoReconnect(false);
    useConsole.getState().setSecretText('');
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('an auth rejection without a key stops at once, says why, and logs it', () => {
    const nowS = Math.floor(Date.now() / 1000);
    useConsole.getState().setTokenInput(token({ userId: '1', iat: nowS, exp: nowS + 600 }));
    useConsole.getState().setAutoReconnect(true);
    const open = vi.fn();
    const before = logBuffer.total;
    scheduleReconnect(open, rejected());
    const s = useConsole.getState();
    expect(s.reconnect).toBeNull();
    expect(s.reconnectStopped?.why).toMatch(
      /rejected this token \(close 1008 Policy Violation “invalid signature”\)/,
    );
    expect(logBuffer.total).toBe(before + 1);
    expect(logBuffer.snapshot().at(-1)).toMatchObject({ type: 'reconnect', attempt: 1 });
    expect(open).not.toHaveBeenCalled();
  });

  it('with the secret: one retry with a re-minted token, then it stops when that is rejected too', async () => {
    vi.useFakeTimers();
    const nowS = Math.floor(Date.now() / 1000);
    useConsole.getState().setSecretText(SECRET);
    useConsole.getState().setTokenInput(token({ userId: '1', iat: nowS, exp: nowS + 600 }, 'HS256'));
    useConsole.getState().setAutoReconnect(true);
    const first = useConsole.getState().analysis.token;
    const open = vi.fn();
    scheduleReconnect(open, rejected());
    expect(useConsole.getState().reconnect?.attempt).toBe(1);
    await vi.advanceTimersByTimeAsync(700);
    await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(1)); // the signing code loads for real
    expect(useConsole.getState().analysis.token).not.toBe(first);
    expect(useConsole.getState().reconnectNote).toMatch(
      /^The server rejected the token, so auto-reconnect re-minted it/,
    );
    scheduleReconnect(open, rejected({ attempt: 2 }));
    expect(useConsole.getState().reconnectStopped?.why).toMatch(/re-minted with your Secret too/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('a 1006 whose x-ray finds HTTP 401 stops once the x-ray is in', async () => {
    vi.useFakeTimers();
    useConsole.getState().setAutoReconnect(true);
    useConsole.setState({
      attempt: { id: 5, url: 'ws://x', startedAt: 0, events: [], reachability: { state: 'unknown' } },
    });
    const checks = Promise.resolve().then(() =>
      useConsole.setState((s) => ({
        attempt: s.attempt && {
          ...s.attempt,
          xray: { status: 401, statusText: 'Unauthorized', headers: {}, body: '' },
        },
      })),
    );
    const open = vi.fn();
    scheduleReconnect(open, { ...dropped(0), attempt: 5, checks });
    expect(useConsole.getState().reconnect?.attempt).toBe(1); // provisional: a 1006 may be transient
    await vi.advanceTimersByTimeAsync(700);
    expect(open).not.toHaveBeenCalled();
    expect(useConsole.getState().reconnect).toBeNull();
    expect(useConsole.getState().reconnectStopped?.why).toContain('HTTP 401 refusal of the upgrade');
  });

  it('signing code that fails to load ends the loop with a message (no stuck "reconnecting")', async () => {
    vi.useFakeTimers();
    const nowS = Math.floor(Date.now() / 1000);
    useConsole.getState().setSecretText(SECRET);
    useConsole.getState().setTokenInput(token({ userId: '1', iat: nowS - 10, exp: nowS - 5 }, 'HS256'));
    useConsole.getState().setAutoReconnect(true);
    vi.spyOn(signingCode, 'hmac').mockRejectedValue(
      new TypeError('Failed to fetch dynamically imported module'),
    );
    const open = vi.fn();
    scheduleReconnect(open, dropped(0));
    await vi.advanceTimersByTimeAsync(700);
    expect(open).not.toHaveBeenCalled();
    expect(useConsole.getState().reconnect).toBeNull();
    expect(useConsole.getState().reconnectStopped?.why).toMatch(
      /could not prepare the retry \(Failed to fetch dynamically imported module\)/,
    );
  });
});
