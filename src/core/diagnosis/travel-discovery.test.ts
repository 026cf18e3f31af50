// Travel discovery in the diagnosis: the same token tried in other places decides whether the place was the
// problem (token-travel-mismatch, naming the place the server accepts) or the token itself.
import { describe, expect, it } from 'vitest';
import type { DiscoveryAttemptResult, TravelDiscovery } from '../travel/discovery-read.ts';
import { diagnose } from './diagnose.ts';
import { e, evidence, NOW } from './fixtures.test-helpers.ts';
import { forSurface } from './surface.ts';

const NO_AUTH =
  '{"statusCode":401,"code":"FST_JWT_NO_AUTHORIZATION_IN_HEADER","error":"Unauthorized","message":"No Authorization was found in request.headers"}';
const BAD_SIG =
  '{"statusCode":401,"code":"FST_JWT_AUTHORIZATION_TOKEN_INVALID","error":"Unauthorized","message":"Authorization token is invalid: The token signature is invalid."}';

const refused401 = [e.connecting(), e.unexpected(4, 401, 'Unauthorized', {}, NO_AUTH)];

const HEADER = { placement: 'header', label: 'the Authorization header (Bearer)' } as const;
const COOKIE = { placement: 'cookie', name: 'token', label: 'a cookie token=' } as const;
const ACCESS = { placement: 'query', name: 'access_token', label: '?access_token=' } as const;

function discovery(attempts: DiscoveryAttemptResult[], over: Partial<TravelDiscovery> = {}): TravelDiscovery {
  return {
    used: { placement: 'query', name: 'token', label: '?token=' },
    protocol: 'plain',
    attempts,
    ...over,
  };
}

const noAuthRefusal = {
  verdict: 'refused',
  how: 'HTTP 401',
  status: 401,
  words: NO_AUTH,
  cause: 'token-missing',
  dialect: 'fastify-jwt',
} as const;

