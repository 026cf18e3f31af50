// Centrifugo / centrifuge: disconnect codes with their reasons.
import type { Dialect, ReasonRule } from './rule.ts';

const CENTRIFUGE = 'centrifugal/centrifuge disconnect.go (Centrifugo docs: Error and disconnect codes)';

export const CENTRIFUGO_RULES: readonly ReasonRule[] = [
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3500],
    pattern: /^invalid token$/i,
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'Centrifugo (3500 DisconnectInvalidToken): the connection token did not verify — malformed, wrong secret (token_hmac_secret_key) or wrong claims.',
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3005],
    pattern: /connection expired/i,
    cause: 'token-expired',
    confidence: 'high',
    detail: 'Centrifugo (3005 DisconnectExpired): the connection token expired and was not refreshed.',
    claims: () => ['exp'],
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3006],
    pattern: /subscription expired/i,
    cause: 'token-expired',
    confidence: 'medium',
    detail: 'Centrifugo (3006 DisconnectSubExpired): a subscription token expired and was not refreshed.',
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3507],
    pattern: /permission denied/i,
    cause: 'auth-rejected',
    confidence: 'high',
    detail: 'Centrifugo (3507 DisconnectPermissionDenied): the connection lacks the permission it asked for.',
  },
  {
    dialect: 'centrifugo',
    source: CENTRIFUGE,
    codes: [3502],
    pattern: /^stale$/i,
    cause: 'protocol-error',
    confidence: 'high',
    detail:
      'Centrifugo (3502 DisconnectStale): no connect command (with the token) arrived in time after open.',
  },
];

export const CENTRIFUGO: Dialect = {
  id: 'centrifugo',
  label: 'Centrifugo / centrifuge',
  stack: 'Go',
  repository: 'centrifugal/centrifuge (disconnect.go)',
  rules: CENTRIFUGO_RULES,
  samples: [
    { text: 'subscription expired', cause: 'token-expired', code: 3006 },
    { text: 'invalid token', cause: 'auth-rejected', code: 3500 },
    { text: 'connection expired', cause: 'token-expired', code: 3005 },
    { text: 'permission denied', cause: 'auth-rejected', code: 3507 },
    { text: 'stale', cause: 'protocol-error', code: 3502 },
  ],
};
