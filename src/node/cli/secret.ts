// Where a command's HMAC secret comes from: --secret, else JWT_SECRET in --dotenv/--env-file, else JWT_SECRET in
// the environment — the guide's setup (a .env with JWT_SECRET=…) works as is.
//
// --dotenv is the name Node never reads: Node (20 and later) also scans the arguments after a script for
// --env-file and exits 9 ("node: x.env: not found") before wsjwt starts when that file is missing.
import { parseEnv } from 'node:util';
import { decodeSecret } from '../../core/index.ts';
import type { SecretEncoding, SecretInput } from '../../core/index.ts';
import type { CliIo } from './io.ts';
import { MAX_ENV_FILE_BYTES, UsageError } from './io.ts';
import type { OptionSpecs, ParsedArgs } from './args.ts';

export const SECRET_OPTIONS: OptionSpecs = {
  secret: { type: 'string' },
  'secret-encoding': { type: 'string' },
  dotenv: { type: 'string' },
  'env-file': { type: 'string' },
};

export const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'base64', 'base64url', 'hex'];

export interface ResolvedSecret {
  input: SecretInput;
  /** For humans: "--secret", "JWT_SECRET in .env (line 3)", "JWT_SECRET in the environment". */
  source: string;
}

export const SECRET_HELP = `Secret:
  --secret S              the HMAC secret (the server's JWT_SECRET)
  --secret-encoding E     utf8 (default) | base64 | base64url | hex: how the server reads JWT_SECRET
  --dotenv FILE           take JWT_SECRET from a .env file (--env-file FILE works too, but when FILE
                          is missing Node itself stops first: "node: FILE: not found", exit 9)
  Without --secret: JWT_SECRET from --dotenv, else from the environment. A secret that does not decode
  in its --secret-encoding is bad input (exit 2).`;

export function parseSecretEncoding(raw: string | undefined): SecretEncoding {
  if (raw === undefined) return 'utf8';
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/^utf-8$/, 'utf8');
  if ((SECRET_ENCODINGS as readonly string[]).includes(value)) return value as SecretEncoding;
  throw new UsageError(`--secret-encoding must be one of ${SECRET_ENCODINGS.join(', ')}, got "${raw}"`);
}

/** --dotenv or --env-file (one of them): the option's name as the user typed it, and the path. */
export function envFileOption(args: ParsedArgs): { flag: string; path: string } | undefined {
  const dotenv = args.string('dotenv');
  const envFile = args.string('env-file');
  if (dotenv !== undefined && envFile !== undefined)
    throw new UsageError('give --dotenv or --env-file, not both (they are the same option)');
  if (dotenv !== undefined) return { flag: '--dotenv', path: dotenv };
  if (envFile !== undefined) return { flag: '--env-file', path: envFile };
  return undefined;
}

/** The text of an env file; UsageError naming the option when it cannot be read. */
export function readEnvFile(option: { flag: string; path: string }, io: CliIo): string {
  const { flag, path } = option;
  if (path === '') throw new UsageError(`${flag} is empty: name a .env file`);
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'unreadable');
    throw new UsageError(`cannot read ${flag} ${path}: ${why}`);
  }
  if (text.length > MAX_ENV_FILE_BYTES)
    throw new UsageError(`${flag} ${path} is larger than ${MAX_ENV_FILE_BYTES} bytes`);
  return text;
}

/**
 * JWT_SECRET of an env file, read as the reference server reads .env (node:util parseEnv), with the line
 * it is on. Only JWT_SECRET: another variable (PORT, API_SECRET…) is never taken for it.
 */
export function envFileSecret(text: string): { value: string; line: number } | undefined {
  const value = parseEnv(text).JWT_SECRET;
  if (value === undefined || value === '') return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  let line = 0;
  lines.forEach((l, i) => {
    if (/^\s*(export\s+)?JWT_SECRET\s*=/.test(l)) line = i + 1;
  });
  return { value, line };
}

/** A secret that cannot be used in its encoding is bad input, the same way in every command. */
function checkDecodes(resolved: ResolvedSecret): ResolvedSecret {
  const decoded = decodeSecret(resolved.input);
  if (!decoded.ok)
    throw new UsageError(
      `${decoded.message} (secret from ${resolved.source}, --secret-encoding ${resolved.input.encoding})`,
    );
  return resolved;
}

/** The secret the options name, or undefined when none is given anywhere. Throws UsageError for bad input. */
export function resolveSecret(args: ParsedArgs, io: CliIo): ResolvedSecret | undefined {
  const encoding = parseSecretEncoding(args.string('secret-encoding'));
  const flag = args.string('secret');
  const envFile = envFileOption(args);
  // An unreadable env file is an error even when --secret wins: the user asked for it.
  const fileText = envFile !== undefined ? readEnvFile(envFile, io) : undefined;
  if (flag !== undefined) {
    if (flag === '') throw new UsageError('--secret is empty');
    return checkDecodes({ input: { text: flag, encoding }, source: '--secret' });
  }
  if (envFile !== undefined && fileText !== undefined) {
    const found = envFileSecret(fileText);
    if (found === undefined)
      throw new UsageError(
        `${envFile.flag} ${envFile.path} has no JWT_SECRET=… line (other variables are not used as the secret)`,
      );
    return checkDecodes({
      input: { text: found.value, encoding },
      source: `JWT_SECRET in ${envFile.path} (line ${found.line})`,
    });
  }
  const fromEnv = io.env.JWT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '')
    return checkDecodes({ input: { text: fromEnv, encoding }, source: 'JWT_SECRET in the environment' });
  return undefined;
}
