import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../diagnosis/types.ts';
import { DISCOVERY_MAX_ATTEMPTS, planDiscovery, usedStep } from './discovery.ts';
import {
  looksUnauthenticated,
  readDiscoveryAttempt,
  serverReadTheToken,
  worthDiscovering,
} from './discovery-read.ts';

const ev = (
  type: ConnectionEvent['type'],
  at: number,
  extra: Partial<ConnectionEvent> = {},
): ConnectionEvent => ({
  type,
  at,
  time: 1_000 + at,
  ...extra,
});

describe('planDiscovery', () => {
  it('query ?token= on a plain socket: header, cookie, subprotocol, the other common names — not ?token=', () => {
    const plan = planDiscovery({ used: 'query', paramName: 'token', protocol: 'plain' });
    expect(plan.map((s) => s.label)).toEqual([
      'the Authorization header (Bearer)',
      'a cookie token=',
      'the Sec-WebSocket-Protocol header (access_token, <token>)',
      '?access_token=',
      '?jwt=',
      '?auth=',
    ]);
  });

  it('a cookie the browser could not set (usedNotSent): the cookie is tried too, first', () => {
    const plan = planDiscovery({ used: 'cookie', paramName: 'token', protocol: 'plain', usedNotSent: true });
    expect(plan[0]).toEqual({ placement: 'cookie', name: 'token', label: 'a cookie token=' });
    expect(plan.filter((s) => s.placement === 'cookie')).toHaveLength(1);
    // Without the flag, the place the token went is not tried again.
    const sent = planDiscovery({ used: 'cookie', paramName: 'token', protocol: 'plain' });
    expect(sent.some((s) => s.placement === 'cookie' && s.name === 'token')).toBe(false);
  });

  it('a header-sent token tries the query names, the parameter first', () => {
    const plan = planDiscovery({ used: 'header', paramName: 'jwt', protocol: 'plain' });
    expect(plan.some((s) => s.placement === 'header')).toBe(false);
    expect(plan.filter((s) => s.placement === 'query').map((s) => s.name)).toEqual([
      'jwt',
      'token',
      'access_token',
      'auth',
    ]);
    expect(plan.filter((s) => s.placement === 'cookie').map((s) => s.name)).toEqual(['jwt', 'token']);
  });

  it('a protocol with a first message adds it, and stays within the bound', () => {
    const plan = planDiscovery({ used: 'query', paramName: 'access', protocol: 'socket.io' });
    expect(plan.length).toBeLessThanOrEqual(DISCOVERY_MAX_ATTEMPTS);
    expect(plan.at(-1)?.placement).toBe('first-message');
    expect(
      planDiscovery({ used: 'first-message', paramName: 'token', protocol: 'graphql-ws' }),
    ).not.toContainEqual(expect.objectContaining({ placement: 'first-message' }));
  });

  it('never plans a cookie whose name is not an HTTP token, nor the place used', () => {
    const plan = planDiscovery({ used: 'cookie', paramName: 'token', protocol: 'plain' });
    expect(plan.filter((s) => s.placement === 'cookie')).toEqual([]);
    const spaced = planDiscovery({ used: 'query', paramName: 'a b', protocol: 'plain' });
    expect(spaced.filter((s) => s.placement === 'cookie').map((s) => s.name)).toEqual(['token']);
    expect(usedStep({ used: 'query', paramName: 'jwt', protocol: 'plain' }).label).toBe('?jwt=');
  });
});

const header = { placement: 'header', label: 'the Authorization header (Bearer)' } as const;

