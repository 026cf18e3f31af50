// The values of wsjwt probe's options, checked: a bad one is a UsageError that says what to write.
import { UsageError } from './io.ts';

export function parseMs(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d+$/.test(text))
    throw new UsageError(`--${name} must be a whole number of milliseconds, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max)
    throw new UsageError(`--${name} must be between ${min} and ${max} ms, got ${value}`);
  return value;
}

export function parseHeader(raw: string): [string, string] {
  const colon = raw.indexOf(':');
  const name = colon === -1 ? '' : raw.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new UsageError(`--header must be "Name: value", got "${raw}"`);
  const value = raw.slice(colon + 1).trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new UsageError(`--header ${name}: the value contains control characters`);
  return [name, value];
}

export function parseOrigin(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.origin;
  } catch {
    throw new UsageError(`--origin must be an http(s) origin such as http://localhost:5173, got "${raw}"`);
  }
}

/** The token value in the URL's query, as a server's URLSearchParams reads it. */
export function tokenInUrl(url: string, param: string): string | undefined {
  try {
    const value = new URL(url).searchParams.get(param);
    return value === null || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
