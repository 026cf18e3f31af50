// Reads pasted key text — PEM (SPKI, X.509, PKCS#8, PKCS#1, SEC1), base64 DER without its armour, a JWK or
// a JWKS — and says what it is, without WebCrypto. Everything that goes wrong is a problem in plain words
// (never a throw), so the console can explain "DataError" before WebCrypto ever says it.
import { decodeBase64, decodeBase64url, encodeBase64 } from '../token/base64url.ts';
import { algorithmsForKey } from './algorithms.ts';
import {
  TAG,
  childrenOf,
  concatBytes,
  encodeNode,
  encodeOid,
  integerBits,
  oidText,
  readWhole,
  type DerNode,
} from './der.ts';
import type { KeyFormat, KeyInfo, KeyProblem, KeyProblemCode, KeyType } from './types.ts';

export type JwkObject = Record<string, unknown>;

/** Key material ready for WebCrypto: SPKI or PKCS#8 DER, or a JWK. */
export type KeyMaterial =
  | { kind: 'spki'; der: Uint8Array; /** X.509: the whole certificate (DER). */ certificate?: Uint8Array }
  | { kind: 'pkcs8'; der: Uint8Array }
  | { kind: 'jwk'; jwk: JwkObject };

export interface ParsedKey {
  info: KeyInfo;
  material: KeyMaterial;
}

export type KeyInspection =
  | {
      ok: true;
      format: KeyFormat;
      /** One key, or the usable members of a JWKS (private members stripped). */
      keys: ParsedKey[];
      /** For a JWKS: the set as jose's createLocalJWKSet wants it (usable public members only). */
      jwks?: { keys: JwkObject[] };
      problems: KeyProblem[];
    }
  | { ok: false; code: KeyProblemCode; message: string; problems: KeyProblem[] };

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  dsa: '1.2.840.10040.4.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  commonName: '2.5.4.3',
} as const;

const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
  '1.3.132.0.10': 'secp256k1',
};

const FORMAT_TEXT: Record<KeyFormat, string> = {
  spki: 'PEM, SPKI',
  x509: 'X.509 certificate',
  pkcs8: 'PEM, PKCS#8',
  'pkcs1-public': 'PEM, PKCS#1',
  'pkcs1-private': 'PEM, PKCS#1',
  'sec1-private': 'PEM, SEC1',
  jwk: 'JWK',
  jwks: 'JWKS',
};

function problem(code: KeyProblemCode, severity: KeyProblem['severity'], message: string): KeyProblem {
  return { code, severity, message };
}

function fail(code: KeyProblemCode, message: string, problems: KeyProblem[] = []): KeyInspection {
  return { ok: false, code, message, problems: [...problems, problem(code, 'error', message)] };
}

// ---- DER structures ---------------------------------------------------------------------------------------

interface AlgorithmId {
  kty: KeyType;
  crv?: string;
  unsupported?: string;
}

function algorithmIdentifier(node: DerNode | undefined): AlgorithmId | null {
  if (!node || node.tag !== TAG.SEQUENCE) return null;
  const parts = childrenOf(node);
  const oidNode = parts?.[0];
  if (!parts || !oidNode || oidNode.tag !== TAG.OID) return null;
  const oid = oidText(oidNode.content);
  switch (oid) {
    case OID.rsaEncryption:
      return { kty: 'RSA' };
    case OID.rsassaPss:
      return { kty: 'RSA-PSS' };
    case OID.ecPublicKey: {
      const param = parts[1];
      const curveOid = param && param.tag === TAG.OID ? oidText(param.content) : undefined;
      const crv = curveOid === undefined ? undefined : (CURVES[curveOid] ?? `curve ${curveOid}`);
      return { kty: 'EC', crv };
    }
    case OID.ed25519:
      return { kty: 'OKP', crv: 'Ed25519' };
    case OID.ed448:
      return { kty: 'OKP', crv: 'Ed448' };
    case OID.x25519:
      return {
        kty: 'OKP',
        crv: 'X25519',
        unsupported: 'an X25519 key is for key agreement (ECDH), not for signatures',
      };
    case OID.x448:
      return {
        kty: 'OKP',
        crv: 'X448',
        unsupported: 'an X448 key is for key agreement (ECDH), not for signatures',
      };
    case OID.dsa:
      return { kty: 'unknown', unsupported: 'a DSA key: JWS has no DSA algorithm' };
    default:
      return { kty: 'unknown', unsupported: `a key with algorithm OID ${oid}, which JWS does not use` };
  }
}

