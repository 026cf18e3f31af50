// Issue 16: the token status, the checklist and the diagnosis tell the same story, before Connect and after
// the server's answer, for every scenario of the shared table (the CLI runs the same table).
import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_SCENARIOS,
  agreementContradictions,
  agreementEvidence,
  REFUSAL_AGREEMENT,
  refusalEvidence,
} from './agreement.fixtures.ts';
import { quickFixChecklist } from './checklist.ts';
import { diagnose } from './diagnose.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);

describe.each(AGREEMENT_SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
  it('before Connect: status, checklist and diagnosis agree', async () => {
    const ev = await agreementEvidence(s, NOW, { connected: false });
    const causes = diagnose(ev, NOW);
    const checklist = quickFixChecklist(ev, NOW);
    expect(ev.token.status).toBe(s.expect.status);
    expect(causes[0]?.cause ?? null).toBe(s.expect.topBefore);
    expect(agreementContradictions(ev.token.status, causes, checklist)).toEqual([]);
  });

  it('after the server answered: status, checklist and diagnosis agree', async () => {
    const ev = await agreementEvidence(s, NOW, { connected: true });
    const causes = diagnose(ev, NOW);
    const checklist = quickFixChecklist(ev, NOW);
    const summary = JSON.stringify(causes.map((c) => [c.cause, c.confidence]));
    expect(causes[0]?.cause, summary).toBe(s.expect.topAfter);
    for (const id of s.expect.never ?? [])
      expect(
        causes.map((c) => c.cause),
        summary,
      ).not.toContain(id);
    for (const [id, state] of Object.entries(s.expect.checklist ?? {}))
      expect(checklist.find((i) => i.id === id)?.state, id).toBe(state);
    const fix = causes[0]?.fix.join('\n') ?? '';
    for (const text of s.expect.fixSays ?? []) expect(fix).toContain(text);
    for (const text of s.expect.fixNever ?? []) expect(fix).not.toContain(text);
    expect(agreementContradictions(ev.token.status, causes, checklist)).toEqual([]);
  });
});

// Issue 12: a refused upgrade reads the same in the console (x-ray) and the CLI (unexpected-response).
describe.each(REFUSAL_AGREEMENT.map((r) => [r.name, r] as const))('refusal: %s', (_name, r) => {
  it('both surfaces name the same causes, quoting the server', async () => {
    const cli = diagnose(await refusalEvidence(r, NOW, 'cli'), NOW);
    const console = diagnose(await refusalEvidence(r, NOW, 'console'), NOW);
    expect(cli[0]?.cause).toBe(r.topAfter);
    expect(console.map((c) => c.cause)).toEqual(cli.map((c) => c.cause));
    expect(cli[0]?.evidence.join('\n')).toContain(r.quotes);
    expect(console[0]?.evidence.join('\n')).toContain(r.quotes);
  });
});
