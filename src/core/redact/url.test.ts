import { describe, expect, it } from 'vitest';
import { containsJwt, isCredentialParamName } from './credentials.ts';
import { describeRemovedCredentials, joinWithAnd, redactUrlCredentials, redactUrlForStorage } from './url.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('isCredentialParamName', () => {
  it.each([
    'token',
    'access_token',
    'refresh_token',
    'id_token',
    'authToken',
    'jwt',
    'auth',
    'key',
    'api_key',
    'apikey',
    'X-Api-Key',
    'apiKey',
    'secret',
    'client_secret',
    'password',
    'passwd',
    'pwd',
    'session',
    'sessionid',
    'JSESSIONID',
    'sig',
    'signature',
    'X-Amz-Signature',
    'code',
    'Authorization',
    'bearer',
  ])('%s is a credential', (name) => {
    expect(isCredentialParamName(name)).toBe(true);
  });

  it.each(['room', 'fault', 'protocol', 'author', 'keyboard', 'monkey', 'country_code', 'v', 'EIO', 'lang'])(
    '%s is not',
    (name) => {
      expect(isCredentialParamName(name)).toBe(false);
    },
  );
});

describe('containsJwt', () => {
  it('finds a JWT alone, after Bearer, inside JSON; not in plain words', () => {
    expect(containsJwt(JWT)).toBe(true);
    expect(containsJwt(`Bearer ${JWT}`)).toBe(true);
    expect(containsJwt(`{"t":"${JWT}"}`)).toBe(true);
    expect(containsJwt('eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.')).toBe(true); // no signature yet
    expect(containsJwt('eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQ')).toBe(false); // one dot: not a token
    expect(containsJwt('hello.world.x')).toBe(false);
    expect(containsJwt('eyJ')).toBe(false);
  });
});

describe('redactUrlCredentials', () => {
  it.each<[string, string, string[]]>([
    ['ws://localhost:3000', 'ws://localhost:3000', []],
    ['ws://localhost:3000/ws?room=1&lang=en', 'ws://localhost:3000/ws?room=1&lang=en', []],
    [
      `ws://alice:pa55word@localhost:3000/?api_key=K3y-value&access_token=${JWT}`,
      'ws://<redacted>@localhost:3000/?api_key=<redacted>&access_token=<redacted>',
      ['the userinfo', 'the value of api_key', 'the value of access_token'],
    ],
    [`ws://h/?t=${JWT}&room=2`, 'ws://h/?t=<redacted>&room=2', ['the value of t']],
    [`ws://h/?${JWT}`, 'ws://h/?<redacted>', ['a token in the query']],
    [`ws://h/socket/${JWT}/x`, 'ws://h/socket/<redacted>/x', ['a token in the path']],
    [
      `https://h/cb#access_token=${JWT}&state=1`,
      'https://h/cb#access_token=<redacted>&state=1',
      ['the value of access_token in the fragment'],
    ],
    ['ws://h/?token=&key=', 'ws://h/?token=&key=', []],
    [
      'alice:pw@localhost:3000/x?sig=abc',
      '<redacted>@localhost:3000/x?sig=<redacted>',
      ['the userinfo', 'the value of sig'],
    ],
    ['ws://h/?email=a@b.c', 'ws://h/?email=a@b.c', []],
    ['ws://h/?a%5Fkey=1', 'ws://h/?a%5Fkey=<redacted>', ['the value of a_key']],
    ['not a url at all', 'not a url at all', []],
  ])('%s', (url, expected, described) => {
    const r = redactUrlCredentials(url);
    expect(r.url).toBe(expected);
    expect(describeRemovedCredentials(r.removed)).toEqual(described);
  });

  it('the token parameter is a credential whatever its name, unless the user asked to see it', () => {
    expect(redactUrlCredentials('ws://h/?t=abc&room=1', { tokenParams: ['t'] }).url).toBe(
      'ws://h/?t=<redacted>&room=1',
    );
    expect(
      redactUrlCredentials(`ws://u:p@h/?t=${JWT}&api_key=k`, { tokenParams: ['t'], keepTokenParams: true })
        .url,
    ).toBe(`ws://<redacted>@h/?t=${JWT}&api_key=<redacted>`);
  });

  it('returns the removed values (raw and decoded) so text can be scrubbed of them', () => {
    const r = redactUrlCredentials('ws://al%40ice:p%20w@h/?api_key=a%2Bb');
    expect(r.removed).toEqual([
      { place: 'userinfo', name: '', raw: 'al%40ice:p%20w', value: 'al@ice:p w' },
      { place: 'query', name: 'api_key', raw: 'a%2Bb', value: 'a+b' },
    ]);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => redactUrlCredentials(null)).toThrow(TypeError);
  });
});

describe('redactUrlForStorage', () => {
  it('removes the values (no placeholder to send later) and says what was not kept, without the values', () => {
    const r = redactUrlForStorage(
      `ws://alice:pa55word@localhost:3000/?token=${JWT}&api_key=K3y&room=1`,
      'token',
    );
    expect(r.url).toBe('ws://localhost:3000/?token=&api_key=&room=1');
    expect(r.notKept).toEqual(['the userinfo', 'the value of token', 'the value of api_key']);
    expect(JSON.stringify(r)).not.toContain('pa55word');
    expect(JSON.stringify(r)).not.toContain('K3y');
  });

  it('what is stored is stored again unchanged (nothing more to remove)', () => {
    const once = redactUrlForStorage(`ws://u:p@h/?jwt=${JWT}`, 'token');
    expect(redactUrlForStorage(once.url, 'token')).toEqual({ url: once.url, notKept: [] });
  });
});

describe('joinWithAnd', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('%j', (items, expected) => {
    expect(joinWithAnd(items)).toBe(expected);
  });
});
