import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { isAsymmetricAlg } from './algorithms.ts';
import type { AsymmetricAlg } from './types.ts';

export interface GeneratedKeyPair {
  alg: AsymmetricAlg;
  /** -----BEGIN PUBLIC KEY----- (SPKI): for the server that verifies. */
  publicPem: string;
  /** -----BEGIN PRIVATE KEY----- (PKCS#8): for the signer only. */
  privatePem: string;
  /** The public key as a JWK with kid (its RFC 7638 thumbprint), alg and use, ready for a JWKS. */
  publicJwk: Record<string, unknown>;
  kid: string;
}

/**
 * A fresh key pair for `alg` (RSA 2048 bits for RS and PS, the curve of ES256/384/512, Ed25519 for EdDSA),
 * extractable so it can be shown as PEM. Made by WebCrypto in this tab; nothing leaves it.
 */
export async function generateKeyPairPem(alg: AsymmetricAlg): Promise<GeneratedKeyPair> {
  if (!isAsymmetricAlg(alg))
    throw new TypeError(`generateKeyPairPem: alg must be one of RS256…ES512, EdDSA, got ${String(alg)}`);
  const pair = await generateKeyPair(alg, { extractable: true });
  const [publicPem, privatePem, jwk] = await Promise.all([
    exportSPKI(pair.publicKey),
    exportPKCS8(pair.privateKey),
    exportJWK(pair.publicKey),
  ]);
  const kid = await calculateJwkThumbprint(jwk);
  return { alg, publicPem, privatePem, publicJwk: { ...jwk, kid, alg, use: 'sig' }, kid };
}
