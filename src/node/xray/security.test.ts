import { describe, expect, it } from 'vitest';
import type { LocalAccessPolicy } from '../guard/local-request.ts';
import { checkXrayRequest, isLoopbackAddress, isLoopbackHostHeader } from './security.ts';
import type { XrayRequestFacts } from './security.ts';

const TOKEN = 'this-launch-0123456789abcdefghijklmnopqrstuv';
const policy: LocalAccessPolicy = { sessionToken: TOKEN };

const good: XrayRequestFacts = {
  method: 'POST',
  host: 'localhost:5173',
  origin: 'http://localhost:5173',
  remoteAddress: '127.0.0.1',
  session: TOKEN,
};

describe('checkXrayRequest', () => {
  const allowed: Array<[string, Partial<XrayRequestFacts>]> = [
    ['the console at localhost', {}],
    ['the console at 127.0.0.1', { host: '127.0.0.1:4173', origin: 'http://127.0.0.1:4173' }],
    ['the console at [::1]', { host: '[::1]:5173', origin: 'http://[::1]:5173', remoteAddress: '::1' }],
    ['an IPv4-mapped loopback peer', { remoteAddress: '::ffff:127.0.0.1' }],
    ['GET (availability)', { method: 'GET' }],
    ['a same-origin GET, which browsers send without Origin', { method: 'GET', origin: undefined }],
    ['a console served over https', { origin: 'https://localhost:5173' }],
    ['no port (port 80)', { host: 'localhost', origin: 'http://localhost' }],
    ['host name case', { host: 'LocalHost:5173', origin: 'http://localhost:5173' }],
  ];
  for (const [name, facts] of allowed) {
    it(`allows ${name}`, () => {
      expect(checkXrayRequest({ ...good, ...facts }, policy)).toMatchObject({ ok: true });
    });
  }

  const refused: Array<[string, Partial<XrayRequestFacts>, number]> = [
    ['a foreign Origin (another web page)', { origin: 'https://evil.example' }, 403],
    ['another local port as Origin (another local app)', { origin: 'http://localhost:3001' }, 403],
    ['a POST without Origin', { origin: undefined }, 403],
    ['a GET with a foreign Origin', { method: 'GET', origin: 'https://evil.example' }, 403],
    ['Origin "null" (sandboxed iframe, file://)', { origin: 'null' }, 403],
    [
      'DNS rebinding: Host and Origin both the attacker name',
      { host: 'evil.example:5173', origin: 'http://evil.example:5173' },
      403,
    ],
    [
      'a Host that only resolves to loopback',
      { host: 'localtest.me:5173', origin: 'http://localtest.me:5173' },
      403,
    ],
    ['a missing Host', { host: undefined }, 403],
    [
      'a non-loopback peer (the server bound to 0.0.0.0, reached over the LAN)',
      { remoteAddress: '192.168.1.20' },
      403,
    ],
    ['a non-loopback IPv6 peer', { remoteAddress: 'fe80::1' }, 403],
    ['an unknown peer', { remoteAddress: undefined }, 403],
    ['a scheme other than http(s) in Origin', { origin: 'ws://localhost:5173' }, 403],
    [
      'a request without the session token (any page can send Host and Origin right: curl)',
      { session: undefined },
      403,
    ],
    ['a GET without the session token', { method: 'GET', origin: undefined, session: undefined }, 403],
    ['a token of an earlier launch', { session: TOKEN.replace('0', '1') }, 403],
    ['a token cut short', { session: TOKEN.slice(0, -1) }, 403],
    ['an empty token', { session: '' }, 403],
    ['PUT', { method: 'PUT' }, 405],
    ['OPTIONS (a preflight gets no CORS grant)', { method: 'OPTIONS' }, 405],
  ];
  for (const [name, facts, status] of refused) {
    it(`refuses ${name} with ${status}`, () => {
      const result = checkXrayRequest({ ...good, ...facts }, policy);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(status);
        expect(result.error).not.toBe('');
      }
    });
  }

  it('refuses a foreign OPTIONS preflight as 403, not 405', () => {
    expect(
      checkXrayRequest({ ...good, method: 'OPTIONS', origin: 'https://evil.example' }, policy),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe('checkXrayRequest with --allow-remote', () => {
  const remote: LocalAccessPolicy = { sessionToken: TOKEN, remoteHosts: ['192.168.1.5'] };
  const lan = { host: '192.168.1.5:5173', origin: 'http://192.168.1.5:5173', remoteAddress: '192.168.1.20' };

  it('answers a LAN peer that opened the console at the bound address, with the token', () => {
    expect(checkXrayRequest({ ...good, ...lan }, remote)).toMatchObject({ ok: true });
    expect(
      checkXrayRequest({ ...good, ...lan, host: '[::1]:5173', origin: 'http://[::1]:5173' }, remote),
    ).toMatchObject({ ok: true });
  });

  it('still refuses other Host names (rebinding), foreign Origins and a missing token', () => {
    for (const facts of [
      { ...lan, host: 'evil.example:5173', origin: 'http://evil.example:5173' },
      { ...lan, origin: 'http://evil.example' },
      { ...lan, session: undefined },
    ])
      expect(checkXrayRequest({ ...good, ...facts }, remote)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('loopback helpers', () => {
  it('isLoopbackAddress', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['0.0.0.0', '10.0.0.1', '::', '::ffff:10.0.0.1', '', undefined, '128.0.0.1'])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });
  it('isLoopbackHostHeader', () => {
    for (const h of ['localhost', 'localhost:5173', '127.0.0.1:1', '[::1]:80', '[::1]'])
      expect(isLoopbackHostHeader(h), h).toBe(true);
    for (const h of [
      'localhost.evil.example',
      'evil.localhost',
      '127.0.0.2',
      'localhost:99999',
      'localhost:',
      '::1',
      '',
      undefined,
    ])
      expect(isLoopbackHostHeader(h), String(h)).toBe(false);
  });
});

describe('the console and the server name the token alike', () => {
  it('the same header and <meta> name on both sides', async () => {
    const guard = await import('../guard/local-request.ts');
    const store = await import('../../store/xray.ts');
    expect(store.SESSION_HEADER).toBe(guard.SESSION_HEADER);
    expect(store.SESSION_META_NAME).toBe(guard.SESSION_META_NAME);
    expect(guard.withSessionMeta('<head></head>', 'abc')).toBe(
      `<head><meta name="${store.SESSION_META_NAME}" content="abc"></head>`,
    );
  });
});
