import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeBase64, encodeBase64url } from '../token/base64url.ts';
import { composeMessage, hexDump, parseBase64Bytes, parseHexBytes, prettyJson } from './compose.ts';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

describe('parseHexBytes', () => {
  it('reads hex as people paste it', () => {
    for (const t of [
      'de ad be ef',
      'deadbeef',
      'DE:AD:BE:EF',
      '0xde, 0xad, 0xbe, 0xef',
      '\\xde\\xad\\xbe\\xef',
      'de-ad\nbe ef',
    ]) {
      const r = parseHexBytes(t);
      expect(r.ok && hex(r.bytes)).toBe('de ad be ef');
    }
    const empty = parseHexBytes('');
    expect(empty.ok && empty.bytes.length).toBe(0);
  });

  it('says what is wrong', () => {
    const odd = parseHexBytes('abc');
    expect(odd.ok).toBe(false);
    expect(!odd.ok && odd.message).toMatch(/even/);
    const bad = parseHexBytes('zz');
    expect(!bad.ok && bad.message).toMatch(/“z” is not a hex digit/);
  });

  it('round-trips any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = parseHexBytes(hex(bytes));
        expect(r.ok && [...r.bytes]).toEqual([...bytes]);
      }),
    );
  });
});

describe('parseBase64Bytes', () => {
  it('accepts base64 and base64url, with or without padding and whitespace (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        for (const text of [encodeBase64(bytes), encodeBase64url(bytes), ` ${encodeBase64(bytes)}\n`]) {
          const r = parseBase64Bytes(text);
          expect(r.ok && [...r.bytes]).toEqual([...bytes]);
        }
      }),
    );
  });

  it('refuses what is not base64', () => {
    expect(parseBase64Bytes('ab$c').ok).toBe(false);
  });
});

describe('composeMessage', () => {
  it('sends text as typed', () => {
    expect(composeMessage(' hi ', 'text')).toEqual({ ok: true, kind: 'text', text: ' hi ' });
  });

  it("says where a JSON error is once, whatever the engine's message carries", () => {
    // V8: "… at position 8" (Chrome adds "(line 1 column 9)"); the console adds its own "(line, column)".
    const bad = composeMessage('{"a": 1,}', 'json');
    const message = !bad.ok ? bad.message : '';
    expect(message.match(/line \d+,? column \d+/g)).toHaveLength(1);
    expect(message).not.toMatch(/position \d+/);
    expect(message).toContain('(line 1, column 9)');
  });

  it('validates JSON and sends it as typed, with where the error is', () => {
    expect(composeMessage('{"a": 1}', 'json')).toEqual({ ok: true, kind: 'text', text: '{"a": 1}' });
    const bad = composeMessage('{"a": }', 'json');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.code).toBe('ERR_COMPOSE_JSON');
    expect(!bad.ok && bad.message).toMatch(/^Not valid JSON/);
  });

  it('turns hex and base64 into bytes', () => {
    const h = composeMessage('01 02', 'hex');
    expect(h.ok && h.kind === 'binary' && [...h.bytes]).toEqual([1, 2]);
    const b = composeMessage('AQI=', 'base64');
    expect(b.ok && b.kind === 'binary' && [...b.bytes]).toEqual([1, 2]);
    expect(composeMessage('0', 'hex')).toMatchObject({ ok: false, code: 'ERR_COMPOSE_HEX' });
    expect(composeMessage('!!', 'base64')).toMatchObject({ ok: false, code: 'ERR_COMPOSE_BASE64' });
  });

  it('throws only for misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => composeMessage('x', 'yaml')).toThrow(TypeError);
  });
});

describe('prettyJson', () => {
  it('pretty-prints objects and arrays, and nothing else', () => {
    expect(prettyJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson('42')).toBeNull();
    expect(prettyJson('"x"')).toBeNull();
    expect(prettyJson('{oops')).toBeNull();
    expect(prettyJson('{}', 1)).toBeNull();
  });
});

describe('hexDump', () => {
  it('prints offset, hex and printable ASCII', () => {
    const lines = hexDump(new TextEncoder().encode('Hello, WebSocket!\u0000'));
    expect(lines).toEqual([
      '00000000  48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74  |Hello, WebSocket|',
      '00000010  21 00                                             |!.|',
    ]);
    expect(hexDump(new Uint8Array())).toEqual([]);
  });
});
