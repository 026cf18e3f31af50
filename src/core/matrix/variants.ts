// The server auth test matrix, part 1: from the current token and secret, mint the tokens a correct server
// must reject — and the one it must accept — each wrong in exactly one way.
import { defaultPayload, mintToken } from '../jws/mint.ts';
import { decodeSecret } from '../jws/secret.ts';
import { HMAC_ALGORITHMS, verifyToken } from '../jws/verify.ts';
import { encodeBase64url } from '../token/base64url.ts';
import { analyzeToken } from '../token/analyze.ts';
import type { HmacAlg, SecretInput, TokenAnalysis } from '../types.ts';
import type {
  MatrixInput,
  MatrixPlan,
  MatrixSkippedVariant,
  MatrixVariant,
  MatrixVariantKind,
} from './types.ts';

/** The secret the wrong-secret variant is signed with (any secret but the right one will do). */
export const MATRIX_WRONG_SECRET = 'wsjwt-test-matrix: deliberately not the server secret';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Lifetimes longer than this are not copied into a re-signed good token. */
const MAX_COPIED_LIFETIME = 30 * DAY;

/** Labels of the fixed variants (missing-claim labels name their claim). */
const LABELS: Record<Exclude<MatrixVariantKind, 'missing-claim'>, string> = {
  good: 'good token',
  expired: 'expired',
  'wrong-secret': 'wrong secret',
  'alg-none': 'alg: none',
  'nbf-future': 'nbf in the future',
  'tampered-payload': 'tampered payload',
};

type Payload = Record<string, unknown>;

const textEncoder = new TextEncoder();

function segment(value: unknown): string {
  return encodeBase64url(textEncoder.encode(JSON.stringify(value)));
}

function isHmacAlg(alg: string | undefined): alg is HmacAlg {
  return alg !== undefined && (HMAC_ALGORITHMS as readonly string[]).includes(alg);
}

/** Values for required claims a payload lacks: the guide's where it has one. */
function fillValue(claim: string, nowSec: number): unknown {
  const guide = defaultPayload(nowSec * 1000) as unknown as Payload;
  if (Object.hasOwn(guide, claim)) return guide[claim];
  if (claim === 'nbf') return nowSec;
  if (claim === 'sub') return '123';
  return 'wsjwt-test';
}

/**
 * A payload a correct server accepts: the given one with stale times refreshed and missing required claims
 * added. Returns what was changed, for the explanation.
 */
function makeAcceptable(
  source: Payload,
  required: readonly string[],
  nowSec: number,
): { payload: Payload; changes: string[] } {
  const payload: Payload = { ...source };
  const changes: string[] = [];
  const exp = payload.exp;
  const iat = payload.iat;
  if (typeof exp === 'number' && exp <= nowSec) {
    const lifetime =
      typeof iat === 'number' && exp - iat > 0 && exp - iat <= MAX_COPIED_LIFETIME ? exp - iat : DAY;
    payload.iat = nowSec;
    payload.exp = nowSec + lifetime;
    changes.push('a fresh iat and exp (it had expired)');
  } else if (typeof iat === 'number' && iat > nowSec + 60) {
    payload.iat = nowSec;
    changes.push('iat set to now (it was in the future)');
  }
  if (typeof payload.nbf === 'number' && payload.nbf > nowSec) {
    payload.nbf = nowSec;
    changes.push('nbf set to now (it was in the future)');
  }
  const added: string[] = [];
  for (const claim of required) {
    if (!Object.hasOwn(payload, claim) || payload[claim] === null) {
      payload[claim] = fillValue(claim, nowSec);
      added.push(claim);
    }
  }
  if (added.length > 0)
    changes.push(`the missing required claim${added.length === 1 ? '' : 's'} ${added.join(', ')} added`);
  // A required exp that was just added must lie in the future; so must one that came with the token.
  if (typeof payload.exp === 'number' && payload.exp <= nowSec) payload.exp = nowSec + DAY;
  return { payload, changes };
}

