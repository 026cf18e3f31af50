import { describe, expect, it } from 'vitest';
import {
  containsToken,
  loadSnippets,
  sanitizeSnippets,
  snippetName,
  SNIPPETS_KEY,
  storeSnippets,
  withSnippet,
} from './snippets.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('snippets', () => {
  it('round-trips through storage under their own key', () => {
    const storage = memoryStorage();
    const list = withSnippet([], { name: 'ping', mode: 'json', text: '{"op":"ping"}' });
    expect(storeSnippets(storage, list)).toBeNull();
    expect([...storage.data.keys()]).toEqual([SNIPPETS_KEY]);
    expect(loadSnippets(storage)).toEqual(list);
  });

  it('takes only well-formed snippets from storage', () => {
    expect(sanitizeSnippets('nope')).toEqual([]);
    expect(sanitizeSnippets([null, { name: 1 }, { name: 'a', text: 'b', mode: 'yaml' }])).toEqual([
      { name: 'a', mode: 'text', text: 'b' },
    ]);
    expect(loadSnippets(memoryStorage({ [SNIPPETS_KEY]: '{not json' }))).toEqual([]);
    expect(loadSnippets(undefined)).toEqual([]);
  });

  it('reports a storage that refuses', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(storeSnippets(full, [])).toMatch(/quota/);
  });

  it('names, replaces by name, newest first', () => {
    expect(snippetName('  hello\nworld', 'text')).toBe('hello');
    expect(snippetName('de ad', 'hex')).toBe('[hex] de ad');
    const a = { name: 'a', mode: 'text' as const, text: '1' };
    const b = { name: 'b', mode: 'text' as const, text: '2' };
    expect(withSnippet(withSnippet([a], b), { ...a, text: '3' }).map((s) => s.text)).toEqual(['3', '2']);
  });

  it('spots the token (whole, URL-encoded, or its signature)', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2lnbmF0dXJl';
    expect(containsToken(`{"auth":"${token}"}`, token)).toBe(true);
    expect(containsToken('sig c2lnbmF0dXJl', token)).toBe(true);
    expect(containsToken('{"op":"ping"}', token)).toBe(false);
    expect(containsToken('anything', '')).toBe(false);
  });
});