describe('travel discovery in the diagnosis', () => {
  it('the server accepts the Authorization header: token-travel-mismatch first, naming it, with the @fastify/jwt fix', () => {
    const ev = evidence({
      events: refused401,
      tokenTravel: 'query',
      travelDiscovery: discovery([
        { ...HEADER, verdict: 'accepted', how: '101, still open after 500 ms' },
        { ...COOKIE, ...noAuthRefusal },
      ]),
    });
    const [first] = diagnose(ev, NOW);
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.confidence).toBe('high');
    expect(first?.evidence[0]).toContain('accepts this token in the Authorization header');
    expect(first?.evidence.join('\n')).toMatch(
      /Tried the token in 2 other places: .*a cookie token= refused \(HTTP 401/,
    );
    expect(first?.fix.join('\n')).toContain('extractToken');
    expect(first?.fix.join('\n')).toContain('Set Token travels in to Authorization header (via local relay)');
    // The catalog's generic "send it in the query" is not offered: the query is what the server ignores.
    expect(first?.fix.join('\n')).not.toContain("the guide's server reads ?token=");
    const cli = forSurface([first!], 'cli')[0];
    expect(cli?.fix.join('\n')).toContain('Use --travel header');
    expect(cli?.evidence[0]).toContain('Authorization header');
  });

  it('sent as a subprotocol, found in the header: the guess "most likely the query string" gives way', () => {
    const ev = evidence({
      events: refused401,
      tokenTravel: 'subprotocol',
      offeredProtocols: ['access_token', 'x'],
      travelDiscovery: discovery([{ ...HEADER, verdict: 'accepted', how: '101' }], {
        used: { placement: 'subprotocol', label: 'the Sec-WebSocket-Protocol header' },
      }),
    });
    const [first] = diagnose(ev, NOW);
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.evidence[0]).toContain('accepts this token in the Authorization header');
    expect(first?.evidence.join('\n')).not.toContain('most likely the query string');
    expect(first?.evidence.join('\n')).toContain('No Authorization was found');
  });

  it('another query name accepted: Set Token parameter to it', () => {
    const ev = evidence({
      events: [e.connecting(), e.open(4), e.close(8, 1008, 'missing token')],
      travelDiscovery: discovery([{ ...ACCESS, verdict: 'accepted', how: '101, still open after 500 ms' }]),
    });
    const [first] = diagnose(ev, NOW);
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.fix[0]).toBe('Set Token parameter to access_token');
    expect(forSurface([first!], 'cli')[0]?.fix[0]).toBe('Set --param to access_token');
  });

  it('where it was sent the server read a token and named its fault ("jwt malformed"): that stays first', () => {
    const ev = evidence({
      events: [e.connecting(), e.open(4), e.close(8, 1008, 'jwt malformed')],
      travelDiscovery: discovery([{ ...ACCESS, verdict: 'accepted', how: '101, still open after 500 ms' }]),
    });
    const causes = diagnose(ev, NOW);
    expect(causes[0]?.cause).not.toBe('token-travel-mismatch');
    const mismatch = causes.find((c) => c.cause === 'token-travel-mismatch');
    expect(mismatch?.confidence).toBe('low');
    expect(mismatch?.evidence[0]).toContain('also accepts this token in ?access_token=');
  });

  it('a wrong-secret token: refused in every place, the header says why — secret-mismatch first, no mismatch', () => {
    const ev = evidence({
      events: refused401,
      travelDiscovery: discovery([
        {
          ...HEADER,
          verdict: 'refused',
          how: 'HTTP 401',
          status: 401,
          words: BAD_SIG,
          cause: 'secret-mismatch',
          dialect: 'fastify-jwt',
        },
        { ...COOKIE, ...noAuthRefusal },
      ]),
    });
    const causes = diagnose(ev, NOW);
    expect(causes[0]?.cause).toBe('secret-mismatch');
    expect(causes[0]?.evidence.join('\n')).toContain('The token signature is invalid');
    expect(causes.map((c) => c.cause)).not.toContain('token-travel-mismatch');
  });

  it('where it was sent the server named the signature: "malformed" from an extractor elsewhere does not override it', () => {
    const ev = evidence({
      events: [e.connecting(), e.unexpected(4, 401, 'Unauthorized', {}, BAD_SIG)],
      travelDiscovery: discovery([
        {
          ...HEADER,
          verdict: 'refused',
          how: 'HTTP 401',
          status: 401,
          words: '{"message":"Authorization token is invalid: The token is malformed."}',
          cause: 'token-malformed',
          dialect: 'fastify-jwt',
        },
      ]),
    });
    expect(diagnose(ev, NOW)[0]?.cause).toBe('secret-mismatch');
  });

  it('every place refused alike: a mismatch guessed from "no token" words is lowered, not first', () => {
    const ev = evidence({
      events: refused401,
      tokenTravel: 'subprotocol',
      offeredProtocols: ['access_token', 'x'],
      travelDiscovery: discovery(
        [
          { ...HEADER, ...noAuthRefusal },
          { ...ACCESS, ...noAuthRefusal },
        ],
        { used: { placement: 'subprotocol', label: 'the Sec-WebSocket-Protocol header' } },
      ),
    });
    const causes = diagnose(ev, NOW);
    expect(causes[0]?.cause).not.toBe('token-travel-mismatch');
    expect(causes.find((c) => c.cause === 'token-travel-mismatch')?.confidence).toBe('low');
  });

  it('nothing could be tried: the guess stays, lower, and says it was not checked', () => {
    const base = evidence({
      events: refused401,
      tokenTravel: 'subprotocol',
      offeredProtocols: ['access_token', 'x'],
    });
    expect(diagnose(base, NOW).find((c) => c.cause === 'token-travel-mismatch')?.confidence).toBe('high');
    const notRun = diagnose({ ...base, travelDiscovery: discovery([], { notRun: 'no x-ray helper' }) }, NOW);
    const guess = notRun.find((c) => c.cause === 'token-travel-mismatch');
    expect(guess?.confidence).toBe('low');
    expect(guess?.evidence.join('\n')).toContain('Not checked');
  });

  it('Socket.IO: the fix names socket.handshake.auth.token', () => {
    const ev = evidence({
      events: refused401,
      travelDiscovery: discovery([{ ...HEADER, verdict: 'accepted', how: '101, CONNECT' }], {
        protocol: 'socket.io',
      }),
    });
    expect(diagnose(ev, NOW)[0]?.fix.join('\n')).toContain('socket.handshake.auth.token');
  });
});

