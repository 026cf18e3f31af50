// wsjwt mint --secret S: signs the guide's payload ({ userId: "123", role: "principal", iat, exp: iat + 24 h })
// and prints only the token on stdout, so TOKEN=$(npx wsjwt mint --secret s) works.
import { defaultPayload, HMAC_ALGORITHMS, mintToken, parsePayloadJson } from '../../core/index.ts';
import type { HmacAlg } from '../../core/index.ts';
import { parseArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { EXIT_OK, UsageError } from './io.ts';
import { resolveSecret, SECRET_HELP, SECRET_OPTIONS } from './secret.ts';

export const MINT_USAGE = `Usage: npx wsjwt mint --secret S [options]

Sign a JWT with an HMAC secret and print it (only the token, on stdout):
  TOKEN=$(npx wsjwt mint --secret "$JWT_SECRET")
The payload is the guide's: { "userId": "123", "role": "principal", "iat": now, "exp": now + 24 h }.

${SECRET_HELP}

Options:
  --claim k=v             set a payload field (repeatable); v is parsed as JSON when it parses (42, true,
                          "text", [1,2]), else taken as a string: --claim role=admin --claim userId=42
  --payload JSON          start from this JSON object instead of the guide's payload
  --expires-in D          exp = iat + D, with iat = now (unless --claim iat=… or --payload sets it):
                          3600 or 3600s, 90m, 24h, 7d. 0 or a negative D (-1h) mints an already-expired
                          token on purpose (exp = now + D, iat = now). Not together with --claim exp=…
                          or a --payload that has exp: that is an error, not a silent choice.
  --alg A                 HS256 (default) | HS384 | HS512
  --json                  print { token, header, payload } instead of the bare token
  --help                  this help

Exit status: 0 minted, 2 bad usage (no secret, bad claim, bad duration, a secret that does not decode).`;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** "24h" → 86400. Bare numbers are seconds (as in jsonwebtoken's expiresIn). */
export function parseDuration(raw: string): number {
  const match =
    /^([+-]?)(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)?$/i.exec(
      raw.trim(),
    );
  if (match === null)
    throw new UsageError(`--expires-in must be a duration such as 3600, 90m, 24h or 7d, got "${raw}"`);
  const unit = (match[3] ?? 's').toLowerCase();
  const key = unit.startsWith('mi') || unit === 'm' ? 'm' : (unit[0] ?? 's');
  const seconds = Number(match[2]) * (UNIT_SECONDS[key] ?? 1) * (match[1] === '-' ? -1 : 1);
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 100 * 365 * 86_400)
    throw new UsageError(`--expires-in ${raw} is out of range`);
  return Math.round(seconds);
}

/** "k=v" → [k, v]; v is JSON when it parses, else the text. */
export function parseClaim(raw: string): [string, unknown] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--claim must be key=value, got "${raw}"`);
  const key = raw.slice(0, eq).trim();
  if (key === '') throw new UsageError(`--claim must be key=value, got "${raw}"`);
  const text = raw.slice(eq + 1);
  try {
    return [key, JSON.parse(text) as unknown];
  } catch {
    return [key, text];
  }
}

export function parseAlg(raw: string | undefined): HmacAlg {
  if (raw === undefined) return 'HS256';
  const alg = raw.trim().toUpperCase();
  if ((HMAC_ALGORITHMS as readonly string[]).includes(alg)) return alg as HmacAlg;
  throw new UsageError(
    `--alg must be one of ${HMAC_ALGORITHMS.join(', ')} (an HMAC secret signs only those), got "${raw}"`,
  );
}

/** exp = iat + D; iat is now unless the user set it. Two sources for exp are a conflict, never a silent pick. */
export function applyExpiresIn(
  payload: Record<string, unknown>,
  seconds: number,
  raw: string,
  context: { now: number; expFromClaim: boolean; expFromPayload: boolean },
): void {
  if (context.expFromClaim)
    throw new UsageError(`--expires-in ${raw} and --claim exp=… both set exp: give only one of them`);
  if (context.expFromPayload)
    throw new UsageError(`--expires-in ${raw} and the exp in --payload both set exp: give only one of them`);
  if (!Object.hasOwn(payload, 'iat')) payload.iat = Math.floor(context.now / 1000);
  const iat = payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    throw new UsageError(
      `--expires-in counts from iat, but iat is ${JSON.stringify(iat)}, not a number of seconds`,
    );
  payload.exp = iat + seconds;
}

export async function runMint(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(
    argv,
    {
      ...SECRET_OPTIONS,
      claim: { type: 'string', multiple: true },
      payload: { type: 'string' },
      'expires-in': { type: 'string' },
      alg: { type: 'string' },
      json: { type: 'boolean' },
    },
    'mint',
  );
  if (args.positionals.length > 0)
    throw new UsageError(`mint takes no arguments, got "${args.positionals[0] ?? ''}" (use --claim k=v)`);
  const alg = parseAlg(args.string('alg'));
  const claims = args.strings('claim').map(parseClaim);
  const expiresRaw = args.string('expires-in');
  const expiresIn = expiresRaw !== undefined ? parseDuration(expiresRaw) : undefined;
  const secret = resolveSecret(args, io);
  if (secret === undefined)
    throw new UsageError('mint needs a secret: --secret S, --dotenv .env or JWT_SECRET in the environment');

  const now = io.now();
  let payload: Record<string, unknown>;
  const payloadText = args.string('payload');
  if (payloadText !== undefined) {
    const parsed = parsePayloadJson(payloadText);
    if (!parsed.ok) throw new UsageError(`--payload: ${parsed.message}`);
    payload = { ...parsed.payload };
  } else {
    payload = { ...defaultPayload(now) };
  }
  for (const [key, value] of claims) payload[key] = value;
  if (expiresIn !== undefined)
    applyExpiresIn(payload, expiresIn, expiresRaw ?? '', {
      now,
      expFromClaim: claims.some(([key]) => key === 'exp'),
      expFromPayload: payloadText !== undefined && Object.hasOwn(payload, 'exp'),
    });

  const minted = await mintToken(payload, secret.input, alg);
  if (!minted.ok) throw new UsageError(`cannot sign: ${minted.message}`);
  if (args.flag('json')) {
    io.stdout(`${JSON.stringify({ token: minted.token, header: { alg, typ: 'JWT' }, payload }, null, 2)}\n`);
  } else {
    io.stdout(`${minted.token}\n`);
  }
  return EXIT_OK;
}
