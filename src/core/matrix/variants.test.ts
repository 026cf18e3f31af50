import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken } from '../jws/mint.ts';
import { analyzeToken } from '../token/analyze.ts';
import { buildMatrixVariants, MATRIX_WRONG_SECRET } from './variants.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_SEC = NOW / 1000;
const SECRET = { text: 'matrix-test-secret-0123456789abcdef', encoding: 'utf8' } as const;
const REQUIRED = ['userId', 'role', 'iat', 'exp'];

/** What a correct server does (jsonwebtoken-like): verify HS256 with the secret, check times and required claims. */
async function correctServerAccepts(token: string, secret: string = SECRET.text): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(NOW),
    });
    return REQUIRED.every((c) => Object.hasOwn(payload, c));
  } catch {
    return false;
  }
}

async function signed(payload: Record<string, unknown>, secret: string = SECRET.text): Promise<string> {
  const r = await mintToken(payload, { text: secret, encoding: 'utf8' }, 'HS256');
  if (!r.ok) throw new Error(r.message);
  return r.token;
}

const goodPayload = { userId: '42', role: 'teacher', iat: NOW_SEC - 60, exp: NOW_SEC + 3600 };

describe('buildMatrixVariants with a secret', () => {
  it('makes every variant, and a correct server accepts only the good one', async () => {
    const token = await signed(goodPayload);
    const plan = await buildMatrixVariants({ token, secret: SECRET, requiredClaims: REQUIRED, now: NOW });
    expect(plan.variants.map((v) => v.id)).toEqual([
      'good',
      'expired',
      'wrong-secret',
      'missing-userId',
      'missing-role',
      'missing-iat',
      'missing-exp',
      'alg-none',
      'nbf-future',
      'tampered-payload',
    ]);
    expect(plan.skipped).toEqual([]);
    for (const v of plan.variants) {
      expect(await correctServerAccepts(v.token), v.id).toBe(v.expected === 'accept');
    }
  });

  it('uses the pasted token itself when it verifies and is valid, and says so', async () => {
    const token = await signed(goodPayload);
    const plan = await buildMatrixVariants({ token, secret: SECRET, requiredClaims: REQUIRED, now: NOW });
    expect(plan.base.source).toBe('pasted');
    expect(plan.base.explanation).toMatch(/pasted token unchanged/);
    expect(plan.variants[0]?.token).toBe(token);
  });

  it('re-signs an expired pasted token with fresh iat/exp, keeping its other claims', async () => {
    const token = await signed({ ...goodPayload, iat: NOW_SEC - 7200, exp: NOW_SEC - 3600, tenant: 't1' });
    const plan = await buildMatrixVariants({ token, secret: SECRET, requiredClaims: REQUIRED, now: NOW });
    expect(plan.base.source).toBe('resigned');
    expect(plan.base.explanation).toMatch(/fresh iat and exp/);
    const good = plan.variants.find((v) => v.id === 'good');
    expect(good?.token).not.toBe(token);
    const a = analyzeToken(good?.token ?? '', { now: NOW });
    expect(a.status).toBe('valid');
    expect(a.payload).toMatchObject({
      userId: '42',
      role: 'teacher',
      tenant: 't1',
      iat: NOW_SEC,
      exp: NOW_SEC + 3600,
    });
  });

  it('re-signs a token signed with another secret, and explains why', async () => {
    const token = await signed(goodPayload, 'another-secret-entirely-0123456789');
    const plan = await buildMatrixVariants({ token, secret: SECRET, requiredClaims: REQUIRED, now: NOW });
    expect(plan.base.source).toBe('resigned');
    expect(plan.base.explanation).toMatch(/does not verify with the Secret/);
    expect(await correctServerAccepts(plan.variants[0]?.token ?? '')).toBe(true);
  });

  it('adds missing required claims to the good token and uses the guide payload without a token', async () => {
    const fromPartial = await buildMatrixVariants({
      token: await signed({ userId: '1' }),
      secret: SECRET,
      requiredClaims: REQUIRED,
      now: NOW,
    });
    expect(fromPartial.base.explanation).toMatch(/missing required claims role, iat, exp added/);
    expect(await correctServerAccepts(fromPartial.variants[0]?.token ?? '')).toBe(true);

    const fromNothing = await buildMatrixVariants({
      token: '',
      secret: SECRET,
      requiredClaims: REQUIRED,
      now: NOW,
    });
    expect(fromNothing.base.source).toBe('guide');
    expect(analyzeToken(fromNothing.variants[0]?.token ?? '', { now: NOW }).payload).toMatchObject({
      userId: '123',
      role: 'principal',
    });
  });

  it('makes each bad variant wrong in exactly one way', async () => {
    const plan = await buildMatrixVariants({
      token: await signed(goodPayload),
      secret: SECRET,
      requiredClaims: REQUIRED,
      now: NOW,
    });
    const byId = new Map(plan.variants.map((v) => [v.id, v]));
    const look = (id: string) =>
      analyzeToken(byId.get(id)?.token ?? '', { now: NOW, requiredClaims: REQUIRED });

    expect(look('expired').status).toBe('expired');
    expect(await correctServerAccepts(byId.get('wrong-secret')?.token ?? '', MATRIX_WRONG_SECRET)).toBe(true);
    expect(look('missing-role').missingClaims).toEqual(['role']);
    expect(look('alg-none').header).toEqual({ alg: 'none', typ: 'JWT' });
    expect(byId.get('alg-none')?.token.endsWith('.')).toBe(true);
    expect(look('nbf-future').status).toBe('not-yet-valid');
    const tampered = byId.get('tampered-payload')?.token.split('.') ?? [];
    const good = byId.get('good')?.token.split('.') ?? [];
    expect(tampered[0]).toBe(good[0]);
    expect(tampered[2]).toBe(good[2]);
    expect(tampered[1]).not.toBe(good[1]);
    expect(look('tampered-payload').payload?.role).toBe('admin');
  });

  it('one missing-claim variant per required claim, none when none are required', async () => {
    const token = await signed(goodPayload);
    const custom = await buildMatrixVariants({
      token,
      secret: SECRET,
      requiredClaims: ['userId', ' userId ', 'tenant', ''],
      now: NOW,
    });
    expect(custom.variants.filter((v) => v.kind === 'missing-claim').map((v) => v.id)).toEqual([
      'missing-userId',
      'missing-tenant',
    ]);
    const none = await buildMatrixVariants({ token, secret: SECRET, requiredClaims: [], now: NOW });
    expect(none.variants.some((v) => v.kind === 'missing-claim')).toBe(false);
    expect(none.notes.join(' ')).toMatch(/no missing-claim variants/);
  });

  it('keeps an HS512 token’s algorithm', async () => {
    const r = await mintToken(goodPayload, SECRET, 'HS512');
    if (!r.ok) throw new Error(r.message);
    const plan = await buildMatrixVariants({
      token: r.token,
      secret: SECRET,
      requiredClaims: REQUIRED,
      now: NOW,
    });
    expect(analyzeToken(plan.variants.find((v) => v.id === 'expired')?.token ?? '', { now: NOW }).alg).toBe(
      'HS512',
    );
  });
});