/** Bits of the modulus in an RSAPublicKey / RSAPrivateKey (PKCS#1) SEQUENCE. */
function rsaModulusBits(pkcs1: Uint8Array, isPrivate: boolean): number | undefined {
  const seq = readWhole(pkcs1);
  const parts = seq && seq.tag === TAG.SEQUENCE ? childrenOf(seq) : null;
  const modulus = parts?.[isPrivate ? 1 : 0];
  return modulus && modulus.tag === TAG.INTEGER ? integerBits(modulus.content) : undefined;
}

interface KeyStructure extends AlgorithmId {
  bits?: number;
}

/** SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }. */
function readSpki(der: Uint8Array): KeyStructure | null {
  const seq = readWhole(der);
  if (!seq || seq.tag !== TAG.SEQUENCE) return null;
  const parts = childrenOf(seq);
  if (!parts || parts.length !== 2 || parts[1]?.tag !== TAG.BIT_STRING) return null;
  const alg = algorithmIdentifier(parts[0]);
  if (!alg) return null;
  if (alg.kty === 'RSA' || alg.kty === 'RSA-PSS') {
    const bits = rsaModulusBits(parts[1].content.subarray(1), false);
    if (bits === undefined) return null;
    return { ...alg, bits };
  }
  return alg;
}

/** PrivateKeyInfo: SEQUENCE { INTEGER version, AlgorithmIdentifier, OCTET STRING privateKey, … }. */
function readPkcs8(der: Uint8Array): KeyStructure | null {
  const seq = readWhole(der);
  if (!seq || seq.tag !== TAG.SEQUENCE) return null;
  const parts = childrenOf(seq);
  if (!parts || parts.length < 3 || parts[0]?.tag !== TAG.INTEGER || parts[2]?.tag !== TAG.OCTET_STRING)
    return null;
  const alg = algorithmIdentifier(parts[1]);
  if (!alg) return null;
  if (alg.kty === 'RSA' || alg.kty === 'RSA-PSS') {
    const bits = rsaModulusBits(parts[2].content, true);
    if (bits === undefined) return null;
    return { ...alg, bits };
  }
  return alg;
}

