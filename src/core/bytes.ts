/** Hex bytes for a binary message: "0a ff 10 …  (+96 bytes)". */
export function hexPreview(bytes: Uint8Array, maxBytes = 32): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('hexPreview: bytes must be a Uint8Array');
  if (!Number.isInteger(maxBytes) || maxBytes < 0)
    throw new TypeError('hexPreview: maxBytes must be a non-negative integer');
  if (bytes.length === 0) return '(empty)';
  const shown = Math.min(bytes.length, maxBytes);
  const hex: string[] = [];
  for (let i = 0; i < shown; i++) hex.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  const rest = bytes.length - shown;
  if (rest === 0) return hex.join(' ');
  const more = `(+${rest} byte${rest === 1 ? '' : 's'})`;
  return shown === 0 ? `…  ${more}` : `${hex.join(' ')} …  ${more}`;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A size for humans, 1024-based: "512 B", "1.2 KB", "34 MB". */
export function formatBytes(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new TypeError('formatBytes: n must be a non-negative finite number');
  }
  if (n < 1024) return `${Math.round(n)} B`;
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 10 ("1.2 KB"), whole numbers above ("34 MB").
  let text = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  if (text === '1024' && unit < UNITS.length - 1) {
    text = '1';
    unit++;
  }
  return `${text} ${UNITS[unit] ?? 'TB'}`;
}
