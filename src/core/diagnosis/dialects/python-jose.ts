// python-jose (mpdavis/python-jose): JWTError / JWTClaimsError / ExpiredSignatureError / JWSError messages, as
// FastAPI servers forward them (HTTPException(detail=str(e)), a 1008 close reason). Read from jose/jwt.py and
// jose/jws.py. Its own sentences end with a full stop ("Signature has expired.", "Signature verification
// failed.") where PyJWT's do not, so the rows here need the stop and come before PyJWT's; the sentences both
// libraries say word for word (Not enough segments, Invalid audience, Invalid issuer, The token is not yet
// valid (nbf)…) stay in pyjwt.ts and are listed below as shared samples.
import type { Dialect, ReasonRule } from './rule.ts';

const JWT = 'mpdavis/python-jose jose/jwt.py';
const JWS = 'mpdavis/python-jose jose/jws.py';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'python-jose',
    source: `${JWT} (_validate_exp, ExpiredSignatureError)`,
    pattern: /Signature has expired\./,
    cause: 'token-expired',
    confidence: 'high',
    detail: "python-jose: exp has passed by the server's clock (ExpiredSignatureError).",
    claims: () => ['exp'],
  },
  {
    dialect: 'python-jose',
    source: `${JWS} (_verify_signature)`,
    pattern: /Signature verification failed\./,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "python-jose: the signature does not verify with the server's key (JWSError).",
  },
  {
    dialect: 'python-jose',
    source: `${JWS} (_verify_signature)`,
    pattern: /No algorithm was specified in the JWS header\.|Invalid or unsupported algorithm: /,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "python-jose: the token's alg is missing or not one the server's key can verify (JWSError).",
  },
  {
    dialect: 'python-jose',
    source: `${JWT} (_validate_sub)`,
    pattern: /^Subject must be a string\.$/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: "python-jose: the token's sub is not a string (JWTClaimsError).",
    claims: () => ['sub'],
  },
  {
    dialect: 'python-jose',
    source: `${JWT} (_validate_jti)`,
    pattern: /^JWT ID must be a string\.$/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: "python-jose: the token's jti is not a string (JWTClaimsError).",
    claims: () => ['jti'],
  },
  {
    dialect: 'python-jose',
    source: `${JWT} (get_unverified_header, get_unverified_claims)`,
    pattern: /Error decoding token (headers|claims)\.|Invalid claims string: /,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'python-jose could not decode the token: it is not three base64url parts of JSON (JWTError).',
  },
];

export const PYTHON_JOSE: Dialect = {
  id: 'python-jose',
  label: 'python-jose',
  stack: 'Python',
  repository: 'mpdavis/python-jose (jose/jwt.py, jose/jws.py)',
  rules: RULES,
  samples: [
    { text: 'Signature has expired.', cause: 'token-expired' },
    { text: 'Signature verification failed.', cause: 'secret-mismatch' },
    { text: 'No algorithm was specified in the JWS header.', cause: 'algorithm-mismatch' },
    { text: 'Invalid or unsupported algorithm: HS256', cause: 'algorithm-mismatch' },
    { text: 'Subject must be a string.', cause: 'token-claims-rejected' },
    { text: 'JWT ID must be a string.', cause: 'token-claims-rejected' },
    { text: 'Error decoding token headers.', cause: 'token-malformed' },
    { text: 'Error decoding token claims.', cause: 'token-malformed' },
    { text: 'Invalid claims string: must be a json object', cause: 'token-malformed' },
    // Word for word PyJWT's: read by pyjwt.ts (same cause).
    { text: 'Not enough segments', cause: 'token-malformed', sharedWith: 'pyjwt' },
    { text: 'Invalid header padding', cause: 'token-malformed', sharedWith: 'pyjwt' },
    { text: 'Invalid payload string: must be a json object', cause: 'token-malformed', sharedWith: 'pyjwt' },
    { text: 'The token is not yet valid (nbf)', cause: 'token-not-yet-valid', sharedWith: 'pyjwt' },
    { text: 'Invalid audience', cause: 'token-claims-rejected', sharedWith: 'pyjwt' },
    { text: 'Invalid claim format in token', cause: 'token-claims-rejected', sharedWith: 'pyjwt' },
    { text: 'Invalid issuer', cause: 'token-claims-rejected', sharedWith: 'pyjwt' },
    { text: 'The specified alg value is not allowed', cause: 'algorithm-mismatch', sharedWith: 'pyjwt' },
  ],
};
