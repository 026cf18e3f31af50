import { describe, expect, it } from 'vitest';
import { tokenEncodings } from './encodings.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.abc-_DEF';

describe('tokenEncodings', () => {
  it('four encodings, in order', () => {
    expect(tokenEncodings(JWT).map((e) => e.id)).toEqual(['raw', 'encodeURIComponent', 'URLSearchParams', 'double-encoded']);
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
