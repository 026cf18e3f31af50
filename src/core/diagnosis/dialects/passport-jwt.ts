// passport-jwt (mikenicholson/passport-jwt): the strategy fails with `new Error("No auth token")` when its
// jwtFromRequest finds nothing, and with jsonwebtoken's own error when verify() refuses the token (read by
// jsonwebtoken.ts). Passport's default failure answers a bare 401 "Unauthorized" without any of these words;
// they reach the client only when the server forwards `info.message`. Read from lib/strategy.js.
import type { Dialect, ReasonRule } from './rule.ts';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'passport-jwt',
    source: 'mikenicholson/passport-jwt lib/strategy.js (self.fail(new Error("No auth token")))',
    pattern: /\bNo auth token\b/,
    cause: 'token-missing',
    confidence: 'high',
    detail:
      'passport-jwt found no token where its jwtFromRequest looks (e.g. fromAuthHeaderAsBearerToken reads the Authorization header, not the query string).',
  },
];

export const PASSPORT_JWT: Dialect = {
  id: 'passport-jwt',
  label: 'passport-jwt',
  stack: 'Node',
  repository: 'mikenicholson/passport-jwt (lib/strategy.js)',
  rules: RULES,
  samples: [
    { text: 'No auth token', cause: 'token-missing' },
    { text: 'Error: No auth token', cause: 'token-missing' },
    // jsonwebtoken's errors, passed through as the failure's info.
    { text: 'jwt expired', cause: 'token-expired', sharedWith: 'jsonwebtoken' },
    { text: 'invalid signature', cause: 'secret-mismatch', sharedWith: 'jsonwebtoken' },
  ],
};
