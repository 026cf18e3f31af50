// The shape of a dialect: the strings one server library sends when it refuses a token, each row naming the
// library file it comes from, and the same strings as samples (what the unit tests feed the matcher).
import type { CauseId, Confidence } from '../types.ts';

export interface ReasonRule {
  dialect: string;
  /** Where the string comes from, e.g. 'auth0/node-jsonwebtoken verify.js'. */
  source: string;
  /**
   * The library's phrase in context (a whole message or a distinctive clause of it), never a lone word:
   * "missing" alone would read PyJWT's `Token is missing the "role" claim` as no token at all.
   */
  pattern: RegExp;
  /** Only with one of these close codes (any code, or none, when absent). */
  codes?: readonly number[];
  cause: CauseId;
  confidence: Confidence;
  detail: string | ((m: RegExpExecArray) => string);
  claims?: (m: RegExpExecArray) => string[];
}

/** A string exactly as the library sends it, and the cause its rule must give (tests and README). */
export interface DialectSample {
  text: string;
  cause: CauseId;
  /** The close code it comes with, when the rule needs one. */
  code?: number;
  /** Another library says exactly the same words and its row answers (same cause, its dialect). */
  sharedWith?: string;
}

/** One server library: who speaks, where, and its rules (most specific first) with their samples. */
export interface Dialect {
  /** The `dialect` of its rules and interpretations, e.g. 'pyjwt'. */
  id: string;
  /** How the README and evidence name it, e.g. 'PyJWT'. */
  label: string;
  stack: 'Node' | 'Python' | 'Go' | 'Java' | '.NET' | 'Ruby' | 'PHP' | 'Rust' | 'Elixir' | 'Haskell' | 'any';
  /** The repository (and files) the strings were read from. */
  repository: string;
  rules: readonly ReasonRule[];
  samples: readonly DialectSample[];
}

export function splitClaims(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((c) => c.replace(/^["'`]|["'`.]$/g, ''))
    .filter((c) => c !== '' && c !== 'and');
}

export const group = (m: RegExpExecArray, i: number): string => m[i] ?? '';

/** The claim name a library's word for it stands for (audience → aud). */
export function claimOf(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('aud')) return 'aud';
  if (w.startsWith('iss')) return 'iss';
  if (w.startsWith('sub')) return 'sub';
  if (w === 'jwtid' || w === 'id' || w === 'jti') return 'jti';
  return word;
}
