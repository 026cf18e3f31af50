// Bad input never crashes (SECURITY.md, promise 5): property-based tests push generated input — arbitrary
// UTF-16 (lone surrogates included), token-shaped junk, JWT-shaped tokens with arbitrary JSON, URL-shaped
// junk, arbitrary connection events — through every core entry point the console and the CLI feed with
// outside data. No exception may escape, and only a token that really is a JWT may be called `valid`.
// The last test checks that at least 10,000 generated inputs ran, and prints the figures.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyzeToken,
  buildConnectionUrl,
  CAUSE_IDS,
  cleanTokenInput,
  closeCodeInfo,
  decodeSecret,
  diagnose,
  interpretCloseReason,
  interpretServerMessage,
  parseEnvSecret,
  quickFixChecklist,
  redactToken,
  redactUrlToken,
  type ConnectionEvent,
  type ConnectionEventType,
  type DiagnosisEvidence,
  type SecretEncoding,
  type SecretTriage,
} from './index.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
const NOW_S = Math.floor(NOW / 1000);
const CAUSES = new Set<string>(CAUSE_IDS);

/** Inputs run per property; their sum is checked at the end (≥ 10,000). */
const runs: Record<string, number> = {};
function count(name: string): void {
  runs[name] = (runs[name] ?? 0) + 1;
}

// ---- arbitraries --------------------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included (what a paste or a server can really produce). */
const utf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), utf16);

function b64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const base64urlChars = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')),
  maxLength: 60,
});

/** The pieces bad tokens are made of: wrappers, separators, encodings, fragments of real tokens. */
const tokenPiece = fc.oneof(
  fc.constantFrom(
    'eyJ',
    '.',
    '..',
    '%2E',
    '%252E',
    '%',
    '%E0%A4',
    'Bearer ',
    'Authorization: ',
    '"',
    "'",
    '`',
    '\u201c',
    '\n',
    '\r\n',
    ' ',
    '\t',
    '\uFEFF',
    '+',
    '/',
    '=',
    '\\n',
    '\\"',
    'token=',
    '&',
    '#',
    '?token=',
    'ws://h:1/?token=',
    'https://x/?access_token=',
    'undefined',
    'null',
    '[object Object]',
    '<img src=x onerror=alert(1)>',
    '__proto__',
    'constructor',
    '\u0000',
    '\uD800',
    '🔑',
  ),
  base64urlChars,
  fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(JSON.stringify(v) ?? 'null')),
  anyText,
);
const tokenish = fc.array(tokenPiece, { maxLength: 12 }).map((pieces) => pieces.join(''));

