import { describe, expect, it } from 'vitest';
import { checkXrayRequest, isLoopbackAddress, isLoopbackHostHeader } from './security.ts';
import type { XrayRequestFacts } from './security.ts';

const good: XrayRequestFacts = {
  method: 'POST',
  host: 'localhost:5173',
  origin: 'http://localhost:5173',
  remoteAddress: '127.0.0.1',
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
      expect(checkXrayRequest({ ...good, ...facts })).toMatchObject({ ok: true });
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
    ['PUT', { method: 'PUT' }, 405],
    ['OPTIONS (a preflight gets no CORS grant)', { method: 'OPTIONS' }, 405],
  ];
  for (const [name, facts, status] of refused) {
    it(`refuses ${name} with ${status}`, () => {
      const result = checkXrayRequest({ ...good, ...facts });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(status);
        expect(result.error).not.toBe('');
      }
    });
  }

  it('refuses a foreign OPTIONS preflight as 403, not 405', () => {
    expect(checkXrayRequest({ ...good, method: 'OPTIONS', origin: 'https://evil.example' })).toMatchObject({
      ok: false,
      status: 403,
    });
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
