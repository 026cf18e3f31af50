import { describe, expect, it } from 'vitest';
import { ASYMMETRIC_ALGORITHMS } from './algorithms.ts';
import { generateKeyPairPem } from './generate.ts';
import { mintWithPrivateKey } from './mint-key.ts';
import { verifyWithKey } from './verify-key.ts';

describe('generateKeyPairPem + mintWithPrivateKey', () => {
  for (const alg of ['RS256', 'PS256', 'ES256', 'ES512', 'EdDSA'] as const) {
    it(`${alg}: generates PEMs, mints, and the public key verifies`, async () => {
      const pair = await generateKeyPairPem(alg);
      expect(pair.publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(pair.privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(pair.publicJwk).toMatchObject({ kid: pair.kid, alg, use: 'sig' });
      const minted = await mintWithPrivateKey({ userId: '1', role: 'r' }, pair.privatePem, alg);
      if (!minted.ok) throw new Error(minted.message);
      const header = JSON.parse(atob(minted.token.split('.')[0] ?? '')) as Record<string, unknown>;
      expect(header).toEqual({ alg, typ: 'JWT' });
      expect(await verifyWithKey(minted.token, pair.publicPem)).toMatchObject({ ok: true, alg });
      expect(await verifyWithKey(minted.token, JSON.stringify({ keys: [pair.publicJwk] }))).toMatchObject({
        ok: true,
      });
    });
  }

  it('lists the algorithms in a stable order', () => {
    expect(ASYMMETRIC_ALGORITHMS).toEqual([
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
    ]);
  });

  it('a JWK private key with kid puts the kid in the header', async () => {
    const pair = await generateKeyPairPem('ES256');
    const jwkWithD = await (async () => {
      const { importPKCS8, exportJWK } = await import('jose');
      return {
        ...(await exportJWK(await importPKCS8(pair.privatePem, 'ES256', { extractable: true }))),
        kid: 'signer-1',
      };
    })();
    const minted = await mintWithPrivateKey({ a: 1 }, JSON.stringify(jwkWithD), 'ES256');
    if (!minted.ok) throw new Error(minted.message);
    expect(JSON.parse(atob(minted.token.split('.')[0] ?? ''))).toMatchObject({ kid: 'signer-1' });
  });

  it('minting with a public key or a mismatched alg says why', async () => {
    const pair = await generateKeyPairPem('RS256');
    expect(await mintWithPrivateKey({}, pair.publicPem, 'RS256')).toMatchObject({
      ok: false,
      code: 'ERR_KEY_NEEDS_PRIVATE',
    });
    expect(await mintWithPrivateKey({}, pair.privatePem, 'EdDSA')).toMatchObject({
      ok: false,
      code: 'ERR_KEY_ALG_MISMATCH',
    });
  });

  it('misuse throws TypeError', async () => {
    await expect(generateKeyPairPem('HS256' as never)).rejects.toThrow(TypeError);
    await expect(mintWithPrivateKey([] as never, '', 'RS256')).rejects.toThrow(TypeError);
  });
});
