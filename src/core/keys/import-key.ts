// Turns pasted key text into a WebCrypto key for one algorithm, through jose (importSPKI, importX509,
// importPKCS8, importJWK, createLocalJWKSet), after parse-key.ts has said what the text is. Every refusal is
// a result with a stable code and a sentence; nothing throws for bad data.
import { createLocalJWKSet, exportJWK, importJWK, importPKCS8, importSPKI, importX509 } from 'jose';
import { webCryptoAvailability } from '../jws/webcrypto.ts';
import { checkAlgorithmFits, describeKeyKind } from './algorithms.ts';
import { inspectKeyText, publicJwk, toPem, type KeyInspection, type ParsedKey } from './parse-key.ts';
import type { KeyInfo, KeyProblem } from './types.ts';

export type VerificationKey = CryptoKey | Uint8Array;

export type ImportKeyResult =
  | {
      ok: true;
      /** The key to use (for a JWKS with several matching keys: the first). */
      key: VerificationKey;
      /** Every key to try in turn: one, or each matching member of a JWKS. */
      candidates: VerificationKey[];
      alg: string;
      /** The key used (JWKS: the first matching member). */
      info: KeyInfo;
      problems: KeyProblem[];
    }
  | { ok: false; code: string; message: string; info?: KeyInfo; problems: KeyProblem[] };

export interface ImportKeyOptions {
  /** The token's kid: picks the JWKS member. */
  kid?: string;
}

