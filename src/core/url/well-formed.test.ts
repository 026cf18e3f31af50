import { describe, expect, it } from 'vitest';
import { encodeComponent, hasLoneSurrogate, toWellFormed } from './well-formed.ts';

describe('lone surrogates', () => {
  it('are found, and only they: a whole emoji is well formed', () => {
    expect(hasLoneSurrogate('abc😀')).toBe(false);
    expect(hasLoneSurrogate('ab\uD83D')).toBe(true);
    expect(hasLoneSurrogate('\uDE00ab')).toBe(true);
    expect(hasLoneSurrogate('')).toBe(false);
    // twice in a row: no state is kept between calls (a global regex would keep lastIndex)
    expect(hasLoneSurrogate('x\uD800y')).toBe(true);
    expect(hasLoneSurrogate('x\uD800y')).toBe(true);
  });

  it('become U+FFFD, the way URL parsers read them, and encoding never throws', () => {
    expect(toWellFormed('a\uD800b😀\uDC00')).toBe('a\uFFFDb😀\uFFFD');
    expect(() => encodeURIComponent('a\uD800')).toThrow(URIError);
    expect(encodeComponent('a\uD800')).toBe('a%EF%BF%BD');
    expect(encodeComponent('a+b c😀')).toBe(encodeURIComponent('a+b c😀'));
    const big = 'eyJ'.repeat(20_000);
    expect(toWellFormed(big)).toBe(big);
  });
});
