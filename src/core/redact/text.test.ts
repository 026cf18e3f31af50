import { describe, expect, it } from 'vitest';
import { createRedactor } from './text.ts';

const TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMiLCJyb2xlIjoicHJpbmNpcGFsIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const SIGNATURE = TOKEN.split('.')[2] ?? '';
const OLD = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJvbGQifQ.b2xkLXNpZ25hdHVyZS1vZi10aGUtb2xk';
const URL = `ws://alice:pa55word@localhost:3000/?api_key=K3y-0123456789&access_token=${OLD}`;

describe('createRedactor', () => {
  it('short secrets are not searched for (they would match ordinary words)', () => {
    const r = createRedactor({ tokens: [], secrets: ['abc'] });
    expect(r('abcdef')).toBe('abcdef');
  });

  it('a secret that is a word of the placeholder still disappears', () => {
    const r = createRedactor({ tokens: [], secrets: ['secret'] });
    expect(r('my secret is secret')).not.toContain('secret');
  });

  it('removes URL-encoded secrets and tokens', () => {
    const r = createRedactor({ tokens: ['aaaa.bbbb.cccccccccc'], secrets: ['p@ss word!'] });
    expect(r('x=p%40ss%20word!&t=aaaa.bbbb.cccccccccc sig=cccccccccc')).toBe(
      'x=<secret redacted>&t=<token redacted> sig=<signature redacted>',
    );
  });

  it("removes the typed URL's credentials wherever they turn up, in any form", () => {
    const r = createRedactor({ tokens: [], secrets: [], urls: [URL], tokenParams: ['token'] });
    const echoed = r(`{"user":"alice","password":"pa55word","key":"K3y-0123456789","old":"${OLD}"} ${URL}`);
    expect(echoed).not.toContain('pa55word');
    expect(echoed).not.toContain('K3y-0123456789');
    expect(echoed).not.toContain(OLD.split('.')[2]);
    expect(echoed).toContain('ws://<redacted>@localhost:3000/?api_key=<redacted>&access_token=<redacted>');
  });

  it('credentials of URLs it was not told about: userinfo, credential-named parameters, JWT values', () => {
    const r = createRedactor({ tokens: [], secrets: [] });
    expect(r('GET /ws?room=1&apiKey=zzzz&x=1 from http://bob:hunter2@h/')).toBe(
      'GET /ws?room=1&apiKey=<redacted>&x=1 from http://<redacted>@h/',
    );
    expect(r(`see ws://h/?q=${OLD}`)).toBe('see ws://h/?q=<redacted>');
  });

  it('a token cut in the middle (a clipped body or reason) is still removed, the rest of the text kept', () => {
    const r = createRedactor({ tokens: [TOKEN], secrets: [] });
    const cut = TOKEN.slice(0, 60);
    expect(r(`Body: "token=${cut}…"`)).toBe('Body: "token=<token redacted>…"');
    // Another token with the same header is not mistaken for it.
    expect(r(OLD)).toBe(`${OLD.split('.').slice(0, 2).join('.')}.<signature redacted>`);
  });

  it('a long secret cut after 12 characters or more is removed; a short one only whole', () => {
    const r = createRedactor({ tokens: [], secrets: ['a-very-long-server-secret-value'] });
    expect(r('expected a-very-long-ser… got')).toBe('expected <secret redacted>… got');
    expect(r('a-very-long')).toBe('a-very-long');
  });

  it('revealTokens (--show-token) keeps the token, never the secret or the other credentials', () => {
    const r = createRedactor({
      tokens: [TOKEN],
      secrets: ['the-secret-value'],
      urls: [`${URL}&token=${TOKEN}`],
      tokenParams: ['token'],
      revealTokens: true,
    });
    const out = r(`${URL}&token=${TOKEN} secret the-secret-value`);
    expect(out).toContain(`token=${TOKEN}`);
    expect(out).not.toContain('the-secret-value');
    expect(out).not.toContain('pa55word');
    expect(out).not.toContain(OLD.split('.')[2]);
  });

  it('is idempotent: redacted text goes through unchanged', () => {
    const r = createRedactor({ tokens: [TOKEN], secrets: ['the-secret-value'], urls: [URL] });
    const once = r(`${URL} ${TOKEN} ${SIGNATURE} the-secret-value`);
    expect(r(once)).toBe(once);
  });
});