function failure(code: string, message: string, problems: KeyProblem[], info?: KeyInfo): ImportKeyResult {
  return { ok: false, code, message, info, problems };
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : 'Error';
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** WebCrypto's and jose's refusals, in plain words. */
function importFailure(error: unknown, info: KeyInfo, problems: KeyProblem[]): ImportKeyResult {
  const detail = error instanceof Error ? error.message : String(error);
  if (errorName(error) === 'NotSupportedError' || errorCode(error) === 'ERR_JOSE_NOT_SUPPORTED') {
    return failure(
      'ERR_KEY_NOT_SUPPORTED',
      `This browser's WebCrypto cannot use ${describeKeyKind(info)} for signatures (${detail}). Ed25519 needs a recent browser (Chrome 137+, Firefox 129+, Safari 17+).`,
      problems,
      info,
    );
  }
  if (/modulusLength/.test(detail)) {
    return failure(
      'ERR_KEY_RSA_TOO_SHORT',
      `jose refused the key: "${detail}". Use an RSA key of 2048 bits or more.`,
      problems,
      info,
    );
  }
  return failure(
    'ERR_KEY_IMPORT',
    `WebCrypto refused the key (${errorName(error)}: ${detail}): it is damaged, or not the ${describeKeyKind(info)} its header says.`,
    problems,
    info,
  );
}

function pickAlg(info: KeyInfo, alg: string | undefined): string | undefined {
  return alg ?? info.alg ?? info.algorithms[0];
}

async function importOne(
  parsed: ParsedKey,
  alg: string,
  usage: 'verify' | 'sign',
  problems: KeyProblem[],
): Promise<ImportKeyResult> {
  const { info, material } = parsed;
  try {
    let key: VerificationKey;
    if (usage === 'sign') {
      if (material.kind === 'pkcs8') key = await importPKCS8(toPem('PRIVATE KEY', material.der), alg);
      else if (material.kind === 'jwk') key = await importJWK(material.jwk, alg);
      else return failure('ERR_KEY_NEEDS_PRIVATE', needsPrivateMessage(info), problems, info);
    } else if (material.kind === 'spki') {
      key = material.certificate
        ? await importX509(toPem('CERTIFICATE', material.certificate), alg)
        : await importSPKI(toPem('PUBLIC KEY', material.der), alg);
    } else if (material.kind === 'pkcs8') {
      // A private key where a public one belongs: verify with its public half, and say so.
      const priv = await importPKCS8(toPem('PRIVATE KEY', material.der), alg, { extractable: true });
      key = await importJWK(publicJwk((await exportJWK(priv)) as Record<string, unknown>), alg);
    } else {
      key = await importJWK(info.kty === 'oct' ? material.jwk : publicJwk(material.jwk), alg);
    }
    return { ok: true, key, candidates: [key], alg, info, problems };
  } catch (error) {
    return importFailure(error, info, problems);
  }
}

function needsPrivateMessage(info: KeyInfo): string {
  return `This is ${describeKeyKind(info)}'s public half: signing needs the private key (-----BEGIN PRIVATE KEY-----, or a JWK with "d"). The public key belongs to the server that verifies.`;
}

function privateGivenWarning(info: KeyInfo): KeyProblem {
  const how =
    info.format === 'jwk'
      ? 'drop "d", "p", "q", "dp", "dq" and "qi" from the JWK'
      : 'openssl pkey -in private.pem -pubout';
  return {
    code: 'WARN_PRIVATE_KEY_GIVEN',
    severity: 'warning',
    message: `This is a private key. Verification used its public half; a server that only verifies needs just the public key — never deploy the private key there. The public key: ${how}.`,
  };
}

async function importFromJwks(
  inspection: Extract<KeyInspection, { ok: true }>,
  alg: string,
  kid: string | undefined,
): Promise<ImportKeyResult> {
  const problems = [...inspection.problems];
  const keys = inspection.keys;
  const kids = keys.map((k) => k.info.kid).filter((k): k is string => k !== undefined);
  const kidList =
    kids.length > 0 ? `Its kids: ${kids.map((k) => `"${k}"`).join(', ')}` : 'Its keys have no kid';
  const byKid = kid === undefined ? keys : keys.filter((k) => k.info.kid === kid);
  if (byKid.length === 0) {
    return failure(
      'ERR_JWKS_NO_MATCHING_KEY',
      `No key in the JWKS has kid "${kid}". ${kidList}. A server picks the key by kid, so it refuses this token: the signer uses a key this JWKS does not publish (a rotated or newer key, another environment or another issuer).`,
      problems,
    );
  }
  const fits = byKid.filter((k) => checkAlgorithmFits(alg, k.info) === null);
  if (fits.length === 0) {
    const only = byKid.length === 1 ? byKid[0] : undefined;
    const why = only ? checkAlgorithmFits(alg, only.info) : null;
    if (only && why)
      return failure(
        why.code,
        `The JWKS key${kid !== undefined ? ` with kid "${kid}"` : ''}: ${why.message}`,
        problems,
        only.info,
      );
    return failure(
      'ERR_JWKS_NO_MATCHING_KEY',
      `No key in the JWKS fits ${alg}${kid !== undefined ? ` with kid "${kid}"` : ''}: it holds ${byKid.map((k) => k.info.label).join('; ')}. ${kidList}.`,
      problems,
    );
  }
  const first = fits[0] as ParsedKey;
  try {
    const getKey = createLocalJWKSet(inspection.jwks ?? { keys: [] });
    const header = kid === undefined ? { alg } : { alg, kid };
    let candidates: VerificationKey[];
    try {
      candidates = [await getKey(header, { payload: '', signature: '' } as never)];
    } catch (error) {
      if (errorCode(error) !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
      candidates = [];
      for await (const k of error as AsyncIterable<CryptoKey>) candidates.push(k);
    }
    const [key] = candidates;
    if (!key) throw new Error('no key could be imported');
    problems.push({
      code: 'INFO_JWKS_PICKED',
      severity: 'info',
      message:
        kid !== undefined
          ? `Picked the JWKS key with kid "${kid}" (${first.info.label}).`
          : candidates.length > 1
            ? `The token has no kid: ${candidates.length} keys of the JWKS fit ${alg}, and each is tried.`
            : `The token has no kid: the one JWKS key that fits ${alg} is used (${first.info.label}).`,
    });
    return { ok: true, key, candidates, alg, info: first.info, problems };
  } catch (error) {
    if (errorCode(error) === 'ERR_JWKS_NO_MATCHING_KEY') {
      return failure(
        'ERR_JWKS_NO_MATCHING_KEY',
        `No key in the JWKS fits ${alg}${kid !== undefined ? ` with kid "${kid}"` : ''}. ${kidList}.`,
        problems,
        first.info,
      );
    }
    return importFailure(error, first.info, problems);
  }
}

/**
 * Imports key text for verifying a token signed with `alg` (the token's header alg; default: the key's own).
 * Accepts a PEM public key (SPKI), an X.509 certificate, a JWK, a JWKS (picked by `kid`), or a private key
 * (its public half is used, with a warning). Never throws for bad data.
 */
export async function importVerificationKey(
  text: string,
  alg?: string,
  opts: ImportKeyOptions = {},
): Promise<ImportKeyResult> {
  if (typeof text !== 'string') throw new TypeError('importVerificationKey: text must be a string');
  const inspection = inspectKeyText(text);
  if (!inspection.ok) return failure(inspection.code, inspection.message, inspection.problems);
  const crypto = webCryptoAvailability();
  if (!crypto.ok) return failure(crypto.code, crypto.message, inspection.problems);
  if (inspection.format === 'jwks') {
    const chosen = alg ?? inspection.keys[0]?.info.algorithms[0];
    if (chosen === undefined)
      return failure(
        'ERR_KEY_NOT_SUPPORTED',
        'No key in the JWKS can verify signatures here.',
        inspection.problems,
      );
    return importFromJwks(inspection, chosen, opts.kid);
  }
  const parsed = inspection.keys[0] as ParsedKey;
  const problems = [...inspection.problems];
  const chosen = pickAlg(parsed.info, alg);
  if (chosen === undefined)
    return failure(
      'ERR_KEY_NOT_SUPPORTED',
      `${describeKeyKind(parsed.info)} cannot verify JWS signatures.`,
      problems,
      parsed.info,
    );
  const fit = checkAlgorithmFits(chosen, parsed.info);
  if (fit) return failure(fit.code, fit.message, problems, parsed.info);
  if (parsed.info.private && parsed.info.kty !== 'oct') problems.push(privateGivenWarning(parsed.info));
  return importOne(parsed, chosen, 'verify', problems);
}

/** Imports a private key (PKCS#8 / PKCS#1 / SEC1 PEM, or a JWK with "d") for signing with `alg`. */
export async function importSigningKey(text: string, alg: string): Promise<ImportKeyResult> {
  if (typeof text !== 'string') throw new TypeError('importSigningKey: text must be a string');
  if (typeof alg !== 'string') throw new TypeError('importSigningKey: alg must be a string');
  const inspection = inspectKeyText(text);
  if (!inspection.ok) {
    const message =
      inspection.code === 'ERR_KEY_EMPTY'
        ? 'No private key given: paste a PEM private key (-----BEGIN PRIVATE KEY-----) or a JWK with "d", or generate a key pair.'
        : inspection.message;
    return failure(inspection.code, message, inspection.problems);
  }
  const crypto = webCryptoAvailability();
  if (!crypto.ok) return failure(crypto.code, crypto.message, inspection.problems);
  if (inspection.format === 'jwks') {
    return failure(
      'ERR_KEY_NEEDS_PRIVATE',
      'A JWKS holds public keys: signing needs the private key (-----BEGIN PRIVATE KEY-----, or a JWK with "d").',
      inspection.problems,
    );
  }
  const parsed = inspection.keys[0] as ParsedKey;
  if (!parsed.info.private || parsed.info.kty === 'oct') {
    return failure(
      'ERR_KEY_NEEDS_PRIVATE',
      parsed.info.kty === 'oct'
        ? 'This is a symmetric (oct) key: sign with HS256 and the Secret instead.'
        : needsPrivateMessage(parsed.info),
      inspection.problems,
      parsed.info,
    );
  }
  const fit = checkAlgorithmFits(alg, parsed.info);
  if (fit)
    return failure(
      fit.code,
      fit.message.replace(
        'Either the token was signed with another key, or the signer and the server disagree on the algorithm.',
        `Choose ${parsed.info.algorithms[0] ?? 'another algorithm'}, or another key.`,
      ),
      inspection.problems,
      parsed.info,
    );
  return importOne(parsed, alg, 'sign', [...inspection.problems]);
}
