import { afterEach, describe, expect, it, vi } from 'vitest';

// An in-memory localStorage (before the store is imported), so persistence is real and can be inspected.
const stored = vi.hoisted(() => {
  const map = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, String(v)),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
  return map;
});
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
} from './reconnect.ts';
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

describe('the retry loop', () => {
  afterEach(() => {
    cancelReconnect({ clearNote: true });
    useConsole.getState().setAutoReconnect(false);
    vi.useRealTimers();
  });

  it('does nothing while the toggle is off (the default)', () => {
    expect(useConsole.getState().autoReconnect).toBe(false);
    const open = vi.fn();
    scheduleReconnect(open, 0);
    expect(useConsole.getState().reconnect).toBeNull();
  });

  it('counts attempts up, retries after the delay, and a stable connection restarts the count', async () => {
    vi.useFakeTimers();
    useConsole.getState().setAutoReconnect(true);
    const open = vi.fn();
    scheduleReconnect(open, 0);
    expect(useConsole.getState().reconnect?.attempt).toBe(1);
    await vi.advanceTimersByTimeAsync(700);
    expect(open).toHaveBeenCalledTimes(1);
    expect(useConsole.getState().reconnect).toBeNull();
    scheduleReconnect(open, 100);
    expect(useConsole.getState().reconnect?.attempt).toBe(2);
    expect(useConsole.getState().reconnect?.delayMs).toBeGreaterThanOrEqual(800);
    await vi.advanceTimersByTimeAsync(1300);
    expect(open).toHaveBeenCalledTimes(2);
    scheduleReconnect(open, RECONNECT_STABLE_MS);
    expect(useConsole.getState().reconnect?.attempt).toBe(1);
  });

  it('stops when cancelled (Disconnect) or switched off', async () => {
    vi.useFakeTimers();
    useConsole.getState().setAutoReconnect(true);
    const open = vi.fn();
    scheduleReconnect(open, 0);
    cancelReconnect();
    await vi.advanceTimersByTimeAsync(1000);
    expect(open).not.toHaveBeenCalled();
    scheduleReconnect(open, 0);
    useConsole.getState().setAutoReconnect(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(open).not.toHaveBeenCalled();
    expect(useConsole.getState().reconnect).toBeNull();
  });
});
