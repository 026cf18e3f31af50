import { describe, expect, it } from 'vitest';
import { browserCookiePlan } from './browser-cookie.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2ln';
const plan = (pageUrl: string, serverUrl: string, name = 'token') =>
  browserCookiePlan({ pageUrl, serverUrl, name, token: TOKEN });

describe('browserCookiePlan', () => {
  it('sets a host-only cookie for a server on the same host, whatever the port', () => {
    const p = plan('http://localhost:5173/', 'ws://localhost:3000/ws');
    expect(p).toMatchObject({ ok: true, pair: `token=${TOKEN}` });
    if (!p.ok) return;
    expect(p.set).toBe(`token=${TOKEN}; Path=/; SameSite=Strict; Max-Age=60`);
    expect(p.remove).toBe('token=; Path=/; SameSite=Strict; Max-Age=0');
    expect(p.domain).toBeUndefined();
  });

  it('is Secure on an https page', () => {
    const p = plan('https://app.example.com/', 'wss://app.example.com/ws');
    expect(p.ok && p.set).toContain('; Secure');
  });

  it('uses the parent domain a page and a server share', () => {
    const p = plan('https://console.example.com/', 'wss://api.example.com/ws');
    expect(p).toMatchObject({ ok: true, domain: 'example.com' });
    expect(p.ok && p.remove).toContain('Domain=example.com');
  });

  it('says plainly that 127.0.0.1 is another site than localhost, and what to do', () => {
    const p = plan('http://localhost:5173/', 'ws://127.0.0.1:3000');
    expect(p).toMatchObject({ ok: false, code: 'COOKIE_OTHER_SITE' });
    if (p.ok) return;
    expect(p.message).toContain('different sites to the browser');
    expect(p.message).toContain('Open the console on 127.0.0.1');
    expect(p.message).toContain('Authorization header (via local relay)');
  });

  it('refuses a remote host and an unreadable address', () => {
    expect(plan('http://localhost:5173/', 'wss://api.example.com/ws')).toMatchObject({
      ok: false,
      code: 'COOKIE_OTHER_SITE',
    });
    expect(plan('http://localhost:5173/', 'not a url')).toMatchObject({ ok: false, code: 'COOKIE_BAD_URL' });
    expect(plan('file:///index.html', 'ws://localhost:3000')).toMatchObject({
      ok: false,
      code: 'COOKIE_BAD_URL',
    });
  });

  it('a refusal carries its reason and its fix apart (the diagnosis uses them), and both in the message', () => {
    const p = plan('http://localhost:5173/', 'ws://127.0.0.1:3000');
    if (p.ok) throw new Error('expected a refusal');
    expect(p.reason).toContain('The browser cannot send a cookie to 127.0.0.1');
    expect(p.reason).not.toContain('Open the console');
    expect(p.fix).toMatch(/^Open the console on 127\.0\.0\.1/);
    expect(p.message).toBe(`${p.reason} ${p.fix}`);
  });

  it('encodes a token a cookie value cannot hold', () => {
    const p = browserCookiePlan({
      pageUrl: 'http://localhost/',
      serverUrl: 'ws://localhost:1',
      name: 'jwt',
      token: 'a b;c',
    });
    expect(p.ok && p.pair).toBe('jwt=a%20b%3Bc');
  });
});
