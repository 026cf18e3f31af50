// wsjwt decode <token|->: header, payload, times (UTC, local, relative), status and problems. No secret.
import { analyzeToken } from '../../core/index.ts';
import type { TokenAnalysis } from '../../core/index.ts';
import { parseArgs } from './args.ts';
import { describeToken, localTime } from './format.ts';
import type { CliIo } from './io.ts';
import { createStyle, EXIT_OK, EXIT_PROBLEM, UsageError } from './io.ts';
import { readTokenArgument } from './token-input.ts';

export const DECODE_USAGE = `Usage: npx wsjwt decode <token|-> [options]

Decode a JWT without verifying it: header, payload, iat/nbf/exp (UTC, local, relative), status, problems.
Pasted junk is cleaned first (Bearer prefix, quotes, line breaks, a whole URL with ?token=).

Arguments:
  <token>                  the token, or - to read it from stdin (echo "$TOKEN" | npx wsjwt decode -)

Options:
  --param NAME             query parameter holding the token when a whole URL is given (default token)
  --required-claims LIST   comma list of payload fields to require (default userId,role,iat,exp)
  --json                   print one JSON object
  --no-color               no colors (also: NO_COLOR=1)
  --help                   this help

Exit status: 0 valid with no problem listed, 1 the token has a problem — malformed, expired, not yet valid,
no exp, empty, unsigned (alg none, no signature), missing required claims: any ✗ or ! line under
Problems (so decode "$TOKEN" && connect stops there) — 2 bad usage.`;

export function parseClaimList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((claim) => claim.trim())
    .filter((claim) => claim !== '');
}

/**
 * 0 when the token is valid and no problem is flagged. A warning (alg none, missing claims, a cut
 * signature…) is a problem too: the server refuses such a token, as probe's diagnosis says.
 */
export function tokenExitCode(t: TokenAnalysis): number {
  const flagged = t.problems.some((p) => p.severity === 'error' || p.severity === 'warning');
  return t.status === 'valid' && !flagged ? EXIT_OK : EXIT_PROBLEM;
}

export function decodeJson(t: TokenAnalysis): Record<string, unknown> {
  const times: Record<string, unknown> = {};
  for (const [claim, time] of Object.entries(t.times)) {
    times[claim] = {
      seconds: time.seconds,
      utc: time.utc,
      local: localTime(time.seconds * 1000),
      relative: time.relative,
    };
  }
  return {
    status: t.status,
    format: t.format,
    ...(t.alg !== undefined ? { alg: t.alg } : {}),
    ...(t.header !== undefined ? { header: t.header } : {}),
    ...(t.payload !== undefined ? { payload: t.payload } : {}),
    times,
    requiredClaims: t.requiredClaims,
    missingClaims: t.missingClaims,
    problems: t.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      message: p.message,
      ...(p.segment ? { segment: p.segment } : {}),
      ...(p.detail ? { detail: p.detail } : {}),
    })),
    cleanups: t.cleanups.map((c) => ({ kind: c.kind, message: c.message })),
  };
}

export async function runDecode(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(
    argv,
    { json: { type: 'boolean' }, param: { type: 'string' }, 'required-claims': { type: 'string' } },
    'decode',
  );
  if (args.positionals.length > 1)
    throw new UsageError(
      `decode takes one token, got ${args.positionals.length} arguments (quote the token?)`,
    );
  const input = await readTokenArgument(args.positionals[0], io);
  const now = io.now();
  const requiredClaims = parseClaimList(args.string('required-claims'));
  const param = args.string('param');
  const analysis = analyzeToken(input, {
    now,
    ...(requiredClaims ? { requiredClaims } : {}),
    ...(param !== undefined ? { paramName: param } : {}),
  });
  if (args.flag('json')) {
    io.stdout(`${JSON.stringify(decodeJson(analysis), null, 2)}\n`);
  } else {
    const style = createStyle(io, args.flag('no-color'));
    const signature = analysis.segments.find((s) => s.name === 'signature');
    const lines = [describeToken(analysis, style, now)];
    if (analysis.format === 'jws' && signature !== undefined) {
      lines.push(
        style.dim(
          `Signature: ${signature.raw.length} characters${analysis.alg !== undefined ? ` (${analysis.alg})` : ''} — not checked; run: npx wsjwt verify <token> --secret S`,
        ),
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
  }
  return tokenExitCode(analysis);
}
