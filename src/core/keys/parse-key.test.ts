import { describe, expect, it } from 'vitest';
import {
  TEST_CERT_KEY_PEM,
  TEST_CERT_PEM,
  TEST_PKCS1_PRIVATE_PEM,
  TEST_SEC1_PRIVATE_PEM,
} from './fixtures.test-helpers.ts';
import { inspectKeyText, publicJwk } from './parse-key.ts';
import { pemBody, rsa1024PublicPem, testPair } from './test-keys.test-helpers.ts';

function ok(text: string) {
  const r = inspectKeyText(text);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
}

describe('inspectKeyText', () => {
  it('reads an RSA SPKI PEM: type, size, algorithms', async () => {
    const { publicPem } = await testPair('RS256');
    const r = ok(publicPem);
    expect(r.format).toBe('spki');
    const info = r.keys[0]?.info;
    expect(info).toMatchObject({ kty: 'RSA', bits: 2048, private: false });
    expect(info?.algorithms).toContain('RS256');
    expect(info?.algorithms).toContain('PS256');
    expect(info?.label).toBe('RSA 2048-bit public key (PEM, SPKI)');
  });

  it('reads EC and Ed25519 SPKI PEMs with their curves', async () => {
    expect(ok((await testPair('ES256')).publicPem).keys[0]?.info).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      algorithms: ['ES256'],
    });
    expect(ok((await testPair('ES384')).publicPem).keys[0]?.info).toMatchObject({
      kty: 'EC',
      crv: 'P-384',
      algorithms: ['ES384'],
    });
    expect(ok((await testPair('EdDSA')).publicPem).keys[0]?.info).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
    });
  });

  it('reads an X.509 certificate: subject and validity', () => {
    const r = ok(TEST_CERT_PEM);
    expect(r.format).toBe('x509');
    expect(r.keys[0]?.info).toMatchObject({ kty: 'RSA', bits: 2048, certificate: { subject: 'wsjwt-test' } });
    expect(r.keys[0]?.info.certificate?.notAfter).toMatch(/^20\d\d-\d\d-\d\dT/);
    expect(r.keys[0]?.info.label).toContain('CN=wsjwt-test');
  });

  it('reads PKCS#8 private keys as private', () => {
    expect(ok(TEST_CERT_KEY_PEM).keys[0]?.info).toMatchObject({
      format: 'pkcs8',
      kty: 'RSA',
      bits: 2048,
      private: true,
    });
  });

  it('converts PKCS#1 and SEC1 private keys, with a note', () => {
    const rsa = ok(TEST_PKCS1_PRIVATE_PEM);
    expect(rsa.keys[0]?.info).toMatchObject({
      format: 'pkcs1-private',
      kty: 'RSA',
      bits: 2048,
      private: true,
    });
    expect(rsa.problems.map((p) => p.code)).toContain('INFO_PKCS1');
    const ec = ok(TEST_SEC1_PRIVATE_PEM);
    expect(ec.keys[0]?.info).toMatchObject({
      format: 'sec1-private',
      kty: 'EC',
      crv: 'P-256',
      private: true,
    });
  });

  it('PEM without its armour: read, with the lines to add', async () => {
    const r = ok(pemBody((await testPair('RS256')).publicPem));
    const warn = r.problems.find((p) => p.code === 'WARN_PEM_NO_ARMOUR');
    expect(warn?.message).toContain('-----BEGIN PUBLIC KEY-----');
    expect(warn?.message).toContain('-----END PUBLIC KEY-----');
    expect(r.keys[0]?.info.kty).toBe('RSA');
    const cert = ok(pemBody(TEST_CERT_PEM));
    expect(cert.format).toBe('x509');
    expect(cert.problems.find((p) => p.code === 'WARN_PEM_NO_ARMOUR')?.message).toContain(
      '-----BEGIN CERTIFICATE-----',
    );
  });

  it('literal \\n sequences (a .env value) are read as line breaks, with a warning', async () => {
    const { publicPem } = await testPair('ES256');
    const env = `JWT_PUBLIC_KEY="${publicPem.replace(/\n/g, '\\n')}"`;
    const r = ok(env);
    expect(r.keys[0]?.info.crv).toBe('P-256');
    expect(r.problems.map((p) => p.code)).toContain('WARN_PEM_ESCAPED_NEWLINES');
  });

  it('names broken PEMs', async () => {
    const { publicPem } = await testPair('ES256');
    const cut = inspectKeyText(publicPem.split('\n').slice(0, -1).join('\n'));
    expect(cut).toMatchObject({ ok: false, code: 'ERR_KEY_PEM_STRUCTURE' });
    if (!cut.ok) expect(cut.message).toContain('-----END PUBLIC KEY----- line is missing');
    const damaged = inspectKeyText(publicPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'));
    expect(damaged.ok).toBe(false);
    expect(
      inspectKeyText('-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----'),
    ).toMatchObject({ ok: false, code: 'ERR_KEY_ENCRYPTED' });
    expect(inspectKeyText('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG me@host')).toMatchObject({
      ok: false,
      code: 'ERR_KEY_SSH',
    });
  });

  it('reads a 1024-bit RSA key and reports its size', async () => {
    expect(ok(await rsa1024PublicPem()).keys[0]?.info.bits).toBe(1024);
  });

  it('reads JWKs and JWKS', async () => {
    const rsa = await testPair('RS256');
    const jwk = ok(JSON.stringify({ ...rsa.publicJwk, kid: 'k1', alg: 'RS256' }));
    expect(jwk.format).toBe('jwk');
    expect(jwk.keys[0]?.info).toMatchObject({ kty: 'RSA', bits: 2048, kid: 'k1', algorithms: ['RS256'] });
    const ec = await testPair('ES256');
    const set = ok(
      JSON.stringify({
        keys: [
          { ...rsa.publicJwk, kid: 'a' },
          { ...ec.publicJwk, kid: 'b' },
          { kty: 'RSA', kid: 'broken' },
        ],
      }),
    );
    expect(set.format).toBe('jwks');
    expect(set.keys.map((k) => k.info.kid)).toEqual(['a', 'b']);
    expect(set.problems.find((p) => p.code === 'WARN_JWKS_SKIPPED')?.message).toContain('broken');
  });

  it('a JWKS publishing private members is called out, and only public parts are kept', async () => {
    const ec = await testPair('ES256');
    const set = ok(JSON.stringify({ keys: [{ ...ec.privateJwk, kid: 'leak' }] }));
    expect(set.problems.map((p) => p.code)).toContain('WARN_PRIVATE_KEY_GIVEN');
    expect(set.jwks?.keys[0]).not.toHaveProperty('d');
  });

  it('JWK problems in plain words', () => {
    expect(inspectKeyText('{"kty":"RSA","n":"AQAB","e":"AQAB","use":"enc"}')).toMatchObject({
      ok: false,
      code: 'ERR_KEY_USE',
    });
    expect(inspectKeyText('{"kty":"EC","crv":"P-256"}')).toMatchObject({ ok: false, code: 'ERR_KEY_JWK' });
    expect(inspectKeyText('{"kty":')).toMatchObject({ ok: false, code: 'ERR_KEY_JSON' });
    expect(inspectKeyText('[{"kty":"RSA"}]')).toMatchObject({ ok: false, code: 'ERR_KEY_JWK' });
    expect(inspectKeyText('{"keys":[]}')).toMatchObject({ ok: false, code: 'ERR_JWKS_EMPTY' });
  });

  it('empty and unrecognised text', () => {
    expect(inspectKeyText('  ')).toMatchObject({ ok: false, code: 'ERR_KEY_EMPTY' });
    const secret = inspectKeyText('dev-secret-change-me');
    expect(secret).toMatchObject({ ok: false, code: 'ERR_KEY_UNRECOGNISED' });
    if (!secret.ok) expect(secret.message).toContain('Shared secret (HMAC)');
  });

  it('publicJwk drops private members', async () => {
    const { privateJwk } = await testPair('RS256');
    const pub = publicJwk(privateJwk);
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(pub).not.toHaveProperty(m);
    expect(pub).toHaveProperty('n');
  });
});
