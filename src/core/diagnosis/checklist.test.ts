import { describe, expect, it } from 'vitest';
import { quickFixChecklist } from './checklist.ts';
import {
  NOW,
  NOW_S,
  e,
  evidence,
  failedBeforeOpen,
  openThenClose,
  rawUrl,
  secretBad,
  secretOk,
  tokenFixture,
  urlFor,
  validPayload,
} from './fixtures.test-helpers.ts';
import type { ChecklistItem, DiagnosisEvidence } from './types.ts';

function states(ev: DiagnosisEvidence): Record<ChecklistItem['id'], ChecklistItem['state']> {
  return Object.fromEntries(quickFixChecklist(ev, NOW).map((i) => [i.id, i.state])) as Record<
    ChecklistItem['id'],
    ChecklistItem['state']
  >;
}

function item(ev: DiagnosisEvidence, id: ChecklistItem['id']): ChecklistItem | undefined {
  return quickFixChecklist(ev, NOW).find((i) => i.id === id);
}

describe('quickFixChecklist', () => {
  it("lists the guide's six checks in its order", () => {
    const items = quickFixChecklist(evidence(), NOW);
    expect(items.map((i) => i.id)).toEqual([
      'server-running',
      'secret-set',
      'same-secret',
      'not-expired',
      'url-encoded',
      'required-claims',
    ]);
    expect(items.map((i) => i.label)).toEqual([
      'Server is running on port 3000',
      'JWT_SECRET is set in .env file',
      'Client uses same JWT_SECRET to sign tokens',
      'Token is not expired',
      'Token is properly URL-encoded',
      'Token payload contains required fields (userId, role, iat, exp)',
    ]);
    for (const i of items) expect(i.evidence.length).toBeGreaterThan(3);
  });

  it('before Connect: local facts pass, server facts unknown', () => {
    expect(states(evidence())).toEqual({
      'server-running': 'unknown',
      'secret-set': 'unknown',
      'same-secret': 'unknown',
      'not-expired': 'pass',
      'url-encoded': 'pass',
      'required-claims': 'pass',
    });
    expect(item(evidence(), 'secret-set')?.evidence).toBe('The server did not say (GET /health)');
  });

  it('a healthy connection passes everything', () => {
    expect(
      states(
        evidence({
          secret: secretOk(),
          events: [e.connecting(), e.open(8)],
          health: { ok: true, jwtSecretSet: true },
        }),
      ),
    ).toEqual({
      'server-running': 'pass',
      'secret-set': 'pass',
      'same-secret': 'pass',
      'not-expired': 'pass',
      'url-encoded': 'pass',
      'required-claims': 'pass',
    });
  });

  it('server-running: fails when unreachable or refused, uses the URL port', () => {
    expect(
      item(
        evidence({ events: failedBeforeOpen(), reachability: { state: 'unreachable', detail: 'refused' } }),
        'server-running',
      )?.state,
    ).toBe('fail');
    expect(
      item(
        evidence({
          events: [e.connecting(), e.error(2, 'connect ECONNREFUSED 127.0.0.1:3000'), e.close(3, 1006)],
        }),
        'server-running',
      )?.state,
    ).toBe('fail');
    expect(
      item(evidence({ url: urlFor(tokenFixture().token, 'ws://localhost:8080') }), 'server-running')?.label,
    ).toBe('Server is running on port 8080');
    expect(
      item(evidence({ events: [e.connecting(), e.unexpected(4, 401, 'Unauthorized')] }), 'server-running')
        ?.state,
    ).toBe('pass');
  });

  it('secret-set: from /health, or from the server saying it has none', () => {
    expect(item(evidence({ health: { ok: true, jwtSecretSet: false } }), 'secret-set')?.state).toBe('fail');
    expect(
      item(evidence({ events: openThenClose(1008, 'secret or public key must be provided') }), 'secret-set')
        ?.state,
    ).toBe('fail');
  });

  it('same-secret: the server\'s "invalid signature" beats a local pass', () => {
    const bad = item(
      evidence({ secret: secretOk(), events: openThenClose(1008, 'invalid signature') }),
      'same-secret',
    );
    expect(bad?.state).toBe('fail');
    expect(bad?.evidence).toContain("the server's JWT_SECRET differs");
    expect(item(evidence({ secret: secretBad() }), 'same-secret')?.state).toBe('fail');
    expect(item(evidence({ secret: secretOk() }), 'same-secret')?.state).toBe('pass');
    // the server checked the signature before complaining about exp
    expect(item(evidence({ events: openThenClose(1008, 'jwt expired') }), 'same-secret')?.state).toBe('pass');
  });

  it("not-expired: local exp or the server's word", () => {
    const expired = tokenFixture({ payload: validPayload({ exp: NOW_S - 300 }) });
    expect(item(evidence({ token: expired }), 'not-expired')).toMatchObject({
      state: 'fail',
      evidence: `exp = ${NOW_S - 300} (2026-11-27T04:17:37Z, 5 min ago)`,
    });
    expect(item(evidence({ events: openThenClose(1008, 'jwt expired') }), 'not-expired')?.state).toBe('fail');
    expect(item(evidence({ token: tokenFixture({ raw: 'junk' }) }), 'not-expired')?.state).toBe('unknown');
  });

  it('url-encoded: exactly encodeURIComponent, no %', () => {
    const plus = tokenFixture({ signature: 'ab+cd' });
    expect(item(evidence({ token: plus }), 'url-encoded')?.state).toBe('pass');
    expect(
      item(evidence({ token: plus, url: rawUrl(`ws://localhost:3000?token=${plus.token}`) }), 'url-encoded')
        ?.state,
    ).toBe('fail');
    expect(item(evidence({ token: tokenFixture({ signature: 'a%2Eb' }) }), 'url-encoded')?.state).toBe(
      'fail',
    );
    expect(item(evidence({ token: tokenFixture({ raw: '' }), url: urlFor('') }), 'url-encoded')?.state).toBe(
      'unknown',
    );
  });

  it("required-claims: local payload or the server's list", () => {
    const noRole = tokenFixture({ payload: validPayload({ role: undefined }) });
    expect(item(evidence({ token: noRole }), 'required-claims')).toMatchObject({
      state: 'fail',
      evidence: 'Missing role',
    });
    expect(
      item(evidence({ events: openThenClose(1008, 'Missing required claims: role') }), 'required-claims')
        ?.state,
    ).toBe('fail');
  });
});
