import { CompactSign, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SecretInput } from '../types.ts';
import { verifyToken } from './verify.ts';

const NOW_S = Date.UTC(2026, 10, 27, 4, 22, 37) / 1000;
const SECRET: SecretInput = { text: 'local-dev-secret', encoding: 'utf8' };
const KEY = new TextEncoder().encode(SECRET.text);

const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function hs(
  alg: 'HS256' | 'HS384' | 'HS512',
  payload: Record<string, unknown> = { userId: '123' },
  key = KEY,
) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(key);
}

describe('verifyToken', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each(['HS256', 'HS384', 'HS512'] as const)('verifies %s', async (alg) => {
    expect(await verifyToken(await hs(alg), SECRET)).toEqual({ ok: true, alg });
  });

  it('checks the signature only: an expired token still verifies', async () => {
    const token = await new SignJWT({ userId: '123' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(NOW_S - 7200)
      .setExpirationTime(NOW_S - 3600)
      .sign(KEY);
    expect((await verifyToken(token, SECRET)).ok).toBe(true);
  });

  it('verifies with base64 and hex secrets', async () => {
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const token = await hs('HS256', {}, key);
    expect(
      (await verifyToken(token, { text: Buffer.from(key).toString('base64'), encoding: 'base64' })).ok,
    ).toBe(true);
    expect(
      (await verifyToken(token, { text: Buffer.from(key).toString('base64url'), encoding: 'base64url' })).ok,
    ).toBe(true);
    expect((await verifyToken(token, { text: Buffer.from(key).toString('hex'), encoding: 'hex' })).ok).toBe(
      true,
    );
  });

  it('ERR_JWS_SIGNATURE_VERIFICATION_FAILED for the wrong secret', async () => {
    const r = await verifyToken(await hs('HS256'), { text: 'another-secret', encoding: 'utf8' });
    expect(r).toMatchObject({ ok: false, code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(!r.ok && r.message).toMatch(/not signed with this secret/);
  });

  it('ERR_JWS_SIGNATURE_VERIFICATION_FAILED for a tampered payload', async () => {
    const [h, , s] = (await hs('HS256')).split('.');
    const r = await verifyToken(`${h}.${enc({ userId: 'admin' })}.${s}`, SECRET);
    expect(!r.ok && r.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it.each([
    ['two parts', 'a.b', /2 parts/],
    ['JWE', 'a.b.c.d.e', /encrypted token/],
    ['header not base64url', 'a+b.e30.c2ln', /not base64url/],
    ['header not UTF-8', `${Buffer.from([0xff]).toString('base64url')}.e30.c2ln`, /not UTF-8/],
    ['header not JSON', `${Buffer.from('hi').toString('base64url')}.e30.c2ln`, /not JSON/],
    ['header not an object', `${enc([1])}.e30.c2ln`, /not a JSON object/],
    ['no alg', `${enc({ typ: 'JWT' })}.e30.c2ln`, /no "alg"/],
    ['signature not base64url', `${enc({ alg: 'HS256' })}.e30.c2l+`, /.+/],
  ])('ERR_JWS_INVALID: %s', async (_name, token, message) => {
    const r = await verifyToken(token, SECRET);
    expect(!r.ok && r.code).toBe('ERR_JWS_INVALID');
    expect(!r.ok && r.message).toMatch(message);
  });

  it('ERR_ALG_NONE', async () => {
    const r = await verifyToken(`${enc({ alg: 'none' })}.${enc({ userId: '123' })}.`, SECRET);
    expect(!r.ok && r.code).toBe('ERR_ALG_NONE');
  });

  it.each(['RS256', 'PS384', 'ES256', 'ES256K', 'EdDSA', 'Ed25519'])(
    'ERR_ALG_NOT_HMAC for %s',
    async (alg) => {
      const r = await verifyToken(`${enc({ alg })}.${enc({})}.c2ln`, SECRET);
      expect(!r.ok && r.code).toBe('ERR_ALG_NOT_HMAC');
      expect(!r.ok && r.message).toBe(
        `this token is signed with ${alg}, a public-key algorithm: a shared secret cannot verify it (the server needs the signer's public key)`,
      );
    },
  );

  it('ERR_ALG_NOT_HMAC for a real RS256 token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ userId: '123' }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect(await verifyToken(token, SECRET)).toMatchObject({ ok: false, code: 'ERR_ALG_NOT_HMAC' });
  });

  it('ERR_JOSE_ALG_NOT_ALLOWED when the alg is not accepted', async () => {
    const r = await verifyToken(await hs('HS512'), SECRET, { algorithms: ['HS256'] });
    expect(!r.ok && r.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(!r.ok && r.message).toMatch(/HS512 is not one of the accepted algorithms \(HS256\)/);
  });

  it('ERR_JOSE_NOT_SUPPORTED for an unknown alg that is allowed', async () => {
    const r = await verifyToken(`${enc({ alg: 'hs256' })}.e30.c2ln`, SECRET, { algorithms: ['hs256'] });
    expect(!r.ok && r.code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('ERR_SECRET_EMPTY and ERR_SECRET_ENCODING', async () => {
    const token = await hs('HS256');
    expect(await verifyToken(token, { text: '', encoding: 'utf8' })).toMatchObject({
      ok: false,
      code: 'ERR_SECRET_EMPTY',
    });
    expect(await verifyToken(token, { text: 'zz', encoding: 'hex' })).toMatchObject({
      ok: false,
      code: 'ERR_SECRET_ENCODING',
    });
  });

  it('ERR_NO_WEBCRYPTO outside a secure context', async () => {
    const token = await hs('HS256');
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('crypto', {});
    const r = await verifyToken(token, SECRET);
    expect(!r.ok && r.code).toBe('ERR_NO_WEBCRYPTO');
  });

  it('never throws for junk, and throws TypeError for misuse', async () => {
    for (const junk of [
      '',
      '...',
      '\u0000',
      'x'.repeat(100_000),
      `${enc({ alg: 'HS256', crit: ['x'] })}.e30.c2ln`,
    ]) {
      expect((await verifyToken(junk, SECRET)).ok).toBe(false);
    }
    // @ts-expect-error misuse on purpose
    await expect(verifyToken(undefined, SECRET)).rejects.toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    await expect(verifyToken('a.b.c', SECRET, { algorithms: 'HS256' })).rejects.toThrow(TypeError);
  });
});