describe('readDiscoveryAttempt', () => {
  it('101 and still open after the settle window: accepted', () => {
    const r = readDiscoveryAttempt(header, {
      events: [ev('connecting', 0), ev('open', 5), ev('close', 520, { code: 1000, reason: '' })],
      settleMs: 500,
    });
    expect(r.verdict).toBe('accepted');
  });

  it('an HTTP refusal: refused, with the words and what they mean', () => {
    const body = '{"message":"Authorization token is invalid: The token signature is invalid."}';
    const r = readDiscoveryAttempt(header, {
      events: [ev('connecting', 0), ev('unexpected-response', 5, { status: 401, body, headers: {} })],
      settleMs: 500,
    });
    expect(r).toMatchObject({
      verdict: 'refused',
      status: 401,
      cause: 'secret-mismatch',
      dialect: 'fastify-jwt',
    });
  });

  it('accepted then closed 4401 / 1008 within the window: refused', () => {
    for (const code of [4401, 1008]) {
      const r = readDiscoveryAttempt(header, {
        events: [ev('connecting', 0), ev('open', 5), ev('close', 9, { code, reason: 'Unauthorized' })],
        settleMs: 500,
      });
      expect(r.verdict).toBe('refused');
      expect(r.code).toBe(code);
    }
  });

  it('a protocol: only its "authenticated" accepts; its refusal refuses; silence proves nothing', () => {
    const open = [ev('connecting', 0), ev('open', 5)];
    expect(
      readDiscoveryAttempt(header, {
        events: open,
        settleMs: 500,
        outcome: { kind: 'authenticated', summary: 'CONNECT' },
      }).verdict,
    ).toBe('accepted');
    expect(
      readDiscoveryAttempt(header, {
        events: open,
        settleMs: 500,
        outcome: { kind: 'auth-refused', words: 'invalid signature', summary: 'CONNECT_ERROR' },
      }),
    ).toMatchObject({ verdict: 'refused', cause: 'secret-mismatch' });
    expect(readDiscoveryAttempt(header, { events: open, settleMs: 500, protocolSpoken: true }).verdict).toBe(
      'inconclusive',
    );
  });

  it('no answer, or a transport failure: inconclusive', () => {
    expect(
      readDiscoveryAttempt(header, { events: [ev('connecting', 0), ev('timeout', 2000)], settleMs: 500 })
        .verdict,
    ).toBe('inconclusive');
  });
});

describe('looksUnauthenticated', () => {
  it('401/403, auth close codes and token words are; 404, 1006 and a normal close are not', () => {
    expect(looksUnauthenticated({ events: [ev('unexpected-response', 3, { status: 401 })] })).toBe(true);
    expect(looksUnauthenticated({ events: [], status: 403 })).toBe(true);
    expect(looksUnauthenticated({ events: [ev('close', 3, { code: 4401, reason: '' })] })).toBe(true);
    expect(looksUnauthenticated({ events: [ev('close', 3, { code: 4000, reason: 'jwt expired' })] })).toBe(
      true,
    );
    expect(looksUnauthenticated({ events: [], protocolRefused: true })).toBe(true);
    expect(looksUnauthenticated({ events: [ev('unexpected-response', 3, { status: 404 })] })).toBe(false);
    expect(looksUnauthenticated({ events: [ev('close', 3, { code: 1006, reason: '' })] })).toBe(false);
    expect(looksUnauthenticated({ events: [ev('close', 3, { code: 1000, reason: '' })] })).toBe(false);
  });
});

describe('worthDiscovering: not when the server already named a fault of the token it read', () => {
  const close = (reason: string) => ({ events: [ev('close', 9, { code: 1008, reason })] });
  it('"invalid signature", "jwt expired": the place is right, nothing to discover', () => {
    for (const reason of ['invalid signature', 'jwt expired']) {
      expect(looksUnauthenticated(close(reason))).toBe(true);
      expect(serverReadTheToken(close(reason))).toBe(true);
      expect(worthDiscovering(close(reason))).toBe(false);
    }
  });

  it('"No token provided", "jwt malformed" (said of the wrong place too), a bare 4401: worth trying', () => {
    for (const reason of ['No token provided', 'jwt malformed'])
      expect(worthDiscovering(close(reason))).toBe(true);
    expect(worthDiscovering({ events: [ev('close', 9, { code: 4401, reason: '' })] })).toBe(true);
  });

  it('a refused upgrade is read with its body (@fastify/jwt), a protocol refusal with its words', () => {
    const refused = (body: string) => ({
      events: [ev('unexpected-response', 3, { status: 401, headers: {}, body })],
    });
    expect(
      worthDiscovering(
        refused(
          '{"code":"FST_JWT_NO_AUTHORIZATION_IN_HEADER","message":"No Authorization was found in request.headers"}',
        ),
      ),
    ).toBe(true);
    expect(
      worthDiscovering(
        refused(
          '{"code":"FST_JWT_AUTHORIZATION_TOKEN_INVALID","message":"Authorization token is invalid: The token signature is invalid."}',
        ),
      ),
    ).toBe(false);
    expect(worthDiscovering({ events: [], protocolRefused: true, protocolWords: 'invalid signature' })).toBe(
      false,
    );
    expect(
      worthDiscovering({ events: [], protocolRefused: true, protocolWords: 'Authentication error' }),
    ).toBe(true);
  });
});
