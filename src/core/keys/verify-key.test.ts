import { SignJWT, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_CERT_KEY_PEM, TEST_CERT_PEM } from './fixtures.test-helpers.ts';
import { keyOutcomeToTriage, triageKey, verifyWithKey } from './verify-key.ts';
import { pemBody, rsa1024PublicPem, signWith, testPair } from './test-keys.test-helpers.ts';

describe('verifyWithKey', () => {
  for (const alg of ['RS256', 'PS256', 'ES256', 'EdDSA', 'RS512', 'ES384']) {
    it(`${alg}: verifies with the PEM public key, the JWK and a JWKS; fails with another key`, async () => {
      const pair = await testPair(alg);
      const other = await testPair(alg, 'other');
      const token = await signWith(pair, { kid: 'main' });
      expect(await verifyWithKey(token, pair.publicPem)).toMatchObject({ ok: true, alg, keyUsable: true });
      expect(await verifyWithKey(token, JSON.stringify(pair.publicJwk))).toMatchObject({ ok: true, alg });
      const jwks = JSON.stringify({
        keys: [
          { ...other.publicJwk, kid: 'old' },
          { ...pair.publicJwk, kid: 'main' },
        ],
      });
      const viaSet = await verifyWithKey(token, jwks);
      expect(viaSet).toMatchObject({ ok: true, alg });
      expect(viaSet.problems.find((p) => p.code === 'INFO_JWKS_PICKED')?.message).toContain('"main"');
      const wrong = await verifyWithKey(token, other.publicPem);
      expect(wrong).toMatchObject({
        ok: false,
        code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
        keyUsable: true,
      });
    });
  }

  it('verifies with an X.509 certificate', async () => {
    const key = await importPKCS8(TEST_CERT_KEY_PEM, 'RS256');
    const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256' }).sign(key);
    const r = await verifyWithKey(token, TEST_CERT_PEM);
    expect(r).toMatchObject({ ok: true, alg: 'RS256' });
    expect(r.info?.format).toBe('x509');
    expect(await verifyWithKey(token, pemBody(TEST_CERT_PEM))).toMatchObject({ ok: true });
  });

  it('a private key given: verifies with its public half and warns', async () => {
    const pair = await testPair('ES256');
    const token = await signWith(pair);
    const r = await verifyWithKey(token, pair.privatePem);
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => p.code)).toContain('WARN_PRIVATE_KEY_GIVEN');
    const viaJwk = await verifyWithKey(token, JSON.stringify(pair.privateJwk));
    expect(viaJwk.ok).toBe(true);
    expect(viaJwk.problems.find((p) => p.code === 'WARN_PRIVATE_KEY_GIVEN')?.message).toContain('"d"');
  });

  it('a PEM without armour still verifies, with the warning', async () => {
    const pair = await testPair('RS256');
    const r = await verifyWithKey(await signWith(pair), pemBody(pair.publicPem));
    expect(r.ok).toBe(true);
    expect(r.problems.find((p) => p.code === 'WARN_PEM_NO_ARMOUR')?.message).toContain(
      'add the -----BEGIN PUBLIC KEY----- line',
    );
  });

  it('alg that does not fit the key type: RS256 token, EC key', async () => {
    const rsa = await testPair('RS256');
    const ec = await testPair('ES256');
    const r = await verifyWithKey(await signWith(rsa), ec.publicPem);
    expect(r).toMatchObject({ ok: false, code: 'ERR_KEY_ALG_MISMATCH', keyUsable: true });
    if (!r.ok)
      expect(r.message).toContain('RS256 needs an RSA key, but this is an EC P-256 key (it fits ES256)');
  });

  it('ES256 token with a P-384 key, and an HS256 token with a public key', async () => {
    const r = await verifyWithKey(
      await signWith(await testPair('ES256')),
      (await testPair('ES384')).publicPem,
    );
    if (r.ok) throw new Error('expected a failure');
    expect(r.message).toContain('ES256 needs an EC key on curve P-256');
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('s'.repeat(32)));
    const h = await verifyWithKey(hs, (await testPair('RS256')).publicPem);
    expect(h).toMatchObject({ ok: false, code: 'ERR_KEY_ALG_MISMATCH' });
    if (!h.ok) expect(h.message).toContain('shared secret (HMAC)');
  });

  it('RSA key under 2048 bits: refused with the reason', async () => {
    const pair = await testPair('RS256');
    const r = await verifyWithKey(await signWith(pair), await rsa1024PublicPem());
    expect(r).toMatchObject({ ok: false, code: 'ERR_KEY_RSA_TOO_SHORT', keyUsable: false });
    if (!r.ok) {
      expect(r.message).toContain('only 1024 bits');
      expect(r.message).toContain('2048');
    }
  });

  it('JWKS without the token kid: lists the kids', async () => {
    const pair = await testPair('RS256');
    const token = await signWith(pair, { kid: 'k-new' });
    const jwks = JSON.stringify({
      keys: [
        { ...pair.publicJwk, kid: 'k-old' },
        { ...(await testPair('ES256')).publicJwk, kid: 'k-ec' },
      ],
    });
    const r = await verifyWithKey(token, jwks);
    expect(r).toMatchObject({ ok: false, code: 'ERR_JWKS_NO_MATCHING_KEY', keyUsable: true });
    if (!r.ok) {
      expect(r.message).toContain('No key in the JWKS has kid "k-new"');
      expect(r.message).toContain('"k-old", "k-ec"');
    }
  });

  it('JWKS and a token without kid: every key that fits is tried', async () => {
    const a = await testPair('RS256');
    const b = await testPair('RS256', 'other');
    const token = await signWith(b);
    const r = await verifyWithKey(token, JSON.stringify({ keys: [a.publicJwk, b.publicJwk] }));
    expect(r.ok).toBe(true);
    expect(r.problems.find((p) => p.code === 'INFO_JWKS_PICKED')?.message).toContain('2 keys');
  });

  it('JWKS whose kid matches a key of the wrong type', async () => {
    const token = await signWith(await testPair('RS256'), { kid: 'x' });
    const r = await verifyWithKey(
      token,
      JSON.stringify({ keys: [{ ...(await testPair('ES256')).publicJwk, kid: 'x' }] }),
    );
    expect(r).toMatchObject({ ok: false, code: 'ERR_KEY_ALG_MISMATCH' });
  });

  it('tokens that are not signed JWS', async () => {
    const pem = (await testPair('RS256')).publicPem;
    expect(await verifyWithKey('a.b', pem)).toMatchObject({ ok: false, code: 'ERR_JWS_INVALID' });
    expect(await verifyWithKey('eyJhbGciOiJub25lIn0.e30.', pem)).toMatchObject({
      ok: false,
      code: 'ERR_ALG_NONE',
    });
  });

  it('unreadable key text: not usable, and says why', async () => {
    const token = await signWith(await testPair('RS256'));
    expect(await verifyWithKey(token, 'nonsense')).toMatchObject({
      ok: false,
      code: 'ERR_KEY_UNRECOGNISED',
      keyUsable: false,
    });
  });
});

describe('triageKey', () => {
  it('is shaped like a secret triage', async () => {
    const pair = await testPair('ES256');
    const t = await triageKey(await signWith(pair), pair.privatePem);
    expect(t).toMatchObject({
      given: { ok: true, alg: 'ES256' },
      tried: [],
      keyKind: 'public-key',
      keyUsable: true,
    });
    expect(t.notes.some((n) => n.includes('private key'))).toBe(true);
    expect(t.keyLabel).toContain('EC P-256');
  });

  it('a failing check keeps its code for the diagnosis', () => {
    const t = keyOutcomeToTriage({
      ok: false,
      code: 'ERR_KEY_ALG_MISMATCH',
      message: 'm',
      problems: [],
      keyUsable: true,
    });
    expect(t.given).toEqual({ ok: false, code: 'ERR_KEY_ALG_MISMATCH', message: 'm' });
  });
});
