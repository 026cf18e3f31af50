// The bad-token corpus as a table: every real-world bad token gets its specific verdict (SECURITY.md, promise 5).
import { describe, expect, it } from 'vitest';
import { analyzeToken } from './analyze.ts';
import { badTokenCorpus, CORPUS_GOOD_TOKEN, CORPUS_NOW } from './corpus.fixtures.ts';

const corpus = badTokenCorpus();

describe('bad-token corpus', () => {
  it('has at least 50 entries with distinct names, each with a specific verdict', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map((e) => e.name)).size).toBe(corpus.length);
    for (const e of corpus) {
      // A verdict is specific when it names a problem, a cleanup, or a status other than a plain "valid".
      expect(e.problem !== undefined || (e.cleanups?.length ?? 0) > 0 || e.status !== 'valid', e.name).toBe(
        true,
      );
    }
  });

  it('the reference token itself is valid with no problem', () => {
    const a = analyzeToken(CORPUS_GOOD_TOKEN, { now: CORPUS_NOW });
    expect(a.status).toBe('valid');
    expect(a.problems).toEqual([]);
    expect(a.cleanups).toEqual([]);
  });

  it.each(corpus.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    const a = analyzeToken(e.input, { now: CORPUS_NOW });
    expect(a.status).toBe(e.status);
    if (e.problem !== undefined) expect(a.problems.map((p) => p.code)).toContain(e.problem);
    if (e.cleanups !== undefined) {
      const kinds = [...new Set(a.cleanups.map((c) => c.kind))];
      expect(kinds).toEqual([...new Set(e.cleanups)]);
      // What was rescued is exactly the reference token.
      if (e.status === 'valid' && e.problem === undefined) expect(a.token).toBe(CORPUS_GOOD_TOKEN);
    }
    // Every finding speaks to the user.
    for (const p of a.problems) expect(p.message.length).toBeGreaterThan(10);
    for (const c of a.cleanups) expect(c.message.length).toBeGreaterThan(10);
    // A malformed or empty token always says why.
    if (a.status === 'malformed' || a.status === 'empty') {
      expect(a.problems.some((p) => p.severity === 'error')).toBe(true);
    }
  });
});
