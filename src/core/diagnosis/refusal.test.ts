// Issue 12: a refused upgrade is read, not just its status — the challenge and the body go through the same
// dialect rules as close reasons, and the console's x-ray and the CLI's unexpected-response agree.
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import {
  e,
  evidence,
  failedBeforeOpen,
  NOW,
  tokenFixture,
  validPayload,
  NOW_S,
} from './fixtures.test-helpers.ts';
import { parseWwwAuthenticate, readRefusal, MAX_REFUSAL_TEXT } from './refusal.ts';
import type { CauseId, DiagnosisEvidence } from './types.ts';

const SPRING_EXPIRED =
  'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2026-11-27T04:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"';

describe('parseWwwAuthenticate', () => {
  it('reads RFC 6750 parameters, with commas and escaped quotes inside quoted strings', () => {
    expect(parseWwwAuthenticate(SPRING_EXPIRED)).toEqual([
      {
        scheme: 'Bearer',
        params: {
          error: 'invalid_token',
          error_description:
            'An error occurred while attempting to decode the Jwt: Jwt expired at 2026-11-27T04:00:00Z',
          error_uri: 'https://tools.ietf.org/html/rfc6750#section-3.1',
        },
      },
    ]);
    expect(parseWwwAuthenticate('Bearer realm="a, \\"b\\"", error=invalid_token')[0]?.params).toEqual({
      realm: 'a, "b"',
      error: 'invalid_token',
    });
  });

  it('reads several challenges, token68 and bare schemes', () => {
    const got = parseWwwAuthenticate('Basic realm="x", Negotiate YWJj==, Bearer');
    expect(got.map((c) => c.scheme)).toEqual(['Basic', 'Negotiate', 'Bearer']);
    expect(got[1]?.token68).toBe('YWJj==');
    expect(got[2]?.params).toEqual({});
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '"', '=,=,', 'Bearer error="unterminated', ',,,', 'x'.repeat(10_000)])
      expect(() => parseWwwAuthenticate(junk)).not.toThrow();
  });
});

describe('readRefusal', () => {
  const cases: Array<[string, number, Record<string, string>, string, string, CauseId, string]> = [
    [
      '@fastify/jwt JSON body',
      401,
      {},
      '{"statusCode":401,"code":"FST_JWT_AUTHORIZATION_TOKEN_INVALID","error":"Unauthorized","message":"Authorization token is invalid: The token signature is invalid."}',
      'fastify-jwt',
      'secret-mismatch',
      'body message',
    ],
    [
      '@fastify/jwt no header',
      401,
      {},
      '{"statusCode":401,"code":"FST_JWT_NO_AUTHORIZATION_IN_HEADER","error":"Unauthorized","message":"No Authorization was found in request.headers"}',
      'fastify-jwt',
      'token-missing',
      'body message',
    ],
    [
      'Go http.Error body',
      401,
      { 'content-type': 'text/plain' },
      'signature is invalid\n',
      'golang-jwt',
      'secret-mismatch',
      'body',
    ],
    [
      'FastAPI detail',
      403,
      {},
      '{"detail":"Signature has expired"}',
      'pyjwt',
      'token-expired',
      'body detail',
    ],
    [
      'FastAPI nested detail',
      401,
      {},
      '{"detail":{"error":"invalid_token","message":"Token is missing the \\"role\\" claim"}}',
      'pyjwt',
      'missing-claims',
      'body detail message',
    ],
    [
      'Spring challenge',
      401,
      { 'WWW-Authenticate': SPRING_EXPIRED },
      '',
      'spring-security',
      'token-expired',
      'WWW-Authenticate error_description',
    ],
    [
      '.NET JwtBearer challenge',
      401,
      {
        'www-authenticate':
          'Bearer error="invalid_token", error_description="The audience \'other\' is invalid"',
      },
      '',
      'identitymodel',
      'token-claims-rejected',
      'WWW-Authenticate error_description',
    ],
    [
      'bare Bearer challenge',
      401,
      { 'www-authenticate': 'Bearer realm="api"' },
      '',
      'rfc6750',
      'token-missing',
      'WWW-Authenticate',
    ],
    ['websockets process_request text', 401, {}, 'Missing token\n', 'generic', 'token-missing', 'body'],
    [
      'HTML error page',
      401,
      {},
      '<html><head><title>401 Token expired</title></head><body>…</body></html>',
      'generic',
      'token-expired',
      'body',
    ],
  ];
  it.each(cases)('%s', (_name, status, headers, body, dialect, cause, where) => {
    const got = readRefusal(status, headers, body).meaning;
    expect({ dialect: got?.interp.dialect, cause: got?.interp.cause, where: got?.where }).toEqual({
      dialect,
      cause,
      where,
    });
  });

  it('a 403 with no words means nothing; an unknown error code stays a catch-all', () => {
    expect(readRefusal(403, {}, '').meaning).toBeUndefined();
    expect(
      readRefusal(401, { 'www-authenticate': 'Bearer error="invalid_token"' }, '').meaning?.interp.cause,
    ).toBe('auth-rejected');
  });

  it('reads a bounded part of a huge body', () => {
    const got = readRefusal(401, {}, `{"message":"${'x'.repeat(100_000)}"}`);
    expect(got.texts.every((t) => t.text.length <= MAX_REFUSAL_TEXT)).toBe(true);
  });
});

