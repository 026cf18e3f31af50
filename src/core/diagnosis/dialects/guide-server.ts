// The guide's server and the wsjwt reference server (close 1008 with these reasons).
import type { Dialect, ReasonRule } from './rule.ts';
import { group, splitClaims } from './rule.ts';

const JWT = 'auth0/node-jsonwebtoken verify.js';
const GUIDE = "the guide's websocketService.js / wsjwt src/node/server/verify-token.ts";

export const GUIDE_SERVER_RULES: readonly ReasonRule[] = [
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /no token provided/i,
    cause: 'token-missing',
    confidence: 'high',
    detail: 'The server found no token in the query string (it reads ?token=).',
  },
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /missing required (?:claims|fields)\s*:?\s*(.*)$/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => {
      const claims = splitClaims(group(m, 1));
      return claims.length > 0
        ? `The server requires claims the token lacks: ${claims.join(', ')}.`
        : 'The server requires claims the token lacks.';
    },
    claims: (m) => splitClaims(group(m, 1)),
  },
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /^jwt (\w+) invalid$/i,
    cause: 'missing-claims',
    confidence: 'high',
    detail: (m) => `The server's check of the ${group(m, 1)} claim failed.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'guide-server',
    source: GUIDE,
    pattern: /^authentication failed\b/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail: 'The server refused the token without saying why (check its log).',
  },
  {
    // jsonwebtoken says "invalid token" when the token cannot be decoded; servers also use "Invalid token" as a
    // catch-all for every verify() failure, so on its own it proves little.
    dialect: 'jsonwebtoken',
    source: `${JWT}; ${GUIDE}`,
    pattern: /^(jsonwebtokenerror:\s*)?invalid token$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'jsonwebtoken says "invalid token" when the token cannot be decoded; many servers also send "Invalid token" for every verification failure.',
  },
];

export const GUIDE_SERVER: Dialect = {
  id: 'guide-server',
  label: "The guide's server / the wsjwt reference server",
  stack: 'Node',
  repository: 'wsjwt src/node/server/verify-token.ts',
  rules: GUIDE_SERVER_RULES,
  samples: [
    { text: 'Invalid token', cause: 'auth-rejected', sharedWith: 'jsonwebtoken' },
    { text: 'No token provided', cause: 'token-missing' },
    { text: 'Missing required claims: role, exp', cause: 'missing-claims' },
    { text: 'Authentication failed', cause: 'auth-rejected' },
    { text: 'jwt iat invalid', cause: 'missing-claims' },
  ],
};
