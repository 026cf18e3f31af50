import { describe, expect, it } from 'vitest';
import { parseHeaderLines } from './header-lines.ts';

describe('parseHeaderLines', () => {
  it('reads one "Name: value" per line, skipping blank lines', () => {
    expect(parseHeaderLines('X-Tenant: acme\n\n  Cookie: a=b; c=d  \r\n')).toEqual({
      headers: { 'X-Tenant': 'acme', Cookie: 'a=b; c=d' },
      problems: [],
    });
  });

  it('names a line that is not a header, and a value with control characters', () => {
    const r = parseHeaderLines('no colon here\nBad Name: x\nX-Ok: fine\nX-Bell: a\u0007b');
    expect(r.headers).toEqual({ 'X-Ok': 'fine' });
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toContain('line 1');
    expect(r.problems[2]).toContain('control characters');
  });
});
