import { describe, expect, it } from 'vitest';
import {
  isSendableCloseCode,
  parseRelayConnect,
  RELAY_MAX_TIMEOUT_MS,
  RELAY_MIN_TIMEOUT_MS,
} from './protocol.ts';

const parse = (value: unknown) => {
  const text = JSON.stringify(value);
  return parseRelayConnect(text, new TextEncoder().encode(text).length);
};
const base = {
  type: 'connect',
  url: 'ws://127.0.0.1:8080/socket',
  protocols: [],
  headers: {},
  timeoutMs: 5000,
};

describe('parseRelayConnect', () => {
  it('accepts a connect message and clamps its timeout', () => {
    expect(parse({ ...base, headers: { Authorization: 'Bearer a.b.c', Origin: 'http://x' } })).toEqual({
      ok: true,
      connect: { ...base, headers: { Authorization: 'Bearer a.b.c', Origin: 'http://x' } },
    });
    expect(parse({ ...base, timeoutMs: 1 })).toMatchObject({ connect: { timeoutMs: RELAY_MIN_TIMEOUT_MS } });
    expect(parse({ ...base, timeoutMs: 1e9 })).toMatchObject({
      connect: { timeoutMs: RELAY_MAX_TIMEOUT_MS },
    });
  });

  it.each([
    [{ ...base, type: 'open' }, /first message/],
    [{ ...base, url: 'wss://u:p@example.com/' }, /user name or password/],
    [{ ...base, url: 'not a url' }, /not a valid URL/],
    [{ ...base, protocols: ['a', 'a'] }, /duplicates/],
    [{ ...base, protocols: ['a b'] }, /subprotocol names/],
    [{ ...base, headers: { Connection: 'close' } }, /sets Connection itself/],
    [{ ...base, headers: { 'sec-websocket-key': 'x' } }, /sets sec-websocket-key itself/],
    [{ ...base, headers: { 'Transfer-Encoding': 'chunked' } }, /sets Transfer-Encoding/],
    [{ ...base, headers: { 'Content-Length': '1' } }, /sets Content-Length/],
    [{ ...base, headers: { 'X-A': '1', 'x-a': '2' } }, /given twice/],
    [{ ...base, headers: { 'X-A': 1 } }, /must be a string/],
    [{ ...base, headers: { 'X-A': 'a\nb' } }, /CR, LF/],
    [{ ...base, headers: { 'X-A': 'snow ☃' } }, /Latin-1/],
    [{ ...base, timeoutMs: 'soon' }, /timeoutMs/],
  ])('refuses %j', (value, message) => {
    expect(parse(value)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('never repeats a header value in its refusal (values carry tokens)', () => {
    const result = parse({ ...base, headers: { Authorization: 'Bearer secret.token\r\n' } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('refuses a message over 16 KB by its byte length', () => {
    expect(parseRelayConnect('{}', 16 * 1024 + 1)).toMatchObject({ ok: false, message: /16384 bytes/ });
  });
});

describe('isSendableCloseCode', () => {
  it('is what a close frame may carry', () => {
    expect([1000, 1003, 1007, 1014, 3000, 4999].every(isSendableCloseCode)).toBe(true);
    expect([999, 1004, 1005, 1006, 1015, 2999, 5000].some(isSendableCloseCode)).toBe(false);
  });
});
