// Keys and tokens made fresh for each test run with jose (WebCrypto), so no key is reused across runs.
import { SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { encodeBase64 } from '../token/base64url.ts';

export interface TestPair {
  alg: string;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  publicPem: string;
  privatePem: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
}

const cache = new Map<string, Promise<TestPair>>();

export function testPair(alg: string, tag = ''): Promise<TestPair> {
  const id = `${alg}/${tag}`;
  let p = cache.get(id);
  if (!p) {
    p = (async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      return {
        alg,
        publicKey,
        privateKey,
        publicPem: await exportSPKI(publicKey),
        privatePem: await exportPKCS8(privateKey),
        publicJwk: (await exportJWK(publicKey)) as Record<string, unknown>,
        privateJwk: (await exportJWK(privateKey)) as Record<string, unknown>,
      };
    })();
    cache.set(id, p);
  }
  return p;
}

export async function signWith(
  pair: TestPair,
  header: Record<string, unknown> = {},
  payload: Record<string, unknown> = { userId: '1', role: 'r' },
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: pair.alg, typ: 'JWT', ...header })
    .sign(pair.privateKey);
}

/** An RSA-1024 public key as SPKI PEM (jose refuses to make one, WebCrypto does not). */
export async function rsa1024PublicPem(): Promise<string> {
  const pair = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 1024,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const der = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const b64 = encodeBase64(der);
  return `-----BEGIN PUBLIC KEY-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PUBLIC KEY-----`;
}

/** The base64 body of a PEM, without its armour lines. */
export function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').trim();
}
