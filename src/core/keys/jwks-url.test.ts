import { describe, expect, it } from 'vitest';
import { checkJwksUrl, explainJwksFetchFailure, readJwksResponse } from './jwks-url.ts';

describe('checkJwksUrl', () => {
  it('accepts http(s) URLs', () => {
    expect(checkJwksUrl(' https://issuer.example/.well-known/jwks.json ')).toEqual({
      ok: true,
      url: 'https://issuer.example/.well-known/jwks.json',
    });
  });
  it('refuses empty, non-URLs, other schemes and mixed content', () => {
    expect(checkJwksUrl('').ok).toBe(false);
    expect(checkJwksUrl('issuer/jwks').ok).toBe(false);
    expect(checkJwksUrl('ws://x/jwks').ok).toBe(false);
    const mixed = checkJwksUrl('http://x/jwks', 'https:');
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.message).toContain('mixed content');
  });
});

describe('explainJwksFetchFailure', () => {
  it('explains CORS in plain language', () => {
    const m = explainJwksFetchFailure({
      kind: 'cors',
      url: 'http://127.0.0.1:9/jwks.json',
      pageOrigin: 'http://localhost:5173',
    });
    expect(m).toContain('The browser blocked reading http://127.0.0.1:9/jwks.json');
    expect(m).toContain('no Access-Control-Allow-Origin');
    expect(m).toContain('http://localhost:5173');
    expect(m).toContain('paste the JWKS JSON');
  });
  it('explains the other failures', () => {
    const base = { url: 'u', pageOrigin: 'o' };
    expect(explainJwksFetchFailure({ ...base, kind: 'unreachable' })).toContain('nothing answered');
    expect(explainJwksFetchFailure({ ...base, kind: 'http-status', status: 404 })).toContain('HTTP 404');
    expect(explainJwksFetchFailure({ ...base, kind: 'not-json', detail: 'x' })).toContain(
      'did not answer JSON',
    );
  });
});

describe('readJwksResponse', () => {
  it('a JWKS, a bare JWK, a discovery document, and neither', () => {
    expect(readJwksResponse('{"keys":[{"kty":"RSA"}]}')).toMatchObject({ kind: 'jwks', keyCount: 1 });
    expect(readJwksResponse('{"kty":"EC"}')).toMatchObject({ kind: 'jwks', keyCount: 1 });
    expect(readJwksResponse('{"issuer":"i","jwks_uri":"https://i/jwks"}')).toEqual({
      kind: 'discovery',
      jwksUri: 'https://i/jwks',
    });
    expect(readJwksResponse('<html>')).toMatchObject({ kind: 'invalid', failure: 'not-json' });
    expect(readJwksResponse('{"a":1}')).toMatchObject({ kind: 'invalid', failure: 'not-jwks' });
  });
});