/** A claim value of any JSON type, biased towards the numeric ones. */
const claimValue = fc.oneof(
  fc.integer({ min: NOW_S - 10 * 86_400, max: NOW_S + 10 * 86_400 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 1 }),
);
const headerArb = fc.oneof(
  fc.record(
    {
      alg: fc.oneof(
        fc.constantFrom('HS256', 'HS384', 'HS512', 'RS256', 'none', 'None', 'hs256', ''),
        anyText,
      ),
      typ: fc.option(anyText),
      kid: fc.option(fc.jsonValue({ maxDepth: 1 })),
    },
    { requiredKeys: ['alg'] },
  ),
  fc.dictionary(anyText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const payloadArb = fc.oneof(
  fc.record(
    {
      userId: fc.jsonValue({ maxDepth: 1 }),
      role: fc.jsonValue({ maxDepth: 1 }),
      iat: claimValue,
      exp: claimValue,
      nbf: claimValue,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(anyText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** JWT-shaped: three base64url segments of arbitrary JSON, and sometimes a mutation on top. */
const jwtShaped = fc
  .tuple(
    headerArb,
    payloadArb,
    fc.oneof(base64urlChars, fc.constant('')),
    fc.option(fc.tuple(fc.nat(), tokenPiece)),
  )
  .map(([h, p, sig, mutation]) => {
    const token = `${b64url(JSON.stringify(h) ?? 'null')}.${b64url(JSON.stringify(p) ?? 'null')}.${sig}`;
    if (mutation === null) return token;
    const [at, piece] = mutation;
    const i = at % (token.length + 1);
    return token.slice(0, i) + piece + token.slice(i);
  });

// ---- an independent oracle: what "valid" must mean --------------------------------------------------------

function decodeSegment(segment: string): unknown {
  if (segment === '' || !/^[A-Za-z0-9_-]+$/.test(segment) || segment.length % 4 === 1) return undefined;
  const bin = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A compact JWS whose header names an alg and whose payload is a claims object, unexpired, already active. */
function reallyValidJwt(token: string, now: number, leewaySeconds = 0): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [h = '', p = '', s = ''] = parts;
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return false;
  const header = decodeSegment(h);
  const payload = decodeSegment(p);
  if (!isObject(header) || !isObject(payload)) return false;
  if (typeof header.alg !== 'string' || header.alg === '') return false;
  const { exp, nbf } = payload;
  const leeway = leewaySeconds * 1000;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp * 1000 + leeway <= now) return false;
  if (nbf !== undefined && typeof nbf === 'number' && nbf * 1000 > now + leeway) return false;
  return true;
}

// ---- properties ---------------------------------------------------------------------------------------

describe('token analysis never throws and only a real JWT is valid', () => {
  it('arbitrary text and token-shaped junk', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, tokenish), fc.option(anyText), (input, param) => {
        count('analyzeToken (junk)');
        const a = analyzeToken(input, param === null ? { now: NOW } : { now: NOW, paramName: param });
        if (a.status === 'valid') expect(reallyValidJwt(a.token, NOW)).toBe(true);
        // Text that has no dot and nothing that could decode to one can never be a JWT.
        if (!/[.%\\]/.test(input)) expect(a.status).not.toBe('valid');
        expect(['empty', 'malformed', 'valid', 'expired', 'not-yet-valid', 'no-expiry']).toContain(a.status);
      }),
      { numRuns: 3000 },
    );
  });

  it('JWT-shaped tokens with arbitrary JSON, and mutations of them', () => {
    fc.assert(
      fc.property(
        jwtShaped,
        fc.integer({ min: 0, max: 8.64e15 }),
        fc.nat({ max: 3600 }),
        (input, now, leewaySeconds) => {
          count('analyzeToken (jwt-shaped)');
          const a = analyzeToken(input, { now, leewaySeconds });
          if (a.status === 'valid') expect(reallyValidJwt(a.token, now, leewaySeconds)).toBe(true);
          for (const p of a.problems) expect(typeof p.message).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('cleanTokenInput never throws and never makes the text longer', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, tokenish), fc.option(anyText), (input, param) => {
        count('cleanTokenInput');
        const r = cleanTokenInput(input, param === null ? {} : { paramName: param });
        expect(r.token.length).toBeLessThanOrEqual(input.length);
        // Redaction of whatever came out never throws either.
        redactToken(r.token);
      }),
      { numRuns: 1500 },
    );
  });
});

const scheme = fc.constantFrom(
  'ws://',
  'wss://',
  'http://',
  'https://',
  'WS://',
  'ftp://',
  'javascript:',
  '//',
  '',
  'ws:',
);
const host = fc.oneof(
  fc.constantFrom(
    'localhost',
    '127.0.0.1',
    '[::1]',
    'example.com',
    'xn--bcher-kva.example',
    '',
    '[',
    'a b',
    'ex%41mple.com',
    '0x7f.1',
    '…',
  ),
  fc.domain(),
  anyText,
);
const port = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -1, max: 70_000 }).map((p) => `:${p}`),
  anyText.map((t) => `:${t}`),
);
const urlTail = fc
  .array(
    fc.oneof(
      fc.constantFrom('/', '/ws', '?', '&', '=', '#', '%', '%zz', 'token=old', '?token=a&token=b', '+', ' '),
      anyText,
    ),
    { maxLength: 5 },
  )
  .map((a) => a.join(''));
const urlish = fc.oneof(
  fc.tuple(scheme, host, port, urlTail).map((p) => p.join('')),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  anyText,
);
const paramName = fc.oneof(
  fc.constantFrom('token', 'access_token', '', ' ', 'a b', 'tök', '&', '=', '#', '%'),
  anyText,
);

