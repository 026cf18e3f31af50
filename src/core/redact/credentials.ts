// What counts as a credential inside a URL: a parameter name that means one, or a value that is a JWT.

/**
 * Name parts that always mean a credential, wherever they sit in the name (`refresh_token`, `authToken`,
 * `X-Amz-Signature`, `client_secret`, `JSESSIONID`).
 */
const CREDENTIAL_NAME_PARTS = [
  'token',
  'jwt',
  'secret',
  'password',
  'passwd',
  'apikey',
  'accesskey',
  'privatekey',
  'signature',
  'session',
  'credential',
  'bearer',
  'authorization',
];

/**
 * Short words that mean a credential only as a whole word of the name: `key`, `api_key` and `x-api-key`
 * are credentials, `keyboard` and `monkey` are not; `auth` is, `author` is not.
 */
const CREDENTIAL_WORDS = new Set(['auth', 'key', 'sig', 'pass', 'pwd', 'sid', 'otp', 'ticket']);

/** Names that are a credential only on their own (OAuth's `code`; `country_code` is not). */
const CREDENTIAL_WHOLE_NAMES = new Set(['code']);

/** The words of a parameter name: `accessToken`, `access-token`, `ACCESS_TOKEN` → access, token. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Whether a query (or fragment) parameter of this name carries a credential. */
export function isCredentialParamName(name: string): boolean {
  if (typeof name !== 'string') throw new TypeError('isCredentialParamName: name must be a string');
  const lower = name.toLowerCase();
  if (CREDENTIAL_WHOLE_NAMES.has(lower)) return true;
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  if (CREDENTIAL_NAME_PARTS.some((part) => squashed.includes(part))) return true;
  return nameWords(name).some((w) => CREDENTIAL_WORDS.has(w));
}

/** A JWT (JWS or JWE compact form) somewhere in the text: base64url JSON header "eyJ…", then a dot. */
const JWT_INSIDE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*\./;

/** Whether a (decoded) value holds a JWT — `eyJ….….…`, `Bearer eyJ…`, a token inside JSON. */
export function containsJwt(value: string): boolean {
  return JWT_INSIDE.test(value);
}
