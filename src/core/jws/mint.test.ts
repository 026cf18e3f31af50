import { compactVerify, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SecretInput } from '../types.ts';
import { defaultPayload, mintToken, parsePayloadJson } from './mint.ts';
import { verifyToken } from './verify.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37, 900);
const SECRET: SecretInput = { text: 'local-dev-secret', encoding: 'utf8' };

describe('defaultPayload', () => {
  it('is the guide’s payload, valid for 24 h from now (seconds, floored)', () => {
    expect(defaultPayload(NOW)).toEqual({
      userId: '123',
      role: 'principal',
      iat: 1795753357,
      exp: 1795753357 + 86_400,
    });
  });

  it('rejects misuse', () => {
    expect(() => defaultPayload(Number.NaN)).toThrow(TypeError);
  });
});

describe('mintToken', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each(['HS256', 'HS384', 'HS512'] as const)(
    'signs %s with header {alg, typ: JWT} and the payload as given',
    async (alg) => {
      const payload = { ...defaultPayload(NOW), extra: [1, 'two'] };
      const r = await mintToken(payload, SECRET, alg);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(decodeProtectedHeader(r.token)).toEqual({ alg, typ: 'JWT' });
      const verified = await compactVerify(r.token, new TextEncoder().encode(SECRET.text));
      expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(payload);
      expect(await verifyToken(r.token, SECRET)).toEqual({ ok: true, alg });
    },
  );

  it('does not add iat', async () => {
    const r = await mintToken({ userId: '123' }, SECRET, 'HS256');
    expect(r.ok && JSON.parse(Buffer.from(r.token.split('.')[1] ?? '', 'base64url').toString())).toEqual({
      userId: '123',
    });
  });

  it('produces the same header segment as jsonwebtoken', async () => {
    const r = await mintToken({}, SECRET, 'HS256');
    expect(r.ok && r.token.split('.')[0]).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
  });

  it('uses decoded secrets', async () => {
    const key = new Uint8Array(32).fill(9);
    const r = await mintToken({}, { text: Buffer.from(key).toString('base64'), encoding: 'base64' }, 'HS256');
    expect(r.ok && (await compactVerify(r.token, key)).protectedHeader.alg).toBe('HS256');
  });

  it.each<[SecretInput, string]>([
    [{ text: '', encoding: 'utf8' }, 'ERR_SECRET_EMPTY'],
    [{ text: 'xyz', encoding: 'hex' }, 'ERR_SECRET_ENCODING'],
  ])('%j → %s', async (secret, code) => {
    expect(await mintToken({}, secret, 'HS256')).toMatchObject({ ok: false, code });
  });

  it('ERR_PAYLOAD_JSON for values JSON cannot hold', async () => {
    const r = await mintToken({ n: 10n }, SECRET, 'HS256');
    expect(r).toMatchObject({ ok: false, code: 'ERR_PAYLOAD_JSON' });
  });

  it('ERR_NO_WEBCRYPTO outside a secure context', async () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('crypto', {});
    expect(await mintToken({}, SECRET, 'HS256')).toMatchObject({ ok: false, code: 'ERR_NO_WEBCRYPTO' });
  });

  it('rejects misuse', async () => {
    // @ts-expect-error misuse on purpose
    await expect(mintToken({}, SECRET, 'RS256')).rejects.toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    await expect(mintToken(null, SECRET, 'HS256')).rejects.toThrow(TypeError);
    // @ts-expect-error misuse on purpose
    await expect(mintToken([], SECRET, 'HS256')).rejects.toThrow(TypeError);
  });
});

describe('parsePayloadJson', () => {
  it('parses an object', () => {
    expect(parsePayloadJson('{ "userId": "123", "iat": 1 }')).toEqual({
      ok: true,
      payload: { userId: '123', iat: 1 },
    });
  });

  it.each<[string, RegExp, number | undefined, number | undefined]>([
    ['', /empty/, undefined, undefined],
    ['   \n', /empty/, undefined, undefined],
    ['[1, 2]', /must be a JSON object .*not an array/, undefined, undefined],
    ['"text"', /not a string/, undefined, undefined],
    ['null', /not null/, undefined, undefined],
    ['{\n  "a": 1,\n  "b": }', /not valid JSON at line 3, column 8/, 3, 8],
    ['{\n  userId: "123"\n}', /double quotes around property names/, 2, 3],
    ["{ 'a': 1 }", /single quotes/, 1, 3],
    ['{ "a": 1, }', /trailing comma/, 1, 11],
    ['{ "a": 1', /not valid JSON/, 1, 9],
  ])('%j', (text, message, line, column) => {
    const r = parsePayloadJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    expect(r.line).toBe(line);
    expect(r.column).toBe(column);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => parsePayloadJson({})).toThrow(TypeError);
  });
});
