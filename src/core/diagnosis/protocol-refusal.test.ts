// A protocol's refusal (STOMP ERROR, Socket.IO CONNECT_ERROR, connection_error) is read like a close reason:
// its words reach the same dialect rules, and a token sent outside the URL is not judged by the query.
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import { e, evidence, NOW, secretBad, tokenFixture } from './fixtures.test-helpers.ts';

function stompRefused(words: string, summary = `ERROR: "${words}"`) {
  const frame = `ERROR\nmessage:${words}\ncontent-type:text/plain\n\n${words}\0`;
  return {
    events: [e.connecting(), e.open(8, 'v12.stomp'), e.message(14, frame), e.close(20, 1000)],
    tokenTravel: 'first-message' as const,
    protocolRefusal: { protocol: 'STOMP', words, summary, at: 14 },
  };
}

describe('a protocol refusal in the diagnosis', () => {
  it("the server's words name the cause: STOMP ERROR invalid signature → secret-mismatch", () => {
    const causes = diagnose(evidence(stompRefused('invalid signature')), NOW);
    expect(causes[0]?.cause).toBe('secret-mismatch');
    expect(causes[0]?.evidence.join(' ')).toContain('invalid signature');
  });

  it('jwt expired → token-expired', () => {
    expect(diagnose(evidence(stompRefused('jwt expired')), NOW)[0]?.cause).toBe('token-expired');
  });

  it('words it does not know: auth-rejected, explained by the local check when there is one', () => {
    const vague = diagnose(evidence(stompRefused('CONNECTION ERROR')), NOW);
    expect(vague[0]?.cause).toBe('auth-rejected');
    expect(vague[0]?.evidence.join(' ')).toContain('ERROR: "CONNECTION ERROR"');
    const withSecret = diagnose(evidence({ ...stompRefused('CONNECTION ERROR'), secret: secretBad() }), NOW);
    expect(withSecret[0]?.cause).toBe('secret-mismatch');
  });

  it('without the refusal the same events say nothing of a refusal (the hook is what reads it)', () => {
    const { protocolRefusal: _ignored, ...rest } = stompRefused('CONNECTION ERROR');
    const causes = diagnose(evidence(rest), NOW).map((c) => c.cause);
    expect(causes).not.toContain('auth-rejected');
  });

  it('a frame the message scan already read is not counted twice', () => {
    const sio = {
      events: [
        e.connecting(),
        e.open(8),
        e.message(10, '0{"sid":"a"}'),
        e.message(14, '44{"message":"invalid signature"}'),
      ],
      tokenTravel: 'first-message' as const,
      protocolRefusal: {
        protocol: 'Socket.IO',
        words: 'invalid signature',
        summary: 'CONNECT_ERROR',
        at: 14,
      },
    };
    const causes = diagnose(evidence(sio), NOW);
    expect(causes[0]?.cause).toBe('secret-mismatch');
    expect(causes[0]?.evidence.filter((line) => line.includes('invalid signature'))).toHaveLength(
      diagnose(evidence({ ...sio, protocolRefusal: undefined }), NOW)[0]?.evidence.filter((line) =>
        line.includes('invalid signature'),
      ).length ?? -1,
    );
  });

  it('a token sent in a header is not checked against the query string', () => {
    const token = tokenFixture();
    const causes = diagnose(
      evidence({
        token,
        url: {
          ok: true,
          url: 'ws://localhost:3000',
          notes: [],
          scheme: 'ws:',
          host: 'localhost:3000',
          origin: 'ws://localhost:3000',
        },
        tokenTravel: 'header',
        events: [e.connecting(), e.open(8), e.close(12, 1008, 'No token')],
      }),
      NOW,
    );
    expect(causes.map((c) => c.cause)).not.toContain('token-not-encoded');
    expect(causes[0]?.cause).toBe('token-travel-mismatch');
    expect(causes[0]?.evidence.join(' ')).toContain('the Authorization header');
  });
});
