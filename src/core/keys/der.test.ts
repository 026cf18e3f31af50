import { describe, expect, it } from 'vitest';
import { childrenOf, encodeNode, encodeOid, integerBits, oidText, readNode, readWhole, TAG } from './der.ts';

describe('DER', () => {
  it('round-trips OIDs', () => {
    for (const oid of ['1.2.840.113549.1.1.1', '1.2.840.10045.3.1.7', '1.3.101.112', '2.5.4.3']) {
      const node = readWhole(encodeOid(oid));
      expect(node?.tag).toBe(TAG.OID);
      expect(oidText(node?.content ?? new Uint8Array())).toBe(oid);
    }
  });

  it('reads long lengths and children', () => {
    const big = encodeNode(TAG.OCTET_STRING, new Uint8Array(300));
    expect(big.slice(0, 4)).toEqual(new Uint8Array([0x04, 0x82, 0x01, 0x2c]));
    const seq = readWhole(encodeNode(TAG.SEQUENCE, new Uint8Array([...big, 0x05, 0x00])));
    expect(seq && childrenOf(seq)?.map((c) => c.tag)).toEqual([TAG.OCTET_STRING, TAG.NULL]);
  });

  it('refuses truncated and indefinite-length input', () => {
    expect(readNode(new Uint8Array([0x30, 0x05, 0x01]))).toBeNull();
    expect(readNode(new Uint8Array([0x30, 0x80, 0x00, 0x00]))).toBeNull();
    expect(readNode(new Uint8Array([]))).toBeNull();
  });

  it('counts INTEGER bits, ignoring the sign byte', () => {
    expect(integerBits(new Uint8Array([0x00, 0x80, 0x00]))).toBe(16);
    expect(integerBits(new Uint8Array([0x01]))).toBe(1);
    expect(integerBits(new Uint8Array([0x00]))).toBe(0);
  });
});