describe('a token that never left the browser (the travel cookie could not be set)', () => {
  const NOT_SENT = {
    reason: 'The browser cannot send a cookie to 127.0.0.1: a page sets cookies only for its own site.',
    fix: 'Open the console on 127.0.0.1 (any port: cookies ignore ports).',
  };
  const closedNoCookie = [e.connecting(), e.open(5), e.close(9, 1008, 'No token cookie', true)];
  const USED = { placement: 'cookie', name: 'token', label: 'a cookie token=' } as const;

  it('the server\'s "no token" is about the browser: token-missing first, not "it reads the token elsewhere"', () => {
    const ev = evidence({ events: closedNoCookie, tokenTravel: 'cookie', tokenNotSent: NOT_SENT });
    const causes = diagnose(ev, NOW);
    expect(causes[0]?.cause).toBe('token-missing');
    expect(causes[0]?.confidence).toBe('high');
    expect(causes[0]?.evidence).toContain(`No token was sent: ${NOT_SENT.reason}`);
    expect(causes[0]?.fix).toEqual([NOT_SENT.fix]);
    expect(causes.map((c) => c.cause)).not.toContain('token-travel-mismatch');
    expect(JSON.stringify(causes)).not.toContain('Your token was sent in a cookie');
    // The same evidence with the cookie sent: the mismatch guess stands (the control for the above).
    const sent = diagnose(evidence({ events: closedNoCookie, tokenTravel: 'cookie' }), NOW);
    expect(sent[0]?.cause).toBe('token-travel-mismatch');
  });

  it('the helper sent the cookie and the server accepted it: said as evidence, no mismatch to the same place', () => {
    const ev = evidence({
      events: closedNoCookie,
      tokenTravel: 'cookie',
      tokenNotSent: NOT_SENT,
      travelDiscovery: discovery(
        [
          { ...USED, verdict: 'accepted', how: '101, still open after 500 ms' },
          { ...HEADER, verdict: 'refused', how: '101, then closed 1008 "No token cookie"' },
        ],
        { used: USED, usedNotSent: true },
      ),
    });
    const causes = diagnose(ev, NOW);
    expect(causes[0]?.cause).toBe('token-missing');
    const said = causes[0]?.evidence.join('\n') ?? '';
    expect(said).toContain('The server does accept this token in a cookie token=');
    expect(said).toContain('only this page cannot send it');
    expect(said).toContain('Tried the token in 2 places:');
    expect(causes.map((c) => c.cause)).not.toContain('token-travel-mismatch');
  });

  it('another place accepted too: the mismatch comes second, token-missing is not demoted', () => {
    const ev = evidence({
      events: closedNoCookie,
      tokenTravel: 'cookie',
      tokenNotSent: NOT_SENT,
      travelDiscovery: discovery(
        [
          { ...USED, verdict: 'refused', how: '101, then closed 1008 "No token cookie"' },
          { ...ACCESS, verdict: 'accepted', how: '101, still open after 500 ms' },
        ],
        { used: USED, usedNotSent: true },
      ),
    });
    const causes = diagnose(ev, NOW);
    expect(causes.map((c) => c.cause).slice(0, 2)).toEqual(['token-missing', 'token-travel-mismatch']);
    expect(causes[0]?.confidence).toBe('high');
    expect(causes[0]?.evidence.join('\n')).not.toContain('did reach the server');
    expect(causes[1]?.evidence[0]).toContain('accepts this token in ?access_token=');
  });

  it('a server that needs no token: nothing to say', () => {
    const ev = evidence({
      events: [e.connecting(), e.open(5), e.message(8, 'hello')],
      tokenTravel: 'cookie',
      tokenNotSent: NOT_SENT,
    });
    expect(diagnose(ev, NOW)).toEqual([]);
  });
});
