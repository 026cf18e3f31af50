// Joken (joken-elixir/joken): Phoenix apps verify in connect/3 and, when they pass the error on (a close
// reason, a reply), it is the inspected error term: `[message: "Invalid token", claim: "exp", claim_val: …]`
// from a failed claim validation (lib/joken/config.ex, verify_and_validate) and `:signature_error` from a
// signature that does not verify (Joken.verify; the atom read from Joken's own test, `assert {:error,
// :signature_error} == Joken.verify(token, invalid_signer)`, not from lib/). A connect/3 that just returns
// :error is a wordless HTTP 403 (close-codes NO_CODE_CONVENTIONS, phases/http-refusal.ts).
import { group } from './rule.ts';
import type { Dialect, ReasonRule } from './rule.ts';

const CONFIG = 'joken-elixir/joken lib/joken/config.ex (verify_and_validate)';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'joken',
    source: CONFIG,
    pattern: /message: "Invalid token", claim: "exp"/,
    cause: 'token-expired',
    confidence: 'high',
    detail: "Joken: the exp claim failed validation — exp has passed by the server's clock.",
    claims: () => ['exp'],
  },
  {
    dialect: 'joken',
    source: CONFIG,
    pattern: /message: "Invalid token", claim: "(?!exp")([^"]+)"/,
    cause: 'token-claims-rejected',
    confidence: 'high',
    detail: (m) => `Joken: the ${group(m, 1)} claim failed the server's validation.`,
    claims: (m) => [group(m, 1)],
  },
  {
    dialect: 'joken',
    source: 'joken-elixir/joken lib/joken.ex (verify)',
    pattern: /:signature_error\b/,
    cause: 'secret-mismatch',
    confidence: 'high',
    detail: "Joken: the signature does not verify with the server's signer (:signature_error).",
  },
];

export const JOKEN: Dialect = {
  id: 'joken',
  label: 'Joken (Elixir)',
  stack: 'Elixir',
  repository: 'joken-elixir/joken (lib/joken/config.ex, lib/joken.ex)',
  rules: RULES,
  samples: [
    { text: '[message: "Invalid token", claim: "exp", claim_val: 1610086801]', cause: 'token-expired' },
    {
      text: '[message: "Invalid token", claim: "iss", claim_val: "someone"]',
      cause: 'token-claims-rejected',
    },
    { text: '{:error, :signature_error}', cause: 'secret-mismatch' },
  ],
};
