import { describe, expect, it } from 'vitest';
import type { TokenCleanup } from '../types.ts';
import { cleanTokenInput } from './clean.ts';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOiIxMjMiLCJyb2xlIjoicHJpbmNpcGFsIn0.abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE';

const kinds = (cleanups: TokenCleanup[]) => cleanups.map((c) => c.kind);

describe('cleanTokenInput', () => {
  it.each<[string, string, TokenCleanup['kind'][]]>([
    ['clean token', JWT, []],
    ['trailing newline', `${JWT}\n`, ['whitespace']],
    ['leading spaces and CRLF', `  ${JWT}\r\n`, ['whitespace']],
    ['Bearer prefix', `Bearer ${JWT}`, ['bearer-prefix']],
    ['lower-case bearer', `bearer ${JWT}`, ['bearer-prefix']],
    ['BEARER with a colon', `BEARER: ${JWT}`, ['bearer-prefix']],
    ['Authorization header', `Authorization: Bearer ${JWT}`, ['authorization-header']],
    ['authorization header without Bearer', `authorization:${JWT}`, ['authorization-header']],
    ['double quotes', `"${JWT}"`, ['quotes']],
    ['single quotes', `'${JWT}'`, ['quotes']],
    ['backticks', `\`${JWT}\``, ['quotes']],
    ['curly quotes', `\u201c${JWT}\u201d`, ['quotes']],
    ['JSON string with escapes', JSON.stringify(`${JWT}\n`), ['quotes', 'whitespace']],
    ['token= prefix', `token=${JWT}`, ['query-prefix']],
    ['?token= prefix with more params', `?token=${JWT}&room=1`, ['query-prefix']],
    ['access_token= prefix', `access_token=${JWT}`, ['query-prefix']],
    ['ws URL', `ws://localhost:3000/?token=${JWT}`, ['query-prefix']],
    ['http URL with other params', `http://localhost:3000/chat?room=1&token=${JWT}#x`, ['query-prefix']],
    ['percent-encoded token', JWT.replace(/\./g, '%2E'), ['percent-decoded']],
    ['double-encoded token', JWT.replace(/\./g, '%252E'), ['percent-decoded', 'percent-decoded']],
    ['wrapped paste', `${JWT.slice(0, 30)}\n${JWT.slice(30, 80)}\n${JWT.slice(80)}`, ['inner-whitespace']],
    ['space inside', `${JWT.slice(0, 30)} ${JWT.slice(30)}`, ['inner-whitespace']],
    ['quoted Bearer with newline', `"Bearer ${JWT}"\n`, ['whitespace', 'quotes', 'bearer-prefix']],
    [
      'Authorization header in quotes, wrapped',
      `'Authorization: Bearer ${JWT.slice(0, 40)}\n${JWT.slice(40)}'  `,
      ['whitespace', 'quotes', 'authorization-header', 'inner-whitespace'],
    ],
    [
      'URL with encoded token',
      `wss://api.example.com/ws?token=${encodeURIComponent(JWT).replace(/\./g, '%2E')}`,
      ['query-prefix', 'percent-decoded'],
    ],
  ])('%s', (_name, input, expected) => {
    const r = cleanTokenInput(input);
    expect(r.token).toBe(JWT);
    expect(kinds(r.cleanups)).toEqual(expected);
    for (const c of r.cleanups) expect(c.message.length).toBeGreaterThan(10);
  });

  it('writes human messages', () => {
    expect(cleanTokenInput(`Bearer ${JWT}`).cleanups[0]?.message).toBe('Removed the "Bearer " prefix');
    expect(cleanTokenInput(`${JWT}\n`).cleanups[0]?.message).toBe('Removed 1 line break after the token');
    expect(cleanTokenInput(`"${JWT}"`).cleanups[0]?.message).toMatch(/double quotes/);
    expect(cleanTokenInput(JWT.replace(/\./g, '%2E')).cleanups[0]?.message).toMatch(/%2E → "\."/);
    expect(cleanTokenInput(JWT.replace(/\./g, '%252E')).cleanups[1]?.message).toMatch(/twice/);
    expect(cleanTokenInput(`ws://h/?token=${JWT}`).cleanups[0]?.message).toMatch(
      /"token" parameter .* ws:\/\/ URL/,
    );
  });

  it('uses the configured parameter name for URLs and prefixes', () => {
    expect(cleanTokenInput(`ws://h/?a=1&auth_jwt=${JWT}`, { paramName: 'auth_jwt' }).token).toBe(JWT);
    expect(cleanTokenInput(`auth_jwt=${JWT}`, { paramName: 'auth_jwt' }).token).toBe(JWT);
    // Falls back to a value that looks like a JWT.
    expect(cleanTokenInput(`ws://h/?x=${JWT}`).token).toBe(JWT);
  });

  it('leaves things that are not wrappers alone', () => {
    expect(cleanTokenInput('hello world')).toEqual({ token: 'hello world', cleanups: [] });
    expect(cleanTokenInput('ws://localhost:3000/')).toEqual({ token: 'ws://localhost:3000/', cleanups: [] });
    expect(cleanTokenInput('Bearer')).toEqual({ token: 'Bearer', cleanups: [] });
    // A padded base64 header is not a "key=" prefix.
    const padded = 'eyJhbGciOiJIUzI1NiJ9=.e30.sig';
    expect(cleanTokenInput(padded).token).toBe(padded);
  });

  it('reduces blank and quote-only input to an empty token', () => {
    expect(cleanTokenInput('').token).toBe('');
    expect(cleanTokenInput(' \n\t ').token).toBe('');
    expect(cleanTokenInput('""').token).toBe('');
  });

  it('survives malformed percent-encoding', () => {
    const r = cleanTokenInput('abc%2Edef%E0%A4%A');
    expect(r.token).toBe('abc.def%E0%A4%A');
    expect(kinds(r.cleanups)).toEqual(['percent-decoded']);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => cleanTokenInput(undefined)).toThrow(TypeError);
  });
});
