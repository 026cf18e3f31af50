import { describe, expect, it } from 'vitest';
import {
  buildSubprotocols,
  DEFAULT_SUBPROTOCOL_TEMPLATE,
  invalidProtocolCharacters,
  redactProtocols,
} from './subprotocols.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.abc-_DEF';

describe('buildSubprotocols', () => {
  it('the default offers access_token and the token', () => {
    const r = buildSubprotocols(DEFAULT_SUBPROTOCOL_TEMPLATE, JWT);
    expect(r.protocols).toEqual(['access_token', JWT]);
    expect(r.header).toBe(`access_token, ${JWT}`);
    expect(r.problems).toEqual([]);
  });

  it('{token} may sit inside an item (the Kubernetes convention)', () => {
    expect(buildSubprotocols('base64url.bearer.authorization.k8s.io.{token}', 'abc').protocols).toEqual([
      'base64url.bearer.authorization.k8s.io.abc',
    ]);
  });

  it('a base64url JWT is made of allowed characters; "=" "/" and spaces are not', () => {
    expect(invalidProtocolCharacters(JWT)).toEqual([]);
    expect(invalidProtocolCharacters('ab=c/d e').map((c) => c.char)).toEqual(['=', '/', ' ']);
    const r = buildSubprotocols('access_token, {token}', 'abc/def==');
    expect(r.problems[0]).toMatchObject({ code: 'ERR_PROTOCOL_CHARS', severity: 'error' });
    expect(r.problems[0]?.message).toContain('The token contains "/" at 3, "=" at 7');
    expect(buildSubprotocols('access_token, Bearer {token}', JWT).problems[0]?.message).toContain(
      '"Bearer {token}" (with the token) contains a space at 6',
    );
    const bearer = buildSubprotocols('{token}', `Bearer ${JWT}`);
    expect(bearer.problems[0]?.message).toContain('a space at 6');
  });

  it('empty items, duplicates and a missing {token}', () => {
    expect(buildSubprotocols('a,,{token}', 'x').problems.map((p) => p.code)).toEqual(['ERR_PROTOCOL_EMPTY']);
    expect(buildSubprotocols('a, a, {token}', 'x').problems.map((p) => p.code)).toEqual([
      'ERR_PROTOCOL_DUPLICATE',
    ]);
    expect(buildSubprotocols('chat', 'x').problems.map((p) => p.code)).toEqual(['WARN_NO_TOKEN_PLACEHOLDER']);
    expect(buildSubprotocols('', 'x').protocols).toEqual([]);
    const empty = buildSubprotocols('access_token, {token}', '');
    expect(empty.protocols).toEqual(['access_token']);
    expect(empty.problems.map((p) => p.code)).toEqual(['WARN_TOKEN_EMPTY']);
  });

  it('warns about very long headers', () => {
    expect(buildSubprotocols('{token}', 'a'.repeat(5000)).problems.map((p) => p.code)).toEqual([
      'WARN_HEADER_LONG',
    ]);
  });

  it('redacts the token for logs', () => {
    expect(redactProtocols(['access_token', JWT], JWT)).toBe('access_token, <token>');
  });
});
