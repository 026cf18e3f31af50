// wsjwt verify <token|-> --secret S: checks the signature with the same secret triage as the console — when
// the secret as given fails, the usual mistakes (whitespace, quotes, a pasted .env line, base64/hex) are tried.
import { analyzeToken, triageSecret } from '../../core/index.ts';
import { cliText } from '../../core/diagnosis/surface.ts';
import type { SecretTriage, TokenAnalysis } from '../../core/index.ts';
import { parseArgs } from './args.ts';
import { statusLine } from './format.ts';
import type { CliIo, Style } from './io.ts';
import { createStyle, EXIT_OK, EXIT_PROBLEM, printable, UsageError } from './io.ts';
import { resolveSecret, SECRET_HELP, SECRET_OPTIONS } from './secret.ts';
import { readTokenArgument } from './token-input.ts';

export const VERIFY_USAGE = `Usage: npx wsjwt verify <token|-> --secret S [options]

Check a JWT's HMAC signature (HS256/384/512) against a secret. When it fails, the usual mistakes are tried —
trailing newline, quotes, a whole .env line, a base64/base64url/hex secret read as text or the reverse —
and the one that verifies is named. Only the signature is checked; exp/nbf are reported as the token status.

Arguments:
  <token>                 the token, or - to read it from stdin

${SECRET_HELP}

Options:
  --json                  print one JSON object
  --no-color              no colors (also: NO_COLOR=1)
  --help                  this help

Exit status: 0 the signature verifies, 1 it does not (or the token is not a JWS), 2 bad usage.`;

export function verifyJson(t: TokenAnalysis, triage: SecretTriage): Record<string, unknown> {
  const given = triage.given;
  return {
    verified: given.ok,
    ...(given.ok ? { alg: given.alg } : { code: given.code, message: given.message }),
    ...(triage.match !== undefined
      ? {
          match: {
            id: triage.match.id,
            label: triage.match.label,
            explanation: cliText(triage.match.explanation),
          },
        }
      : {}),
    tried: triage.tried.map((v) => ({ variant: v.variant.id, label: v.variant.label, ok: v.ok })),
    notes: triage.notes.map(cliText),
    token: { status: t.status, ...(t.alg !== undefined ? { alg: t.alg } : {}) },
  };
}

export function describeTriage(triage: SecretTriage, style: Style): string[] {
  const lines: string[] = [];
  const given = triage.given;
  if (given.ok) {
    lines.push(`${style.green('✓')} The signature verifies with the secret (${given.alg}).`);
  } else {
    lines.push(
      `${style.red('✗')} The signature does not verify: ${printable(given.message)} ${style.dim(`[${given.code}]`)}`,
    );
    if (triage.match !== undefined) {
      lines.push(`  ${style.yellow('→')} ${printable(cliText(triage.match.explanation))}`);
    } else if (triage.tried.length > 1) {
      lines.push(
        `  No usual variant of the secret verifies either (tried: ${triage.tried.map((v) => v.variant.label).join(', ')}): the token was signed with another secret.`,
      );
    }
  }
  for (const note of triage.notes) lines.push(`  ${style.dim('note:')} ${printable(cliText(note))}`);
  return lines;
}

export async function runVerify(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { ...SECRET_OPTIONS, json: { type: 'boolean' } }, 'verify');
  if (args.positionals.length > 1)
    throw new UsageError(
      `verify takes one token, got ${args.positionals.length} arguments (quote the token?)`,
    );
  const secret = resolveSecret(args, io);
  const input = await readTokenArgument(args.positionals[0], io);
  if (secret === undefined)
    throw new UsageError('verify needs a secret: --secret S, --dotenv .env or JWT_SECRET in the environment');
  const now = io.now();
  const analysis = analyzeToken(input, { now });
  const triage = await triageSecret(analysis.token, secret.input);
  if (args.flag('json')) {
    io.stdout(`${JSON.stringify(verifyJson(analysis, triage), null, 2)}\n`);
  } else {
    const style = createStyle(io, args.flag('no-color'));
    const lines = [
      style.dim(`Secret: ${secret.source} (${secret.input.encoding})`),
      ...describeTriage(triage, style),
    ];
    for (const cleanup of analysis.cleanups)
      lines.push(`${style.dim('Cleaned:')} ${printable(cleanup.message)}`);
    lines.push(`Token status: ${statusLine(analysis, style, now)}`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return triage.given.ok ? EXIT_OK : EXIT_PROBLEM;
}
