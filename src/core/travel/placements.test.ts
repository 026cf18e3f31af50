import { describe, expect, it } from 'vitest';
import { cookieHeader, PLACEMENTS, placeToken, TOKEN_PLACEMENTS } from './placements.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.abc-_DEF';

describe('token placements', () => {
  it('five places, labelled as the console shows them', () => {
    expect(TOKEN_PLACEMENTS.map((p) => PLACEMENTS[p].label)).toEqual([
      'Query parameter',
      'Sec-WebSocket-Protocol header',
      'Cookie',
      'First message',
      'Authorization header (via local relay)',
    ]);
    expect(PLACEMENTS.header.browser).toBe('no');
  });

  it('query: only the query carries the token', () => {
    expect(placeToken({ placement: 'query', token: JWT, paramName: 'token' })).toEqual({
      queryToken: JWT,
      payloadToken: '',
      protocols: [],
      headers: {},
      problems: [],
    });
  });

  it('header: Authorization: Bearer, nothing in the URL', () => {
    const placed = placeToken({ placement: 'header', token: JWT, paramName: 'token' });
    expect(placed.headers).toEqual({ Authorization: `Bearer ${JWT}` });
    expect(placed.queryToken).toBe('');
  });

  it('cookie: named after the parameter; unsafe characters percent-encoded', () => {
    expect(placeToken({ placement: 'cookie', token: JWT, paramName: 'jwt' }).headers).toEqual({
      Cookie: `jwt=${JWT}`,
    });
    expect(cookieHeader('t', 'a;b c')).toBe('t=a%3Bb%20c');
    const bad = placeToken({ placement: 'cookie', token: JWT, paramName: 'a b' });
    expect(bad.problems.map((p) => p.code)).toEqual(['ERR_COOKIE_NAME']);
    expect(bad.headers).toEqual({});
  });

  it('first-message: the payload gets the token, nothing else does', () => {
    const placed = placeToken({
      placement: 'first-message',
      token: JWT,
      paramName: 'token',
      protocolSubprotocols: ['graphql-transport-ws'],
    });
    expect(placed).toMatchObject({ payloadToken: JWT, queryToken: '', protocols: ['graphql-transport-ws'] });
  });

  it("subprotocol: the protocol's own subprotocols first, then the template's", () => {
    const placed = placeToken({
      placement: 'subprotocol',
      token: JWT,
      paramName: 'token',
      protocolSubprotocols: ['graphql-transport-ws'],
    });
    expect(placed.protocols).toEqual(['graphql-transport-ws', 'access_token', JWT]);
    const bad = placeToken({ placement: 'subprotocol', token: 'Bearer x', paramName: 'token' });
    expect(bad.problems[0]?.code).toBe('ERR_SUBPROTOCOL');
  });

  it('an empty token is said, not sent', () => {
    const placed = placeToken({ placement: 'header', token: '', paramName: 'token' });
    expect(placed.headers).toEqual({});
    expect(placed.problems[0]?.code).toBe('WARN_TOKEN_EMPTY');
  });
});
