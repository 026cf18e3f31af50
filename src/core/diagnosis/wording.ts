// Fix steps fitted to the case at hand. The catalog holds the general steps; a step that contradicts what
// is known (paste a token when one is there, sign HS256 when the server just refused HS256, enter a Secret
// that is entered and verifies) is withdrawn or made specific here. The words of each surface (the console's
// Secret / Mint token, the CLI's --secret / --mint) are surface.ts's job, applied after this.
import type { CauseId } from './types.ts';

/** What the fix steps may depend on, read once from the evidence by the engine. */
export interface FixContext {
  /** A token was there to send. */
  tokenPresent: boolean;
  /** A Secret (or key) was entered and the token verifies with it. */
  keyVerifies: boolean;
  /** The server refused the token's algorithm (its words, e.g. "invalid algorithm"): that alg. */
  refusedAlg?: string;
  /** Claims the server requires, as the user set them, and those missing from the token. */
  requiredClaims: readonly string[];
  missingClaims: readonly string[];
}

/** Catalog steps that ask for something already done, per condition. */
const ASKS_FOR_TOKEN = /^Paste a token into Token/;
const ASKS_FOR_SECRET = /^(Enter|Paste) the server's JWT_SECRET (in|into) Secret/;
const SIGN_HS256 = /algorithm: 'HS256'/;
const GUIDE_CLAIMS_STEP = /^Put every field the server requires in the payload/;

function algorithmStep(alg: string): string {
  const asymmetric = /^(RS|PS|ES|Ed)/.test(alg);
  return asymmetric
    ? `The server refused ${alg}: sign with the algorithm it verifies (its jwt.verify(..., { algorithms: [...] })) — an HMAC server wants jwt.sign(payload, process.env.JWT_SECRET, { algorithm: 'HS256' })`
    : `The server refused ${alg}: it verifies another algorithm (its jwt.verify(..., { algorithms: [...] }) lists it). For RS256 sign with the server's private key: jwt.sign(payload, privateKey, { algorithm: 'RS256' })`;
}

function claimsStep(ctx: FixContext): string {
  const required = ctx.requiredClaims.join(', ');
  return ctx.missingClaims.length > 0
    ? `Put the missing field${ctx.missingClaims.length === 1 ? '' : 's'} in the payload: ${ctx.missingClaims.join(', ')} (required: ${required})`
    : `Put every field the server requires in the payload: ${required}`;
}

/** One step in the case's terms, or null when it no longer applies. */
function fitStep(cause: CauseId, step: string, ctx: FixContext): string | null {
  if (ctx.tokenPresent && ASKS_FOR_TOKEN.test(step)) return null;
  if (ctx.keyVerifies && ASKS_FOR_SECRET.test(step)) return null;
  if (ctx.refusedAlg !== undefined && cause === 'algorithm-mismatch' && SIGN_HS256.test(step))
    return algorithmStep(ctx.refusedAlg);
  if (cause === 'missing-claims' && GUIDE_CLAIMS_STEP.test(step) && ctx.requiredClaims.length > 0)
    return claimsStep(ctx);
  return step;
}

/** The steps of one cause, fitted to the case and the surface; duplicates dropped, order kept. */
export function fitFix(cause: CauseId, steps: readonly string[], ctx: FixContext): string[] {
  const out: string[] = [];
  for (const step of steps) {
    const fitted = fitStep(cause, step, ctx);
    if (fitted !== null && !out.includes(fitted)) out.push(fitted);
  }
  return out;
}
