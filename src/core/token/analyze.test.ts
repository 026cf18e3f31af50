import fc from 'fast-check';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import type { TokenProblem } from '../types.ts';
import { analyzeToken, DEFAULT_REQUIRED_CLAIMS } from './analyze.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
const NOW_S = NOW / 1000;
const SECRET = new TextEncoder().encode('a-local-test-secret-of-32-bytes!');

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
const enc = (value: unknown) => b64(JSON.stringify(value));
const raw = (header: unknown, payload: unknown, signature = 'c2ln') =>
  `${enc(header)}.${enc(payload)}.${signature}`;

const guide = (over: Record<string, unknown> = {}) => ({
  userId: '123',
  role: 'principal',
  iat: NOW_S,
  exp: NOW_S + 86_400,
  ...over,
});

async function mint(
  payload: Record<string, unknown>,
  alg: 'HS256' | 'HS384' | 'HS512' = 'HS256',
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(SECRET);
}

const codes = (problems: TokenProblem[]) => problems.map((p) => p.code);
const find = (problems: TokenProblem[], code: TokenProblem['code']) => problems.find((p) => p.code === code);

describe('analyzeToken: a good token', () => {
  it('decodes header, payload and times', async () => {
    const token = await mint(guide({ nbf: NOW_S - 60 }));
    const a = analyzeToken(token, { now: NOW });
    expect(a.status).toBe('valid');
    expect(a.format).toBe('jws');
    expect(a.token).toBe(token);
    expect(a.input).toBe(token);
    expect(a.problems).toEqual([]);
    expect(a.alg).toBe('HS256');
    expect(a.typ).toBe('JWT');
    expect(a.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(a.payload).toEqual(guide({ nbf: NOW_S - 60 }));
    expect(a.segments.map((s) => [s.name, s.ok])).toEqual([
      ['header', true],
      ['payload', true],
      ['signature', true],
    ]);
    expect(a.times.exp).toEqual({
      claim: 'exp',
      seconds: NOW_S + 86_400,
      utc: '2026-11-28T04:22:37Z',
      relative: 'in 1 d',
      deltaMs: 86_400_000,
    });
    expect(a.times.iat?.utc).toBe('2026-11-27T04:22:37Z');
    expect(a.times.iat?.relative).toBe('just now');
    expect(a.times.nbf?.relative).toBe('1 min ago');
    expect(a.requiredClaims).toEqual([...DEFAULT_REQUIRED_CLAIMS]);
    expect(a.missingClaims).toEqual([]);
  });

  it('reads kid, and HS384/HS512 signature lengths', async () => {
    const a = analyzeToken(raw({ alg: 'HS256', kid: 'k1' }, guide(), 'a'.repeat(43)), { now: NOW });
    expect(a.kid).toBe('k1');
    for (const alg of ['HS384', 'HS512'] as const) {
      expect(analyzeToken(await mint(guide(), alg), { now: NOW }).problems).toEqual([]);
    }
  });

  it('cleans the input first and reports the cleanups', async () => {
    const token = await mint(guide());
    const a = analyzeToken(`"Bearer ${token}"\n`, { now: NOW });
    expect(a.token).toBe(token);
    expect(a.status).toBe('valid');
    expect(a.cleanups.map((c) => c.kind)).toEqual(['whitespace', 'quotes', 'bearer-prefix']);
  });

  it('passes paramName to the cleaner', async () => {
    const token = await mint(guide());
    const a = analyzeToken(`ws://h/?jwt_x=${token}`, { now: NOW, paramName: 'jwt_x' });
    expect(a.token).toBe(token);
  });
});

describe('analyzeToken: status against the clock', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ['valid', guide(), 0, 'valid'],
    ['expired a minute ago', guide({ exp: NOW_S - 60 }), 0, 'expired'],
    ['expires exactly now', guide({ exp: NOW_S }), 0, 'expired'],
    ['expired a minute ago, 120 s leeway', guide({ exp: NOW_S - 60 }), 120, 'valid'],
    ['nbf in an hour', guide({ nbf: NOW_S + 3600 }), 0, 'not-yet-valid'],
    ['nbf in 30 s, 60 s leeway', guide({ nbf: NOW_S + 30 }), 60, 'valid'],
    ['no exp', { userId: '123', role: 'principal', iat: NOW_S }, 0, 'no-expiry'],
    ['exp is a string', guide({ exp: String(NOW_S + 60) }), 0, 'no-expiry'],
    ['expired beats nbf', guide({ exp: NOW_S - 1, nbf: NOW_S + 10 }), 0, 'expired'],
  ])('%s → %s', async (_name, payload, leewaySeconds, status) => {
    expect(analyzeToken(await mint(payload), { now: NOW, leewaySeconds }).status).toBe(status);
  });

  it('empty and blank input', () => {
    for (const input of ['', '   ', '\n\t', '""']) {
      const a = analyzeToken(input, { now: NOW });
      expect(a.status).toBe('empty');
      expect(a.format).toBe('empty');
      expect(codes(a.problems)).toEqual(['ERR_TOKEN_EMPTY']);
    }
    expect(analyzeToken('""', { now: NOW }).problems[0]?.message).toMatch(/nothing is left/);
  });
});

