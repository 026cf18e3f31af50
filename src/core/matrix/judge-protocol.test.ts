// The matrix judge with an application protocol: the protocol's own answer decides, not "the socket stayed
// open" — a graphql-ws server that accepts the upgrade and then closes 4403 refused the token; one that
// stays open without connection_ack has not judged it; a token the browser could not send is untested.
import { describe, expect, it } from 'vitest';
import { readGraphqlWsClose } from '../protocol/graphql-ws.ts';
import { describeMatrixOutcome, judgeMatrixOutcome, matrixAccepted } from './judge.ts';
import type { MatrixOutcome, MatrixVariant } from './types.ts';

const variant = (id: string, expected: 'accept' | 'reject'): MatrixVariant => ({
  id,
  kind: expected === 'accept' ? 'good' : 'wrong-secret',
  label: id,
  description: '',
  expected,
  token: 't',
});
const good = variant('good', 'accept');
const wrong = variant('wrong-secret', 'reject');

const answered = (
  outcome: Extract<MatrixOutcome, { kind: 'answered' }>['outcome'],
  protocol = 'graphql-ws',
) => ({ kind: 'answered', openedAfterMs: 3, answeredAfterMs: 6, protocol, outcome }) as const;
const ack = answered({ kind: 'authenticated', summary: 'graphql-ws connection_ack' });
const forbidden = answered(
  readGraphqlWsClose(4403, 'invalid signature') ?? { kind: 'authenticated', summary: '' },
);
const connectError = answered(
  { kind: 'auth-refused', words: 'jwt expired', summary: 'CONNECT_ERROR on / "jwt expired"' },
  'Socket.IO',
);
const notSpoken = answered({
  kind: 'protocol-error',
  words: 'Subprotocol not acceptable',
  code: 4406,
  summary: 'close 4406 Subprotocol not acceptable',
});
const silent: MatrixOutcome = {
  kind: 'stayed-open',
  openedAfterMs: 3,
  observedMs: 1500,
  messages: 0,
  protocol: 'STOMP',
};

describe('judging with the protocol’s outcome', () => {
  it('graphql-ws closing 4403 after the upgrade refused the token: pass for a bad token, fail for the good one', () => {
    expect(forbidden.outcome.kind).toBe('auth-refused');
    const bad = judgeMatrixOutcome(wrong, forbidden);
    expect(bad.state).toBe('pass');
    expect(bad.sentence).toContain('graphql-ws close 4403 Forbidden');
    const refusedGood = judgeMatrixOutcome(good, forbidden);
    expect(refusedGood.state).toBe('fail');
  });

  it('connection_ack accepts: pass for the good token, fail for a bad one', () => {
    expect(judgeMatrixOutcome(good, ack).state).toBe('pass');
    const accepted = judgeMatrixOutcome(wrong, ack);
    expect(accepted.state).toBe('fail');
    expect(accepted.sentence).toContain('a token signed with another secret');
  });

  it('a refusal in a frame (Socket.IO CONNECT_ERROR) is a refusal, though the socket is still open', () => {
    expect(judgeMatrixOutcome(wrong, connectError).state).toBe('pass');
    expect(describeMatrixOutcome(connectError)).toBe(
      'opened after 3 ms; Socket.IO refused it after 6 ms: CONNECT_ERROR on / "jwt expired"',
    );
  });

  it('a protocol error (4406: not graphql-transport-ws) is inconclusive, for the good token too', () => {
    for (const v of [good, wrong]) {
      const verdict = judgeMatrixOutcome(v, notSpoken);
      expect(verdict.state).toBe('inconclusive');
      expect(verdict.inconclusiveBecause).toBe('protocol-error');
    }
  });

  it('open without an answer to the first message: not judged (a plain socket that stays open still is)', () => {
    const verdict = judgeMatrixOutcome(wrong, silent);
    expect(verdict).toMatchObject({ state: 'inconclusive', inconclusiveBecause: 'no-protocol-answer' });
    expect(judgeMatrixOutcome(good, silent).state).toBe('inconclusive');
    expect(describeMatrixOutcome(silent)).toContain('STOMP never accepted nor refused');
    const { protocol: _, ...plain } = silent;
    expect(judgeMatrixOutcome(wrong, plain).state).toBe('fail');
  });

  it('a token the page could not send is inconclusive with the reason', () => {
    const verdict = judgeMatrixOutcome(wrong, {
      kind: 'not-sent',
      message: 'The Authorization header needs the local relay: run `npx wsjwt open`.',
    });
    expect(verdict).toMatchObject({ state: 'inconclusive', inconclusiveBecause: 'cannot-send' });
    expect(verdict.sentence).toContain('needs the local relay');
  });

  it('matrixAccepted: the protocol’s ack, or a plain socket kept open', () => {
    expect(matrixAccepted(ack)).toBe(true);
    expect(matrixAccepted(forbidden)).toBe(false);
    expect(matrixAccepted(silent)).toBe(false);
    expect(matrixAccepted({ ...silent, protocol: undefined })).toBe(true);
    expect(matrixAccepted(undefined)).toBe(false);
  });
});
