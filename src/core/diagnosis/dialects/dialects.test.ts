// One test per library string (issue 12): each sample, exactly as its library sends it, must be read as its
// library's rule says — and no other rule that also matches it may name another cause (the ambiguity check:
// "missing" in PyJWT's `Token is missing the "role" claim` once read as no token at all).
import { describe, expect, it } from 'vitest';
import { matchLibraryReason } from '../dialects.ts';
import { DIALECTS, GENERIC_RULES, REASON_RULES } from './index.ts';
import type { ReasonRule } from './index.ts';

const samples = DIALECTS.flatMap((d) => d.samples.map((s) => [`${d.id}: ${s.text}`, d, s] as const));

function matches(rule: ReasonRule, text: string, code: number | undefined): boolean {
  if (rule.codes !== undefined && (code === undefined || !rule.codes.includes(code))) return false;
  rule.pattern.lastIndex = 0;
  return rule.pattern.test(text);
}

describe('every library string is read as its library says', () => {
  it.each(samples)('%s', (_name, dialect, sample) => {
    const got = matchLibraryReason(sample.text, sample.code);
    expect({ dialect: got?.dialect, cause: got?.cause }).toEqual({
      dialect: sample.sharedWith ?? dialect.id,
      cause: sample.cause,
    });
    expect(got?.source).toMatch(/\S+ \S+/);
  });
});

describe('the rule tables are unambiguous', () => {
  // A library's catch-all (Hasura's "Could not verify JWT", @fastify/jwt's "Authorization token is invalid")
  // names the family every specific cause belongs to: auth-rejected never contradicts.
  it.each(samples)('%s: no other library rule names another cause', (_name, _dialect, sample) => {
    const others = REASON_RULES.filter(
      (r) => matches(r, sample.text, sample.code) && r.cause !== sample.cause && r.cause !== 'auth-rejected',
    ).map((r) => `${r.dialect} ${String(r.pattern)} → ${r.cause}`);
    expect(others).toEqual([]);
  });

  // The safety net for a library not listed: its first matching generic row (they are tried in order) must
  // not contradict a single-clause sentence (golang-jwt v5 joins two: "token signature is invalid: signing
  // method RS256 is invalid" — the library row reads those).
  it.each(samples.filter(([, , s]) => !/\w: \w/.test(s.text)))(
    '%s: the generic words agree (or say nothing)',
    (_name, _dialect, sample) => {
      const first = GENERIC_RULES.find((r) => matches(r, sample.text, sample.code));
      if (first && first.cause !== 'auth-rejected' && sample.cause !== 'auth-rejected')
        expect(`${String(first.pattern)} → ${first.cause}`).toContain(sample.cause);
    },
  );

  it('every dialect cites its source and has a sample per rule', () => {
    for (const d of DIALECTS) {
      expect(d.repository, d.id).toMatch(/\//);
      for (const rule of d.rules) {
        expect(rule.source, d.id).toMatch(/\S/);
        const covered = d.samples.some((s) => matches(rule, s.text, s.code));
        expect(covered, `${d.id} ${String(rule.pattern)} has no sample`).toBe(true);
      }
    }
  });
});