/** The same refusal as the CLI sees it (an unexpected-response event) and as the console does (x-ray). */
function bothSurfaces(
  status: number,
  headers: Record<string, string>,
  body: string,
  overrides: Partial<DiagnosisEvidence> = {},
): [DiagnosisEvidence, DiagnosisEvidence] {
  const cli = evidence({
    ...overrides,
    events: [
      e.connecting(),
      e.unexpected(6, status, status === 401 ? 'Unauthorized' : 'Forbidden', headers, body),
    ],
  });
  const console = evidence({
    ...overrides,
    events: failedBeforeOpen(),
    xray: { status, statusText: status === 401 ? 'Unauthorized' : 'Forbidden', headers, body },
  });
  return [cli, console];
}

describe('diagnose: the refusal speaks, on both surfaces', () => {
  it('a 401 whose challenge says "Jwt expired at …" is token-expired, quoting the server', () => {
    for (const ev of bothSurfaces(401, { 'WWW-Authenticate': SPRING_EXPIRED }, '')) {
      const causes = diagnose(ev, NOW);
      expect(causes[0]?.cause).toBe('token-expired');
      expect(causes[0]?.evidence.join('\n')).toContain(
        'The server\'s WWW-Authenticate error_description says "An error occurred while attempting to decode the Jwt: Jwt expired at',
      );
    }
  });

  it('PyJWT words in a FastAPI 403 body name the missing claim, never token-missing', () => {
    const token = tokenFixture({ payload: { userId: '1', iat: NOW_S - 60, exp: NOW_S + 600 } });
    for (const ev of bothSurfaces(403, {}, '{"detail":"Token is missing the \\"role\\" claim"}', { token })) {
      const causes = diagnose(ev, NOW);
      expect(causes[0]?.cause).toBe('missing-claims');
      expect(causes.map((c) => c.cause)).not.toContain('token-missing');
      expect(causes[0]?.evidence.join('\n')).toContain("The server's body detail says");
    }
  });

  it('a bare Bearer challenge: the server found no Authorization header', () => {
    for (const ev of bothSurfaces(401, { 'WWW-Authenticate': 'Bearer' }, '')) {
      const causes = diagnose(ev, NOW);
      expect(causes[0]?.cause).toBe('token-missing');
      expect(causes[0]?.evidence.join('\n')).toContain('RFC 6750');
    }
  });

  it('a 403 with no words stays handshake-rejected and says what to check', () => {
    const token = tokenFixture({ payload: validPayload() });
    for (const ev of bothSurfaces(403, {}, '', { token })) {
      const causes = diagnose(ev, NOW);
      expect(causes[0]?.cause).toBe('handshake-rejected');
      expect(causes[0]?.evidence.join('\n')).toContain('websocket.close() before accept()');
    }
  });

  it('a 403 with no words and a token lacking a required claim: the missing claim leads, the refusal corroborates', () => {
    const token = tokenFixture({ payload: { userId: '1', iat: NOW_S - 60, exp: NOW_S + 600 } });
    for (const ev of bothSurfaces(403, {}, '', { token })) {
      const causes = diagnose(ev, NOW).map((c) => c.cause);
      expect(causes.slice(0, 2)).toEqual(['missing-claims', 'handshake-rejected']);
    }
  });

  it('both surfaces give the same causes for the same refusal', () => {
    const bodies = [
      '{"statusCode":401,"code":"FST_JWT_AUTHORIZATION_TOKEN_EXPIRED","error":"Unauthorized","message":"Authorization token expired"}',
      'token has invalid claims: token is expired',
      'Invalid audience',
      '',
    ];
    for (const body of bodies) {
      const [cli, console] = bothSurfaces(401, {}, body);
      const ids = (ev: DiagnosisEvidence) => diagnose(ev, NOW).map((c) => c.cause);
      expect(ids(console).slice(0, 2), body).toEqual(ids(cli).slice(0, 2));
    }
  });
});
