import { CompactSign } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SecretInput } from '../types.ts';
import { MAX_TRIAGE_VERIFICATIONS, triageSecret } from './triage.ts';

const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function signWith(key: Uint8Array | string): Promise<string> {
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ userId: '123', role: 'principal' })))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(bytes);
}

const RAW_KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const B64 = Buffer.from(RAW_KEY).toString('base64');
const B64URL = Buffer.from(RAW_KEY).toString('base64url');
const HEX = Buffer.from(RAW_KEY).toString('hex');

describe('triageSecret', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('stops at the given secret when it verifies', async () => {
    const token = await signWith('secret');
    const t = await triageSecret(token, { text: 'secret', encoding: 'utf8' });
    expect(t.given).toEqual({ ok: true, alg: 'HS256' });
    expect(t.match).toBeUndefined();
    expect(t.tried.map((x) => [x.variant.id, x.ok])).toEqual([['as-given', true]]);
    expect(t.notes.join(' ')).toMatch(/only 6 bytes/);
  });

  it.each<[string, Uint8Array | string, SecretInput, string, RegExp]>([
    ['trailing newline', 'secret', { text: 'secret\n', encoding: 'utf8' }, 'trimmed', /trimmed/],
    [
      'surrounding quotes',
      'secret',
      { text: '"secret"', encoding: 'utf8' },
      'unquoted',
      /without the surrounding quotes/,
    ],
    [
      'a pasted .env',
      'the-real-secret',
      { text: 'PORT=3000\nNODE_ENV=development\nJWT_SECRET="the-real-secret"\n', encoding: 'utf8' },
      'env-line',
      /value of JWT_SECRET from the pasted \.env/,
    ],
    [
      'base64-decoded',
      RAW_KEY,
      { text: B64, encoding: 'utf8' },
      'base64-decoded',
      /^This token verifies if the secret is base64-decoded — the server \(or the signer\) probably decodes JWT_SECRET from base64\.$/,
    ],
    [
      'base64url-decoded',
      RAW_KEY,
      { text: B64URL, encoding: 'utf8' },
      'base64url-decoded',
      /base64url-decoded/,
    ],
    ['hex-decoded', RAW_KEY, { text: HEX, encoding: 'utf8' }, 'hex-decoded', /hex-decoded/],
    [
      'text of a base64 string',
      B64,
      { text: B64, encoding: 'base64' },
      'utf8-of-base64',
      /plain text .* from base64; choose UTF-8/,
    ],
    [
      'text of a hex string',
      HEX,
      { text: HEX, encoding: 'hex' },
      'utf8-text',
      /plain text .* from hex; choose UTF-8/,
    ],
    [
      'not base64 at all, marked base64',
      'plain secret!',
      { text: 'plain secret!', encoding: 'base64' },
      'utf8-of-base64',
      /plain text/,
    ],
  ])('%s → %s', async (_name, signingKey, secret, variant, explanation) => {
    const token = await signWith(signingKey);
    const t = await triageSecret(token, secret);
    expect(t.given.ok).toBe(false);
    expect(t.match?.id).toBe(variant);
    expect(t.match?.explanation).toMatch(explanation);
    expect(t.tried[0]?.variant.id).toBe('as-given');
    expect(t.tried.at(-1)).toMatchObject({ variant: { id: variant }, ok: true });
    expect(t.tried.length).toBeLessThanOrEqual(MAX_TRIAGE_VERIFICATIONS);
  });

  it('notes where a .env value came from', async () => {
    const t = await triageSecret(await signWith('abc-def'), {
      text: '# app\nPORT=3000\nJWT_SECRET=abc-def\n',
      encoding: 'utf8',
    });
    expect(t.match?.id).toBe('env-line');
    expect(t.notes).toContain('Secret holds .env text: also tried the value of JWT_SECRET (line 3) alone.');
  });

  it('notes a trailing newline', async () => {
    const t = await triageSecret(await signWith('secret'), { text: 'secret\n', encoding: 'utf8' });
    expect(t.notes.join(' ')).toMatch(/ends with a line break/);
  });

  it('finds a quoted, newline-terminated secret in one step', async () => {
    const t = await triageSecret(await signWith('secret'), { text: '"secret"\n', encoding: 'utf8' });
    expect(t.match?.id).toBe('unquoted');
  });

  it('tries every distinct variant and reports no match for a wrong secret', async () => {
    const t = await triageSecret(await signWith('right'), { text: ' "wrong" \n', encoding: 'utf8' });
    expect(t.match).toBeUndefined();
    expect(t.given).toMatchObject({ ok: false, code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(t.tried.every((x, i) => x.ok === false && (i === 0) === (x.variant.id === 'as-given'))).toBe(true);
    expect(t.tried.map((x) => x.variant.id)).toEqual(['as-given', 'trimmed', 'unquoted']);
  });

  it('skips variants that give a key already tried', async () => {
    // "abcd" decodes the same way as base64 and base64url: base64url is skipped.
    const t = await triageSecret(await signWith('right'), { text: 'abcd', encoding: 'utf8' });
    expect(t.tried.map((x) => x.variant.id)).toEqual(['as-given', 'base64-decoded', 'hex-decoded']);
  });

  it('does not try variants when no secret can help', async () => {
    const cases: Array<[string, string]> = [
      [`${enc({ alg: 'RS256' })}.${enc({})}.c2ln`, 'ERR_ALG_NOT_HMAC'],
      [`${enc({ alg: 'none' })}.${enc({})}.`, 'ERR_ALG_NONE'],
      ['not-a-token', 'ERR_JWS_INVALID'],
    ];
    for (const [token, code] of cases) {
      const t = await triageSecret(token, { text: 'secret\n', encoding: 'utf8' });
      expect(t.given).toMatchObject({ ok: false, code });
      expect(t.tried).toHaveLength(1);
    }
    const empty = await triageSecret(await signWith('x'), { text: '', encoding: 'utf8' });
    expect(empty.given).toMatchObject({ ok: false, code: 'ERR_SECRET_EMPTY' });
    expect(empty.tried).toHaveLength(1);
  });

  it('ERR_NO_WEBCRYPTO stops the triage', async () => {
    const token = await signWith('secret');
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('crypto', {});
    const t = await triageSecret(token, { text: 'secret\n', encoding: 'utf8' });
    expect(t.given).toMatchObject({ ok: false, code: 'ERR_NO_WEBCRYPTO' });
    expect(t.tried).toHaveLength(1);
  });

  it('rejects misuse', async () => {
    // @ts-expect-error misuse on purpose
    await expect(triageSecret(1, { text: 'x', encoding: 'utf8' })).rejects.toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    await expect(triageSecret('a.b.c', 'secret')).rejects.toThrow(TypeError);
  });
});
