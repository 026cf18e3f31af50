// Types of the key tools: keys beyond a shared secret (PEM, X.509, JWK, JWKS) for verifying and minting.

/** The asymmetric JWS algorithms the console verifies and mints (WebCrypto has them all). */
export type AsymmetricAlg =
  'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

/** How the key text was written. */
export type KeyFormat =
  | 'spki' // -----BEGIN PUBLIC KEY-----
  | 'x509' // -----BEGIN CERTIFICATE-----
  | 'pkcs8' // -----BEGIN PRIVATE KEY-----
  | 'pkcs1-public' // -----BEGIN RSA PUBLIC KEY-----
  | 'pkcs1-private' // -----BEGIN RSA PRIVATE KEY-----
  | 'sec1-private' // -----BEGIN EC PRIVATE KEY-----
  | 'jwk'
  | 'jwks';

/** The key's type in JWK words ('RSA-PSS': an RSA key restricted to PSS by its algorithm identifier). */
export type KeyType = 'RSA' | 'RSA-PSS' | 'EC' | 'OKP' | 'oct' | 'unknown';

/** What a key is, as far as can be told without WebCrypto. */
export interface KeyInfo {
  format: KeyFormat;
  kty: KeyType;
  /** EC / OKP curve: P-256, P-384, P-521, secp256k1, Ed25519, Ed448, X25519… */
  crv?: string;
  /** RSA modulus size in bits. */
  bits?: number;
  private: boolean;
  /** JWK / JWKS member: key id, algorithm, use. */
  kid?: string;
  alg?: string;
  use?: string;
  /** e.g. "RSA 2048-bit public key (PEM, SPKI)". */
  label: string;
  /** JWS algorithms this key can verify or sign. */
  algorithms: string[];
  /** X.509 certificates: the subject's common name and the validity period (ISO 8601). */
  certificate?: { subject: string; notBefore?: string; notAfter?: string };
}

export type KeyProblemCode =
  | 'ERR_KEY_EMPTY'
  | 'ERR_KEY_UNRECOGNISED' // neither PEM, nor base64 DER, nor JSON
  | 'ERR_KEY_PEM_BASE64' // the PEM body is not base64
  | 'ERR_KEY_PEM_STRUCTURE' // base64, but not the DER structure its label promises
  | 'ERR_KEY_ENCRYPTED' // -----BEGIN ENCRYPTED PRIVATE KEY-----
  | 'ERR_KEY_SSH' // an OpenSSH key
  | 'ERR_KEY_JSON' // looks like JSON but does not parse
  | 'ERR_KEY_JWK' // a JSON object that is not a usable JWK
  | 'ERR_KEY_NOT_SUPPORTED' // a key type or curve WebCrypto cannot use for JWS (Ed448, secp256k1, X25519, DSA…)
  | 'ERR_KEY_RSA_TOO_SHORT' // RSA modulus under 2048 bits
  | 'ERR_KEY_ALG_MISMATCH' // the token's alg does not fit the key type
  | 'ERR_KEY_USE' // JWK "use"/"key_ops" forbid signatures
  | 'ERR_KEY_NEEDS_PRIVATE' // minting with a public key
  | 'ERR_KEY_IMPORT' // WebCrypto refused the key anyway
  | 'ERR_JWKS_EMPTY'
  | 'ERR_JWKS_NO_MATCHING_KEY'
  | 'WARN_PEM_NO_ARMOUR' // base64 body without -----BEGIN/END----- lines
  | 'WARN_PEM_ESCAPED_NEWLINES' // literal \n from a .env or JSON string
  | 'WARN_PRIVATE_KEY_GIVEN' // a private key where a public key belongs
  | 'WARN_JWKS_SKIPPED' // JWKS entries that are not usable keys
  | 'INFO_PKCS1' // PKCS#1 / SEC1 converted to SPKI / PKCS#8
  | 'INFO_CERT_CHAIN' // several PEM blocks: the first is used
  | 'INFO_JWKS_PICKED'; // which JWKS key was used

export interface KeyProblem {
  code: KeyProblemCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
}
