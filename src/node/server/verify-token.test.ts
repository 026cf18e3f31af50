import { SignJWT, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REQUIRED_CLAIMS,
  MAX_CLOSE_REASON_BYTES,
  missingClaims,
  truncateUtf8,
  verifyServerToken,
} from './verify-token.ts';
import type { ServerVerifyOptions } from './verify-token.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const SECRET = new TextEncoder().encode('unit-secret');
const OPTIONS: ServerVerifyOptions = {
  secret: SECRET,
  algorithms: ['HS256'],
  requiredClaims: DEFAULT_REQUIRED_CLAIMS,
  now: NOW,
};

function sign(claims: Record<string, unknown>, alg = 'HS256', key: Uint8Array = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
}
const full = { userId: 'u1', role: 'principal', iat: NOW_S - 10, exp: NOW_S + 3600 };
const seg = (value: unknown): string => base64url.encode(JSON.stringify(value));

describe('verifyServerToken', () => {
  it('accepts a good token and returns its payload', async () => {
    const result = await verifyServerToken(await sign(full), OPTIONS);
    expect(result).toMatchObject({ ok: true, alg: 'HS256', payload: full, expiredAccepted: false });
  });

  it.each([
    ['null', null, 'no-token', 'No token provided'],
    ['empty', '', 'no-token', 'No token provided'],
    ['two segments', 'abc.def', 'malformed', 'jwt malformed'],
    ['junk', 'not a token', 'malformed', 'jwt malformed'],
    ['header not JSON', `${base64url.encode('nope')}.${seg(full)}.c2ln`, 'malformed', 'jwt malformed'],
    ['payload an array', `${seg({ alg: 'HS256' })}.${seg([1])}.c2ln`, 'malformed', 'jwt malformed'],
    [
      'standard base64 characters',
      `${seg({ alg: 'HS256' })}.${seg(full)}+/=.c2ln`,
      'malformed',
      'jwt malformed',
    ],
    [
      'unsigned (alg none)',
      `${seg({ alg: 'none' })}.${seg(full)}.`,
      'signature-required',
      'jwt signature is required',
    ],
    [
      'alg none with a signature',
      `${seg({ alg: 'none' })}.${seg(full)}.c2ln`,
      'invalid-algorithm',
      'invalid algorithm',
    ],
  ] as const)('refuses %s', async (_name, token, code, reason) => {
    expect(await verifyServerToken(token, OPTIONS)).toEqual({ ok: false, code, reason });
  });

  it('words each signed-token failure as jsonwebtoken does', async () => {
    const other = new TextEncoder().encode('another-secret');
    const cases: Array<[string, string, string]> = [
      [await sign(full, 'HS256', other), 'invalid-signature', 'invalid signature'],
      [await sign(full, 'HS512'), 'invalid-algorithm', 'invalid algorithm'],
      [await sign({ ...full, exp: NOW_S - 1 }), 'expired', 'jwt expired'],
      [await sign({ ...full, exp: NOW_S }), 'expired', 'jwt expired'],
      [await sign({ ...full, nbf: NOW_S + 60 }), 'not-active', 'jwt not active'],
      [await sign({ ...full, exp: 'tomorrow' }), 'invalid-claim', 'invalid exp value'],
      [await sign({ userId: 'u1', iat: NOW_S }), 'missing-claims', 'Missing required claims: role, exp'],
      [await sign({ ...full, role: null }), 'missing-claims', 'Missing required claims: role'],
    ];
    for (const [token, code, reason] of cases) {
      expect(await verifyServerToken(token, OPTIONS), reason).toEqual({ ok: false, code, reason });
    }
  });

  it('checks the signature before the claims, as jsonwebtoken does', async () => {
    const token = await sign({ exp: NOW_S - 100 }, 'HS256', new TextEncoder().encode('x'));
    expect(await verifyServerToken(token, OPTIONS)).toMatchObject({ reason: 'invalid signature' });
  });

  it('refuses an RS256 token when only RS256 is allowed but only a secret is held', async () => {
    const token = `${seg({ alg: 'RS256' })}.${seg(full)}.c2ln`;
    expect(await verifyServerToken(token, { ...OPTIONS, algorithms: ['RS256'] })).toMatchObject({
      reason: 'invalid signature',
    });
    expect(await verifyServerToken(await sign(full), { ...OPTIONS, algorithms: ['RS256'] })).toMatchObject({
      reason: 'invalid algorithm',
    });
  });

  it('accepts an expired token only in ignoreExpiration mode, and still checks the signature there', async () => {
    const expired = await sign({ ...full, exp: NOW_S - 5 });
    expect(await verifyServerToken(expired, { ...OPTIONS, ignoreExpiration: true })).toMatchObject({
      ok: true,
      expiredAccepted: true,
    });
    const forged = await sign({ ...full, exp: NOW_S - 5 }, 'HS256', new TextEncoder().encode('x'));
    expect(await verifyServerToken(forged, { ...OPTIONS, ignoreExpiration: true })).toMatchObject({
      reason: 'invalid signature',
    });
  });

  it('reports an empty secret instead of crashing', async () => {
    expect(
      await verifyServerToken(await sign(full), { ...OPTIONS, secret: new Uint8Array(0) }),
    ).toMatchObject({
      code: 'no-secret',
      reason: 'secret or public key must be provided',
    });
  });

  it('keeps the missing-claims reason within 123 bytes', async () => {
    const requiredClaims = Array.from({ length: 40 }, (_, i) => `required_claim_number_${i}`);
    const result = await verifyServerToken(await sign(full), { ...OPTIONS, requiredClaims });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Buffer.byteLength(result.reason)).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
      expect(result.reason.startsWith('Missing required claims: required_claim_number_0, ')).toBe(true);
    }
  });
});

describe('truncateUtf8', () => {
  it('leaves short text alone', () => {
    expect(truncateUtf8('jwt expired')).toBe('jwt expired');
    expect(truncateUtf8('x'.repeat(123))).toBe('x'.repeat(123));
  });

  it('cuts on character boundaries and marks the cut', () => {
    for (const unit of ['x', 'é', '€', '😀']) {
      for (let pad = 0; pad < 4; pad++) {
        const text = 'a'.repeat(pad) + unit.repeat(200);
        const cut = truncateUtf8(text);
        const bytes = Buffer.from(cut, 'utf8');
        expect(bytes.length).toBeLessThanOrEqual(123);
        expect(bytes.length).toBeGreaterThan(115);
        expect(cut.endsWith('…')).toBe(true);
        expect(cut).not.toContain('\uFFFD');
        expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }
    }
  });

  it('honours tiny limits', () => {
    expect(Buffer.byteLength(truncateUtf8('€€€€', 2))).toBeLessThanOrEqual(2);
  });
});

describe('missingClaims', () => {
  it('lists absent and null claims in the required order', () => {
    expect(missingClaims({ role: 'a', exp: null }, ['userId', 'role', 'iat', 'exp'])).toEqual([
      'userId',
      'iat',
      'exp',
    ]);
  });
});
