// firebase/php-jwt: the messages of JWT::decode's exceptions (ExpiredException, BeforeValidException,
// SignatureInvalidException, UnexpectedValueException, DomainException), as Laravel/Slim/Ratchet servers
// forward them. Read from firebase/php-jwt src/JWT.php.
import type { Dialect, ReasonRule } from './rule.ts';

const JWT_PHP = 'firebase/php-jwt src/JWT.php';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'php-jwt',
    source: `${JWT_PHP} (ExpiredException)`,
    pattern: /^Expired token$/,
    cause: 'token-expired',
    confidence: 'high',
    detail: "php-jwt: exp has passed by the server's clock (ExpiredException).",
    claims: () => ['exp'],
  },
  {
    dialect: 'php-jwt',
    source: `${JWT_PHP} (BeforeValidException)`,
    pattern: /Cannot handle token (?:with (nbf|iat) )?prior to /,
    cause: 'token-not-yet-valid',
    confidence: 'high',
    detail: "php-jwt: nbf (or iat) is in the future by the server's clock (BeforeValidException).",
  },
  {
    dialect: 'php-jwt',
    source: `${JWT_PHP} (UnexpectedValueException, DomainException)`,
    pattern: /^(Algorithm not allowed|Empty algorithm|Incorrect key for this algorithm)$/,
    cause: 'algorithm-mismatch',
    confidence: 'high',
    detail: "php-jwt: the token's alg does not fit the server's Key (new Key($secret, 'HS256')).",
  },
  {
    dialect: 'php-jwt',
    source: `${JWT_PHP} (UnexpectedValueException)`,
    pattern:
      /^(Wrong number of segments|Invalid header encoding|Invalid claims encoding|Invalid signature encoding|Payload must be a JSON object)$/,
    cause: 'token-malformed',
    confidence: 'high',
    detail: 'php-jwt could not decode the token: it is not three base64url parts.',
  },
];

export const PHP_JWT: Dialect = {
  id: 'php-jwt',
  label: 'firebase/php-jwt',
  stack: 'PHP',
  repository: 'firebase/php-jwt (src/JWT.php)',
  rules: RULES,
  samples: [
    { text: 'Expired token', cause: 'token-expired' },
    { text: 'Cannot handle token with nbf prior to 2026-12-02T10:00:00+00:00', cause: 'token-not-yet-valid' },
    { text: 'Cannot handle token prior to 2026-12-02T10:00:00+00:00', cause: 'token-not-yet-valid' },
    { text: 'Signature verification failed', cause: 'secret-mismatch', sharedWith: 'pyjwt' },
    { text: 'Algorithm not allowed', cause: 'algorithm-mismatch' },
    { text: 'Algorithm not supported', cause: 'algorithm-mismatch', sharedWith: 'pyjwt' },
    { text: 'Incorrect key for this algorithm', cause: 'algorithm-mismatch' },
    { text: 'Wrong number of segments', cause: 'token-malformed' },
    { text: 'Invalid header encoding', cause: 'token-malformed' },
  ],
};
