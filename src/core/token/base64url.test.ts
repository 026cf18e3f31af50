import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  decodeBase64,
  decodeBase64url,
  decodeUtf8Strict,
  describeCharacter,
  encodeBase64,
  encodeBase64url,
  explainBase64urlCharacter,
  findInvalidBase64Chars,
  findInvalidBase64urlChars,
  formatInvalidCharacters,
} from './base64url.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('encodeBase64url / encodeBase64', () => {
  it.each([
    ['', '', ''],
    ['f', 'Zg', 'Zg=='],
    ['fo', 'Zm8', 'Zm8='],
    ['foo', 'Zm9v', 'Zm9v'],
    ['foob', 'Zm9vYg', 'Zm9vYg=='],
    [
      '{"alg":"HS256","typ":"JWT"}',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    ],
  ])('%j → %s / %s', (text, url, std) => {
    expect(encodeBase64url(text)).toBe(url);
    expect(encodeBase64(text)).toBe(std);
  });

  it('uses - and _ for base64url, + and / for base64', () => {
    expect(encodeBase64url(bytes(0xfb, 0xff))).toBe('-_8');
    expect(encodeBase64(bytes(0xfb, 0xff))).toBe('+/8=');
  });

  it('matches Node for large random input', () => {
    const data = new Uint8Array(100_003);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) & 0xff;
    expect(encodeBase64url(data)).toBe(Buffer.from(data).toString('base64url'));
    expect(encodeBase64(data)).toBe(Buffer.from(data).toString('base64'));
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => encodeBase64url(42)).toThrow(TypeError);
  });
});

describe('decodeBase64url', () => {
  it.each([
    ['', []],
    ['Zg', [0x66]],
    ['Zm8', [0x66, 0x6f]],
    ['Zm9v', [0x66, 0x6f, 0x6f]],
    ['-_8', [0xfb, 0xff]],
  ])('%j decodes', (text, expected) => {
    const r = decodeBase64url(text);
    expect(r.ok && [...r.bytes]).toEqual(expected);
  });

  it.each([
    ['ab+c', 'ERR_BASE64_CHARSET', /"\+" at position 2.*standard base64/],
    ['ab/c', 'ERR_BASE64_CHARSET', /"\/" at position 2/],
    ['ab c', 'ERR_BASE64_CHARSET', /a space at position 2/],
    ['Zg==', 'ERR_BASE64_CHARSET', /"=" at position 2 is base64 padding/],
    ['Zg=g', 'ERR_BASE64_PADDING', /padding in the middle/],
    ['abcde', 'ERR_BASE64_LENGTH', /5 characters/],
  ])('%j fails with %s', (text, code, message) => {
    const r = decodeBase64url(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
    }
  });

  it('accepts correct padding only when asked', () => {
    const r = decodeBase64url('Zg==', { allowPadding: true });
    expect(r.ok && [...r.bytes]).toEqual([0x66]);
    const bad = decodeBase64url('Zg===', { allowPadding: true });
    expect(!bad.ok && bad.code).toBe('ERR_BASE64_PADDING');
  });

  it('round-trips with Node', () => {
    const data = new Uint8Array(4099).map((_, i) => (i * 31) & 0xff);
    const r = decodeBase64url(Buffer.from(data).toString('base64url'));
    expect(r.ok && bytesEqual(r.bytes, data)).toBe(true);
  });
});

describe('decodeBase64', () => {
  it.each([
    ['Zg==', [0x66]],
    ['Zg', [0x66]],
    ['+/8=', [0xfb, 0xff]],
  ])('%j decodes', (text, expected) => {
    const r = decodeBase64(text);
    expect(r.ok && [...r.bytes]).toEqual(expected);
  });

  it.each([
    ['-_8', 'ERR_BASE64_CHARSET', /base64url, not standard base64/],
    ['Zg==\n', 'ERR_BASE64_CHARSET', /line break/],
    ['Zg=', 'ERR_BASE64_PADDING', /padding does not fit/],
    ['Z===', 'ERR_BASE64_PADDING', /padding does not fit/],
    ['Zm9vY', 'ERR_BASE64_LENGTH', /5 characters/],
    ['Zg=x', 'ERR_BASE64_PADDING', /middle/],
  ])('%j fails with %s', (text, code, message) => {
    const r = decodeBase64(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
    }
  });
});

describe('character helpers', () => {
  it('finds each distinct invalid character once, with first index and count', () => {
    expect(findInvalidBase64urlChars('a+b+c/=')).toEqual([
      { char: '+', index: 1, count: 2 },
      { char: '/', index: 5, count: 1 },
      { char: '=', index: 6, count: 1 },
    ]);
    expect(findInvalidBase64Chars('a-b_=')).toEqual([
      { char: '-', index: 1, count: 1 },
      { char: '_', index: 3, count: 1 },
    ]);
  });

  it('keeps emoji whole and limits the list', () => {
    expect(findInvalidBase64urlChars('ab😀')).toEqual([{ char: '😀', index: 2, count: 1 }]);
    expect(findInvalidBase64urlChars('!@#$%^&*', 3)).toHaveLength(3);
  });

  it.each([
    [' ', 'a space'],
    ['\n', 'a line break (\\n)'],
    ['\r', 'a carriage return (\\r)'],
    ['\t', 'a tab'],
    ['\u00a0', 'a non-breaking space'],
    ['\u200b', 'a zero-width space'],
    ['\ufeff', 'a byte-order mark (U+FEFF)'],
    ['\u0007', 'U+0007'],
    ['+', '"+"'],
  ])('describes %j as %s', (char, name) => {
    expect(describeCharacter(char)).toBe(name);
  });

  it('explains typical characters', () => {
    expect(explainBase64urlCharacter('+')).toMatch(/standard base64/);
    expect(explainBase64urlCharacter('=')).toMatch(/padding/);
    expect(explainBase64urlCharacter('%')).toMatch(/URL-encoded/);
    expect(explainBase64urlCharacter('"')).toMatch(/quote/);
    expect(explainBase64urlCharacter('{')).toMatch(/raw JSON/);
    expect(explainBase64urlCharacter('\n')).toMatch(/whitespace/);
    expect(explainBase64urlCharacter('!')).toBe('');
    expect(formatInvalidCharacters([{ char: '+', index: 3, count: 1 }])).toBe('"+" at position 3');
  });

  it('decodes UTF-8 strictly and compares bytes', () => {
    expect(decodeUtf8Strict(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(decodeUtf8Strict(bytes(0xff, 0xfe))).toBeNull();
    expect(bytesEqual(bytes(1, 2), bytes(1, 2))).toBe(true);
    expect(bytesEqual(bytes(1, 2), bytes(1, 3))).toBe(false);
    expect(bytesEqual(bytes(1), bytes(1, 2))).toBe(false);
  });
});
