// PyJWT (jpadilla/pyjwt): the messages of its exceptions, as FastAPI/Starlette and websockets servers forward
// them (HTTPException(detail=str(e)), a 1008 close reason, a 401 body). Read from jwt/api_jwt.py,
// jwt/api_jws.py and jwt/exceptions.py (MissingRequiredClaimError.__str__). python-jose and ruby-jwt share
// some of these sentences; the case differs from jose's lowercase ones, so the rows are case-sensitive.
import { group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const API_JWT = 'jpadilla/pyjwt jwt/api_jwt.py';
const API_JWS = 'jpadilla/pyjwt jwt/api_jws.py';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'pyjwt',
    source: 'jpadilla/pyjwt jwt/exceptions.py (MissingRequiredClaimError)',
    pattern: /Token is missing the "([^"]+)" claim/,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `PyJWT: the payload has no "${group(m, 1)}" claim and the server requires it.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWT} (ExpiredSignatureError)`,
    pattern: /Signature has expired/,
    cause: 'token-expired',
    confidence: 'high',
    detail:
      "PyJWT: exp has passed by the server's clock (ExpiredSignatureError; ruby-jwt and python-jose say it too).",
    claims: () => ['exp'],
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWT} (ImmatureSignatureError)`,
    pattern: /The token is not yet valid \((nbf|iat)\)/,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: (m) => `PyJWT: ${group(m, 1)} is in the future by the server's clock (ImmatureSignatureError).`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWS} (InvalidSignatureError)`,
    pattern: /Signature verification failed/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail:
      "PyJWT: the signature does not verify with the server's key (InvalidSignatureError; ruby-jwt, php-jwt and python-jose say it too).",
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWT} (InvalidAudienceError)`,
    pattern:
      /Invalid audience(?: \(strict\))?$|Audience doesn't match(?: \(strict\))?|Invalid claim format in token(?: \(strict\))?/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: "PyJWT: the token's aud is not the audience the server decodes with (InvalidAudienceError).",
    claims: () => ['aud'],
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWT} (InvalidIssuerError)`,
    pattern: /^Invalid issuer$|Payload Issuer \(iss\) must be a string/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: "PyJWT: the token's iss is not the issuer the server decodes with (InvalidIssuerError).",
    claims: () => ['iss'],
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWT} (InvalidSubjectError)`,
    pattern: /^Invalid subject$/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: "PyJWT: the token's sub is not the subject the server expects (InvalidSubjectError).",
    claims: () => ['sub'],
  },
  {
    dialect: 'pyjwt',
    source: API_JWT,
    pattern: /(Issued At|Expiration Time|Not Before) claim \((iat|exp|nbf)\) must be an integer\./,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `PyJWT: ${group(m, 2)} is not a number of seconds.`,
    claims: (m) => [group(m, 2)],
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWS} (InvalidAlgorithmError)`,
    pattern: /The specified alg value is not allowed|^Algorithm not (supported|specified)$/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "PyJWT: the token's alg is not in the algorithms the server decodes with.",
  },
  {
    dialect: 'pyjwt',
    source: `${API_JWS} (DecodeError)`,
    pattern:
      /Not enough segments|Invalid (header|payload|crypto) padding|Invalid (header|payload) string: |Invalid token type\. Token must be a/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'PyJWT could not decode the token: it is not three base64url parts (DecodeError).',
  },
];

export const PYJWT: Dialect = {
  id: 'pyjwt',
  label: 'PyJWT',
  stack: 'Python',
  repository: 'jpadilla/pyjwt (jwt/api_jwt.py, jwt/api_jws.py, jwt/exceptions.py)',
  rules: RULES,
  samples: [
    { text: 'Token is missing the "role" claim', cause: 'missing-claims' },
    { text: 'Token is missing the "exp" claim', cause: 'missing-claims' },
    { text: 'Signature has expired', cause: 'token-expired' },
    { text: 'The token is not yet valid (nbf)', cause: 'token-not-yet-valid' },
    { text: 'The token is not yet valid (iat)', cause: 'token-not-yet-valid' },
    { text: 'Signature verification failed', cause: 'secret-mismatch' },
    { text: 'Invalid audience', cause: 'token-claims-rejected' },
    { text: "Audience doesn't match", cause: 'token-claims-rejected' },
    { text: "Audience doesn't match (strict)", cause: 'token-claims-rejected' },
    { text: 'Invalid claim format in token', cause: 'token-claims-rejected' },
    { text: 'Invalid issuer', cause: 'token-claims-rejected' },
    { text: 'Invalid subject', cause: 'token-claims-rejected' },
    { text: 'Expiration Time claim (exp) must be an integer.', cause: 'missing-claims' },
    { text: 'Issued At claim (iat) must be an integer.', cause: 'missing-claims' },
    { text: 'The specified alg value is not allowed', cause: 'algorithm-mismatch' },
    { text: 'Algorithm not supported', cause: 'algorithm-mismatch' },
    { text: 'Not enough segments', cause: 'token-malformed' },
    { text: 'Invalid header padding', cause: 'token-malformed' },
    { text: 'Invalid payload padding', cause: 'token-malformed' },
    { text: 'Invalid crypto padding', cause: 'token-malformed' },
    { text: 'Invalid payload string: must be a json object', cause: 'token-malformed' },
  ],
};