describe('analyzeToken: structure problems', () => {
  const header = enc({ alg: 'HS256', typ: 'JWT' });
  const payload = enc(guide());

  it.each<[string, string, TokenProblem['code'], RegExp]>([
    ['one part', 'abcdef', 'ERR_SEGMENT_COUNT', /this has 1 part \(no dots\)/],
    ['one part of JSON', '{"userId":"123"}', 'ERR_SEGMENT_COUNT', /looks like JSON/],
    ['one base64url JSON object', payload, 'ERR_SEGMENT_COUNT', /only the header or only the payload/],
    ['a URL without a token', 'ws://localhost:3000/', 'ERR_SEGMENT_COUNT', /URL without a token parameter/],
    ['two parts', `${header}.${payload}`, 'ERR_SEGMENT_COUNT', /2 parts \(1 dot\): the signature is missing/],
    ['four parts', `${header}.${payload}.c2ln.c2ln`, 'ERR_SEGMENT_COUNT', /4 parts \(3 dots\)/],
    ['seven parts', 'a.b.c.d.e.f.g', 'ERR_SEGMENT_COUNT', /7 parts/],
    [
      'five parts',
      `${enc({ alg: 'dir', enc: 'A256GCM' })}..iv.ct.tag`,
      'ERR_JWE',
      /encrypted token \(JWE, 5 parts; alg dir, enc A256GCM\)/,
    ],
    [
      'two signed tokens pasted together (5 parts, no "enc")',
      `${header}.${payload}.c2ln${header}.${payload}.c2ln`,
      'ERR_SEGMENT_COUNT',
      /5 parts \(4 dots\): extra dots, or two tokens pasted together/,
    ],
    ['empty header', `.${payload}.c2ln`, 'ERR_SEGMENT_EMPTY', /The header is empty/],
    ['empty payload', `${header}..c2ln`, 'ERR_SEGMENT_EMPTY', /The payload is empty/],
    ['undefined', 'undefined', 'ERR_TOKEN_PLACEHOLDER', /variable was undefined/],
    ['null', 'null', 'ERR_TOKEN_PLACEHOLDER', /was null/],
    ['[object Object]', '[object Object]', 'ERR_TOKEN_PLACEHOLDER', /an object was put into the URL/],
  ])('%s → %s', (_name, input, code, message) => {
    const a = analyzeToken(input, { now: NOW });
    expect(a.status).toBe('malformed');
    const p = find(a.problems, code);
    expect(p?.message).toMatch(message);
    expect(p?.severity).toBe('error');
  });

  it('formats: jwe and malformed', () => {
    expect(analyzeToken('a.b.c.d.e', { now: NOW }).format).toBe('jwe');
    expect(analyzeToken('abc', { now: NOW }).format).toBe('malformed');
  });

  it('still shows header and payload of a two-part token', () => {
    const a = analyzeToken(`${header}.${payload}`, { now: NOW });
    expect(a.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(a.payload).toEqual(guide());
    expect(a.alg).toBe('HS256');
  });

  it('names characters outside base64url, with segment and position', () => {
    const bad = `${payload.slice(0, 12)}+${payload.slice(13)}`;
    const a = analyzeToken(`${header}.${bad}.c2ln`, { now: NOW });
    const p = find(a.problems, 'ERR_SEGMENT_CHARSET');
    expect(p?.segment).toBe('payload');
    expect(p?.message).toBe('"+" at position 12 of the payload — standard base64, not base64url');
    expect(p?.detail).toBe('"+" at 12');
    expect(a.segments[1]?.ok).toBe(false);
    expect(a.status).toBe('malformed');
  });

  it.each([
    ['padding', `${header}=.${payload}.c2ln`, 'header', /"=" at position \d+ of the header — base64 padding/],
    [
      'slash in the signature',
      `${header}.${payload}.ab/c`,
      'signature',
      /"\/" at position 2 of the signature — standard base64/,
    ],
    ['raw JSON header', `{"alg":"HS256"}.${payload}.c2ln`, 'header', /raw JSON/],
    ['percent left in', `${header}.${payload}%zz.c2ln`, 'payload', /percent-encoding/],
    ['an emoji', `${header}.${payload}😀.c2ln`, 'payload', /"😀" at position/],
    [
      'a bang',
      `${header}.${payload}!.c2ln`,
      'payload',
      /"!" at position \d+ of the payload — not a base64url character/,
    ],
  ])('charset: %s', (_name, input, segment, message) => {
    const p = find(analyzeToken(input, { now: NOW }).problems, 'ERR_SEGMENT_CHARSET');
    expect(p?.segment).toBe(segment);
    expect(p?.message).toMatch(message);
  });

  it.each<[string, string, TokenProblem['code'], string, RegExp]>([
    ['bad base64 length', `${header}.${payload}x.c2ln`, 'ERR_SEGMENT_BASE64', 'payload', /4n\+1/],
    ['bad signature length', `${header}.${payload}.abcde`, 'ERR_SEGMENT_BASE64', 'signature', /5 characters/],
    [
      'not UTF-8',
      `${header}.${b64(new Uint8Array([0xff, 0xfe, 0xfd]))}.c2ln`,
      'ERR_SEGMENT_UTF8',
      'payload',
      /3 bytes that are not UTF-8/,
    ],
    ['not JSON', `${b64('hello')}.${payload}.c2ln`, 'ERR_SEGMENT_JSON', 'header', /not JSON \(.+\): "hello"/],
    ['JSON array', `${header}.${enc([1, 2])}.c2ln`, 'ERR_SEGMENT_NOT_OBJECT', 'payload', /it is an array/],
    ['JSON null header', `${enc(null)}.${payload}.c2ln`, 'ERR_SEGMENT_NOT_OBJECT', 'header', /it is null/],
    [
      'double-encoded JSON',
      `${header}.${enc(JSON.stringify(guide()))}.c2ln`,
      'ERR_SEGMENT_NOT_OBJECT',
      'payload',
      /JSON-encoded twice/,
    ],
  ])('%s → %s', (_name, input, code, segment, message) => {
    const a = analyzeToken(input, { now: NOW });
    const p = find(a.problems, code);
    expect(p?.segment).toBe(segment);
    expect(p?.message).toMatch(message);
    expect(a.status).toBe('malformed');
  });

  it('adds WARN_PAYLOAD_NOT_JSON_OBJECT when the header is fine but the payload is not a claims object', () => {
    const a = analyzeToken(`${header}.${b64('just text')}.${'a'.repeat(43)}`, { now: NOW });
    expect(codes(a.problems)).toEqual(['ERR_SEGMENT_JSON', 'WARN_PAYLOAD_NOT_JSON_OBJECT']);
    expect(find(a.problems, 'WARN_PAYLOAD_NOT_JSON_OBJECT')?.severity).toBe('info');
  });
});

describe('analyzeToken: header problems', () => {
  it.each<[string, Record<string, unknown>, string, TokenProblem['code'], RegExp, string]>([
    ['no alg', { typ: 'JWT' }, 'c2ln', 'ERR_HEADER_NO_ALG', /has no "alg"/, 'malformed'],
    ['alg is a number', { alg: 256 }, 'c2ln', 'ERR_HEADER_NO_ALG', /the number 256/, 'malformed'],
    ['alg none', { alg: 'none' }, '', 'WARN_ALG_NONE', /UNSIGNED TOKEN: alg is "none"/, 'valid'],
    ['alg None', { alg: 'None' }, '', 'WARN_ALG_NONE', /alg is "None"/, 'valid'],
    ['alg in lower case', { alg: 'hs256' }, 'c2ln', 'WARN_ALG_UNKNOWN', /did you mean HS256\?/, 'valid'],
    [
      'alg made up',
      { alg: 'XYZ' },
      'c2ln',
      'WARN_ALG_UNKNOWN',
      /"XYZ" is not a registered JWS algorithm/,
      'valid',
    ],
    [
      'empty signature',
      { alg: 'HS256' },
      '',
      'WARN_UNSIGNED',
      /signature is empty although the header says alg HS256/,
      'malformed',
    ],
    [
      'cut-off signature',
      { alg: 'HS256' },
      'a'.repeat(30),
      'WARN_SIGNATURE_LENGTH',
      /22 bytes; an HS256 signature is 32 bytes — the token was probably cut off/,
      'malformed',
    ],
    [
      'too long signature',
      { alg: 'HS256' },
      'a'.repeat(48),
      'WARN_SIGNATURE_LENGTH',
      /extra characters/,
      'malformed',
    ],
  ])('%s → %s', (_name, header, signature, code, message, status) => {
    const a = analyzeToken(raw(header, guide(), signature), { now: NOW });
    const p = find(a.problems, code);
    expect(p?.message).toMatch(message);
    expect(a.status).toBe(status);
  });

  it('does not call an alg-none token unsigned twice', () => {
    const a = analyzeToken(raw({ alg: 'none' }, guide(), ''), { now: NOW });
    expect(codes(a.problems)).toEqual(['WARN_ALG_NONE']);
  });

  it('skips the length check for RSA', () => {
    expect(analyzeToken(raw({ alg: 'RS256' }, guide(), 'a'.repeat(10)), { now: NOW }).problems).toEqual([]);
  });
});

describe('analyzeToken: claim problems', () => {
  const analyze = (payload: Record<string, unknown>, leewaySeconds = 0) =>
    analyzeToken(raw({ alg: 'HS256', typ: 'JWT' }, payload, 'a'.repeat(43)), { now: NOW, leewaySeconds });

  it('WARN_CLAIM_TYPE for non-numeric time claims', () => {
    const a = analyze(guide({ exp: '1795839757', iat: null, nbf: true }));
    const messages = a.problems.filter((p) => p.code === 'WARN_CLAIM_TYPE').map((p) => p.message);
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).toMatch(/exp is the string "1795839757", not a number .* remove the quotes/);
    expect(messages.join('\n')).toMatch(/iat is null/);
    expect(a.times).toEqual({});
  });

  it('WARN_MILLISECONDS for Date.now() values', () => {
    const a = analyze(guide({ iat: NOW, exp: NOW + 86_400_000 }));
    const ms = a.problems.filter((p) => p.code === 'WARN_MILLISECONDS');
    expect(ms.map((p) => p.message.slice(0, 3))).toEqual(['iat', 'exp']);
    expect(ms[1]?.message).toMatch(/as milliseconds 2026-11-28T04:22:37Z/);
    expect(codes(a.problems)).not.toContain('WARN_IAT_IN_FUTURE');
    expect(a.times.exp?.utc).toMatch(/^\+0\d{5}-/);
    expect(a.status).toBe('valid');
  });

  it('reports out-of-range dates without throwing', () => {
    const a = analyze(guide({ exp: 1e300 }));
    expect(a.times.exp?.utc).toBe('out of range');
  });

  it('WARN_EXP_BEFORE_IAT', () => {
    const a = analyze(guide({ exp: NOW_S - 3600, iat: NOW_S }));
    expect(find(a.problems, 'WARN_EXP_BEFORE_IAT')?.message).toMatch(
      /exp \(2026-11-27T03:22:37Z\) is before iat \(2026-11-27T04:22:37Z\)/,
    );
  });

  it('WARN_IAT_IN_FUTURE beyond the leeway only', () => {
    const a = analyze(guide({ iat: NOW_S + 180 }));
    expect(find(a.problems, 'WARN_IAT_IN_FUTURE')?.message).toMatch(/iat is in 3 min .*\(clock skew\)/);
    expect(codes(analyze(guide({ iat: NOW_S + 180 }), 300).problems)).not.toContain('WARN_IAT_IN_FUTURE');
  });

  it('WARN_MISSING_CLAIMS with the guide defaults', () => {
    const a = analyze({ userId: '123', exp: NOW_S + 60 });
    expect(a.missingClaims).toEqual(['role', 'iat']);
    expect(find(a.problems, 'WARN_MISSING_CLAIMS')?.message).toBe(
      'The payload lacks role, iat; the server requires userId, role, iat, exp',
    );
    expect(a.status).toBe('valid');
  });

  it('custom required claims, and none', () => {
    const custom = analyzeToken(raw({ alg: 'HS256' }, { sub: 'x' }, 'a'.repeat(43)), {
      now: NOW,
      requiredClaims: ['sub', 'tenant'],
    });
    expect(custom.missingClaims).toEqual(['tenant']);
    expect(custom.requiredClaims).toEqual(['sub', 'tenant']);
    const none = analyzeToken(raw({ alg: 'HS256' }, {}, 'a'.repeat(43)), { now: NOW, requiredClaims: [] });
    expect(codes(none.problems)).toEqual([]);
  });
});