function asn1Time(node: DerNode | undefined): string | undefined {
  if (!node || (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME)) return undefined;
  const text = new TextDecoder().decode(node.content);
  const m = (
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
  ).exec(text);
  if (!m) return undefined;
  let year = m[1] ?? '';
  if (node.tag === TAG.UTC_TIME) year = `${Number(year) >= 50 ? '19' : '20'}${year}`;
  return `${year}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

function commonName(name: DerNode | undefined): string {
  if (!name) return '';
  for (const rdn of childrenOf(name) ?? []) {
    for (const attr of childrenOf(rdn) ?? []) {
      const [type, value] = childrenOf(attr) ?? [];
      if (type?.tag === TAG.OID && oidText(type.content) === OID.commonName && value) {
        return new TextDecoder().decode(value.content);
      }
    }
  }
  return '';
}

/** Certificate: SEQUENCE { tbsCertificate SEQUENCE { [0] version?, serial, sigAlg, issuer, validity, subject, spki, … }, … }. */
function readCertificate(
  der: Uint8Array,
): { spki: Uint8Array; subject: string; notBefore?: string; notAfter?: string } | null {
  const cert = readWhole(der);
  if (!cert || cert.tag !== TAG.SEQUENCE) return null;
  const tbs = childrenOf(cert)?.[0];
  if (!tbs || tbs.tag !== TAG.SEQUENCE) return null;
  const fields = childrenOf(tbs);
  if (!fields) return null;
  const rest = fields[0]?.tag === TAG.CONTEXT_0 ? fields.slice(1) : fields;
  const [, , , validity, subject, spki] = rest;
  if (!spki || spki.tag !== TAG.SEQUENCE) return null;
  const [notBefore, notAfter] = validity ? (childrenOf(validity) ?? []) : [];
  return {
    spki: spki.raw,
    subject: commonName(subject),
    notBefore: asn1Time(notBefore),
    notAfter: asn1Time(notAfter),
  };
}

/** PKCS#1 RSAPublicKey → SPKI. */
function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array {
  const algId = encodeNode(
    TAG.SEQUENCE,
    concatBytes(encodeOid(OID.rsaEncryption), new Uint8Array([TAG.NULL, 0])),
  );
  const bitString = encodeNode(TAG.BIT_STRING, concatBytes(new Uint8Array([0]), pkcs1));
  return encodeNode(TAG.SEQUENCE, concatBytes(algId, bitString));
}

/** PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey → PKCS#8. */
function pkcs8From(inner: Uint8Array, algId: Uint8Array): Uint8Array {
  return encodeNode(
    TAG.SEQUENCE,
    concatBytes(new Uint8Array([TAG.INTEGER, 1, 0]), algId, encodeNode(TAG.OCTET_STRING, inner)),
  );
}

function pkcs8FromPkcs1(pkcs1: Uint8Array): Uint8Array {
  return pkcs8From(
    pkcs1,
    encodeNode(TAG.SEQUENCE, concatBytes(encodeOid(OID.rsaEncryption), new Uint8Array([TAG.NULL, 0]))),
  );
}

/** SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING d, [0] curve OID, [1] public key }. */
function pkcs8FromSec1(sec1: Uint8Array): Uint8Array | null {
  const seq = readWhole(sec1);
  const parts = seq && seq.tag === TAG.SEQUENCE ? childrenOf(seq) : null;
  const params = parts?.find((p) => p.tag === TAG.CONTEXT_0);
  const curve = params ? childrenOf(params)?.[0] : undefined;
  if (!curve || curve.tag !== TAG.OID) return null;
  return pkcs8From(sec1, encodeNode(TAG.SEQUENCE, concatBytes(encodeOid(OID.ecPublicKey), curve.raw)));
}

function isPkcs1Public(der: Uint8Array): boolean {
  const seq = readWhole(der);
  const parts = seq && seq.tag === TAG.SEQUENCE ? childrenOf(seq) : null;
  return !!parts && parts.length === 2 && parts.every((p) => p.tag === TAG.INTEGER);
}

function isPkcs1Private(der: Uint8Array): boolean {
  const seq = readWhole(der);
  const parts = seq && seq.tag === TAG.SEQUENCE ? childrenOf(seq) : null;
  return !!parts && parts.length >= 9 && parts.every((p) => p.tag === TAG.INTEGER);
}

// ---- labels ---------------------------------------------------------------------------------------------

function label(info: Omit<KeyInfo, 'label' | 'algorithms'>): string {
  const kind =
    info.kty === 'RSA' || info.kty === 'RSA-PSS'
      ? `${info.kty === 'RSA-PSS' ? 'RSA-PSS' : 'RSA'}${info.bits ? ` ${info.bits}-bit` : ''}`
      : info.kty === 'EC'
        ? `EC ${info.crv ?? ''}`.trim()
        : info.kty === 'OKP'
          ? (info.crv ?? 'OKP')
          : info.kty === 'oct'
            ? 'Symmetric (oct)'
            : 'Unknown';
  const visibility = info.kty === 'oct' ? 'secret' : info.private ? 'private' : 'public';
  const extra = [FORMAT_TEXT[info.format]];
  if (info.certificate?.subject) extra.push(`CN=${info.certificate.subject}`);
  if (info.kid !== undefined) extra.push(`kid "${info.kid}"`);
  return `${kind} ${visibility} key (${extra.join(', ')})`;
}

function makeInfo(base: Omit<KeyInfo, 'label' | 'algorithms'>): KeyInfo {
  let algorithms = algorithmsForKey(base.kty, base.crv);
  if (base.alg !== undefined && algorithms.includes(base.alg)) algorithms = [base.alg];
  return { ...base, algorithms, label: label(base) };
}

function fromStructure(
  format: KeyFormat,
  s: KeyStructure,
  isPrivate: boolean,
  der: Uint8Array,
  problems: KeyProblem[],
  extra: Partial<KeyInfo> = {},
  certificate?: Uint8Array,
): KeyInspection {
  if (s.unsupported)
    return fail(
      'ERR_KEY_NOT_SUPPORTED',
      `This is ${s.unsupported}. JWS signatures use RSA, EC (P-256/384/521) or Ed25519 keys.`,
      problems,
    );
  const info = makeInfo({ format, kty: s.kty, crv: s.crv, bits: s.bits, private: isPrivate, ...extra });
  const material: KeyMaterial = isPrivate
    ? { kind: 'pkcs8', der }
    : certificate
      ? { kind: 'spki', der, certificate }
      : { kind: 'spki', der };
  return { ok: true, format, keys: [{ info, material }], problems };
}

// ---- PEM ------------------------------------------------------------------------------------------------

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

function armourAdvice(kind: 'public' | 'certificate' | 'private'): string {
  const name = kind === 'public' ? 'PUBLIC KEY' : kind === 'certificate' ? 'CERTIFICATE' : 'PRIVATE KEY';
  return `add the -----BEGIN ${name}----- line before it and the -----END ${name}----- line after it`;
}

function decodePemBody(body: string): Uint8Array | null {
  const cleaned = body.replace(/\s+/g, '');
  if (cleaned === '') return null;
  const decoded = decodeBase64(cleaned, { allowPadding: true });
  return decoded.ok ? decoded.bytes : null;
}

function inspectPem(text: string, problems: KeyProblem[]): KeyInspection {
  const blocks: Array<{ label: string; body: string }> = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const [, begin = '', body = '', end = ''] = m;
    if (begin !== end)
      return fail(
        'ERR_KEY_PEM_STRUCTURE',
        `The PEM block starts with -----BEGIN ${begin}----- but ends with -----END ${end}-----: two keys were mixed up when copying.`,
        problems,
      );
    blocks.push({ label: begin, body });
  }
  if (blocks.length === 0) {
    const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? 'PUBLIC KEY';
    return fail(
      'ERR_KEY_PEM_STRUCTURE',
      `The -----END ${begin}----- line is missing: the key was cut off when copied. Copy the whole block, both armour lines included.`,
      problems,
    );
  }
  const usable = blocks.filter((b) => b.label !== 'EC PARAMETERS');
  const first = usable[0];
  if (!first)
    return fail(
      'ERR_KEY_PEM_STRUCTURE',
      'Only EC PARAMETERS were pasted: the key itself (-----BEGIN EC PRIVATE KEY----- or -----BEGIN PUBLIC KEY-----) is missing.',
      problems,
    );
  if (usable.length > 1) {
    problems.push(
      problem(
        'INFO_CERT_CHAIN',
        'info',
        `${usable.length} PEM blocks were pasted; the first (-----BEGIN ${first.label}-----) is used${first.label === 'CERTIFICATE' ? ' — in a chain that is the server’s own certificate' : ''}.`,
      ),
    );
  }
  if (first.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/i.test(first.body)) {
    return fail(
      'ERR_KEY_ENCRYPTED',
      'This private key is encrypted with a passphrase. Decrypt it first (openssl pkey -in key.pem -out plain.pem asks for the passphrase) — and never paste a production private key into a web page.',
      problems,
    );
  }
  if (first.label === 'OPENSSH PRIVATE KEY') return fail('ERR_KEY_SSH', sshMessage(), problems);
  const der = decodePemBody(first.body);
  if (!der)
    return fail(
      'ERR_KEY_PEM_BASE64',
      `The body of -----BEGIN ${first.label}----- is not base64: a character was changed or lost when copying.`,
      problems,
    );
  const broken = (what: string) =>
    fail(
      'ERR_KEY_PEM_STRUCTURE',
      `The block is labelled ${first.label} but its content is not ${what}: it was damaged or mislabelled.`,
      problems,
    );
  switch (first.label) {
    case 'PUBLIC KEY': {
      const s = readSpki(der);
      if (!s)
        return isPkcs1Public(der) ? inspectPkcs1Public(der, problems, true) : broken('a public key (SPKI)');
      return fromStructure('spki', s, false, der, problems);
    }
    case 'CERTIFICATE':
      return inspectCertificate(der, problems) ?? broken('an X.509 certificate');
    case 'PRIVATE KEY': {
      const s = readPkcs8(der);
      if (!s) return broken('a PKCS#8 private key');
      return fromStructure('pkcs8', s, true, der, problems);
    }
    case 'RSA PUBLIC KEY':
      if (!isPkcs1Public(der))
        return readSpki(der)
          ? fromStructure('spki', readSpki(der) as KeyStructure, false, der, problems)
          : broken('a PKCS#1 RSA public key');
      return inspectPkcs1Public(der, problems, false);
    case 'RSA PRIVATE KEY': {
      if (!isPkcs1Private(der)) return broken('a PKCS#1 RSA private key');
      const pkcs8 = pkcs8FromPkcs1(der);
      problems.push(
        problem(
          'INFO_PKCS1',
          'info',
          'A PKCS#1 key (-----BEGIN RSA PRIVATE KEY-----): converted to PKCS#8 here. WebCrypto-based libraries (jose importPKCS8) need -----BEGIN PRIVATE KEY-----: openssl pkcs8 -topk8 -nocrypt -in key.pem',
        ),
      );
      return fromStructure('pkcs1-private', readPkcs8(pkcs8) as KeyStructure, true, pkcs8, problems);
    }
    case 'EC PRIVATE KEY': {
      const pkcs8 = pkcs8FromSec1(der);
      const s = pkcs8 ? readPkcs8(pkcs8) : null;
      if (!pkcs8 || !s) return broken('a SEC1 EC private key with its curve');
      problems.push(
        problem(
          'INFO_PKCS1',
          'info',
          'A SEC1 key (-----BEGIN EC PRIVATE KEY-----): converted to PKCS#8 here. WebCrypto-based libraries (jose importPKCS8) need -----BEGIN PRIVATE KEY-----: openssl pkcs8 -topk8 -nocrypt -in key.pem',
        ),
      );
      return fromStructure('sec1-private', s, true, pkcs8, problems);
    }
    default:
      return fail(
        'ERR_KEY_UNRECOGNISED',
        `-----BEGIN ${first.label}----- is not a key this console reads: paste a PUBLIC KEY, a CERTIFICATE or a PRIVATE KEY block, a JWK or a JWKS.`,
        problems,
      );
  }
}

function inspectPkcs1Public(der: Uint8Array, problems: KeyProblem[], mislabelled: boolean): KeyInspection {
  const spki = spkiFromPkcs1(der);
  problems.push(
    problem(
      'INFO_PKCS1',
      mislabelled ? 'warning' : 'info',
      mislabelled
        ? 'This block is labelled PUBLIC KEY but holds a PKCS#1 RSA key (that label is -----BEGIN RSA PUBLIC KEY-----): converted to SPKI here, but libraries reading PUBLIC KEY will refuse it. Fix it: openssl rsa -RSAPublicKey_in -in key.pem -pubout'
        : 'A PKCS#1 key (-----BEGIN RSA PUBLIC KEY-----): converted to SPKI here. WebCrypto-based libraries (jose importSPKI) need -----BEGIN PUBLIC KEY-----: openssl rsa -RSAPublicKey_in -in key.pem -pubout',
    ),
  );
  return fromStructure('pkcs1-public', readSpki(spki) as KeyStructure, false, spki, problems);
}

function inspectCertificate(der: Uint8Array, problems: KeyProblem[]): KeyInspection | null {
  const cert = readCertificate(der);
  if (!cert) return null;
  const s = readSpki(cert.spki);
  if (!s) return null;
  return fromStructure(
    'x509',
    s,
    false,
    cert.spki,
    problems,
    { certificate: { subject: cert.subject, notBefore: cert.notBefore, notAfter: cert.notAfter } },
    der,
  );
}

function sshMessage(): string {
  return 'This is an SSH key, not a PEM or JWK key. Convert it: ssh-keygen -e -m PKCS8 -f key.pub (public) gives -----BEGIN PUBLIC KEY-----.';
}

/** Base64 DER without armour lines: tell which lines are missing, and read it anyway. */
function inspectBareBase64(text: string, problems: KeyProblem[]): KeyInspection | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 40 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const decoded = decodeBase64(compact, { allowPadding: true });
  if (!decoded.ok || decoded.bytes[0] !== TAG.SEQUENCE) return null;
  const der = decoded.bytes;
  const spki = readSpki(der);
  if (spki) {
    problems.push(
      problem(
        'WARN_PEM_NO_ARMOUR',
        'warning',
        `This is a PEM public key without its armour lines: ${armourAdvice('public')}. Read here anyway; libraries such as jose (importSPKI) and Node (crypto.createPublicKey) refuse it without them.`,
      ),
    );
    return fromStructure('spki', spki, false, der, problems);
  }
  const cert = readCertificate(der);
  if (cert) {
    problems.push(
      problem(
        'WARN_PEM_NO_ARMOUR',
        'warning',
        `This is an X.509 certificate without its armour lines: ${armourAdvice('certificate')}. Read here anyway; libraries refuse it without them.`,
      ),
    );
    return inspectCertificate(der, problems);
  }
  const pkcs8 = readPkcs8(der);
  if (pkcs8) {
    problems.push(
      problem(
        'WARN_PEM_NO_ARMOUR',
        'warning',
        `This is a PEM private key without its armour lines: ${armourAdvice('private')}. Read here anyway; libraries refuse it without them.`,
      ),
    );
    return fromStructure('pkcs8', pkcs8, true, der, problems);
  }
  if (isPkcs1Public(der)) {
    problems.push(
      problem(
        'WARN_PEM_NO_ARMOUR',
        'warning',
        'This is a PKCS#1 RSA public key without its armour lines: add -----BEGIN RSA PUBLIC KEY----- before it and -----END RSA PUBLIC KEY----- after it.',
      ),
    );
    return inspectPkcs1Public(der, problems, false);
  }
  return null;
}

// ---- JWK / JWKS -----------------------------------------------------------------------------------------

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv'];

/** The public half of a JWK: private members removed. */
export function publicJwk(jwk: JwkObject): JwkObject {
  const out: JwkObject = {};
  for (const [k, v] of Object.entries(jwk)) if (!PRIVATE_MEMBERS.includes(k)) out[k] = v;
  if (Array.isArray(out.key_ops)) out.key_ops = (out.key_ops as unknown[]).filter((op) => op === 'verify');
  if (Array.isArray(out.key_ops) && out.key_ops.length === 0) delete out.key_ops;
  return out;
}

function b64urlBits(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const decoded = decodeBase64url(value.replace(/=+$/, ''));
  return decoded.ok ? integerBits(decoded.bytes) : undefined;
}

type JwkRead = { ok: true; key: ParsedKey } | { ok: false; code: KeyProblemCode; message: string };

function readJwk(jwk: JwkObject, format: 'jwk' | 'jwks'): JwkRead {
  const bad = (message: string): JwkRead => ({ ok: false, code: 'ERR_KEY_JWK', message });
  const kty = jwk.kty;
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  const alg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  const use = typeof jwk.use === 'string' ? jwk.use : undefined;
  if (typeof kty !== 'string')
    return bad('This JSON object has no "kty": a JWK names its key type (RSA, EC, OKP).');
  if (use !== undefined && use !== 'sig') {
    return {
      ok: false,
      code: 'ERR_KEY_USE',
      message: `This JWK is marked "use": "${use}" (${use === 'enc' ? 'for encryption' : 'not for signatures'}): libraries refuse it for signatures, which need "use": "sig" or no "use".`,
    };
  }
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify') && !jwk.key_ops.includes('sign')) {
    return {
      ok: false,
      code: 'ERR_KEY_USE',
      message: `This JWK's "key_ops" (${jwk.key_ops.join(', ')}) include neither "verify" nor "sign": libraries refuse it for signatures.`,
    };
  }
  const isPrivate = typeof jwk.d === 'string';
  let info: KeyInfo;
  switch (kty) {
    case 'RSA': {
      if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string')
        return bad('This RSA JWK lacks "n" or "e" (the modulus and the exponent).');
      info = makeInfo({ format, kty: 'RSA', bits: b64urlBits(jwk.n), private: isPrivate, kid, alg, use });
      break;
    }
    case 'EC': {
      if (typeof jwk.crv !== 'string' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string')
        return bad('This EC JWK lacks "crv", "x" or "y".');
      info = makeInfo({ format, kty: 'EC', crv: jwk.crv, private: isPrivate, kid, alg, use });
      break;
    }
    case 'OKP': {
      if (typeof jwk.crv !== 'string' || typeof jwk.x !== 'string')
        return bad('This OKP JWK lacks "crv" or "x".');
      if (jwk.crv === 'X25519' || jwk.crv === 'X448')
        return {
          ok: false,
          code: 'ERR_KEY_NOT_SUPPORTED',
          message: `This is an ${jwk.crv} key, which is for key agreement (ECDH), not for signatures.`,
        };
      info = makeInfo({ format, kty: 'OKP', crv: jwk.crv, private: isPrivate, kid, alg, use });
      break;
    }
    case 'oct': {
      if (typeof jwk.k !== 'string') return bad('This symmetric JWK lacks "k" (the secret value).');
      info = makeInfo({ format, kty: 'oct', private: true, kid, alg, use });
      break;
    }
    default:
      return {
        ok: false,
        code: 'ERR_KEY_NOT_SUPPORTED',
        message: `kty "${kty}" is not a key type JWS signatures use here (RSA, EC, OKP).`,
      };
  }
  return { ok: true, key: { info, material: { kind: 'jwk', jwk } } };
}

