// What the names in a JWT mean: RFC 7519 registered claims, common OpenID Connect / OAuth claims, and JOSE
// header parameters (RFC 7515). Shown on hover and keyboard focus in the token details.

export interface ClaimDescription {
  name: string;
  /** Short title, e.g. "Expiration Time". */
  title: string;
  /** One or two sentences, practical: what servers do with it. */
  description: string;
  /** Where it is defined, e.g. "RFC 7519 §4.1.4". */
  source: string;
}

type Entry = [title: string, description: string, source: string];

const PAYLOAD: Record<string, Entry> = {
  // RFC 7519 registered claims
  iss: [
    'Issuer',
    'Who issued the token. Servers that check it (jwt.verify(token, key, { issuer })) refuse tokens from any other issuer.',
    'RFC 7519 §4.1.1',
  ],
  sub: [
    'Subject',
    'Whom the token is about — usually the user id. Unique within the issuer.',
    'RFC 7519 §4.1.2',
  ],
  aud: [
    'Audience',
    'Who the token is meant for: a string or an array. A server that checks it (audience option) refuses tokens not addressed to it.',
    'RFC 7519 §4.1.3',
  ],
  exp: [
    'Expiration Time',
    'Seconds since 1970-01-01 UTC after which the token must be refused ("jwt expired"). Seconds, not milliseconds.',
    'RFC 7519 §4.1.4',
  ],
  nbf: [
    'Not Before',
    'Seconds since the epoch before which the token must be refused ("jwt not active"). Clock skew between machines trips it.',
    'RFC 7519 §4.1.5',
  ],
  iat: [
    'Issued At',
    'Seconds since the epoch when the token was made. jsonwebtoken adds it by default; maxAge checks count from it.',
    'RFC 7519 §4.1.6',
  ],
  jti: [
    'JWT ID',
    'A unique id for this token, so a server can refuse replays or revoke one token.',
    'RFC 7519 §4.1.7',
  ],
  // OpenID Connect Core
  name: ['Full name', "The user's full name, for display.", 'OpenID Connect Core §5.1'],
  given_name: ['Given name', 'First name(s).', 'OpenID Connect Core §5.1'],
  family_name: ['Family name', 'Surname(s).', 'OpenID Connect Core §5.1'],
  middle_name: ['Middle name', 'Middle name(s).', 'OpenID Connect Core §5.1'],
  nickname: ['Nickname', 'A casual name.', 'OpenID Connect Core §5.1'],
  preferred_username: [
    'Preferred username',
    'The name the user likes to be called by (e.g. jdoe). Not guaranteed unique: identify users by iss + sub.',
    'OpenID Connect Core §5.1',
  ],
  profile: ['Profile URL', "URL of the user's profile page.", 'OpenID Connect Core §5.1'],
  picture: ['Picture URL', "URL of the user's picture.", 'OpenID Connect Core §5.1'],
  website: ['Website', "URL of the user's web page.", 'OpenID Connect Core §5.1'],
  email: [
    'Email',
    "The user's email address. Trust it only when email_verified is true.",
    'OpenID Connect Core §5.1',
  ],
  email_verified: [
    'Email verified',
    'true when the issuer verified that the user controls the email address.',
    'OpenID Connect Core §5.1',
  ],
  gender: ['Gender', "The user's gender.", 'OpenID Connect Core §5.1'],
  birthdate: ['Birthdate', 'YYYY-MM-DD (or YYYY).', 'OpenID Connect Core §5.1'],
  zoneinfo: ['Time zone', 'e.g. Europe/Paris.', 'OpenID Connect Core §5.1'],
  locale: ['Locale', 'BCP 47 language tag, e.g. en-US.', 'OpenID Connect Core §5.1'],
  phone_number: ['Phone number', 'E.164 format recommended.', 'OpenID Connect Core §5.1'],
  phone_number_verified: [
    'Phone verified',
    'true when the issuer verified the phone number.',
    'OpenID Connect Core §5.1',
  ],
  address: ['Address', 'A JSON object with the postal address.', 'OpenID Connect Core §5.1'],
  updated_at: [
    'Updated at',
    "Seconds since the epoch when the user's information last changed.",
    'OpenID Connect Core §5.1',
  ],
  azp: [
    'Authorized party',
    'The client the token was issued to (its client_id), when it differs from the audience.',
    'OpenID Connect Core §2',
  ],
  nonce: [
    'Nonce',
    'A value from the login request, echoed so the client can reject replayed ID tokens.',
    'OpenID Connect Core §2',
  ],
  auth_time: [
    'Authentication time',
    'Seconds since the epoch when the user actually logged in (not when the token was issued).',
    'OpenID Connect Core §2',
  ],
  acr: [
    'Authentication context class',
    'How strongly the user was authenticated (e.g. a level or an MFA policy name).',
    'OpenID Connect Core §2',
  ],
  amr: [
    'Authentication methods',
    'How the user logged in: an array such as ["pwd", "otp"] or ["mfa"].',
    'OpenID Connect Core §2 / RFC 8176',
  ],
  at_hash: [
    'Access token hash',
    'Half of the hash of the access token issued alongside this ID token, to bind them together.',
    'OpenID Connect Core §3.1.3.6',
  ],
  c_hash: [
    'Code hash',
    'Half of the hash of the authorization code issued alongside this ID token.',
    'OpenID Connect Core §3.3.2.11',
  ],
  sid: [
    'Session ID',
    'The login session at the issuer; used for logout.',
    'OpenID Connect Front-Channel Logout',
  ],
  // OAuth 2.0 access tokens and common authorization claims
  scope: [
    'Scope',
    'Space-separated permissions, e.g. "read write". A server may refuse tokens without the scope it needs.',
    'RFC 8693 §4.2 / RFC 9068',
  ],
  scp: [
    'Scopes',
    'Permissions as an array or a string (Azure AD, Okta). Same idea as scope.',
    'Vendor (Azure AD, Okta)',
  ],
  client_id: ['Client ID', 'The OAuth client the token was issued to.', 'RFC 8693 §4.3 / RFC 9068'],
  cnf: ['Confirmation', 'Binds the token to a key (proof of possession, DPoP or mTLS).', 'RFC 7800'],
  act: ['Actor', 'Who acts on behalf of the subject (token exchange, delegation).', 'RFC 8693 §4.1'],
  may_act: ['May act', 'Who is allowed to act on behalf of the subject.', 'RFC 8693 §4.4'],
  roles: [
    'Roles',
    'Roles granted to the user. Not standard: each server reads its own name and shape.',
    'RFC 9068 §2.2.3.1 / common',
  ],
  groups: [
    'Groups',
    'Groups the user belongs to. Not standard: each server reads its own name and shape.',
    'RFC 9068 §2.2.3.1 / common',
  ],
  entitlements: ['Entitlements', 'Individual permissions granted to the user.', 'RFC 9068 §2.2.3.1'],
  tid: ['Tenant ID', 'The tenant (directory) the user belongs to.', 'Vendor (Azure AD)'],
  oid: ['Object ID', "The user's immutable id in the directory.", 'Vendor (Azure AD)'],
  typ: [
    'Token type',
    'A token type some issuers put in the payload (e.g. "Bearer", "ID").',
    'Vendor (Keycloak)',
  ],
  // The guide's server
  userId: [
    'User ID',
    "The guide's server requires it: the user the socket belongs to. Not a registered claim — the server reads it by this exact name.",
    'This server (guide)',
  ],
  role: [
    'Role',
    'The guide\'s server requires it (e.g. "principal"). Not a registered claim — the server reads it by this exact name.',
    'This server (guide)',
  ],
};