function isGoodAsIs(analysis: TokenAnalysis): boolean {
  return (
    (analysis.status === 'valid' || analysis.status === 'no-expiry') && analysis.missingClaims.length === 0
  );
}

/** The payload changed after signing: the role raised to admin, or an admin flag added. */
function tamper(payload: Payload): { payload: Payload; change: string } {
  const changed: Payload = { ...payload };
  if (typeof payload.role === 'string') {
    const to = payload.role === 'admin' ? 'superadmin' : 'admin';
    changed.role = to;
    return { payload: changed, change: `"role" changed from ${JSON.stringify(payload.role)} to "${to}"` };
  }
  if (payload.admin === true) {
    changed.admin = 'yes';
    return { payload: changed, change: '"admin" changed from true to "yes"' };
  }
  changed.admin = true;
  return { payload: changed, change: '"admin": true added' };
}

function uniqueClaims(claims: readonly string[]): string[] {
  return [...new Set(claims.map((c) => c.trim()).filter((c) => c !== ''))];
}

/**
 * Makes the matrix's tokens. With a secret: the good token (the pasted one when it verifies and is valid,
 * else its payload re-signed with fresh times, else the guide's payload), and from it expired, wrong-secret,
 * missing-<claim> for each required claim, alg-none, nbf-future and tampered-payload — each wrong in one way
 * only. Without a secret only wrong-secret, alg-none and tampered-payload can be made (and the pasted token
 * as an unverified good row); the rest are listed in `skipped` with what they need. Never throws for bad data.
 */
