// A corpus of real-world bad tokens: what people actually paste into a JWT debugger, or what their client
// actually puts in ?token=. Each entry names the verdict the analyzer must give it — the status, the one
// problem code that explains it, and/or the cleanup that rescued it. Used by corpus.test.ts (the table) and
// by the reference server's abuse test (every entry sent as a token: the server must refuse or accept it
// without crashing). Test data only: pure, no Node imports.
import type { TokenCleanup, TokenProblem, TokenStatus } from '../types.ts';

/** Frozen clock for the corpus: 2026-11-27T04:22:37Z. */
export const CORPUS_NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
const NOW_S = Math.floor(CORPUS_NOW / 1000);

export interface CorpusEntry {
  name: string;
  input: string;
  /** The status the analyzer must report (contract: data-token-status). */
  status: TokenStatus;
  /** A problem code that must be among the findings (the specific verdict). */
  problem?: TokenProblem['code'];
  /** Cleanup kinds that must have been applied, in order of first appearance. */
  cleanups?: Array<TokenCleanup['kind']>;
  /** The reference server must accept it (default: it must refuse it). Only for tokens signed with CORPUS_SECRET. */
  serverAccepts?: boolean;
}

function b64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlBytes(bytes: readonly number[]): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const HS256 = { alg: 'HS256', typ: 'JWT' };

function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const p: Record<string, unknown> = {
    userId: '123',
    role: 'principal',
    iat: NOW_S - 60,
    exp: NOW_S + 3600,
    ...overrides,
  };
  for (const [k, v] of Object.entries(p)) if (v === undefined) delete p[k];
  return p;
}

/** A 32-byte (HS256-sized) signature that verifies with nothing: the corpus is about shape, not keys. */
const SIG = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function jwt(header: unknown = HS256, body: unknown = payload(), sig = SIG): string {
  const h = typeof header === 'string' ? header : b64url(JSON.stringify(header));
  const p = typeof body === 'string' ? body : b64url(JSON.stringify(body));
  return `${h}.${p}.${sig}`;
}

/** A token that is fine in every respect the analyzer can see (the signature is a dummy). */
export const CORPUS_GOOD_TOKEN = jwt();

const T = CORPUS_GOOD_TOKEN;
const [TH = '', TP = '', TS = ''] = T.split('.');

function wrapEvery(text: string, width: number, sep: string): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join(sep);
}