function inspectJson(text: string, problems: KeyProblem[]): KeyInspection {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 120) : '';
    return fail(
      'ERR_KEY_JSON',
      `This looks like JSON but does not parse (${detail}): check quotes and commas.`,
      problems,
    );
  }
  if (Array.isArray(value)) {
    return fail(
      'ERR_KEY_JWK',
      'A JWKS is an object, not an array: wrap the keys as {"keys": [ … ]}.',
      problems,
    );
  }
  if (typeof value !== 'object' || value === null)
    return fail(
      'ERR_KEY_JWK',
      'The JSON is not an object: paste a JWK ({"kty": …}) or a JWKS ({"keys": [ … ]}).',
      problems,
    );
  const obj = value as Record<string, unknown>;
  if ('keys' in obj) {
    if (!Array.isArray(obj.keys)) return fail('ERR_KEY_JWK', 'The JWKS\'s "keys" is not an array.', problems);
    const keys: ParsedKey[] = [];
    const skipped: string[] = [];
    let privateMembers = 0;
    obj.keys.forEach((entry, i) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        skipped.push(`#${i + 1}: not an object`);
        return;
      }
      const read = readJwk(entry as JwkObject, 'jwks');
      if (!read.ok) {
        const kid = (entry as JwkObject).kid;
        skipped.push(`#${i + 1}${typeof kid === 'string' ? ` (kid "${kid}")` : ''}: ${read.message}`);
        return;
      }
      if (read.key.info.kty === 'oct') {
        skipped.push(`#${i + 1}: a symmetric (oct) key — a JWKS publishes public keys`);
        return;
      }
      if (read.key.info.private) privateMembers++;
      const pub = publicJwk(entry as JwkObject);
      keys.push({
        info: {
          ...read.key.info,
          private: false,
          label: read.key.info.label.replace(' private key', ' public key'),
        },
        material: { kind: 'jwk', jwk: pub },
      });
    });
    if (privateMembers > 0) {
      problems.push(
        problem(
          'WARN_PRIVATE_KEY_GIVEN',
          'warning',
          `${privateMembers} key${privateMembers === 1 ? '' : 's'} in this JWKS carr${privateMembers === 1 ? 'ies' : 'y'} private members ("d"): a published JWKS must hold public keys only — anyone who reads it can sign tokens. Only the public parts were used.`,
        ),
      );
    }
    if (skipped.length > 0)
      problems.push(
        problem(
          'WARN_JWKS_SKIPPED',
          'warning',
          `Skipped ${skipped.length} JWKS entr${skipped.length === 1 ? 'y' : 'ies'}: ${skipped.join('; ')}`,
        ),
      );
    if (keys.length === 0)
      return fail(
        'ERR_JWKS_EMPTY',
        obj.keys.length === 0
          ? 'The JWKS has no keys ("keys": []): the server has nothing to verify with.'
          : 'The JWKS has no usable signing key.',
        problems,
      );
    return {
      ok: true,
      format: 'jwks',
      keys,
      jwks: { keys: keys.map((k) => (k.material.kind === 'jwk' ? k.material.jwk : {})) },
      problems,
    };
  }
  const read = readJwk(obj, 'jwk');
  if (!read.ok) return fail(read.code, read.message, problems);
  return { ok: true, format: 'jwk', keys: [read.key], problems };
}

