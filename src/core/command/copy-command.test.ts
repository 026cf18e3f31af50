import { describe, expect, it } from 'vitest';
import { plantedLeaks, plantSecrets } from '../redact/planted.test-helpers.ts';
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
      `npx wsjwt probe 'wss://api.example.com/socket' --token "$TOKEN" --param access_token --timeout 8000 --subprotocol graphql-transport-ws`,
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

describe('credentials in the Server URL (issue 16: nothing secret is copied unasked)', () => {
  const NOW = Date.UTC(2026, 10, 27, 4, 0, 0);

  for (const includeToken of [false, true]) {
    it(`leaves out the userinfo, api_key, an old token and a JWT in any parameter or the path (includeToken ${includeToken})`, async () => {
      const p = await plantSecrets(NOW);
      const c = buildCopyCommands({
        url: `${p.serverUrl('localhost:3000', `/rooms/${p.oldToken}/ws`)}&state=${p.oldToken}&room=7`,
        paramName: 'token',
        token: p.token,
        includeToken,
      });
      const copied = [c.wsjwt, c.wscat, c.websocat].join('\n');
      // The token itself is the only thing the opt-in lets in.
      expect(plantedLeaks(copied, p, { revealToken: includeToken })).toEqual([]);
      expect(c.variables).toEqual([
        { name: 'WS_USERINFO', what: 'the userinfo' },
        { name: 'URL_TOKEN', what: 'a token in the path' },
        { name: 'API_KEY', what: 'the value of api_key' },
        { name: 'ACCESS_TOKEN', what: 'the value of access_token' },
        { name: 'STATE', what: 'the value of state' },
      ]);
      expect(c.wsjwt).toContain(
        `'ws://'"$WS_USERINFO"'@localhost:3000/rooms/'"$URL_TOKEN"'/ws?api_key='"$API_KEY"'&access_token='"$ACCESS_TOKEN"'&state='"$STATE"'&room=7'`,
      );
      expect(JSON.stringify(c.variables)).not.toContain(p.apiKey);
    });
  }

  it('keeps the double-quoted form when it can, with each credential a variable', () => {
    const c = buildCopyCommands({
      url: 'ws://bob:pw@h:1/ws?api_key=k1&room=1',
      paramName: 'token',
      token: '',
      includeToken: false,
    });
    expect(c.wscat).toBe('wscat -c "ws://$WS_USERINFO@h:1/ws?api_key=$API_KEY&room=1&token=$TOKEN"');
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://'"$WS_USERINFO"'@h:1/ws?api_key='"$API_KEY"'&room=1' --token "$TOKEN" --param token`,
    );
  });

  it('names the variables for the shell: no clash with $TOKEN, unique, never starting with a digit', () => {
    const c = buildCopyCommands({
      url: 'ws://h:1/?TOKEN=a&api-key=b&api_key=c&2fa_secret=d',
      paramName: 'access_token',
      token: '',
      includeToken: false,
    });
    expect(c.variables.map((v) => v.name)).toEqual(['URL_TOKEN', 'API_KEY', 'API_KEY_2', 'URL_2FA_SECRET']);
    expect(c.wscat).toContain('URL_TOKEN&api-key=$API_KEY&api_key=$API_KEY_2&2fa_secret=$URL_2FA_SECRET&');
  });

  it('a URL without credentials has no variables and is copied as before', () => {
    expect(
      buildCopyCommands({ url: 'ws://h:1/?room=1', paramName: 'token', token: '', includeToken: false })
        .variables,
    ).toEqual([]);
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

describe('Copy as command with a protocol and where the token travels', () => {
  const base = { paramName: 'token', token: TOKEN, includeToken: false } as const;

  it('header: wscat/websocat -H "Authorization: Bearer $TOKEN", wsjwt --travel header, no token in the URL', () => {
    const c = buildCopyCommands({ ...base, url: 'ws://localhost:3000/ws', travel: 'header' });
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://localhost:3000/ws' --token "$TOKEN" --param token --travel header`,
    );
    expect(c.wscat).toBe('wscat -c "ws://localhost:3000/ws" -H "Authorization: Bearer $TOKEN"');
    expect(c.websocat).toBe('websocat "ws://localhost:3000/ws" -H "Authorization: Bearer $TOKEN"');
    expect(c.notes).toEqual([]);
  });

  it('cookie: named after the parameter', () => {
    const c = buildCopyCommands({ ...base, paramName: 'jwt', url: 'ws://h:1', travel: 'cookie' });
    expect(c.wscat).toBe('wscat -c "ws://h:1" -H "Cookie: jwt=$TOKEN"');
  });

  it('subprotocol: -s access_token -s "$TOKEN"', () => {
    const c = buildCopyCommands({ ...base, url: 'ws://h:1', travel: 'subprotocol' });
    expect(c.wscat).toBe('wscat -c "ws://h:1" -s access_token -s "$TOKEN"');
    expect(c.wsjwt).toContain('--travel subprotocol');
  });

  it('graphql-ws: the subprotocol, and connection_init sent with -x (waiting for the answer)', () => {
    const c = buildCopyCommands({
      ...base,
      url: 'ws://h:4000/graphql',
      protocol: 'graphql-ws',
      timeoutMs: 3000,
    });
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://h:4000/graphql' --token "$TOKEN" --param token --timeout 3000 --protocol graphql-ws`,
    );
    expect(c.wscat).toBe(
      `wscat -c "ws://h:4000/graphql" -s graphql-transport-ws -x '{"type":"connection_init","payload":{"token":"'"$TOKEN"'"}}' -w 3`,
    );
    expect(c.websocat).toBe(
      `{ printf '%s\\n' '{"type":"connection_init","payload":{"token":"'"$TOKEN"'"}}'; cat; } | websocat "ws://h:4000/graphql" --protocol graphql-transport-ws`,
    );
  });

  it('Socket.IO: the Engine.IO address, CONNECT with auth; a changed payload is passed to wsjwt as a template', () => {
    const c = buildCopyCommands({
      ...base,
      url: 'ws://h:3000',
      protocol: 'socket.io',
      payload: '{"jwt": "{token}"}',
    });
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://h:3000' --token "$TOKEN" --param token --protocol socket.io --payload '{"jwt": "{token}"}'`,
    );
    expect(c.wscat).toBe(
      `wscat -c "ws://h:3000/socket.io/?EIO=4&transport=websocket" -x '40{"jwt":"'"$TOKEN"'"}' -w 5`,
    );
  });

  it('Socket.IO with the token in the query: on the Engine.IO address', () => {
    const c = buildCopyCommands({ ...base, url: 'ws://h:3000', protocol: 'socket.io', travel: 'query' });
    expect(c.wscat).toBe(
      `wscat -c "ws://h:3000/socket.io/?EIO=4&transport=websocket&token=$TOKEN" -x "40" -w 5`,
    );
    expect(c.wsjwt).toContain('--protocol socket.io --travel query');
  });

  it('STOMP: the tools connect with the subprotocols and the header, and a note says why no frame', () => {
    const c = buildCopyCommands({ ...base, url: 'ws://h:61614/ws', protocol: 'stomp' });
    expect(c.wscat).toBe('wscat -c "ws://h:61614/ws" -s v12.stomp -s v11.stomp -s v10.stomp');
    expect(c.notes[0]).toContain('NUL byte');
    expect(c.wsjwt).toContain('--protocol stomp');
  });

  it('extra headers go to every tool; included tokens are written as is', () => {
    const c = buildCopyCommands({
      ...base,
      includeToken: true,
      url: 'ws://h:1',
      travel: 'header',
      headers: { 'X-Tenant': 'acme corp' },
    });
    expect(c.wscat).toBe(`wscat -c "ws://h:1" -H "Authorization: Bearer ${TOKEN}" -H 'X-Tenant: acme corp'`);
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://h:1' --token '${TOKEN}' --param token --travel header --header 'X-Tenant: acme corp'`,
    );
  });

  it('subprotocol: the Subprotocols template as the console offers it, and --subprotocol-template for wsjwt', () => {
    const c = buildCopyCommands({
      ...base,
      url: 'ws://h:1',
      travel: 'subprotocol',
      subprotocolTemplate: 'bearer, jwt.{token}',
    });
    expect(c.wscat).toBe('wscat -c "ws://h:1" -s bearer -s "jwt.$TOKEN"');
    expect(c.websocat).toBe('websocat "ws://h:1" --protocol bearer --protocol "jwt.$TOKEN"');
    expect(c.wsjwt).toBe(
      `npx wsjwt probe 'ws://h:1' --token "$TOKEN" --param token --travel subprotocol --subprotocol-template 'bearer, jwt.{token}'`,
    );
    // The default template needs no flag.
    const d = buildCopyCommands({
      ...base,
      url: 'ws://h:1',
      travel: 'subprotocol',
      subprotocolTemplate: 'access_token,{token}',
    });
    expect(d.wsjwt).not.toContain('--subprotocol-template');
  });

  it('graphql-ws with the token in the subprotocol: both subprotocols, connection_init without the token', () => {
    const c = buildCopyCommands({
      ...base,
      url: 'ws://h:1/graphql',
      protocol: 'graphql-ws',
      travel: 'subprotocol',
    });
    expect(c.wscat).toBe(
      `wscat -c "ws://h:1/graphql" -s graphql-transport-ws -s access_token -s "$TOKEN" -x '{"type":"connection_init","payload":{}}' -w 5`,
    );
  });

  it('Socket.IO: a note says wscat and websocat do not answer Engine.IO pings', () => {
    const c = buildCopyCommands({ ...base, url: 'ws://h:3000', protocol: 'socket.io' });
    expect(c.notes.join(' ')).toContain('do not answer its pings');
    expect(buildCopyCommands({ ...base, url: 'ws://h:1', protocol: 'graphql-ws' }).notes).toEqual([]);
  });
});
