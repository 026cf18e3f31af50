import { describe, expect, it } from 'vitest';
import { describeClaim, describedClaimNames } from './descriptions.ts';

describe('describeClaim', () => {
  it('RFC 7519 registered claims', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']) {
      expect(describeClaim(name)?.source).toMatch(/^RFC 7519/);
    }
    expect(describeClaim('exp')?.title).toBe('Expiration Time');
  });

  it('common OIDC claims', () => {
    for (const name of [
      'name',
      'email',
      'email_verified',
      'azp',
      'nonce',
      'auth_time',
      'acr',
      'amr',
      'at_hash',
      'sid',
      'scope',
      'scp',
      'roles',
      'groups',
      'preferred_username',
      'given_name',
      'family_name',
      'locale',
    ]) {
      expect(describeClaim(name), name).toBeDefined();
    }
  });

  it('JOSE header parameters, only in the header', () => {
    for (const name of ['alg', 'typ', 'kid', 'cty', 'jku', 'x5u', 'x5c', 'x5t', 'crit']) {
      expect(describeClaim(name, 'header')?.source, name).toMatch(/^RFC 751/);
    }
    expect(describeClaim('alg')).toBeUndefined();
    expect(describeClaim('kid', 'header')?.description).toContain('JWKS');
  });

  it('unknown names and prototype keys are undefined', () => {
    expect(describeClaim('favouriteColour')).toBeUndefined();
    expect(describeClaim('constructor')).toBeUndefined();
    expect(describeClaim('__proto__', 'header')).toBeUndefined();
  });

  it('every description is a sentence', () => {
    for (const where of ['payload', 'header'] as const) {
      for (const n of describedClaimNames(where))
        expect(describeClaim(n, where)?.description).toMatch(/[.)]$/);
    }
  });
});
