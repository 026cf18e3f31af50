import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionUrlNote } from '../types.ts';
import { buildConnectionUrl, redactToken, redactUrlToken } from './connection-url.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.c2lnbmF0dXJl';
const noteCodes = (notes: ConnectionUrlNote[]) => notes.map((n) => n.code);

describe('buildConnectionUrl', () => {
  it.each<[string, string, string, string, ConnectionUrlNote['code'][]]>([
    ['the guide’s URL', 'ws://localhost:3000', 'token', `ws://localhost:3000?token=${JWT}`, []],
    ['keeps a trailing slash', 'ws://localhost:3000/', 'token', `ws://localhost:3000/?token=${JWT}`, []],
    [
      'wss with a path',
      'wss://api.example.com/realtime/v1',
      'token',
      `wss://api.example.com/realtime/v1?token=${JWT}`,
      [],
    ],
    [
      'keeps other params verbatim',
      'ws://localhost:3000/ws?room=a%20b&x=1+2&flag',
      'token',
      `ws://localhost:3000/ws?room=a%20b&x=1+2&flag&token=${JWT}`,
      [],
    ],
    [
      'replaces an existing token in place, dropping duplicates',
      'ws://h:1/?a=1&token=old&b=2&token=older',
      'token',
      `ws://h:1/?a=1&token=${JWT}&b=2`,
      ['TOKEN_PARAM_REPLACED'],
    ],
    [
      'converts http',
      'http://localhost:3000/socket',
      'token',
      `ws://localhost:3000/socket?token=${JWT}`,
      ['HTTP_SCHEME_CONVERTED'],
    ],
    [
      'converts https',
      'HTTPS://example.com',
      'token',
      `wss://example.com?token=${JWT}`,
      ['HTTP_SCHEME_CONVERTED'],
    ],
    [
      'adds ws:// to host:port',
      'localhost:3000',
      'token',
      `ws://localhost:3000?token=${JWT}`,
      ['NO_SCHEME_ADDED'],
    ],
    [
      'adds ws:// to an IP and path',
      '192.168.1.20:3000/ws',
      'token',
      `ws://192.168.1.20:3000/ws?token=${JWT}`,
      ['NO_SCHEME_ADDED'],
    ],
    [
      'adds ws: to //host',
      '//localhost:3000',
      'token',
      `ws://localhost:3000?token=${JWT}`,
      ['NO_SCHEME_ADDED'],
    ],
    ['IPv6', '[::1]:3000', 'token', `ws://[::1]:3000?token=${JWT}`, ['NO_SCHEME_ADDED']],
    [
      'removes a fragment',
      'ws://localhost:3000/#debug',
      'token',
      `ws://localhost:3000/?token=${JWT}`,
      ['FRAGMENT_REMOVED'],
    ],
    [
      'custom param name',
      'ws://localhost:3000',
      'access_token',
      `ws://localhost:3000?access_token=${JWT}`,
      [],
    ],
    [
      'empty param name',
      'ws://localhost:3000',
      '  ',
      `ws://localhost:3000?token=${JWT}`,
      ['PARAM_NAME_EMPTY'],
    ],
    ['trims the server URL', '  ws://localhost:3000 \n', 'token', `ws://localhost:3000?token=${JWT}`, []],
  ])('%s', (_name, serverUrl, paramName, url, notes) => {
    const r = buildConnectionUrl({ serverUrl, paramName, token: JWT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.url).toBe(url);
    expect(noteCodes(r.notes)).toEqual(notes);
    for (const n of r.notes) expect(n.message.length).toBeGreaterThan(10);
  });

  it('encodes the token with encodeURIComponent (never + for space)', () => {
    const r = buildConnectionUrl({ serverUrl: 'ws://h', paramName: 'my token', token: 'a b+c/d=é&' });
    expect(r.ok && r.url).toBe('ws://h?my%20token=a%20b%2Bc%2Fd%3D%C3%A9%26');
  });

  it('survives lone surrogates in the token', () => {
    const r = buildConnectionUrl({ serverUrl: 'ws://h', paramName: 'token', token: 'a\uD800b' });
    expect(r.ok && r.url).toBe('ws://h?token=a%EF%BF%BDb');
  });

  it('reports scheme, host and origin', () => {
    const r = buildConnectionUrl({ serverUrl: 'https://Example.com:8443/x', paramName: 'token', token: JWT });
    expect(r).toMatchObject({
      ok: true,
      scheme: 'wss:',
      host: 'example.com:8443',
      origin: 'wss://example.com:8443',
    });
  });

  it('TOKEN_EMPTY without a token, keeping the URL’s own parameter', () => {
    const bare = buildConnectionUrl({ serverUrl: 'ws://localhost:3000/?a=1', paramName: 'token', token: '' });
    expect(bare.ok && bare.url).toBe('ws://localhost:3000/?a=1');
    expect(bare.ok && noteCodes(bare.notes)).toEqual(['TOKEN_EMPTY']);
    expect(bare.ok && bare.notes[0]?.message).toMatch(/receives no token/);
    const own = buildConnectionUrl({ serverUrl: 'ws://h/?token=abc', paramName: 'token', token: '' });
    expect(own.ok && own.url).toBe('ws://h/?token=abc');
    expect(own.ok && own.notes[0]?.message).toMatch(/sent as typed/);
  });

  it.each<[string, 'ERR_URL_EMPTY' | 'ERR_URL_INVALID' | 'ERR_URL_SCHEME', RegExp]>([
    ['', 'ERR_URL_EMPTY', /empty/],
    ['   ', 'ERR_URL_EMPTY', /empty/],
    ['ftp://example.com', 'ERR_URL_SCHEME', /ftp: is not a WebSocket scheme/],
    ['file:///tmp/x', 'ERR_URL_SCHEME', /file:/],
    ['mailto:a@b.c', 'ERR_URL_SCHEME', /mailto:/],
    ['ws://', 'ERR_URL_INVALID', /no host/],
    ['ws://local host:3000', 'ERR_URL_INVALID', /whitespace at position 10/],
    // Found by the property test: the URL parser drops a trailing NUL, so the host alone parsed, but the
    // Connection URL (NUL before the query) did not.
    ['ws://\u1b05\u0000', 'ERR_URL_INVALID', /control character \(U\+0000\) at position 6/],
    ['ws://localhost:3000/\u001b[0m', 'ERR_URL_INVALID', /control character \(U\+001B\)/],
    ['ws://localhost:99999', 'ERR_URL_INVALID', /port 99999 is larger than 65535/],
    ['ws://localhost:30a0', 'ERR_URL_INVALID', /port "30a0" is not a number/],
    ['ws://exa<mple.com', 'ERR_URL_INVALID', /characters a host name cannot have/],
  ])('%j → %s', (serverUrl, code, message) => {
    const r = buildConnectionUrl({ serverUrl, paramName: 'token', token: JWT });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => buildConnectionUrl({ serverUrl: 'ws://h', paramName: 'token' })).toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    expect(() => buildConnectionUrl(null)).toThrow(TypeError);
  });

  it('property: never throws, and a built URL parses and carries the token', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
        ),
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 80 }),
        (serverUrl, paramName, token) => {
          const r = buildConnectionUrl({ serverUrl, paramName, token });
          if (!r.ok) return;
          const parsed = new URL(r.url);
          expect(['ws:', 'wss:']).toContain(parsed.protocol);
          expect(parsed.hash).toBe('');
          if (token !== '' && !/[\uD800-\uDFFF]/.test(token)) {
            const name = paramName.trim() || 'token';
            expect(r.url).toContain(`${encodeURIComponent(name)}=${encodeURIComponent(token)}`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('redactUrlToken', () => {
  it.each([
    [`ws://h/?token=${JWT}`, 'token', 'ws://h/?token=<redacted>'],
    [`ws://h/?a=1&token=${JWT}&b=2#f`, 'token', 'ws://h/?a=1&token=<redacted>&b=2#f'],
    [`ws://h/?jwt=${JWT}`, 'jwt', 'ws://h/?jwt=<redacted>'],
    // A JWT under another name is a credential too (issue 11.1): it was left in clear.
    [`ws://h/?jwt=${JWT}`, '', 'ws://h/?jwt=<redacted>'],
    ['ws://alice:pw@h/?room=1&api_key=k', 'token', 'ws://<redacted>@h/?room=1&api_key=<redacted>'],
    ['ws://h/?token=', 'token', 'ws://h/?token='],
    ['ws://h/', 'token', 'ws://h/'],
    ['not a url ?token=abc', 'token', 'not a url ?token=<redacted>'],
  ])('%s', (url, param, expected) => {
    expect(redactUrlToken(url, param)).toBe(expected);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => redactUrlToken(null, 'token')).toThrow(TypeError);
  });
});

describe('redactToken', () => {
  it.each([
    [JWT, 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.<signature redacted>'],
    ['h.p.', 'h.p.'],
    ['opaque-session-token', '<redacted>'],
    ['a.b.c.d.e', '<redacted>'],
    ['', ''],
  ])('%s', (token, expected) => {
    expect(redactToken(token)).toBe(expected);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => redactToken(1)).toThrow(TypeError);
  });
});
