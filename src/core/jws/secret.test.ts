import { describe, expect, it } from 'vitest';
import type { SecretInput } from '../types.ts';
import { decodeSecret, describeSecretProblems, parseEnvSecret } from './secret.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('decodeSecret', () => {
  it.each<[SecretInput, string]>([
    [{ text: 'secret', encoding: 'utf8' }, '736563726574'],
    [{ text: 'é', encoding: 'utf8' }, 'c3a9'],
    [{ text: 'c2VjcmV0', encoding: 'base64' }, '736563726574'],
    [{ text: '+/8=', encoding: 'base64' }, 'fbff'],
    [{ text: '+/8', encoding: 'base64' }, 'fbff'],
    [{ text: '-_8', encoding: 'base64url' }, 'fbff'],
    [{ text: '-_8=', encoding: 'base64url' }, 'fbff'],
    [{ text: 'DEADbeef', encoding: 'hex' }, 'deadbeef'],
  ])('%j', (secret, expected) => {
    const r = decodeSecret(secret);
    expect(r.ok && hex(r.key)).toBe(expected);
  });

  it.each<[SecretInput, 'ERR_SECRET_EMPTY' | 'ERR_SECRET_ENCODING', RegExp]>([
    [{ text: '', encoding: 'utf8' }, 'ERR_SECRET_EMPTY', /empty/],
    [{ text: '', encoding: 'hex' }, 'ERR_SECRET_EMPTY', /empty/],
    [
      { text: '-_8', encoding: 'base64' },
      'ERR_SECRET_ENCODING',
      /not base64: "-" at position 0.*base64url, not standard base64/,
    ],
    [{ text: 'c2VjcmV0\n', encoding: 'base64' }, 'ERR_SECRET_ENCODING', /a line break \(\\n\) at position 8/],
    [{ text: 'c2VjcmV0c', encoding: 'base64' }, 'ERR_SECRET_ENCODING', /9 characters/],
    [{ text: '+/8', encoding: 'base64url' }, 'ERR_SECRET_ENCODING', /standard base64, not base64url/],
    [{ text: '0xdeadbeef', encoding: 'hex' }, 'ERR_SECRET_ENCODING', /starts with "0x"/],
    [{ text: 'deadbeeg', encoding: 'hex' }, 'ERR_SECRET_ENCODING', /"g" at position 7 is not a hex digit/],
    [{ text: 'abc', encoding: 'hex' }, 'ERR_SECRET_ENCODING', /3 digits, an odd number/],
    // One sentence, not "The secret is the "=" padding does not fit".
    [
      { text: 'Zg=', encoding: 'base64' },
      'ERR_SECRET_ENCODING',
      /^The secret is not valid base64: the "=" padding/,
    ],
  ])('%j → %s', (secret, code, message) => {
    const r = decodeSecret(secret);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
    }
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => decodeSecret('secret')).toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    expect(() => decodeSecret({ text: 'x', encoding: 'latin1' })).toThrow(TypeError);
  });
});

describe('parseEnvSecret', () => {
  it.each<[string, string, string, number]>([
    ['JWT_SECRET=abc', 'abc', 'JWT_SECRET', 1],
    ['PORT=3000\nNODE_ENV=development\nJWT_SECRET="s3cr3t value"\n', 's3cr3t value', 'JWT_SECRET', 3],
    ['# comment\nexport JWT_SECRET=abc # trailing comment', 'abc', 'JWT_SECRET', 2],
    ["JWT_SECRET='single quoted # not a comment'", 'single quoted # not a comment', 'JWT_SECRET', 1],
    ['JWT_SECRET="line\\nbreak \\"quoted\\""', 'line\nbreak "quoted"', 'JWT_SECRET', 1],
    ['PORT=3000\r\nAPP_SECRET=xyz', 'xyz', 'APP_SECRET', 2],
    ['PORT=3000\nHOST=localhost', '3000', 'PORT', 1],
    ['  JWT_SECRET = spaced  ', 'spaced', 'JWT_SECRET', 1],
    ['jwt_secret=lower', 'lower', 'jwt_secret', 1],
    ['JWT_SECRET=\nOTHER=1', '', 'JWT_SECRET', 1],
    ['JWT_SECRET="unterminated', 'unterminated', 'JWT_SECRET', 1],
  ])('%j', (text, value, variable, line) => {
    expect(parseEnvSecret(text)).toEqual({ value, variable, line });
  });

  it.each([['secret'], ['c2VjcmV0cw=='], ['abc='], [''], ['# only a comment'], ['a b c']])(
    '%j is not .env',
    (text) => {
      expect(parseEnvSecret(text)).toBeNull();
    },
  );

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => parseEnvSecret(null)).toThrow(TypeError);
  });
});

describe('describeSecretProblems', () => {
  const long = 'a-long-enough-secret-for-hs256-use';
  it.each<[string, RegExp]>([
    ['', /empty/],
    [`${long}\n`, /ends with a line break/],
    [`${long} `, /ends with a space/],
    [` ${long}`, /starts with whitespace/],
    [`"${long}"`, /wrapped in quotes/],
    ['PORT=3000\nJWT_SECRET=abc', /looks like a \.env file: .* JWT_SECRET \(line 2\)/],
    ['your_actual_jwt_secret_here', /placeholder/],
    ['q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=', /looks like base64:/],
    ['q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8-_', /looks like base64url/],
    ['00112233445566778899aabbccddeeff', /looks like hex/],
    ['secret', /only 6 bytes; HS256 wants at least 32/],
  ])('%j', (text, note) => {
    expect(describeSecretProblems(text).join('\n')).toMatch(note);
  });

  it('measures the secret against the token alg: HS384 wants 48 bytes, HS512 64', () => {
    const forty = 'x'.repeat(40);
    expect(describeSecretProblems(forty, { alg: 'HS256' }).join('\n')).not.toMatch(/wants at least/);
    expect(describeSecretProblems(forty, { alg: 'HS384' }).join('\n')).toMatch(
      /only 40 bytes; HS384 wants at least 48 \(384 bits\)/,
    );
    expect(describeSecretProblems(forty, { alg: 'HS512' }).join('\n')).toMatch(
      /only 40 bytes; HS512 wants at least 64 \(512 bits\)/,
    );
  });

  it('says nothing about a sound secret', () => {
    expect(describeSecretProblems(long)).toEqual([]);
    expect(describeSecretProblems('correct horse battery staple, twice over')).toEqual([]);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => describeSecretProblems(1)).toThrow(TypeError);
  });
});
