// Where a command's HMAC secret comes from: --secret, else JWT_SECRET in --env-file, else JWT_SECRET in the
// environment — the guide's setup (a .env with JWT_SECRET=…) works as is.
import { parseEnvSecret } from '../../core/index.ts';
import type { SecretEncoding, SecretInput } from '../../core/index.ts';
import type { CliIo } from './io.ts';
import { MAX_ENV_FILE_BYTES, UsageError } from './io.ts';
import type { OptionSpecs, ParsedArgs } from './args.ts';

export const SECRET_OPTIONS: OptionSpecs = {
  secret: { type: 'string' },
  'secret-encoding': { type: 'string' },
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
  --env-file FILE         take JWT_SECRET from a .env file
  Without --secret: JWT_SECRET from --env-file, else from the environment.`;

export function parseSecretEncoding(raw: string | undefined): SecretEncoding {
  if (raw === undefined) return 'utf8';
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/^utf-8$/, 'utf8');
  if ((SECRET_ENCODINGS as readonly string[]).includes(value)) return value as SecretEncoding;
  throw new UsageError(`--secret-encoding must be one of ${SECRET_ENCODINGS.join(', ')}, got "${raw}"`);
}

function readEnvFile(path: string, io: CliIo): string {
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
    throw new UsageError(`cannot read --env-file ${path}: ${why}`);
  }
  if (text.length > MAX_ENV_FILE_BYTES)
    throw new UsageError(`--env-file ${path} is larger than ${MAX_ENV_FILE_BYTES} bytes`);
  return text;
}

/** The secret the options name, or undefined when none is given anywhere. Throws UsageError for bad input. */
export function resolveSecret(args: ParsedArgs, io: CliIo): ResolvedSecret | undefined {
  const encoding = parseSecretEncoding(args.string('secret-encoding'));
  const flag = args.string('secret');
  const envFile = args.string('env-file');
  // An unreadable --env-file is an error even when --secret wins: the user asked for it.
  const fileText = envFile !== undefined ? readEnvFile(envFile, io) : undefined;
  if (flag !== undefined) {
    if (flag === '') throw new UsageError('--secret is empty');
    return { input: { text: flag, encoding }, source: '--secret' };
  }
  if (envFile !== undefined && fileText !== undefined) {
    const found = parseEnvSecret(fileText);
    if (found === null || found.value === '')
      throw new UsageError(`--env-file ${envFile} has no JWT_SECRET=… line`);
    return {
      input: { text: found.value, encoding },
      source: `${found.variable} in ${envFile} (line ${found.line})`,
    };
  }
  const fromEnv = io.env.JWT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '')
    return { input: { text: fromEnv, encoding }, source: 'JWT_SECRET in the environment' };
  return undefined;
}
