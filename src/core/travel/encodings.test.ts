import { describe, expect, it } from 'vitest';
import { tokenEncodings } from './encodings.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.abc-_DEF';

describe('tokenEncodings', () => {
  it('four encodings, in order', () => {
    expect(tokenEncodings(JWT).map((e) => e.id)).toEqual([
      'raw',
      'encodeURIComponent',
      'URLSearchParams',
      'double-encoded',
    ]);
  });

  it('a base64url JWT is the same all four ways, and every parser reads it back', () => {
    for (const e of tokenEncodings(JWT)) {
      expect(e.query).toBe(`token=${JWT}`);
      expect(e.sameAsEncoded).toBe(true);
      expect(e.ok).toEqual({ searchParams: true, decodeURIComponent: true });
    }
  });

  it('a token with + / = : raw loses the +, double-encoding sends %xx text', () => {
    const token = 'ab+c/d==';
    const [raw, enc, usp, dbl] = tokenEncodings(token, 'access_token');
    expect(raw?.query).toBe('access_token=ab+c/d==');
    expect(raw?.received.searchParams).toBe('ab c/d==');
    expect(raw?.received.decodeURIComponent).toBe(token);
    expect(raw?.ok.searchParams).toBe(false);
    expect(raw?.note).toContain('Broken');
    expect(enc?.query).toBe('access_token=ab%2Bc%2Fd%3D%3D');
    expect(enc?.ok).toEqual({ searchParams: true, decodeURIComponent: true });
    expect(usp?.query).toBe('access_token=ab%2Bc%2Fd%3D%3D');
    expect(dbl?.query).toBe('access_token=ab%252Bc%252Fd%253D%253D');
    expect(dbl?.received.searchParams).toBe('ab%2Bc%2Fd%3D%3D');
    expect(dbl?.ok.searchParams).toBe(false);
  });

  it('spaces: URLSearchParams writes "+", which a naive decoder keeps', () => {
    const usp = tokenEncodings('a b').find((e) => e.id === 'URLSearchParams');
    expect(usp?.query).toBe('token=a+b');
    expect(usp?.received).toEqual({ searchParams: 'a b', decodeURIComponent: 'a+b' });
    expect(usp?.ok).toEqual({ searchParams: true, decodeURIComponent: false });
  });

  it('& and # cut a raw token', () => {
    const raw = tokenEncodings('ab&c#d')[0];
    expect(raw?.received.searchParams).toBe('ab');
  });

  it('never throws on lone surrogates', () => {
    expect(() => tokenEncodings('a\uD800b')).not.toThrow();
  });
});

describe('tokenEncodings: what the parsers read, checked against the parsers themselves', () => {
  const naive = (query: string, name: string): string | null => {
    for (const piece of query.split('#')[0]!.split('&')) {
      const eq = piece.indexOf('=');
      const key = eq === -1 ? piece : piece.slice(0, eq);
      let decodedKey: string | null;
      try {
        decodedKey = decodeURIComponent(key);
      } catch {
        decodedKey = null;
      }
      if (key !== name && decodedKey !== name) continue;
      try {
        return decodeURIComponent(eq === -1 ? '' : piece.slice(eq + 1));
      } catch {
        return null;
      }
    }
    return null;
  };
  const chars = [
    'a',
    'Z',
    '0',
    '-',
    '_',
    '.',
    '~',
    '+',
    '/',
    '=',
    '%',
    '%2B',
    '&',
    '#',
    ' ',
    'é',
    '😀',
    '\uD800',
    '\uDC00',
    '?',
  ];

  it('agrees with URLSearchParams and a naive decoder for 2,000 random tokens and names', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2_000; i++) {
      const token = Array.from({ length: rnd(12) }, () => chars[rnd(chars.length)]).join('');
      const name = ['token', 'access_token', 'a b', 'x%y', 'tok+en', 'é'][rnd(6)]!;
      for (const e of tokenEncodings(token, name)) {
        const sent = e.query.split('#')[0]!;
        expect(e.received.searchParams, `${e.id} ${JSON.stringify(token)} ${name}`).toBe(
          new URLSearchParams(sent).get(name.trim()),
        );
        expect(e.received.decodeURIComponent, `${e.id} ${JSON.stringify(token)} ${name}`).toBe(
          naive(e.query, name.trim()),
        );
      }
    }
  });

  it('a 64 KB base64url token: all four the same, read back exactly', () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${'eHh4'.repeat(16_000)}.sig-_`;
    const all = tokenEncodings(token);
    expect(new Set(all.map((e) => e.query)).size).toBe(1);
    expect(all.every((e) => e.ok.searchParams && e.ok.decodeURIComponent && e.sameAsEncoded)).toBe(true);
  });
});
