// The token argument of decode, verify and probe: given inline, or "-" for stdin.
import type { CliIo } from './io.ts';
import { UsageError } from './io.ts';

export async function readTokenArgument(
  value: string | undefined,
  io: CliIo,
  what = 'a token',
): Promise<string> {
  if (value === undefined) throw new UsageError(`missing ${what} (or "-" to read it from stdin)`);
  if (value !== '-') return value;
  const text = await io.readStdin();
  if (text.trim() === '') throw new UsageError('stdin was empty: no token to read');
  return text;
}
