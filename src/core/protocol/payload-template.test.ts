import { describe, expect, it } from 'vitest';
import { buildJsonPayload, buildObjectPayload, fillJsonTemplate, wordsOf } from './payload-template.ts';

describe('the Connection payload template', () => {
  it('puts the token inside a JSON string as escaped content', () => {
    expect(fillJsonTemplate('{"token": "{token}"}', 'a.b.c')).toBe('{"token": "a.b.c"}');
    expect(fillJsonTemplate('{"Authorization": "Bearer {token}"}', 'x')).toBe(
      '{"Authorization": "Bearer x"}',
    );
  });

  it('a token with quotes and backslashes cannot break out of the string', () => {
    const hostile = 'a", "admin": true, "x": "\\';
    const built = buildJsonPayload('{"token": "{token}"}', hostile);
    expect(built.ok && built.value).toEqual({ token: hostile });
  });

  it('outside a string {token} becomes a whole JSON string', () => {
    const built = buildJsonPayload('{"token": {token}}', 'a"b');
    expect(built.ok && built.value).toEqual({ token: 'a"b' });
  });

  it('an escaped quote in the template does not end the string', () => {
    const built = buildJsonPayload('{"note": "say \\"{token}\\""}', 't');
    expect(built.ok && built.value).toEqual({ note: 'say "t"' });
  });

  it('bad JSON is a coded problem, not a throw', () => {
    const built = buildJsonPayload('{token: "{token}"', 't');
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.problem.code).toBe('ERR_PAYLOAD_JSON');
      expect(built.problem.message).toContain('not valid JSON');
    }
  });

  it('an object is required where the protocol needs one; empty means no payload', () => {
    const arr = buildObjectPayload('["{token}"]', 't', 'Connection payload');
    expect(!arr.ok && arr.problem.code).toBe('ERR_PAYLOAD_NOT_OBJECT');
    const empty = buildObjectPayload('  ', 't', 'Connection payload');
    expect(empty).toEqual({ ok: true, value: undefined });
  });

  it('wordsOf finds the human words in a payload', () => {
    expect(wordsOf({ message: 'jwt expired' })).toBe('jwt expired');
    expect(wordsOf([{ message: 'a' }, { message: 'b' }])).toBe('a; b');
    expect(wordsOf({ error: { message: 'inner' } })).toBe('inner');
    expect(wordsOf('plain')).toBe('plain');
  });
});
