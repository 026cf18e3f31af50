import { describe, expect, it } from 'vitest';
import { describeMatrixOutcome, judgeMatrixOutcome, summarizeMatrix } from './judge.ts';
import type { MatrixOutcome, MatrixVariant } from './types.ts';

const good: MatrixVariant = {
  id: 'good',
  kind: 'good',
  label: 'good token',
  description: '',
  expected: 'accept',
  token: 'g',
};
const expired: MatrixVariant = {
  id: 'expired',
  kind: 'expired',
  label: 'expired',
  description: '',
  expected: 'reject',
  token: 'e',
};
const missingRole: MatrixVariant = {
  id: 'missing-role',
  kind: 'missing-claim',
  label: 'missing "role"',
  description: '',
  expected: 'reject',
  token: 'm',
  claim: 'role',
};

const open: MatrixOutcome = { kind: 'stayed-open', openedAfterMs: 4, observedMs: 1500, messages: 1 };
const closed1008: MatrixOutcome = {
  kind: 'closed-after-open',
  openedAfterMs: 4,
  closedAfterMs: 9,
  code: 1008,
  reason: 'jwt expired',
  wasClean: true,
  messages: 0,
};
const refused: MatrixOutcome = {
  kind: 'refused',
  closedAfterMs: 3,
  code: 1006,
  reason: '',
  wasClean: false,
  error: true,
};

describe('judgeMatrixOutcome', () => {
  it('the good token must be accepted and stay open', () => {
    expect(judgeMatrixOutcome(good, open)).toMatchObject({ state: 'pass' });
    const rejected = judgeMatrixOutcome(good, closed1008);
    expect(rejected.state).toBe('fail');
    expect(rejected.sentence).toMatch(/^FAIL: the server rejected the good token/);
    expect(judgeMatrixOutcome(good, { kind: 'timeout', afterMs: 5000 }).state).toBe('fail');
  });

  it('an unverified good token that is rejected is inconclusive, not the server’s fault', () => {
    expect(judgeMatrixOutcome({ ...good, unverified: true }, closed1008).state).toBe('inconclusive');
  });

  it('a bad token that stays open fails, with a sentence naming what was accepted', () => {
    expect(judgeMatrixOutcome(expired, open)).toMatchObject({
      state: 'fail',
      sentence: 'FAIL: the server accepted an expired token.',
    });
    expect(judgeMatrixOutcome(missingRole, open).sentence).toBe(
      'FAIL: the server accepted a token without the required claim "role".',
    );
  });

  it('open then 1008 within the window counts as rejecting; so does a refused upgrade', () => {
    const v = judgeMatrixOutcome(expired, closed1008);
    expect(v.state).toBe('pass');
    expect(v.sentence).toBe(
      'PASS: the server rejected it: close 1008 (Policy Violation) right after opening.',
    );
    expect(v.observed).toContain('1008 (Policy Violation) "jwt expired"');
    expect(judgeMatrixOutcome(expired, refused)).toMatchObject({
      state: 'pass',
      sentence: 'PASS: the server refused it at the upgrade.',
    });
  });

  it('a non-policy close still rejects, with a caveat; a hang is inconclusive', () => {
    const v = judgeMatrixOutcome(expired, { ...closed1008, code: 1011, reason: 'boom' } as MatrixOutcome);
    expect(v.state).toBe('pass');
    expect(v.sentence).toMatch(/not with a policy close/);
    expect(judgeMatrixOutcome(expired, { kind: 'timeout', afterMs: 5000 }).state).toBe('inconclusive');
    expect(judgeMatrixOutcome(expired, { kind: 'cancelled' }).state).toBe('cancelled');
    expect(judgeMatrixOutcome(expired, { kind: 'error', message: 'SyntaxError' }).state).toBe('inconclusive');
  });
});

describe('describeMatrixOutcome', () => {
  it('says what happened, with timings and the close code’s name', () => {
    expect(describeMatrixOutcome(open)).toBe(
      'opened after 4 ms and stayed open for 1.5 s (1 message received)',
    );
    expect(describeMatrixOutcome(closed1008)).toBe(
      'opened after 4 ms, then closed 1008 (Policy Violation) "jwt expired" after 9 ms',
    );
    expect(describeMatrixOutcome(refused)).toBe(
      'refused at the upgrade: error, then close 1006 after 3 ms, never opened',
    );
  });

  it('shows a hostile reason inert: quoted, control characters escaped, bounded', () => {
    const text = describeMatrixOutcome({
      ...closed1008,
      reason: `a\n<b>${'x'.repeat(300)}`,
    } as MatrixOutcome);
    expect(text).toContain('"a\\\\u000a<b>');
    expect(text.length).toBeLessThan(250);
  });
});

describe('summarizeMatrix', () => {
  it('all correct', () => {
    const s = summarizeMatrix([
      { variant: good, verdict: judgeMatrixOutcome(good, open) },
      { variant: expired, verdict: judgeMatrixOutcome(expired, closed1008) },
    ]);
    expect(s).toMatchObject({ state: 'pass', passed: 2, failed: 0 });
    expect(s.sentence).toBe('The server accepted only the good token and rejected the other one.');
  });

  it('names the tokens a lax server accepted', () => {
    const s = summarizeMatrix([
      { variant: good, verdict: judgeMatrixOutcome(good, open) },
      { variant: expired, verdict: judgeMatrixOutcome(expired, open) },
      { variant: missingRole, verdict: judgeMatrixOutcome(missingRole, closed1008) },
    ]);
    expect(s).toMatchObject({ state: 'fail', failed: 1, passed: 2 });
    expect(s.sentence).toBe('The server accepted 1 token it must reject: expired.');
  });

  it('a rejected good token comes first: the rest prove little', () => {
    const s = summarizeMatrix([
      { variant: good, verdict: judgeMatrixOutcome(good, closed1008) },
      { variant: expired, verdict: judgeMatrixOutcome(expired, closed1008) },
    ]);
    expect(s.state).toBe('fail');
    expect(s.sentence).toMatch(/rejected the good token/);
  });

  it('unjudged rows make it inconclusive', () => {
    const s = summarizeMatrix([
      { variant: good, verdict: judgeMatrixOutcome(good, open) },
      { variant: expired },
    ]);
    expect(s.state).toBe('inconclusive');
  });
});