export async function buildMatrixVariants(input: MatrixInput): Promise<MatrixPlan> {
  if (typeof input !== 'object' || input === null)
    throw new TypeError('buildMatrixVariants: input must be an object');
  if (typeof input.token !== 'string')
    throw new TypeError('buildMatrixVariants: input.token must be a string');
  if (typeof input.now !== 'number' || !Number.isFinite(input.now))
    throw new TypeError('buildMatrixVariants: input.now must be epoch milliseconds');
  if (!Array.isArray(input.requiredClaims))
    throw new TypeError('buildMatrixVariants: input.requiredClaims must be an array');

  const now = input.now;
  const nowSec = Math.floor(now / 1000);
  const required = uniqueClaims(input.requiredClaims);
  const analysis = analyzeToken(input.token, { now, requiredClaims: required });
  const notes: string[] = [];
  const variants: MatrixVariant[] = [];
  const skipped: MatrixSkippedVariant[] = [];

  let secret: SecretInput | null = input.secret !== null && input.secret.text !== '' ? input.secret : null;
  if (secret) {
    const key = decodeSecret(secret);
    if (!key.ok) {
      notes.push(
        `The Secret cannot be used: ${key.message}. Only the variants that need no secret were made.`,
      );
      secret = null;
    }
  }

  const jws = analysis.format === 'jws' && analysis.payload !== undefined ? analysis : undefined;
  const pastedSigned = jws !== undefined && (analysis.segments[2]?.raw ?? '') !== '';
  const alg: HmacAlg = isHmacAlg(analysis.alg) ? analysis.alg : 'HS256';
  if (jws && analysis.alg !== undefined && !isHmacAlg(analysis.alg)) {
    notes.push(
      `The pasted token uses alg ${analysis.alg}; the matrix signs with HS256 (a shared secret makes HMAC signatures only).`,
    );
  }

  // ---- the good token, and the payload every other variant is made from
  let goodToken: string | undefined;
  let goodPayload: Payload;
  let base: MatrixPlan['base'];
  const sourcePayload: Payload = jws?.payload ?? (defaultPayload(now) as unknown as Payload);
  const fromWhat = jws
    ? 'The pasted token’s payload'
    : 'The guide’s payload (there is no usable pasted token)';

  const mintFailed = (message: string): MatrixPlan => {
    notes.push(`Signing failed: ${message}`);
    return {
      variants,
      skipped,
      base: { source: 'none', explanation: `No tokens could be made: ${message}` },
      notes,
    };
  };

  if (secret) {
    const verified = jws && pastedSigned ? await verifyToken(analysis.token, secret) : undefined;
    if (jws && verified?.ok && isGoodAsIs(analysis)) {
      goodToken = analysis.token;
      goodPayload = { ...jws.payload };
      base = {
        source: 'pasted',
        explanation:
          'The good row sends the pasted token unchanged: it verifies with the Secret, has every required claim and is valid now.',
      };
    } else {
      const { payload, changes } = makeAcceptable(sourcePayload, required, nowSec);
      goodPayload = payload;
      const minted = await mintToken(goodPayload, secret, alg);
      if (!minted.ok) return mintFailed(minted.message);
      goodToken = minted.token;
      const why = !jws
        ? ''
        : !verified
          ? ' (the pasted token has no signature)'
          : !verified.ok
            ? ' (the pasted token does not verify with the Secret)'
            : ' (the pasted token is not valid as it is)';
      base = {
        source: jws ? 'resigned' : 'guide',
        explanation: `The good row sends ${fromWhat.charAt(0).toLowerCase()}${fromWhat.slice(1)} signed with the Secret (${alg})${why}${changes.length > 0 ? `, with ${changes.join('; ')}` : ''}.`,
      };
    }
    variants.push({
      id: 'good',
      kind: 'good',
      label: LABELS.good,
      description:
        base.source === 'pasted'
          ? 'The pasted token as it is.'
          : `Signed with the Secret (${alg}), valid now, every required claim present.`,
      expected: 'accept',
      token: goodToken,
    });
  } else {
    goodPayload = makeAcceptable(sourcePayload, required, nowSec).payload;
    if (jws && pastedSigned && isGoodAsIs(analysis)) {
      goodToken = analysis.token;
      base = {
        source: 'pasted-unverified',
        explanation:
          'The good row sends the pasted token unchanged. Without the Secret it cannot be verified here, so a rejection of it may be the token’s fault.',
      };
      variants.push({
        id: 'good',
        kind: 'good',
        label: LABELS.good,
        description: 'The pasted token as it is — not verified here (no Secret).',
        expected: 'accept',
        token: goodToken,
        unverified: true,
      });
    } else {
      base = {
        source: 'none',
        explanation: jws
          ? `The pasted token is not a good token as it is (${analysis.status}${analysis.missingClaims.length > 0 ? `, missing ${analysis.missingClaims.join(', ')}` : ''}), and without the Secret no good token can be made.`
          : 'There is no pasted token, and without the Secret no good token can be made.',
      };
      skipped.push({
        id: 'good',
        kind: 'good',
        label: LABELS.good,
        why: 'Needs the Secret (or a valid pasted token): the server’s JWT_SECRET signs the token a correct server accepts.',
      });
    }
    notes.push(
      'No Secret: enter the server’s JWT_SECRET in Secret to make every variant. Without it only the variants that need no signature of yours can run.',
    );
  }

  const needsSecret = (kind: MatrixVariantKind, id: string, label: string, what: string) =>
    skipped.push({ id, kind, label, why: `Needs the Secret: ${what}` });

  // ---- expired
  if (secret) {
    const payload: Payload = { ...goodPayload, iat: nowSec - 2 * HOUR, exp: nowSec - HOUR };
    if (typeof payload.nbf === 'number') payload.nbf = nowSec - 2 * HOUR;
    const minted = await mintToken(payload, secret, alg);
    if (!minted.ok) return mintFailed(minted.message);
    variants.push({
      id: 'expired',
      kind: 'expired',
      label: LABELS.expired,
      description: 'Correctly signed, every claim present, but exp is 1 h ago (iat 2 h ago).',
      expected: 'reject',
      token: minted.token,
    });
  } else {
    needsSecret(
      'expired',
      'expired',
      LABELS.expired,
      'the token must be correctly signed so that the expiry is the only thing wrong.',
    );
  }

  // ---- wrong secret (any other secret will do, so this one runs without the Secret too)
  {
    const other = secret?.text === MATRIX_WRONG_SECRET ? `${MATRIX_WRONG_SECRET} (2)` : MATRIX_WRONG_SECRET;
    const minted = await mintToken(goodPayload, { text: other, encoding: 'utf8' }, alg);
    if (!minted.ok) return mintFailed(minted.message);
    variants.push({
      id: 'wrong-secret',
      kind: 'wrong-secret',
      label: LABELS['wrong-secret'],
      description: `A valid payload signed (${alg}) with another secret than the server’s.`,
      expected: 'reject',
      token: minted.token,
    });
  }

  // ---- missing-<claim>, one per required claim
  if (required.length === 0) {
    notes.push('No required claims are set, so there are no missing-claim variants.');
  }
  for (const claim of required) {
    const id = `missing-${claim}`;
    const label = `missing "${claim}"`;
    if (!secret) {
      needsSecret(
        'missing-claim',
        id,
        label,
        `the token must be correctly signed so that the missing "${claim}" is the only thing wrong.`,
      );
      continue;
    }
    const payload: Payload = { ...goodPayload };
    delete payload[claim];
    const minted = await mintToken(payload, secret, alg);
    if (!minted.ok) return mintFailed(minted.message);
    variants.push({
      id,
      kind: 'missing-claim',
      label,
      description: `Correctly signed and valid now, but without the required claim "${claim}".`,
      expected: 'reject',
      token: minted.token,
      claim,
    });
  }

  // ---- alg: none (unsigned: needs no secret)
  variants.push({
    id: 'alg-none',
    kind: 'alg-none',
    label: LABELS['alg-none'],
    description: 'Header {"alg":"none"}, a valid payload, and no signature (header.payload.).',
    expected: 'reject',
    token: `${segment({ alg: 'none', typ: 'JWT' })}.${segment(goodPayload)}.`,
  });

  // ---- nbf in the future
  if (secret) {
    const payload: Payload = { ...goodPayload, nbf: nowSec + HOUR };
    if (typeof payload.exp !== 'number' || payload.exp <= nowSec + 2 * HOUR) payload.exp = nowSec + 2 * HOUR;
    const minted = await mintToken(payload, secret, alg);
    if (!minted.ok) return mintFailed(minted.message);
    variants.push({
      id: 'nbf-future',
      kind: 'nbf-future',
      label: LABELS['nbf-future'],
      description: 'Correctly signed, but nbf (not before) is 1 h from now: not valid yet.',
      expected: 'reject',
      token: minted.token,
    });
  } else {
    needsSecret(
      'nbf-future',
      'nbf-future',
      LABELS['nbf-future'],
      'the token must be correctly signed so that nbf is the only thing wrong.',
    );
  }

  // ---- tampered payload: a signed token whose payload changed after signing
  const signed = goodToken ?? (pastedSigned ? analysis.token : undefined);
  const signedPayload = goodToken ? goodPayload : jws?.payload;
  if (signed !== undefined && signedPayload !== undefined) {
    const [header = '', , signature = ''] = signed.split('.');
    const { payload, change } = tamper(signedPayload);
    variants.push({
      id: 'tampered-payload',
      kind: 'tampered-payload',
      label: LABELS['tampered-payload'],
      description: goodToken
        ? `The good token with ${change} after signing; the original signature kept.`
        : `The pasted token with ${change} after signing; the original signature kept. The pasted token is not good as it is (${analysis.status}), so a rejection may be for that too.`,
      expected: 'reject',
      token: `${header}.${segment(payload)}.${signature}`,
    });
  } else {
    skipped.push({
      id: 'tampered-payload',
      kind: 'tampered-payload',
      label: LABELS['tampered-payload'],
      why: 'Needs a signed token to tamper with: paste one, or enter the Secret.',
    });
  }

  return { variants, skipped, base, notes };
}