describe('the Connection URL never throws and is always a real WebSocket URL', () => {
  it('arbitrary server URLs, parameter names and tokens', () => {
    fc.assert(
      fc.property(urlish, paramName, fc.oneof(anyText, tokenish), (serverUrl, name, token) => {
        count('buildConnectionUrl');
        const r = buildConnectionUrl({ serverUrl, paramName: name, token });
        if (!r.ok) {
          expect(['ERR_URL_EMPTY', 'ERR_URL_INVALID', 'ERR_URL_SCHEME']).toContain(r.code);
          return;
        }
        const parsed = new URL(r.url); // must not throw
        expect(['ws:', 'wss:']).toContain(parsed.protocol);
        expect(parsed.host).toBe(r.host);
        expect(r.url).not.toContain('#');
        // The token travels exactly once, as typed (lone surrogates aside), under the chosen name.
        const wellFormed = !/[\uD800-\uDFFF]/.test(token);
        const effectiveName = name.trim() || 'token';
        if (token !== '' && wellFormed && /^[A-Za-z0-9_]+$/.test(effectiveName)) {
          expect(parsed.searchParams.getAll(effectiveName)).toEqual([token]);
        }
        // Redaction of the URL for logs never throws and never leaves the token in it.
        const redacted = redactUrlToken(r.url, name);
        if (token.length >= 8 && wellFormed && /^[A-Za-z0-9_]+$/.test(effectiveName)) {
          expect(new URL(redacted).searchParams.get(effectiveName)).toBe('<redacted>');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

const eventTypes: ConnectionEventType[] = [
  'connecting',
  'open',
  'message',
  'error',
  'close',
  'unexpected-response',
  'timeout',
  'sent',
];
const closeCode = fc.oneof(
  fc.constantFrom(
    1000,
    1001,
    1002,
    1005,
    1006,
    1007,
    1008,
    1009,
    1011,
    1012,
    1015,
    3000,
    4001,
    4401,
    4403,
    4500,
  ),
  fc.integer(),
);
const reasonText = fc.oneof(
  fc.constantFrom(
    'invalid signature',
    'jwt expired',
    'jwt malformed',
    'No token provided',
    'Missing required claims: userId',
    'Unauthorized',
    'Forbidden',
    'invalid algorithm',
    'jwt not active',
    '<script>alert(1)</script>',
  ),
  anyText,
);
const eventArb: fc.Arbitrary<ConnectionEvent> = fc.record(
  {
    type: fc.constantFrom(...eventTypes),
    at: fc.oneof(fc.nat({ max: 60_000 }), fc.double()),
    time: fc.integer({ min: NOW - 120_000, max: NOW + 1000 }),
    code: closeCode,
    reason: reasonText,
    wasClean: fc.boolean(),
    status: fc.oneof(fc.constantFrom(101, 200, 400, 401, 403, 404, 426, 500, 502), fc.integer()),
    statusText: anyText,
    headers: fc.dictionary(anyText, anyText, { maxKeys: 3 }),
    body: fc.oneof(reasonText, fc.json()),
    data: fc.oneof(
      reasonText,
      fc.json(),
      fc.constantFrom(
        '44{"message":"invalid token"}',
        '42["connect_error",{}]',
        '{"type":"connection_error","payload":{"message":"jwt expired"}}',
        '{"type":"disconnect","reason":"unauthorized"}',
      ),
    ),
    binary: fc.boolean(),
    size: fc.oneof(fc.nat(), fc.integer()),
    protocol: anyText,
    message: anyText,
    thrown: fc.oneof(fc.constantFrom('SecurityError', 'SyntaxError', 'TypeError'), anyText),
  },
  { requiredKeys: ['type', 'at', 'time'] },
);
const triageArb: fc.Arbitrary<SecretTriage> = fc.record({
  given: fc.oneof(
    fc.record({ ok: fc.constant(true as const), alg: anyText }),
    fc.record({
      ok: fc.constant(false as const),
      code: fc.oneof(
        fc.constantFrom('ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_ALG_NONE', 'ERR_SECRET_EMPTY'),
        anyText,
      ),
      message: anyText,
    }),
  ),
  tried: fc.constant([]),
  notes: fc.array(anyText, { maxLength: 2 }),
});

describe('the diagnosis never throws, whatever the evidence', () => {
  it('arbitrary tokens, URLs, events, health, x-ray and triage', () => {
    fc.assert(
      fc.property(
        fc.record({
          tokenInput: fc.oneof(tokenish, jwtShaped),
          serverUrl: urlish,
          paramName,
          events: fc.array(eventArb, { maxLength: 8 }),
          reachability: fc.option(
            fc.oneof(
              fc.constant({ state: 'unknown' as const }),
              fc.record({
                state: fc.constantFrom('reachable' as const, 'unreachable' as const),
                detail: anyText,
              }),
            ),
          ),
          health: fc.option(
            fc.record({
              ok: fc.boolean(),
              jwtSecretSet: fc.option(fc.boolean(), { nil: undefined }),
              serverTime: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
              receivedAt: fc.option(fc.integer(), { nil: undefined }),
              raw: fc.jsonValue({ maxDepth: 2 }),
            }),
          ),
          xray: fc.option(
            fc.record({
              status: fc.integer(),
              statusText: anyText,
              headers: fc.dictionary(anyText, anyText, { maxKeys: 3 }),
              body: fc.oneof(reasonText, fc.json()),
            }),
          ),
          secret: fc.option(triageArb),
          timeoutMs: fc.oneof(fc.integer({ min: 1, max: 60_000 }), fc.integer()),
          leewaySeconds: fc.nat({ max: 600 }),
          pageProtocol: fc.option(
            fc.oneof(fc.constantFrom('http:', 'https:', 'file:', 'chrome-extension:'), anyText),
            { nil: undefined },
          ),
          offeredProtocols: fc.option(fc.array(anyText, { maxLength: 2 }), { nil: undefined }),
        }),
        fc.integer({ min: NOW - 1e9, max: NOW + 1e9 }),
        (input, now) => {
          count('diagnose');
          const token = analyzeToken(input.tokenInput, { now, leewaySeconds: input.leewaySeconds });
          const evidence: DiagnosisEvidence = {
            token,
            url: buildConnectionUrl({
              serverUrl: input.serverUrl,
              paramName: input.paramName,
              token: token.token,
            }),
            paramName: input.paramName,
            events: input.events,
            timeoutMs: input.timeoutMs,
            leewaySeconds: input.leewaySeconds,
            pageProtocol: input.pageProtocol,
            offeredProtocols: input.offeredProtocols,
          };
          if (input.reachability !== null) evidence.reachability = input.reachability;
          if (input.health !== null) evidence.health = input.health;
          if (input.xray !== null) evidence.xray = input.xray;
          if (input.secret !== null) evidence.secret = input.secret;
          const causes = diagnose(evidence, now);
          const ids = causes.map((c) => c.cause);
          for (const id of ids) expect(CAUSES.has(id)).toBe(true);
          expect(new Set(ids).size).toBe(ids.length);
          for (const c of causes) {
            expect(c.title.length).toBeGreaterThan(0);
            expect(Array.isArray(c.evidence) && Array.isArray(c.fix)).toBe(true);
          }
          expect(quickFixChecklist(evidence, now)).toHaveLength(6);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('close reasons and server messages: interpreted or null, never a throw', () => {
    fc.assert(
      fc.property(
        fc.option(closeCode, { nil: undefined }),
        fc.oneof(reasonText, fc.json(), tokenish),
        (code, text) => {
          count('interpretCloseReason / interpretServerMessage');
          for (const r of [interpretCloseReason(code, text), interpretServerMessage(text)]) {
            if (r === null) continue;
            expect(CAUSES.has(r.cause)).toBe(true);
            expect(r.quoted.length).toBeLessThanOrEqual(201);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('close codes and secrets', () => {
  it('closeCodeInfo names any number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.integer({ min: 0, max: 5000 }), fc.double()), (code) => {
        count('closeCodeInfo');
        const info = closeCodeInfo(code);
        expect(Object.is(info.code, code)).toBe(true);
        expect(info.name.length).toBeGreaterThan(0);
        expect(info.meaning.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseEnvSecret and decodeSecret take any pasted text', () => {
    const envLine = fc
      .tuple(
        fc.constantFrom('', 'export ', ' '),
        fc.oneof(fc.constantFrom('JWT_SECRET', 'SECRET', 'PORT', 'jwt.secret', '1BAD'), anyText),
        fc.constantFrom('=', ' = ', ':'),
        fc.oneof(anyText, fc.constantFrom('"quoted"', "'single'", '"unterminated', 'a#comment', '')),
      )
      .map((p) => p.join(''));
    const envText = fc
      .array(fc.oneof(envLine, anyText), { maxLength: 6 })
      .map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0] ?? '\n'));
    fc.assert(
      fc.property(
        fc.oneof(envText, anyText),
        fc.constantFrom<SecretEncoding>('utf8', 'base64', 'base64url', 'hex'),
        (text, encoding) => {
          count('parseEnvSecret / decodeSecret');
          const env = parseEnvSecret(text);
          if (env !== null) {
            expect(env.line).toBeGreaterThanOrEqual(1);
            expect(text).toContain(env.variable);
          }
          const key = decodeSecret({ text, encoding });
          if (!key.ok) expect(['ERR_SECRET_EMPTY', 'ERR_SECRET_ENCODING']).toContain(key.code);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('figures', () => {
  afterAll(() => {
    const total = Object.values(runs).reduce((a, b) => a + b, 0);
    console.log(`property inputs per entry point: ${JSON.stringify(runs)}; total ${total}`);
  });
  it('at least 10,000 generated inputs ran through the core', () => {
    const total = Object.values(runs).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});
