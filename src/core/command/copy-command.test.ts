import { describe, expect, it } from 'vitest';
import { buildCopyCommands, shellQuote, urlWithoutToken } from './copy-command.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.c2lnbmF0dXJl';

describe('buildCopyCommands', () => {
  it('uses the $TOKEN placeholder by default', () => {
    const c = buildCopyCommands({
      url: 'ws://localhost:3000',
      paramName: 'token',
      token: TOKEN,
      includeToken: false,
    });
    expect(c.wsjwt).toBe(`npx wsjwt probe 'ws://localhost:3000' --token "$TOKEN" --param token`);
    expect(c.wscat).toBe('wscat -c "ws://localhost:3000?token=$TOKEN"');
    expect(c.websocat).toBe('websocat "ws://localhost:3000?token=$TOKEN"');
    for (const command of Object.values(c)) expect(command).not.toContain('c2lnbmF0dXJl');
  });

  it('takes the token out of a Connection URL for wsjwt, keeping the other parameters', () => {
    const c = buildCopyCommands({
      url: `ws://localhost:3000/ws?room=1&token=${TOKEN}&x=2#frag`,
      paramName: 'token',
      token: TOKEN,
      includeToken: false,
    });
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://localhost:3000/ws?room=1&x=2' --token "$TOKEN" --param token`,
    );
    expect(c.wscat).toBe('wscat -c "ws://localhost:3000/ws?room=1&x=2&token=$TOKEN"');
    expect(c.wsjwt).not.toContain('c2lnbmF0dXJl');
  });

  it('includes the real token, encoded and single-quoted, when asked', () => {
    const c = buildCopyCommands({
      url: 'ws://localhost:3000/',
      paramName: 'token',
      token: TOKEN,
      includeToken: true,
    });
    expect(c.wsjwt).toBe(`npx wsjwt probe 'ws://localhost:3000/' --token '${TOKEN}' --param token`);
    expect(c.wscat).toBe(`wscat -c 'ws://localhost:3000/?token=${TOKEN}'`);
    expect(c.websocat).toBe(`websocat 'ws://localhost:3000/?token=${TOKEN}'`);
    const odd = buildCopyCommands({
      url: 'ws://h:1',
      paramName: 'token',
      token: "a+b/c=d'e",
      includeToken: true,
    });
    expect(odd.wscat).toBe(`wscat -c 'ws://h:1?token=a%2Bb%2Fc%3Dd'\\''e'`);
    expect(odd.wsjwt).toContain(`--token 'a+b/c=d'\\''e'`);
  });

  it('falls back to the placeholder when there is no token to include', () => {
    expect(
      buildCopyCommands({ url: 'ws://h:1', paramName: 'token', token: '', includeToken: true }).wscat,
    ).toBe('wscat -c "ws://h:1?token=$TOKEN"');
  });

  it('uses the parameter name, --timeout and subprotocols', () => {
    const c = buildCopyCommands({
      url: 'wss://api.example.com/socket?access_token=old',
      paramName: 'access_token',
      token: TOKEN,
      includeToken: false,
      timeoutMs: 8000,
      protocols: ['graphql-transport-ws'],
    });
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'wss://api.example.com/socket' --token "$TOKEN" --param access_token --timeout 8000 --protocol graphql-transport-ws`,
    );
    expect(c.wscat).toBe(
      'wscat -c "wss://api.example.com/socket?access_token=$TOKEN" -s graphql-transport-ws',
    );
    expect(c.websocat).toBe(
      'websocat "wss://api.example.com/socket?access_token=$TOKEN" --protocol graphql-transport-ws',
    );
  });

  it('never lets the shell see a URL character it would interpret', () => {
    const c = buildCopyCommands({
      url: "ws://h:1/it's/$HOME/`id`/!x?a=1&b=2",
      paramName: 'token',
      token: TOKEN,
      includeToken: false,
    });
    expect(c.wsjwt).toContain(`'ws://h:1/it'\\''s/$HOME/\`id\`/!x?a=1&b=2'`);
    // The double-quoted form would expand $HOME: single quotes, then "$TOKEN".
    expect(c.wscat).toBe(`wscat -c 'ws://h:1/it'\\''s/$HOME/\`id\`/!x?a=1&b=2&token='"$TOKEN"`);
  });

  it('normalizes the Server URL as the console does (no scheme, http)', () => {
    expect(
      buildCopyCommands({ url: 'localhost:3000', paramName: 'token', token: '', includeToken: false }).wscat,
    ).toBe('wscat -c "ws://localhost:3000?token=$TOKEN"');
    expect(
      buildCopyCommands({ url: 'https://example.com/ws', paramName: '', token: '', includeToken: false })
        .websocat,
    ).toBe('websocat "wss://example.com/ws?token=$TOKEN"');
  });

  it('throws TypeError on misuse', () => {
    expect(() =>
      buildCopyCommands({ url: 1, paramName: 'token', token: '', includeToken: false } as never),
    ).toThrow(TypeError);
  });
});

describe('shellQuote and urlWithoutToken', () => {
  it('quotes only what needs it', () => {
    expect(shellQuote('token')).toBe('token');
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$x')).toBe(`'$x'`);
  });

  it('removes every copy of the parameter, encoded names included', () => {
    expect(urlWithoutToken('ws://h:1/?token=a&tok%65n=b&t=1', 'token')).toBe('ws://h:1/?t=1');
    expect(urlWithoutToken('ws://h:1/?token=a', 'token')).toBe('ws://h:1/');
  });
});
