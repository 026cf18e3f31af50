// Fix steps fitted to the case (issue 16): never ask for what is already there, never suggest what the
// server just refused. The CLI's words are surface.ts's (surface.test.ts).
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import {
  NOW,
  evidence,
  openThenClose,
  secretOk,
  tokenFixture,
  validPayload,
} from './fixtures.test-helpers.ts';
import { fitFix, type FixContext } from './wording.ts';

const base: FixContext = {
  tokenPresent: true,
  keyVerifies: false,
  requiredClaims: ['userId', 'role', 'iat', 'exp'],
  missingClaims: [],
};

describe('fitFix', () => {
  it('does not ask for a token that is there', () => {
    const steps = ['Paste a token into Token, or press Mint token', 'Send it in the parameter'];
    expect(fitFix('token-missing', steps, base)).toEqual(['Send it in the parameter']);
    expect(fitFix('token-missing', steps, { ...base, tokenPresent: false })).toEqual(steps);
  });

  it('lists the claims actually missing', () => {
    const [step] = fitFix(
      'missing-claims',
      ['Put every field the server requires in the payload: userId, role, iat, exp'],
      {
        ...base,
        requiredClaims: ['userId', 'role', 'iat', 'exp', 'tenant'],
        missingClaims: ['tenant'],
      },
    );
    expect(step).toBe(
      'Put the missing field in the payload: tenant (required: userId, role, iat, exp, tenant)',
    );
  });
});

describe('diagnose fix steps in context', () => {
  it('rs256-only: the server refused HS256, so the fix never suggests HS256', () => {
    const [top] = diagnose(evidence({ events: openThenClose(1008, 'invalid algorithm') }), NOW);
    expect(top?.cause).toBe('algorithm-mismatch');
    const fix = top?.fix.join('\n') ?? '';
    expect(fix).toContain('The server refused HS256');
    expect(fix).not.toContain("algorithm: 'HS256'");
  });

  it('graphql-ws 4403 with a Secret that verifies: no "Enter the server\'s JWT_SECRET"', () => {
    const causes = diagnose(evidence({ secret: secretOk(), events: openThenClose(4403, 'Forbidden') }), NOW);
    expect(causes[0]?.cause).toBe('auth-rejected');
    for (const c of causes) expect(c.fix.join('\n')).not.toMatch(/(Enter|Paste) the server's JWT_SECRET/);
  });

  it('a token that is there: token-missing never says "Paste a token into Token"', () => {
    const causes = diagnose(evidence({ events: openThenClose(1008, 'No token provided') }), NOW);
    expect(causes[0]?.cause).toBe('token-missing');
    expect(causes[0]?.fix.join('\n')).not.toContain('Paste a token into Token');
  });

  it('missing claims named by the server and by Required claims, nothing else', () => {
    const token = tokenFixture({
      payload: validPayload(),
      requiredClaims: ['userId', 'role', 'iat', 'exp', 'tenant'],
    });
    const [top] = diagnose(
      evidence({ token, events: openThenClose(1008, 'Missing required claims: tenant') }),
      NOW,
    );
    expect(top?.cause).toBe('missing-claims');
    expect(top?.fix[0]).toBe(
      'Put the missing field in the payload: tenant (required: userId, role, iat, exp, tenant)',
    );
  });

  it('names whose wording the server used, not the library it runs (the reference server runs jose)', () => {
    const [top] = diagnose(evidence({ events: openThenClose(1008, 'invalid signature') }), NOW);
    expect(top?.evidence.some((e) => e.startsWith('jsonwebtoken:'))).toBe(false);
    expect(top?.evidence).toContain(
      "The signature does not verify with the server's JWT_SECRET (jsonwebtoken's wording).",
    );
  });
});
