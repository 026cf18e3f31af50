import { describe, expect, it } from 'vitest';
import { describeMatrixOutcome, judgeMatrixOutcome } from './judge.ts';
import { summarizeMatrix } from './summary.ts';
import type { MatrixOutcome, MatrixUpgradeEvidence, MatrixVariant } from './types.ts';

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
    expect(
      judgeMatrixOutcome(expired, refusedWith({ kind: 'http', status: 401, statusText: 'Unauthorized' })),
    ).toMatchObject({
      state: 'pass',
      sentence: 'PASS: the server rejected it at the upgrade (HTTP 401 Unauthorized).',
    });
  });

  it('a non-policy close still rejects, with a caveat', () => {
    const v = judgeMatrixOutcome(expired, { ...closed1008, code: 1000, reason: 'bye' } as MatrixOutcome);
    expect(v.state).toBe('pass');
    expect(v.sentence).toMatch(/not with a policy close/);
  });
});

/** A browser socket that never opened, with what a second look found out. */
function refusedWith(upgrade?: MatrixUpgradeEvidence): MatrixOutcome {
  return upgrade === undefined ? refused : ({ ...refused, upgrade } as MatrixOutcome);
}
const everyVariant = [good, expired, missingRole];

describe('judgeMatrixOutcome never passes what it could not test', () => {
  it('a closed port (nothing listening) is inconclusive on every row, the good one too', () => {
    const unreachable = refusedWith({ kind: 'unreachable', detail: 'connect ECONNREFUSED 127.0.0.1:9' });
    for (const v of everyVariant) {
      const verdict = judgeMatrixOutcome(v, unreachable, { goodAccepted: false });
      expect(verdict).toMatchObject({ state: 'inconclusive', inconclusiveBecause: 'unreachable' });
      expect(verdict.sentence).toMatch(/^INCONCLUSIVE: .*nothing answered there .*no server was tested/);
    }
  });

  it('a refusal the page cannot see into is inconclusive, unless the good token got through', () => {
    for (const v of [expired, missingRole]) {
      expect(judgeMatrixOutcome(v, refusedWith())).toMatchObject({
        state: 'inconclusive',
        inconclusiveBecause: 'no-evidence',
      });
      expect(judgeMatrixOutcome(v, refusedWith({ kind: 'unknown' }), { goodAccepted: true }).state).toBe(
        'inconclusive',
      );
      expect(judgeMatrixOutcome(v, refusedWith({ kind: 'reachable' })).state).toBe('inconclusive');
      expect(judgeMatrixOutcome(v, refusedWith({ kind: 'reachable' }), { goodAccepted: true })).toMatchObject(
        {
          state: 'pass',
          sentence: 'PASS: the server refused it at the upgrade, while it accepted the good token.',
        },
      );
    }
    // Nothing known: the good token may not even have reached a server.
    expect(judgeMatrixOutcome(good, refusedWith()).state).toBe('inconclusive');
    expect(judgeMatrixOutcome(good, refusedWith({ kind: 'reachable' })).state).toBe('fail');
  });

  it('a timeout is inconclusive for every row', () => {
    for (const v of everyVariant) {
      expect(judgeMatrixOutcome(v, { kind: 'timeout', afterMs: 5000 })).toMatchObject({
        state: 'inconclusive',
        inconclusiveBecause: 'timeout',
      });
    }
  });

  it('HTTP 500 or close 1011 fails the good token (refused) and leaves the bad ones inconclusive', () => {
    const http500 = refusedWith({ kind: 'http', status: 500, statusText: 'Internal Server Error' });
    const close1011 = { ...closed1008, code: 1011, reason: 'boom' } as MatrixOutcome;
    for (const outcome of [http500, close1011]) {
      expect(judgeMatrixOutcome(good, outcome).state).toBe('fail');
      for (const v of [expired, missingRole]) {
        expect(judgeMatrixOutcome(v, outcome, { goodAccepted: true })).toMatchObject({
          state: 'inconclusive',
          inconclusiveBecause: 'server-error',
        });
      }
    }
    expect(judgeMatrixOutcome(good, http500).sentence).toMatch(
      /^FAIL: the server rejected the good token at the upgrade \(HTTP 500 Internal Server Error\)/,
    );
  });

  it('HTTP 500 whose body names the token’s fault (@fastify/jwt FAST_JWT_INACTIVE) is a rejection, said with its status', () => {
    const inactive = refusedWith({
      kind: 'http',
      status: 500,
      statusText: 'Internal Server Error',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"statusCode":500,"code":"FAST_JWT_INACTIVE","error":"Internal Server Error","message":"The token will be active at 2026-12-01T15:43:04.000Z."}',
    });
    const judged = judgeMatrixOutcome(expired, inactive, { goodAccepted: true });
    expect(judged.state).toBe('pass');
    expect(judged.sentence).toContain('The token will be active at 2026-12-01T15:43:04.000Z');
    expect(judged.sentence).toContain('though with HTTP 500, not 401/403');
    // A 500 whose body says nothing about the token stays inconclusive.
    const crash = refusedWith({
      kind: 'http',
      status: 500,
      statusText: 'Internal Server Error',
      body: 'boom',
    });
    expect(judgeMatrixOutcome(expired, crash, { goodAccepted: true }).inconclusiveBecause).toBe(
      'server-error',
    );
  });

  it('a status that is not about the token (404) is inconclusive; an auth status fails the good token', () => {
    const notFound = refusedWith({ kind: 'http', status: 404, statusText: 'Not Found' });
    for (const v of everyVariant)
      expect(judgeMatrixOutcome(v, notFound).inconclusiveBecause).toBe('not-about-the-token');
    for (const status of [400, 401, 403]) {
      const auth = refusedWith({ kind: 'http', status, statusText: '' });
      expect(judgeMatrixOutcome(good, auth).state).toBe('fail');
      expect(judgeMatrixOutcome(expired, auth).state).toBe('pass');
    }
  });

  it('cut without a close frame right after open counts only when the good token stayed open', () => {
    const cut = { ...closed1008, code: 1006, reason: '', wasClean: false } as MatrixOutcome;
    expect(judgeMatrixOutcome(expired, cut).inconclusiveBecause).toBe('dropped');
    expect(judgeMatrixOutcome(expired, cut, { goodAccepted: true }).state).toBe('pass');
    expect(judgeMatrixOutcome(good, cut).state).toBe('fail');
  });

  it('cancelled and socket errors are inconclusive, never a fourth verdict', () => {
    expect(judgeMatrixOutcome(expired, { kind: 'cancelled' })).toMatchObject({
      state: 'inconclusive',
      inconclusiveBecause: 'cancelled',
    });
    expect(judgeMatrixOutcome(expired, { kind: 'error', message: 'SyntaxError' })).toMatchObject({
      state: 'inconclusive',
      inconclusiveBecause: 'no-socket',
    });
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
    expect(describeMatrixOutcome(refused)).toBe('never opened: error, then close 1006 after 3 ms');
    expect(
      describeMatrixOutcome(refusedWith({ kind: 'http', status: 401, statusText: 'Unauthorized' })),
    ).toBe('never opened: error, then close 1006 after 3 ms; the x-ray saw HTTP 401 Unauthorized');
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

  it('a closed port: nothing passes, every row is counted inconclusive, and the sentence says why', () => {
    const unreachable = refusedWith({ kind: 'unreachable', detail: 'connect ECONNREFUSED 127.0.0.1:9' });
    const s = summarizeMatrix(
      everyVariant.map((variant) => ({ variant, verdict: judgeMatrixOutcome(variant, unreachable) })),
    );
    expect(s).toMatchObject({ state: 'inconclusive', passed: 0, failed: 0, inconclusive: 3 });
    expect(s.sentence).toBe(
      '0 of 3 passed; the rest could not be judged. 3 rows inconclusive: 3 nothing answered at that address, so no server was tested.',
    );
  });

  it('counts each reason apart', () => {
    const s = summarizeMatrix([
      { variant: good, verdict: judgeMatrixOutcome(good, open) },
      { variant: expired, verdict: judgeMatrixOutcome(expired, { kind: 'timeout', afterMs: 100 }) },
      { variant: missingRole, verdict: judgeMatrixOutcome(missingRole, { kind: 'cancelled' }) },
    ]);
    expect(s).toMatchObject({ state: 'inconclusive', passed: 1, inconclusive: 2 });
    expect(s.sentence).toContain('1 no answer to the upgrade in time; 1 not run (cancelled)');
  });

  it('unjudged rows make it inconclusive', () => {
    const s = summarizeMatrix([
      { variant: good, verdict: judgeMatrixOutcome(good, open) },
      { variant: expired },
    ]);
    expect(s.state).toBe('inconclusive');
  });
});
