// express-jwt (auth0/express-jwt): UnauthorizedError with a code and a message; for a token that fails
// jsonwebtoken's verify() the message is jsonwebtoken's own (read by jsonwebtoken.ts). Read from
// auth0/express-jwt src/index.ts and src/errors/UnauthorizedError.ts.
import type { Dialect, ReasonRule } from './rule.ts';

const INDEX = 'auth0/express-jwt src/index.ts (UnauthorizedError)';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'express-jwt',
    source: `${INDEX} (credentials_required)`,
    pattern: /No authorization token was found/,
    cause: 'token-missing',
    confidence: 'high',
    detail:
      'express-jwt found no token: it reads the Authorization: Bearer header (or its getToken option), not the query string.',
  },
  {
    dialect: 'express-jwt',
    source: `${INDEX} (revoked_token)`,
    pattern: /The token has been revoked\./,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: "express-jwt: the server's isRevoked check refused this token.",
  },
];

export const EXPRESS_JWT: Dialect = {
  id: 'express-jwt',
  label: 'express-jwt',
  stack: 'Node',
  repository: 'auth0/express-jwt (src/index.ts)',
  rules: RULES,
  samples: [
    { text: 'No authorization token was found', cause: 'token-missing' },
    { text: 'UnauthorizedError: No authorization token was found', cause: 'token-missing' },
    { text: 'The token has been revoked.', cause: 'auth-rejected' },
    { text: 'Format is Authorization: Bearer [token]', cause: 'token-malformed', sharedWith: 'socket.io' },
  ],
};