const HEADER: Record<string, Entry> = {
  alg: [
    'Algorithm',
    'How the token is signed: HS256 (a shared secret), RS256/PS256/ES256/EdDSA (a private key; verified with the public key), or "none" (unsigned — servers refuse it). The server must accept this exact value.',
    'RFC 7515 §4.1.1',
  ],
  typ: [
    'Type',
    'The media type of the whole token, usually "JWT" (or "at+jwt" for access tokens). Servers rarely check it.',
    'RFC 7515 §4.1.9',
  ],
  cty: [
    'Content type',
    'The media type of the payload; "JWT" only for nested (signed then encrypted) tokens.',
    'RFC 7515 §4.1.10',
  ],
  kid: [
    'Key ID',
    'Which key signed the token: a server with a JWKS picks the key with this kid, and refuses the token when no key has it.',
    'RFC 7515 §4.1.4',
  ],
  jku: [
    'JWK Set URL',
    'A URL of the signer’s JWKS. Servers must not fetch keys from a URL the token itself names unless it is on an allow-list.',
    'RFC 7515 §4.1.2',
  ],
  jwk: [
    'JSON Web Key',
    'The public key embedded in the header. Trusting it blindly lets anyone sign tokens.',
    'RFC 7515 §4.1.3',
  ],
  x5u: ['X.509 URL', 'A URL of the signer’s certificate chain.', 'RFC 7515 §4.1.5'],
  x5c: [
    'X.509 certificate chain',
    'The signer’s certificate chain, base64 DER, leaf first. Trust it only if it chains to a CA you trust.',
    'RFC 7515 §4.1.6',
  ],
  x5t: [
    'X.509 SHA-1 thumbprint',
    'The SHA-1 thumbprint of the signing certificate (base64url), to pick the key.',
    'RFC 7515 §4.1.7',
  ],
  'x5t#S256': [
    'X.509 SHA-256 thumbprint',
    'The SHA-256 thumbprint of the signing certificate (base64url), to pick the key.',
    'RFC 7515 §4.1.8',
  ],
  crit: [
    'Critical',
    'Header parameters the server must understand; a server that does not know one of them must refuse the token.',
    'RFC 7515 §4.1.11',
  ],
  b64: [
    'Base64url-encode payload',
    'false means the payload is not base64url-encoded (RFC 7797); must be listed in crit.',
    'RFC 7797',
  ],
  zip: ['Compression', 'DEF: the payload is compressed. For encrypted tokens (JWE) only.', 'RFC 7516 §4.1.3'],
};

function toDescription(name: string, entry: Entry | undefined): ClaimDescription | undefined {
  return entry ? { name, title: entry[0], description: entry[1], source: entry[2] } : undefined;
}

/** What a payload claim or a header parameter means, or undefined for names nobody registered. */
export function describeClaim(
  name: string,
  where: 'payload' | 'header' = 'payload',
): ClaimDescription | undefined {
  if (typeof name !== 'string') throw new TypeError('describeClaim: name must be a string');
  const table = where === 'header' ? HEADER : PAYLOAD;
  return Object.hasOwn(table, name) ? toDescription(name, table[name]) : undefined;
}

/** Every name described, for tests and docs. */
export function describedClaimNames(where: 'payload' | 'header'): string[] {
  return Object.keys(where === 'header' ? HEADER : PAYLOAD);
}