describe('buildMatrixVariants without a secret', () => {
  it('runs only what needs no secret, and says what the rest need', async () => {
    const token = await signed(goodPayload);
    const plan = await buildMatrixVariants({ token, secret: null, requiredClaims: REQUIRED, now: NOW });
    expect(plan.variants.map((v) => v.id)).toEqual(['good', 'wrong-secret', 'alg-none', 'tampered-payload']);
    expect(plan.variants[0]).toMatchObject({ token, unverified: true, expected: 'accept' });
    expect(plan.skipped.map((s) => s.id)).toEqual([
      'expired',
      'missing-userId',
      'missing-role',
      'missing-iat',
      'missing-exp',
      'nbf-future',
    ]);
    for (const s of plan.skipped) expect(s.why).toMatch(/^Needs the Secret/);
    expect(plan.notes.join(' ')).toMatch(/enter the server’s JWT_SECRET in Secret/);
  });

  it('an empty secret text counts as no secret; an undecodable one is explained', async () => {
    const token = await signed(goodPayload);
    const empty = await buildMatrixVariants({
      token,
      secret: { text: '', encoding: 'utf8' },
      requiredClaims: REQUIRED,
      now: NOW,
    });
    expect(empty.base.source).toBe('pasted-unverified');
    const bad = await buildMatrixVariants({
      token,
      secret: { text: 'xyz', encoding: 'hex' },
      requiredClaims: REQUIRED,
      now: NOW,
    });
    expect(bad.notes[0]).toMatch(/The Secret cannot be used: The secret is not valid hex/);
    expect(bad.skipped.some((s) => s.id === 'expired')).toBe(true);
  });

  it('skips the good row when the pasted token is expired, but still tampers with it', async () => {
    const token = await signed({ ...goodPayload, exp: NOW_SEC - 10 });
    const plan = await buildMatrixVariants({ token, secret: null, requiredClaims: REQUIRED, now: NOW });
    expect(plan.variants.map((v) => v.id)).toEqual(['wrong-secret', 'alg-none', 'tampered-payload']);
    expect(plan.skipped[0]?.id).toBe('good');
    expect(plan.base.explanation).toMatch(/not a good token as it is \(expired\)/);
    expect(plan.variants.find((v) => v.id === 'tampered-payload')?.description).toMatch(
      /a rejection may be for that too/,
    );
  });

  it('with no token and no secret: wrong-secret and alg-none from the guide payload', async () => {
    const plan = await buildMatrixVariants({
      token: 'not a token',
      secret: null,
      requiredClaims: REQUIRED,
      now: NOW,
    });
    expect(plan.variants.map((v) => v.id)).toEqual(['wrong-secret', 'alg-none']);
    expect(plan.skipped.map((s) => s.id)).toContain('tampered-payload');
  });

  it('never throws for hostile payloads', async () => {
    const weird = `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ __proto__: 1, role: ['x'], exp: 'soon' })).replace(/=+$/, '')}.c2ln`;
    await expect(
      buildMatrixVariants({ token: weird, secret: SECRET, requiredClaims: REQUIRED, now: NOW }),
    ).resolves.toBeDefined();
  });
});
