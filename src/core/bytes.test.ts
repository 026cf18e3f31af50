import { describe, expect, it } from 'vitest';
import { formatBytes, hexPreview } from './bytes.ts';

describe('hexPreview', () => {
  it.each([
    [new Uint8Array([]), 32, '(empty)'],
    [new Uint8Array([0x0a, 0xff, 0x10]), 32, '0a ff 10'],
    [new Uint8Array(128).fill(0x0a), 3, '0a 0a 0a …  (+125 bytes)'],
    [new Uint8Array([1, 2]), 1, '01 …  (+1 byte)'],
    [new Uint8Array([1, 2]), 0, '…  (+2 bytes)'],
  ])('%#', (bytes, max, text) => {
    expect(hexPreview(bytes, max)).toBe(text);
  });

  it('defaults to 32 bytes', () => {
    const preview = hexPreview(new Uint8Array(128));
    expect(preview.split(' …')[0]?.split(' ')).toHaveLength(32);
    expect(preview).toMatch(/\(\+96 bytes\)$/);
  });

  it('rejects misuse', () => {
    // @ts-expect-error misuse on purpose
    expect(() => hexPreview([1, 2])).toThrow(TypeError);
    expect(() => hexPreview(new Uint8Array(1), -1)).toThrow(TypeError);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1229, '1.2 KB'],
    [65_536, '64 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [34 * 1024 * 1024, '34 MB'],
    [5 * 1024 ** 3, '5 GB'],
  ])('%d → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('rejects misuse', () => {
    expect(() => formatBytes(-1)).toThrow(TypeError);
    expect(() => formatBytes(Number.NaN)).toThrow(TypeError);
  });
});
