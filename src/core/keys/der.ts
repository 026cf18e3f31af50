// A minimal DER reader and writer: just enough ASN.1 to tell what a pasted key is (its algorithm, curve, RSA
// modulus size, the public key inside a certificate) before handing it to WebCrypto, so that problems can be
// named in plain words instead of WebCrypto's "DataError".

export interface DerNode {
  tag: number;
  /** Offset of the tag byte in the input. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the node. */
  end: number;
  /** The content bytes (a view into the input). */
  content: Uint8Array;
  /** The whole node, tag and length included (a view into the input). */
  raw: Uint8Array;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
} as const;

/** Reads one node at `offset`, or null when the bytes are not well-formed DER there. Never throws. */
export function readNode(bytes: Uint8Array, offset = 0): DerNode | null {
  let i = offset;
  const tag = bytes[i++];
  if (tag === undefined || (tag & 0x1f) === 0x1f) return null; // high tag numbers never occur in keys
  const first = bytes[i++];
  if (first === undefined) return null;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return null; // indefinite length is BER, not DER; > 4 GiB is nonsense
    length = 0;
    for (let k = 0; k < count; k++) {
      const b = bytes[i++];
      if (b === undefined) return null;
      length = length * 256 + b;
    }
  }
  const contentStart = i;
  const end = contentStart + length;
  if (end > bytes.length) return null;
  return {
    tag,
    start: offset,
    contentStart,
    end,
    content: bytes.subarray(contentStart, end),
    raw: bytes.subarray(offset, end),
  };
}

/** The nodes inside a constructed node (SEQUENCE, SET, [n]), or null when its content is not a list of nodes. */
export function childrenOf(node: DerNode): DerNode[] | null {
  const out: DerNode[] = [];
  let i = 0;
  while (i < node.content.length) {
    const child = readNode(node.content, i);
    if (!child) return null;
    out.push(child);
    i = child.end;
  }
  return out;
}

/** A whole input that is exactly one node. */
export function readWhole(bytes: Uint8Array): DerNode | null {
  const node = readNode(bytes, 0);
  return node && node.end === bytes.length ? node : null;
}

/** Dotted text of an OBJECT IDENTIFIER's content, e.g. "1.2.840.113549.1.1.1". */
export function oidText(content: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i] ?? 0;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

/** Bits in an unsigned big-endian INTEGER's content (leading zero bytes ignored). */
export function integerBits(content: Uint8Array): number {
  let i = 0;
  while (i < content.length && content[i] === 0) i++;
  if (i === content.length) return 0;
  const top = content[i] ?? 0;
  return (content.length - i - 1) * 8 + (32 - Math.clz32(top));
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  let n = length;
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

/** One DER node from a tag and its content. */
export function encodeNode(tag: number, content: Uint8Array): Uint8Array {
  const head = [tag, ...lengthBytes(content.length)];
  const out = new Uint8Array(head.length + content.length);
  out.set(head, 0);
  out.set(content, head.length);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

/** DER of an OBJECT IDENTIFIER from its dotted text. */
export function encodeOid(dotted: string): Uint8Array {
  const nums = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = nums;
  const bytes: number[] = [];
  for (const n of [a * 40 + b, ...rest]) {
    const chunk: number[] = [n & 0x7f];
    let v = Math.floor(n / 128);
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(...chunk);
  }
  return encodeNode(TAG.OID, new Uint8Array(bytes));
}