// ---- entry ----------------------------------------------------------------------------------------------

/** Strips what a .env or a JSON string adds around a PEM: quotes, literal \n, a VAR= prefix. */
function unwrap(text: string, problems: KeyProblem[]): string {
  let t = text.trim();
  const env = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(t);
  if (env && /-----BEGIN /.test(t)) t = t.slice(env[0].length).trim();
  if (t.length >= 2 && /^(["'`]).*\1$/s.test(t) && /-----BEGIN /.test(t)) t = t.slice(1, -1).trim();
  if (/-----BEGIN /.test(t) && /(?:\\r)?\\n/.test(t)) {
    t = t.replace(/(?:\\r)?\\n/g, '\n');
    problems.push(
      problem(
        'WARN_PEM_ESCAPED_NEWLINES',
        'warning',
        'The key had literal \\n sequences instead of line breaks (as in a .env value or a JSON string); they were read as line breaks here. Make sure your server does the same: key.replace(/\\\\n/g, "\\n").',
      ),
    );
  }
  return t;
}

/** Reads key text and says what it is. Never throws for strings. */
export function inspectKeyText(text: string): KeyInspection {
  if (typeof text !== 'string') throw new TypeError('inspectKeyText: text must be a string');
  const problems: KeyProblem[] = [];
  if (text.trim() === '')
    return fail(
      'ERR_KEY_EMPTY',
      'No key given: paste a PEM public key, an X.509 certificate, a JWK or a JWKS.',
    );
  const t = unwrap(text, problems);
  if (t.startsWith('{') || t.startsWith('[')) return inspectJson(t, problems);
  if (/-----BEGIN /.test(t)) return inspectPem(t, problems);
  if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-)\s/.test(t)) return fail('ERR_KEY_SSH', sshMessage(), problems);
  const bare = inspectBareBase64(t, problems);
  if (bare) return bare;
  const hint =
    t.length < 200 && !/\s/.test(t)
      ? ' If this is a shared secret (JWT_SECRET), choose Shared secret (HMAC) instead.'
      : '';
  return fail(
    'ERR_KEY_UNRECOGNISED',
    `This is not a key this console can read: paste a PEM public key (-----BEGIN PUBLIC KEY-----…), an X.509 certificate, a JWK ({"kty": …}) or a JWKS ({"keys": [ … ]}).${hint}`,
    problems,
  );
}

/** PEM text of DER bytes, 64 characters a line. */
export function toPem(label: 'PUBLIC KEY' | 'PRIVATE KEY' | 'CERTIFICATE', der: Uint8Array): string {
  const b64 = encodeBase64(der);
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----`;
}