describe('analyzeToken: robustness', () => {
  it.each([
    ['undefined'],
    ['null'],
    ['😀😀😀'],
    ['\u0000\u0001\u0002'],
    ['\uD800'],
    ['....'],
    ['constructor'],
    ['__proto__.__proto__.__proto__'],
    [`${enc({ alg: 'constructor' })}.${enc({ __proto__: 1, exp: 'x' })}.c2ln`],
    [String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))],
  ])('never throws for %j and never says valid', (input) => {
    const a = analyzeToken(input, { now: NOW });
    expect(a.status).not.toBe('valid');
  });

  it('handles 1 MB of junk', () => {
    for (const input of [
      'x'.repeat(1 << 20),
      ' '.repeat(1 << 20) + 'x',
      '.'.repeat(1 << 20),
      '%41'.repeat(1 << 18),
    ]) {
      expect(analyzeToken(input, { now: NOW }).status).toBe('malformed');
    }
  });

  // Speed is measured by `npm run bench` (BENCHMARKS.md), never asserted here: this only checks a 64 KB
  // token is analysed completely.
  it('analyses a 64 KB token completely', () => {
    const token = raw({ alg: 'HS256', typ: 'JWT' }, guide({ blob: 'x'.repeat(48_000) }), 'a'.repeat(43));
    expect(token.length).toBeGreaterThan(64_000);
    const analysis = analyzeToken(token, { now: NOW });
    expect(analysis.format).toBe('jws');
    expect((analysis.payload?.blob as string).length).toBe(48_000);
  });

  it('rejects misuse with TypeError', () => {
    // @ts-expect-error misuse on purpose
    expect(() => analyzeToken(undefined, { now: NOW })).toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    expect(() => analyzeToken('x', {})).toThrow(TypeError);
    expect(() => analyzeToken('x', { now: Number.NaN })).toThrow(TypeError);
    expect(() => analyzeToken('x', { now: NOW, leewaySeconds: -1 })).toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    expect(() => analyzeToken('x', { now: NOW, requiredClaims: [1] })).toThrow(TypeError);
  });

  it('a cut token is malformed, and its readable times are still the ones shown (one source)', () => {
    const whole = raw({ alg: 'HS256', typ: 'JWT' }, guide(), 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    const twoParts = whole.slice(0, whole.lastIndexOf('.'));
    const a = analyzeToken(twoParts, { now: NOW });
    expect(a.status).toBe('malformed');
    expect(a.times.exp?.seconds).toBe(guide().exp);
    for (const cut of [1, 10]) {
      const b = analyzeToken(whole.slice(0, -cut), { now: NOW });
      expect(b.status, `cut ${cut}`).toBe('malformed');
      expect(b.problems.find((p) => p.segment === 'signature')?.severity, `cut ${cut}`).toBe('error');
    }
  });

  it('property: never throws, and only a three-segment base64url token can be valid', () => {
    const strictJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 })),
        (input) => {
          const a = analyzeToken(input, { now: NOW });
          if (a.status === 'valid') expect(a.token).toMatch(strictJws);
          if (!strictJws.test(a.token)) expect(a.status).not.toBe('valid');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: never throws for JWT-shaped input with arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.jsonValue(),
        fc.string({ maxLength: 60 }),
        (header, payload, signature) => {
          const a = analyzeToken(`${enc(header)}.${enc(payload)}.${signature}`, { now: NOW });
          expect(['valid', 'expired', 'not-yet-valid', 'no-expiry', 'malformed']).toContain(a.status);
        },
      ),
      { numRuns: 500 },
    );
  });
});
