// Issue 12: one registry, derived everywhere — every code is named the same by every reader that prints it
// (the log row and the CLI call closeCodeInfo().name; the timeline, the diagnosis evidence, the reconnect
// log line and the registry's own diagnosis sentences are checked here; the CLI in probe-output.test.ts).
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnosis/diagnose.ts';
import { evidence, openThenClose, NOW } from '../diagnosis/fixtures.test-helpers.ts';
import { timelineGeometry } from '../pictures/timeline.ts';
import { describeFailure } from '../reconnect/policy.ts';
import { closeCodeInfo, closeCodeMeanings, closeCodeName, serverMaySend } from './index.ts';
import { LIBRARY_CONVENTIONS, PRIVATE_CONVENTIONS } from './conventions.ts';
import { STANDARD_CODES } from './registry.ts';

const named = [
  ...STANDARD_CODES.keys(),
  ...[...LIBRARY_CONVENTIONS, ...PRIVATE_CONVENTIONS].flatMap((d) => [...d.codes.keys()]),
].filter((c, i, all) => all.indexOf(c) === i);

describe('every close code is named the same everywhere', () => {
  it.each(named)('%d', (code) => {
    const name = closeCodeName(code);
    expect(name).toBe(closeCodeInfo(code).name);

    const events = openThenClose(code, '');
    const timeline = timelineGeometry({ events, elapsedMs: 100 });
    expect(timeline.close?.name).toBe(name);

    expect(describeFailure({ code, reason: '', opened: true })).toBe(`close ${code} ${name}`);

    // Codes the diagnosis reads quote the close in its evidence, by the same name.
    if (code !== 1006 && closeCodeMeanings(code).length > 0) {
      const said = diagnose(evidence({ events }), NOW)
        .flatMap((c) => c.evidence)
        .find((line) => line.startsWith('The server closed the socket with'));
      expect(said ?? '').toContain(`with ${code} ${name} (no reason)`);
    }
  });

  it('the diagnosis sentences of standard codes use the registry name', () => {
    for (const [code, entry] of STANDARD_CODES) {
      for (const m of closeCodeMeanings(code).filter((x) => x.dialect === 'rfc6455'))
        expect(m.detail, String(code)).toContain(`${code} ${entry.name}`);
    }
  });

  it('says which codes a server may send', () => {
    expect([1000, 1008, 1011, 3000, 3500, 4401, 4242].every(serverMaySend)).toBe(true);
    expect([1004, 1005, 1006, 1015, 1016, 2500, 4499, 4504, 999, 5000].some(serverMaySend)).toBe(false);
  });

  it('reads a library code by its own name when the reason is that name, else its first meaning', () => {
    expect(closeCodeMeanings(3000).map((m) => [m.dialect, m.cause])).toEqual([
      ['rfc6455', 'auth-rejected'],
      ['centrifugo', 'connection-dropped'],
    ]);
    expect(closeCodeMeanings(4408).map((m) => m.dialect)).toEqual(['graphql-ws', 'hocuspocus']);
  });
});
