// The board: one entry per cause, merged across findings, ranked by confidence and weight.
import { causeFix } from './catalog.ts';
import { CAUSE_TITLES } from './catalog.ts';
import type { FixVars } from './catalog.ts';
import { fitFix } from './wording.ts';
import type { FixContext } from './wording.ts';
import type { Cause } from './types.ts';
import type { CauseId } from './types.ts';
import type { Confidence } from './types.ts';

export const CONFIDENCE_SCORE: Readonly<Record<Confidence, number>> = { high: 300, medium: 200, low: 100 };
export const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

export function maxConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_ORDER.indexOf(a) >= CONFIDENCE_ORDER.indexOf(b) ? a : b;
}

export function lower(c: Confidence): Confidence {
  return c === 'high' ? 'medium' : 'low';
}

export interface Entry {
  cause: CauseId;
  confidence: Confidence;
  score: number;
  evidence: string[];
  fix: string[];
  order: number;
  /** The fix steps replace the catalog's (they name the place the server was found to read). */
  ownFix?: boolean;
}

export interface AddOptions {
  /** Moves the cause within (or across) confidence bands: + ranks it earlier. */
  boost?: number;
  /** Specific steps, shown before the catalog's. */
  fix?: readonly string[];
  /** Show only these fix steps, not the catalog's generic ones. */
  ownFix?: boolean;
}

export class Board {
  private readonly entries = new Map<CauseId, Entry>();
  private seq = 0;

  constructor(private readonly fixContext: FixContext) {}

  add(cause: CauseId, confidence: Confidence, evidence: readonly string[], opts: AddOptions = {}): void {
    const score = CONFIDENCE_SCORE[confidence] + (opts.boost ?? 0);
    const existing = this.entries.get(cause);
    if (existing) {
      existing.confidence = maxConfidence(existing.confidence, confidence);
      existing.score = Math.max(existing.score, score);
      for (const line of evidence) if (!existing.evidence.includes(line)) existing.evidence.push(line);
      for (const step of opts.fix ?? []) if (!existing.fix.includes(step)) existing.fix.push(step);
      if (opts.ownFix === true) {
        existing.fix = [...new Set(opts.fix ?? [])];
        existing.ownFix = true;
      }
      return;
    }
    this.entries.set(cause, {
      cause,
      confidence,
      score,
      evidence: [...new Set(evidence)],
      fix: [...new Set(opts.fix ?? [])],
      order: this.seq++,
      ...(opts.ownFix === true ? { ownFix: true } : {}),
    });
  }

  /** Takes a cause off the board (a guess that a check has since disproved). */
  drop(cause: CauseId): void {
    this.entries.delete(cause);
  }

  /** Lowers a cause to `confidence` (and its rank with it), adding why. */
  demote(cause: CauseId, confidence: Confidence, line: string): void {
    const e = this.entries.get(cause);
    if (!e) return;
    e.confidence = confidence;
    e.score = Math.min(e.score, CONFIDENCE_SCORE[confidence]);
    if (!e.evidence.includes(line)) e.evidence.push(line);
  }

  /** The cause ranked first now, if any. */
  top(): CauseId | undefined {
    let best: Entry | undefined;
    for (const e of this.entries.values())
      if (!best || e.score > best.score || (e.score === best.score && e.order < best.order)) best = e;
    return best?.cause;
  }

  /** How many causes are on the board. */
  get size(): number {
    return this.entries.size;
  }

  has(cause: CauseId): boolean {
    return this.entries.has(cause);
  }

  result(vars: FixVars): Cause[] {
    return [...this.entries.values()]
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map((e) => ({
        cause: e.cause,
        title: CAUSE_TITLES[e.cause],
        confidence: e.confidence,
        evidence: e.evidence,
        fix: fitFix(e.cause, e.ownFix ? e.fix : [...e.fix, ...causeFix(e.cause, vars)], this.fixContext),
      }));
  }
}
