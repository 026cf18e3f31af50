import { CompactSign } from 'jose';
import type { MintResult } from '../jws/mint.ts';
import { isAsymmetricAlg } from './algorithms.ts';
import { importSigningKey } from './import-key.ts';
import type { AsymmetricAlg, KeyInfo, KeyProblem } from './types.ts';

export type KeyMintResult = MintResult & { info?: KeyInfo; problems: KeyProblem[] };

/**
 * Signs `payload` exactly as given with a private key (PKCS#8 / PKCS#1 / SEC1 PEM, or a JWK with "d"),
 * header {alg, typ: 'JWT', kid when the JWK has one}. Never throws for bad data.
 */
export async function mintWithPrivateKey(
  payload: Record<string, unknown>,
  privateKeyText: string,
  alg: AsymmetricAlg,
): Promise<KeyMintResult> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new TypeError('mintWithPrivateKey: payload must be a plain object');
  if (typeof privateKeyText !== 'string')
    throw new TypeError('mintWithPrivateKey: privateKeyText must be a string');
  if (!isAsymmetricAlg(alg))
    throw new TypeError(`mintWithPrivateKey: alg must be an asymmetric JWS algorithm, got ${String(alg)}`);
  const imported = await importSigningKey(privateKeyText, alg);
  if (!imported.ok)
    return {
      ok: false,
      code: imported.code,
      message: imported.message,
      problems: imported.problems,
      ...(imported.info ? { info: imported.info } : {}),
    };
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'ERR_PAYLOAD_JSON',
      message: `The payload cannot be written as JSON: ${detail}`,
      problems: imported.problems,
    };
  }
  const header: { alg: string; typ: string; kid?: string } = { alg, typ: 'JWT' };
  if (imported.info.kid !== undefined) header.kid = imported.info.kid;
  try {
    const token = await new CompactSign(new TextEncoder().encode(json))
      .setProtectedHeader(header)
      .sign(imported.key);
    return { ok: true, token, info: imported.info, problems: imported.problems };
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
        ? error.code
        : 'ERR_SIGN_FAILED';
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code,
      message: `Signing failed: ${detail}`,
      problems: imported.problems,
      info: imported.info,
    };
  }
}