/** A JWE compact serialization (RFC 7516 §3.3 shape: 5 parts). */
const JWE = [
  b64url(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM' })),
  'OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg',
  '48V1_ALb6US04U3b',
  '5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A',
  'XFBoMYUZodetZdvTiFvSkQ',
].join('.');

const MEGABYTE = 1024 * 1024;

// Built lazily so importing the corpus costs nothing until it is used (two entries are 1 MB).
export function badTokenCorpus(): CorpusEntry[] {
  const big = 'x'.repeat(MEGABYTE);
  return [
    // ---- pasted wrappers the analyzer cleans off (the token itself is fine) -------------------------
    { name: 'Bearer prefix', input: `Bearer ${T}`, status: 'valid', cleanups: ['bearer-prefix'] },
    { name: 'lower-case bearer prefix', input: `bearer ${T}`, status: 'valid', cleanups: ['bearer-prefix'] },
    {
      name: 'whole Authorization header',
      input: `Authorization: Bearer ${T}`,
      status: 'valid',
      cleanups: ['authorization-header'],
    },
    { name: 'double quotes', input: `"${T}"`, status: 'valid', cleanups: ['quotes'] },
    { name: 'single quotes', input: `'${T}'`, status: 'valid', cleanups: ['quotes'] },
    { name: 'backticks', input: `\`${T}\``, status: 'valid', cleanups: ['quotes'] },
    {
      name: 'curly quotes from a chat app',
      input: `\u201c${T}\u201d`,
      status: 'valid',
      cleanups: ['quotes'],
    },
    {
      name: 'JSON string literal with an escaped newline',
      input: `"${T}\\n"`,
      status: 'valid',
      cleanups: ['quotes', 'whitespace'],
    },
    { name: 'trailing newline', input: `${T}\n`, status: 'valid', cleanups: ['whitespace'] },
    {
      name: 'trailing CRLF (Windows clipboard)',
      input: `${T}\r\n`,
      status: 'valid',
      cleanups: ['whitespace'],
    },
    { name: 'leading tab and spaces', input: `\t  ${T}`, status: 'valid', cleanups: ['whitespace'] },
    {
      name: 'byte-order mark before the token',
      input: `\uFEFF${T}`,
      status: 'valid',
      cleanups: ['whitespace'],
    },
    {
      name: 'wrapped at 64 columns (newlines inside)',
      input: wrapEvery(T, 64, '\n'),
      status: 'valid',
      cleanups: ['inner-whitespace'],
    },
    {
      name: 'broken up with spaces',
      input: wrapEvery(T, 20, ' '),
      status: 'valid',
      cleanups: ['inner-whitespace'],
    },
    {
      name: 'Bearer, quotes and newline stacked',
      input: `"Bearer ${T}"\n`,
      status: 'valid',
      cleanups: ['whitespace', 'quotes', 'bearer-prefix'],
    },
    { name: 'token= prefix', input: `token=${T}`, status: 'valid', cleanups: ['query-prefix'] },
    {
      name: 'query string with other parameters',
      input: `?room=1&token=${T}&v=2`.slice(8),
      status: 'valid',
      cleanups: ['query-prefix'],
    },
    {
      name: 'a whole ws:// URL',
      input: `ws://localhost:3000/?token=${T}`,
      status: 'valid',
      cleanups: ['query-prefix'],
    },
    {
      name: 'a whole https:// URL with access_token',
      input: `https://api.example.com/cb?access_token=${T}#x`,
      status: 'valid',
      cleanups: ['query-prefix'],
    },
    {
      name: 'percent-encoded dots',
      input: T.replace(/\./g, '%2E'),
      status: 'valid',
      cleanups: ['percent-decoded'],
    },
    {
      name: 'double percent-encoded',
      input: T.replace(/\./g, '%252E'),
      status: 'valid',
      cleanups: ['percent-decoded', 'percent-decoded'],
    },
    {
      name: 'URL-encoded Bearer header value',
      input: encodeURIComponent(`Bearer ${T}`),
      status: 'valid',
      cleanups: ['percent-decoded', 'bearer-prefix'],
    },

    // ---- not a JWT at all ----------------------------------------------------------------------------
    { name: 'empty', input: '', status: 'empty', problem: 'ERR_TOKEN_EMPTY' },
    { name: 'only whitespace', input: ' \n\t ', status: 'empty', problem: 'ERR_TOKEN_EMPTY' },
    { name: 'empty quotes', input: '""', status: 'empty', problem: 'ERR_TOKEN_EMPTY' },
    { name: '"undefined"', input: 'undefined', status: 'malformed', problem: 'ERR_TOKEN_PLACEHOLDER' },
    { name: '"null"', input: 'null', status: 'malformed', problem: 'ERR_TOKEN_PLACEHOLDER' },
    { name: '"NaN"', input: 'NaN', status: 'malformed', problem: 'ERR_TOKEN_PLACEHOLDER' },
    {
      name: '"[object Object]"',
      input: '[object Object]',
      status: 'malformed',
      problem: 'ERR_TOKEN_PLACEHOLDER',
    },
    {
      name: '"[object Promise]"',
      input: '[object Promise]',
      status: 'malformed',
      problem: 'ERR_TOKEN_PLACEHOLDER',
    },
    {
      name: 'unfilled ${token} template',
      input: '${token}',
      status: 'malformed',
      problem: 'ERR_TOKEN_PLACEHOLDER',
    },
    {
      name: 'unfilled <token> placeholder',
      input: '<token>',
      status: 'malformed',
      problem: 'ERR_TOKEN_PLACEHOLDER',
    },
    {
      name: 'the word Bearer alone',
      input: 'Bearer ',
      status: 'malformed',
      problem: 'ERR_TOKEN_PLACEHOLDER',
    },
    {
      name: 'token=undefined from a template string',
      input: 'token=undefined',
      status: 'malformed',
      problem: 'ERR_TOKEN_PLACEHOLDER',
    },
    {
      name: 'an opaque API key',
      input: 'sk_live_51H8xYzAbCdEfGhIjKlMnOp',
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },
    {
      name: 'a UUID session id',
      input: '3f2b8c1e-9d4a-4b7e-8f6a-1c2d3e4f5a6b',
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },
    {
      name: 'decoded payload JSON pasted instead of the token',
      input: JSON.stringify(payload()),
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },
    { name: 'only the header segment', input: TH, status: 'malformed', problem: 'ERR_SEGMENT_COUNT' },
    { name: '1 MB of junk', input: big, status: 'malformed', problem: 'ERR_SEGMENT_COUNT' },
    {
      name: 'binary bytes',
      input: '\u0000\u0001\u00ff.\u0002\u0003.\u0004',
      status: 'malformed',
      problem: 'ERR_SEGMENT_CHARSET',
    },
    { name: 'emoji', input: '🔑.🎫.✍️', status: 'malformed', problem: 'ERR_SEGMENT_CHARSET' },
    {
      name: 'HTML pasted from a page',
      input: '<img src=x onerror="alert(1)">.<b>.</b>',
      status: 'malformed',
      problem: 'ERR_SEGMENT_CHARSET',
    },
    {
      name: 'a URL without a token parameter',
      input: 'ws://localhost:3000/socket',
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },

    // ---- structure ----------------------------------------------------------------------------------
    { name: 'JWE (encrypted, 5 parts)', input: JWE, status: 'malformed', problem: 'ERR_JWE' },
    {
      name: 'two tokens pasted together',
      input: `${T}${T}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },
    {
      name: 'signature segment missing (2 parts)',
      input: `${TH}.${TP}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },
    {
      name: 'cut off inside the payload',
      input: T.slice(0, TH.length + 1 + 10),
      status: 'malformed',
      problem: 'ERR_SEGMENT_COUNT',
    },
    { name: 'four parts (an extra dot)', input: `${T}.`, status: 'malformed', problem: 'ERR_SEGMENT_COUNT' },
    {
      name: 'leading dot (empty header)',
      input: `.${TP}.${TS}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_EMPTY',
    },
    {
      name: 'two dots in a row (empty payload)',
      input: `${TH}..${TS}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_EMPTY',
    },
    {
      name: 'signature cut to an impossible length',
      input: T.slice(0, T.length - 2),
      status: 'malformed',
      problem: 'ERR_SEGMENT_BASE64',
    },
    {
      name: 'signature cut short',
      input: T.slice(0, T.length - 4),
      status: 'malformed',
      problem: 'WARN_SIGNATURE_LENGTH',
    },
    {
      name: 'standard base64 signature (+ / =)',
      input: `${TH}.${TP}.dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk=`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_CHARSET',
    },
    {
      name: 'standard base64 header with padding',
      input: `${btoa(JSON.stringify({ alg: 'HS256', kid: 'a' }))}.${TP}.${TS}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_CHARSET',
    },
    {
      name: '+ read as a space (un-encoded token in a query)',
      input: `${TH}.${TP}.dBjftJeZ4CVP mB92K27uhbUJU1p1r/wW1gFWFOEjXk`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_CHARSET',
    },
    {
      name: 'percent-encoded standard base64 (%2B %2F %3D)',
      input: `${TH}.${TP}.dBjftJeZ4CVP%2BmB92K27uhbUJU1p1r%2FwW1gFWFOEjXk%3D`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_CHARSET',
      cleanups: ['percent-decoded'],
    },
    {
      name: 'header is not base64 of JSON',
      input: `aGVsbG8.${TP}.${TS}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_JSON',
    },
    {
      name: 'header decodes to binary',
      input: `${b64urlBytes([0xff, 0xfe, 0xfd, 0x00])}.${TP}.${TS}`,
      status: 'malformed',
      problem: 'ERR_SEGMENT_UTF8',
    },
    {
      name: 'header is a JSON array',
      input: jwt(b64url('[]')),
      status: 'malformed',
      problem: 'ERR_SEGMENT_NOT_OBJECT',
    },
    {
      name: 'payload JSON-encoded twice',
      input: jwt(HS256, b64url(JSON.stringify(JSON.stringify(payload())))),
      status: 'malformed',
      problem: 'ERR_SEGMENT_NOT_OBJECT',
    },
    {
      name: 'header without alg',
      input: jwt({ typ: 'JWT' }),
      status: 'malformed',
      problem: 'ERR_HEADER_NO_ALG',
    },

    // ---- algorithms ---------------------------------------------------------------------------------
    {
      name: 'alg none, empty signature',
      input: jwt({ alg: 'none', typ: 'JWT' }, payload(), ''),
      status: 'valid',
      problem: 'WARN_ALG_NONE',
    },
    {
      name: 'alg "None" (case trick)',
      input: jwt({ alg: 'None' }, payload(), ''),
      status: 'valid',
      problem: 'WARN_ALG_NONE',
    },
    {
      name: 'alg hs256 (wrong case)',
      input: jwt({ alg: 'hs256' }),
      status: 'valid',
      problem: 'WARN_ALG_UNKNOWN',
    },
    {
      name: 'HS256 with an empty signature',
      input: `${TH}.${TP}.`,
      status: 'malformed',
      problem: 'WARN_UNSIGNED',
    },

    // ---- claims -------------------------------------------------------------------------------------
    {
      name: 'expired an hour ago',
      input: jwt(HS256, payload({ iat: NOW_S - 7200, exp: NOW_S - 3600 })),
      status: 'expired',
    },
    {
      name: 'not valid yet (nbf in an hour)',
      input: jwt(HS256, payload({ nbf: NOW_S + 3600 })),
      status: 'not-yet-valid',
    },
    {
      name: 'no exp',
      input: jwt(HS256, payload({ exp: undefined })),
      status: 'no-expiry',
      problem: 'WARN_MISSING_CLAIMS',
    },
    {
      name: 'exp in milliseconds',
      input: jwt(HS256, payload({ exp: (NOW_S + 3600) * 1000 })),
      status: 'valid',
      problem: 'WARN_MILLISECONDS',
    },
    {
      name: 'exp as a string',
      input: jwt(HS256, payload({ exp: String(NOW_S + 3600) })),
      status: 'no-expiry',
      problem: 'WARN_CLAIM_TYPE',
    },
    {
      name: 'exp before iat',
      input: jwt(HS256, payload({ iat: NOW_S, exp: NOW_S - 10 })),
      status: 'expired',
      problem: 'WARN_EXP_BEFORE_IAT',
    },
    {
      name: 'iat in the future (clock skew)',
      input: jwt(HS256, payload({ iat: NOW_S + 600 })),
      status: 'valid',
      problem: 'WARN_IAT_IN_FUTURE',
    },
    {
      name: 'missing userId and role',
      input: jwt(HS256, payload({ userId: undefined, role: undefined })),
      status: 'valid',
      problem: 'WARN_MISSING_CLAIMS',
    },
    {
      name: 'an expired token with a 1 MB claim',
      input: jwt(HS256, payload({ blob: big, iat: NOW_S - 7200, exp: NOW_S - 3600 })),
      status: 'expired',
    },
  ];
}
