import type { AsymmetricAlg, KeyInfo, KeyProblem } from './types.ts';

/** The asymmetric algorithms, in the order the console lists them. */
export const ASYMMETRIC_ALGORITHMS: readonly AsymmetricAlg[] = Object.freeze([
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
] as const);

const RSA_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const PSS_ALGS = ['PS256', 'PS384', 'PS512'];
const EC_ALG_BY_CURVE: Record<string, string> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
  secp256k1: 'ES256K',
};
const CURVE_BY_EC_ALG: Record<string, string> = {
  ES256: 'P-256',
  ES384: 'P-384',
  ES512: 'P-521',
  ES256K: 'secp256k1',
};

export const MIN_RSA_BITS = 2048;

export function isAsymmetricAlg(alg: unknown): alg is AsymmetricAlg {
  return typeof alg === 'string' && (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg);
}

/** JWS algorithms a key of this type can verify or sign (by the key alone; a JWK's "alg" narrows it). */
export function algorithmsForKey(kty: KeyInfo['kty'], crv?: string): string[] {
  switch (kty) {
    case 'RSA':
      return [...RSA_ALGS];
    case 'RSA-PSS':
      return [...PSS_ALGS];
    case 'EC': {
      const alg = crv === undefined ? undefined : EC_ALG_BY_CURVE[crv];
      return alg ? [alg] : [];
    }
    case 'OKP':
      return crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : crv === 'Ed448' ? ['EdDSA'] : [];
    case 'oct':
      return ['HS256', 'HS384', 'HS512'];
    default:
      return [];
  }
}

/** "an RSA key", "an EC key on curve P-256"…: what an algorithm needs, for sentences. */
export function keyNeededFor(alg: string): string {
  if (/^RS\d{3}$/.test(alg)) return 'an RSA key';
  if (/^PS\d{3}$/.test(alg)) return 'an RSA key';
  const curve = CURVE_BY_EC_ALG[alg];
  if (curve) return `an EC key on curve ${curve}`;
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'an Ed25519 key (kty OKP)';
  if (/^HS\d{3}$/.test(alg)) return 'a shared secret (HMAC), not a public key';
  return `a key for ${alg}`;
}

/** "an EC P-256 key", "a 2048-bit RSA key": what the key is, for sentences. */
export function describeKeyKind(info: Pick<KeyInfo, 'kty' | 'crv' | 'bits'>): string {
  switch (info.kty) {
    case 'RSA':
    case 'RSA-PSS':
      return `${info.bits ? `a ${info.bits}-bit ` : 'an '}RSA${info.kty === 'RSA-PSS' ? '-PSS' : ''} key`;
    case 'EC':
      return `an EC ${info.crv ?? ''} key`.replace('  ', ' ');
    case 'OKP':
      return `an ${info.crv ?? 'OKP'} key`;
    case 'oct':
      return 'a symmetric (oct) key';
    default:
      return 'a key of an unknown type';
  }
}

/**
 * Whether `alg` (the token's, or the one chosen for minting) fits the key. Returns the problem in plain
 * words, or null when it fits. RSA keys under 2048 bits are refused like jose refuses them.
 */
export function checkAlgorithmFits(alg: string, info: KeyInfo): KeyProblem | null {
  if (/^HS\d{3}$/.test(alg) && info.kty !== 'oct') {
    return {
      code: 'ERR_KEY_ALG_MISMATCH',
      severity: 'error',
      message: `The token is ${alg}: it is signed with a shared secret (HMAC), and a public key cannot verify it. If the server verifies with this key, the signer must use ${info.algorithms[0] ?? 'RS256'}; if the server uses JWT_SECRET, choose Shared secret (HMAC).`,
    };
  }
  if (info.alg !== undefined && info.alg !== alg && algorithmsForKey(info.kty, info.crv).includes(alg)) {
    return {
      code: 'ERR_KEY_ALG_MISMATCH',
      severity: 'error',
      message: `This JWK is pinned to alg ${info.alg} (its "alg" member), but the token is ${alg}: libraries refuse to use it for ${alg}.`,
    };
  }
  if (!info.algorithms.includes(alg)) {
    const fits = info.algorithms.filter((a) => a !== 'Ed25519');
    const what = describeKeyKind(info);
    const needs = keyNeededFor(alg);
    const fitsText = fits.length > 0 ? ` (it fits ${fits.join(', ')})` : '';
    return {
      code: 'ERR_KEY_ALG_MISMATCH',
      severity: 'error',
      message: `alg ${alg} does not fit this key: ${alg} needs ${needs}, but this is ${what}${fitsText}. Either the token was signed with another key, or the signer and the server disagree on the algorithm.`,
    };
  }
  if ((info.kty === 'RSA' || info.kty === 'RSA-PSS') && info.bits !== undefined && info.bits < MIN_RSA_BITS) {
    return {
      code: 'ERR_KEY_RSA_TOO_SHORT',
      severity: 'error',
      message: `This RSA key is only ${info.bits} bits. jose — and so this console and servers built on it — refuses RSA keys under ${MIN_RSA_BITS} bits ("${alg} requires key modulusLength to be 2048 bits or larger"); jsonwebtoken 9 refuses them too unless allowInsecureKeySizes is set. Use a ${MIN_RSA_BITS}-bit key or larger: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`,
    };
  }
  if (info.kty === 'EC' && info.crv === 'secp256k1') {
    return {
      code: 'ERR_KEY_NOT_SUPPORTED',
      severity: 'error',
      message:
        'This key is on curve secp256k1 (ES256K), which WebCrypto does not offer: a browser cannot verify it. Verify it with a Node library that supports ES256K.',
    };
  }
  if (info.kty === 'OKP' && info.crv === 'Ed448') {
    return {
      code: 'ERR_KEY_NOT_SUPPORTED',
      severity: 'error',
      message:
        'This is an Ed448 key: WebCrypto in browsers offers Ed25519 only, so it cannot be verified here.',
    };
  }
  return null;
}
