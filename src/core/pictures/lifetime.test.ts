import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lifetimeGeometry, socketCarriedToken } from './lifetime.ts';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0); // epoch ms
const S0 = T0 / 1000;
const H = 3600;

describe('lifetimeGeometry', () => {
  it('a 24 h token issued 2 h ago: now at about 8 %, "expires in 22 h"', () => {
    const g = lifetimeGeometry({ iat: S0 - 2 * H, exp: S0 + 22 * H, now: T0 });
    expect(g.state).toBe('valid');
    expect(g.nowPct).toBeCloseTo(8.33, 1);
    expect(g.nowClamped).toBeNull();
    expect(g.nowText).toBe('expires in 22 h');
    expect(g.elapsedPct).toBe(8);
    expect(g.segments.map((s) => s.kind)).toEqual(['valid']);
    expect(g.segments[0]).toMatchObject({ startPct: 0, endPct: 100 });
    expect(g.labels.map((l) => [l.text, l.align])).toEqual([
      ['iat', 'start'],
      ['exp', 'end'],
    ]);
    expect(g.summary).toBe('Issued 2 h ago. Expires in 22 h; now at 8% of its lifetime.');
    expect(g.closeVerdict).toBeNull();
  });

  it('nbf after iat: a pending segment, the leeway on both sides, labels merged when close', () => {
    const g = lifetimeGeometry({ iat: S0 - H, nbf: S0 + H, exp: S0 + 9 * H, now: T0, leewaySeconds: 60 });
    expect(g.state).toBe('not-yet-valid');
    expect(g.nowText).toBe('valid in 1 h');
    expect(g.segments.map((s) => s.kind)).toEqual(['pending', 'leeway', 'valid', 'leeway']);
    expect(g.summary).toContain('Leeway 60 s.');
    expect(g.summary).toContain('Not yet valid: valid in 1 h.');
    const same = lifetimeGeometry({ iat: S0, nbf: S0, exp: S0 + H, now: T0 });
    expect(same.labels[0]?.text).toBe('iat · nbf');
    expect(same.labels[0]?.ids).toEqual(['iat', 'nbf']);
  });

  it('an expired token: the bar grows an "expired" zone and now is clamped past its end', () => {
    const g = lifetimeGeometry({ iat: S0 - 25 * H, exp: S0 - 300, now: T0 });
    expect(g.state).toBe('expired');
    expect(g.nowText).toBe('expired 5 min ago');
    expect(g.segments.map((s) => s.kind)).toEqual(['valid', 'expired']);
    expect(g.nowPct).toBeLessThan(100);
    expect(g.nowPct).toBeGreaterThan(90);
    const long = lifetimeGeometry({ iat: S0 - 30 * 24 * H, exp: S0 - 29 * 24 * H, now: T0 });
    expect(long.nowPct).toBe(100);
    expect(long.nowClamped).toBe('after');
    expect(long.nowText).toBe('expired 29 d ago');
  });

  it('inside the leeway', () => {
    const g = lifetimeGeometry({ iat: S0 - H, exp: S0 - 10, now: T0, leewaySeconds: 30 });
    expect(g.state).toBe('in-leeway');
    expect(g.nowText).toBe('expired 10 s ago, inside the 30 s leeway');
  });

  it('no exp: an open-ended bar labelled "no expiry"', () => {
    const g = lifetimeGeometry({ iat: S0 - H, now: T0 });
    expect(g.state).toBe('no-expiry');
    expect(g.segments.map((s) => s.kind)).toEqual(['open-ended']);
    expect(g.labels.at(-1)?.text).toBe('no expiry');
    expect(g.summary).toContain('No expiry: the token never expires.');
    expect(g.nowPct).toBeGreaterThan(50);
    expect(g.nowPct).toBeLessThan(100);
  });

  it('no iat and no nbf: the bar starts at now', () => {
    const g = lifetimeGeometry({ exp: S0 + H, now: T0 });
    expect(g.nowPct).toBe(0);
    expect(g.labels.map((l) => l.text)).toEqual(['exp']);
    const none = lifetimeGeometry({ now: T0 });
    expect(none.state).toBe('no-expiry');
    expect(none.segments.length).toBeGreaterThan(0);
  });

  it('iat in the future: the bar grows a "before" zone', () => {
    const g = lifetimeGeometry({ iat: S0 + 60, exp: S0 + H, now: T0 });
    expect(g.segments[0]?.kind).toBe('before');
    expect(g.nowClamped).toBeNull();
    expect(g.nowPct).toBeLessThan(g.segments[0]?.endPct ?? 0);
    expect(g.summary).toContain('Issued in 1 min.');
  });

  describe('where the close fell', () => {
    const iat = S0;
    const exp = S0 + 3;
    it('a close at exp after having been open: "the server enforces expiry on open sockets"', () => {
      const g = lifetimeGeometry({ iat, exp, now: T0 + 4000, openAt: T0 + 50, closeAt: T0 + 3012 });
      expect(g.closeVerdict?.kind).toBe('enforces-expiry');
      expect(g.closeVerdict?.text).toBe(
        'The socket closed at exp: the server enforces expiry on open sockets.',
      );
      const later = lifetimeGeometry({ iat, exp, now: T0 + 6000, openAt: T0 + 50, closeAt: T0 + 4200 });
      expect(later.closeVerdict?.text).toBe(
        'The socket closed 1.2 s after exp: the server enforces expiry on open sockets.',
      );
      const expPct = g.labels.find((l) => l.ids.includes('exp'))?.pct ?? -1;
      expect(Math.abs((g.closePct ?? 0) - expPct)).toBeLessThan(1);
      expect(g.nowClamped).toBe('after');
      expect(g.closeClamped).toBeNull();
      expect(g.openPct).toBeCloseTo(1.5, 0);
      expect(g.summary).toContain('the server enforces expiry on open sockets');
    });
    it('a close within the leeway window still counts; a close long after does not', () => {
      const g = lifetimeGeometry({
        iat,
        exp,
        now: T0 + 60_000,
        leewaySeconds: 30,
        openAt: T0,
        closeAt: T0 + 3000 + 31_000,
      });
      expect(g.closeVerdict?.kind).toBe('enforces-expiry');
      const late = lifetimeGeometry({
        iat: S0 - H,
        exp: S0,
        now: T0 + 600_000,
        openAt: T0 - 60_000,
        closeAt: T0 + 600_000,
      });
      const periodic = lifetimeGeometry({
        iat: S0 - H,
        exp: S0,
        now: T0 + 60_000,
        openAt: T0 - 60_000,
        closeAt: T0 + 30_000,
        closeCode: 1008,
        closeReason: 'jwt expired',
      });
      expect(periodic.closeVerdict?.kind).toBe('enforces-expiry');
      expect(periodic.closeVerdict?.text).toContain(
        '30 s after exp, saying so: the server enforces expiry on open sockets',
      );
      expect(late.closeVerdict).toEqual({
        kind: 'open-past-expiry',
        text: 'The socket stayed open 10 min past exp: the server checks exp only at connect.',
      });
    });
    it('still open well past exp', () => {
      const g = lifetimeGeometry({
        iat: S0 - H,
        exp: S0 - 60,
        now: T0,
        openAt: T0 - 120_000,
        socketOpen: true,
      });
      expect(g.closeVerdict?.kind).toBe('open-past-expiry');
      expect(g.closeVerdict?.text).toContain('still open 1 min past exp');
    });
    it('closed before exp, never opened, opened although expired', () => {
      expect(
        lifetimeGeometry({ iat: S0 - H, exp: S0 + H, now: T0, openAt: T0 - 1000, closeAt: T0 }).closeVerdict
          ?.kind,
      ).toBe('closed-before-expiry');
      expect(lifetimeGeometry({ iat: S0 - H, exp: S0 + H, now: T0, closeAt: T0 }).closeVerdict?.kind).toBe(
        'closed-before-open',
      );
    });
    it('opened after exp: refused at connect when it closed right away, "does not check exp" when it stayed open', () => {
      const expired = { iat: S0 - H, exp: S0 - 60 };
      expect(
        lifetimeGeometry({ ...expired, now: T0, openAt: T0 - 1000, closeAt: T0 - 990 }).closeVerdict,
      ).toEqual({
        kind: 'expired-at-connect',
        text: 'The token had expired 59 s before the socket opened: the server closed it at connect.',
      });
      // A slow server still refused it when it says so, or closes like an auth failure.
      expect(
        lifetimeGeometry({
          ...expired,
          now: T0,
          openAt: T0 - 5000,
          closeAt: T0,
          closeCode: 1008,
          closeReason: 'jwt expired',
        }).closeVerdict?.kind,
      ).toBe('expired-at-connect');
      expect(
        lifetimeGeometry({ ...expired, now: T0, openAt: T0 - 5000, closeAt: T0, closeCode: 4401 })
          .closeVerdict?.kind,
      ).toBe('expired-at-connect');
      expect(
        lifetimeGeometry({ ...expired, now: T0, openAt: T0 - 3000, socketOpen: true }).closeVerdict,
      ).toBeNull();
      expect(
        lifetimeGeometry({ ...expired, now: T0, openAt: T0 - 6000, socketOpen: true }).closeVerdict?.kind,
      ).toBe('opened-expired');
      expect(
        lifetimeGeometry({ ...expired, now: T0, openAt: T0 - 5000, closeAt: T0, closeCode: 1000 })
          .closeVerdict?.kind,
      ).toBe('opened-expired');
    });
    it('a token without exp has no verdict for a close after opening', () => {
      expect(
        lifetimeGeometry({ iat: S0, now: T0 + 10_000, openAt: T0, closeAt: T0 + 5000 }).closeVerdict,
      ).toBeNull();
    });
  });

  it('never throws and stays inside the bar for any claims', () => {
    const claim = fc.option(fc.oneof(fc.double(), fc.integer({ min: -4e9, max: 4e9 })), { nil: undefined });
    fc.assert(
      fc.property(
        claim,
        claim,
        claim,
        fc.integer({ min: 0, max: 4e12 }),
        fc.option(fc.integer({ min: 0, max: 4e12 }), { nil: undefined }),
        fc.nat(1000),
        (iat, nbf, exp, now, closeAt, leeway) => {
          const g = lifetimeGeometry({ iat, nbf, exp, now, closeAt, openAt: closeAt, leewaySeconds: leeway });
          const inBar = (x: number) => Number.isFinite(x) && x >= 0 && x <= 100;
          expect(inBar(g.nowPct)).toBe(true);
          if (g.closePct !== undefined) expect(inBar(g.closePct)).toBe(true);
          for (const s of g.segments) {
            expect(inBar(s.startPct) && inBar(s.endPct)).toBe(true);
            expect(s.endPct).toBeGreaterThanOrEqual(s.startPct);
          }
          for (const l of g.labels) expect(inBar(l.pct)).toBe(true);
          expect(g.summary).not.toMatch(/NaN|undefined/);
        },
      ),
    );
  });

  it('rejects a missing clock', () => {
    expect(() => lifetimeGeometry({ now: Number.NaN })).toThrow(TypeError);
  });
});

describe('socketCarriedToken', () => {
  it('finds the token in any query parameter, encoded or not', () => {
    expect(socketCarriedToken('ws://h:1/?token=a.b%2Bc', 'a.b+c')).toBe(true);
    expect(socketCarriedToken('ws://h:1/?jwt=a.b.c&x=1', 'a.b.c')).toBe(true);
    expect(socketCarriedToken('ws://h:1/?token=a.b.d', 'a.b.c')).toBe(false);
    expect(socketCarriedToken('ws://h:1/?token=', '')).toBe(false);
    expect(socketCarriedToken('not a url a.b.c', 'a.b.c')).toBe(true);
  });
});
