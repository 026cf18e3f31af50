import { describe, expect, it } from 'vitest';
import { TEST_CERT_PEM, TEST_PKCS1_PRIVATE_PEM, TEST_SEC1_PRIVATE_PEM } from './fixtures.test-helpers.ts';
import { importSigningKey, importVerificationKey } from './import-key.ts';
import { testPair } from './test-keys.test-helpers.ts';

describe('importVerificationKey', () => {
  it('picks the key’s own algorithm when none is given', async () => {
    expect(await importVerificationKey((await testPair('ES256')).publicPem)).toMatchObject({
      ok: true,
      alg: 'ES256',
    });
    expect(await importVerificationKey((await testPair('EdDSA')).publicPem)).toMatchObject({
      ok: true,
      alg: 'EdDSA',
    });
    expect(await importVerificationKey(TEST_CERT_PEM)).toMatchObject({ ok: true, alg: 'RS256' });
    const pinned = await importVerificationKey(
      JSON.stringify({ ...(await testPair('RS256')).publicJwk, alg: 'PS384' }),
    );
    expect(pinned).toMatchObject({ ok: true, alg: 'PS384' });
  });

  it('a JWK pinned to another alg is refused for this one', async () => {
    const r = await importVerificationKey(
      JSON.stringify({ ...(await testPair('RS256')).publicJwk, alg: 'RS512' }),
      'RS256',
    );
    expect(r).toMatchObject({ ok: false, code: 'ERR_KEY_ALG_MISMATCH' });
    if (!r.ok) expect(r.message).toContain('pinned to alg RS512');
  });

  it('imports CryptoKeys that verify (public) for each format', async () => {
    const r = await importVerificationKey((await testPair('PS256')).publicPem, 'PS256');
    if (!r.ok) throw new Error(r.message);
    expect((r.key as CryptoKey).type).toBe('public');
    expect(r.candidates).toHaveLength(1);
  });
});

describe('importSigningKey', () => {
  it('imports PKCS#8, PKCS#1 and SEC1 private keys', async () => {
    expect(await importSigningKey((await testPair('ES256')).privatePem, 'ES256')).toMatchObject({ ok: true });
    expect(await importSigningKey(TEST_PKCS1_PRIVATE_PEM, 'RS256')).toMatchObject({ ok: true });
    expect(await importSigningKey(TEST_SEC1_PRIVATE_PEM, 'ES256')).toMatchObject({ ok: true });
  });

  it('refuses public keys and JWKS, in plain words', async () => {
    const pub = await importSigningKey((await testPair('RS256')).publicPem, 'RS256');
    expect(pub).toMatchObject({ ok: false, code: 'ERR_KEY_NEEDS_PRIVATE' });
    if (!pub.ok) expect(pub.message).toContain('signing needs the private key');
    expect(await importSigningKey('{"keys":[]}', 'RS256')).toMatchObject({ ok: false });
    expect(await importSigningKey('', 'RS256')).toMatchObject({ ok: false, code: 'ERR_KEY_EMPTY' });
  });

  it('refuses an alg that does not fit', async () => {
    const r = await importSigningKey((await testPair('ES256')).privatePem, 'RS256');
    expect(r).toMatchObject({ ok: false, code: 'ERR_KEY_ALG_MISMATCH' });
    if (!r.ok) expect(r.message).toContain('Choose ES256');
  });
});
