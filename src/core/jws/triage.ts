import type { SecretInput, SecretTriage, SecretVariant, VerifyOutcome } from '../types.ts';
import { bytesEqual } from '../token/base64url.ts';
import { decodeSecret, describeSecretProblems, parseEnvSecret } from './secret.ts';
import { verifyToken } from './verify.ts';

// Outcomes that a different secret could change; anything else (alg none, RS256, not a JWS, no WebCrypto) cannot.
const SECRET_DEPENDENT = new Set(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_SECRET_ENCODING']);

/** Verifications per triage, the given secret included. */
export const MAX_TRIAGE_VERIFICATIONS = 10;

interface Candidate {
  variant: SecretVariant;
  secret: SecretInput;
}

function variant(id: SecretVariant['id'], label: string, explanation: string): SecretVariant {
  return { id, label, explanation };
}

function stripQuotes(text: string): string | null {
  const t = text.trim();
  if (t.length >= 2 && /^(["'`]).*\1$/s.test(t)) return t.slice(1, -1);
  return null;
}

function candidatesFor(secret: SecretInput, envNote: (line: string) => void): Candidate[] {
  const { text, encoding } = secret;
  const out: Candidate[] = [];
  const trimmed = text.trim();
  if (trimmed !== text && trimmed !== '') {
    out.push({
      variant: variant(
        'trimmed',
        'Trimmed',
        'This token verifies if the secret is trimmed — your copy has extra whitespace (such as a trailing newline) that the real JWT_SECRET does not.',
      ),
      secret: { text: trimmed, encoding },
    });
  }
  const unquoted = stripQuotes(text);
  if (unquoted !== null && unquoted !== '') {
    out.push({
      variant: variant(
        'unquoted',
        'Without quotes',
        'This token verifies without the surrounding quotes — in a .env file the quotes are not part of the value.',
      ),
      secret: { text: unquoted, encoding },
    });
  }
  const env = text.includes('=') ? parseEnvSecret(text) : null;
  if (env && env.value !== '') {
    // Tried, not taken: the Secret as given stays what was entered (and what the verdict is about).
    envNote(`Secret holds .env text: also tried the value of ${env.variable} (line ${env.line}) alone.`);
    out.push({
      variant: variant(
        'env-line',
        `${env.variable} from the .env`,
        `This token verifies with the value of ${env.variable} from the pasted .env — paste only the value, not the whole line.`,
      ),
      secret: { text: env.value, encoding },
    });
  }
  // The text the decodings start from: the cleanest reading of what was pasted.
  const base = env && env.value !== '' ? env.value : (unquoted ?? trimmed);
  if (base === '') return out;
  if (encoding === 'utf8') {
    out.push(
      {
        variant: variant(
          'base64-decoded',
          'base64-decoded',
          'This token verifies if the secret is base64-decoded — the server (or the signer) probably decodes JWT_SECRET from base64.',
        ),
        secret: { text: base, encoding: 'base64' },
      },
      {
        variant: variant(
          'base64url-decoded',
          'base64url-decoded',
          'This token verifies if the secret is base64url-decoded — the server (or the signer) probably decodes JWT_SECRET from base64url.',
        ),
        secret: { text: base, encoding: 'base64url' },
      },
      {
        variant: variant(
          'hex-decoded',
          'hex-decoded',
          'This token verifies if the secret is hex-decoded — the server (or the signer) probably decodes JWT_SECRET from hex.',
        ),
        secret: { text: base, encoding: 'hex' },
      },
    );
  } else if (encoding === 'hex') {
    out.push({
      variant: variant(
        'utf8-text',
        'As plain text',
        'This token verifies if the secret is used as plain text — the server uses JWT_SECRET as it is, without decoding it from hex; choose UTF-8.',
      ),
      secret: { text: base, encoding: 'utf8' },
    });
  } else {
    out.push({
      variant: variant(
        'utf8-of-base64',
        'As plain text',
        `This token verifies if the secret is used as plain text — the server uses JWT_SECRET as it is, without decoding it from ${encoding}; choose UTF-8.`,
      ),
      secret: { text: base, encoding: 'utf8' },
    });
  }
  return out;
}

/**
 * Verifies the token with the secret as given; when that fails, tries the readings of the secret people
 * get wrong (whitespace, quotes, a pasted .env line, base64/base64url/hex decoding, or the plain text of
 * what was marked as encoded) and reports the one that verifies. Bounded (≤ 10 verifications); never
 * throws for bad data.
 */
/** The token header's alg (for the key-length note), or undefined when it does not decode. */
function headerAlg(token: string): string | undefined {
  try {
    const head = token.split('.', 1)[0] ?? '';
    const json = atob(head.replace(/-/g, '+').replace(/_/g, '/'));
    const alg: unknown = (JSON.parse(json) as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}

export async function triageSecret(token: string, secret: SecretInput): Promise<SecretTriage> {
  if (typeof token !== 'string') throw new TypeError('triageSecret: token must be a string');
  // decodeSecret validates the shape (TypeError on misuse) before anything else happens.
  const givenKey = decodeSecret(secret);
  const given: VerifyOutcome = await verifyToken(token, secret);
  const notes = describeSecretProblems(secret.text, { alg: headerAlg(token) }).filter(
    (n) => !n.startsWith('This looks like a .env file'),
  );
  const asGiven = variant('as-given', 'As given', 'This token verifies with the secret exactly as given.');
  const tried: SecretTriage['tried'] = [{ variant: asGiven, ok: given.ok }];
  const result: SecretTriage = { given, tried, notes };
  if (given.ok || !SECRET_DEPENDENT.has(given.code)) {
    return result;
  }
  const triedKeys: Uint8Array[] = givenKey.ok ? [givenKey.key] : [];
  const candidates = candidatesFor(secret, (note) => notes.push(note));
  for (const candidate of candidates) {
    if (tried.length >= MAX_TRIAGE_VERIFICATIONS) break;
    const key = decodeSecret(candidate.secret);
    if (!key.ok) continue;
    if (triedKeys.some((k) => bytesEqual(k, key.key))) continue;
    triedKeys.push(key.key);
    const outcome = await verifyToken(token, candidate.secret);
    tried.push({ variant: candidate.variant, ok: outcome.ok });
    if (outcome.ok) {
      result.match = candidate.variant;
      break;
    }
  }
  return result;
}
