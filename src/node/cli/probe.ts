// wsjwt probe <ws-url>: connect once with the token in the query, print what happened — including what a
// browser hides (TCP connect, the HTTP status, headers and body of a refused upgrade) — then the diagnosis
// of the shared engine, with the same cause ids as the console. `--json` prints the contract's object.
import {
  analyzeToken,
  buildConnectionUrl,
  closeCodeInfo,
  DEFAULT_TOKEN_PARAM,
  diagnose,
  guidePayload,
  mintToken,
  redactUrlToken,
  triageSecret,
} from '../../core/index.ts';
import type {
  Cause,
  ConnectionEvent,
  ConnectionUrlResult,
  DiagnosisEvidence,
  SecretTriage,
  TokenAnalysis,
} from '../../core/index.ts';
import { probeHandshake } from '../handshake/probe.ts';
import type { ProbeResult } from '../handshake/probe.ts';
import { parseArgs } from './args.ts';
import { probeRedactor, redactProbeReport } from './probe-redact.ts';
import { describeDiagnosis, statusLine } from './format.ts';
import type { CliIo, Style } from './io.ts';
import { createStyle, EXIT_OK, EXIT_PROBLEM, printable, UsageError } from './io.ts';
import { resolveSecret, SECRET_HELP, SECRET_OPTIONS } from './secret.ts';
import type { ResolvedSecret } from './secret.ts';
import { readTokenArgument } from './token-input.ts';

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
export const MAX_PROBE_TIMEOUT_MS = 600_000;
export const DEFAULT_PROBE_WAIT_MS = 300;

export const PROBE_USAGE = `Usage: npx wsjwt probe <ws-url> [--token T | --mint] [options]

Open one WebSocket to <ws-url> with the token URL-encoded in the query (?token=…), print a timeline — TCP
connect, the answer to the upgrade (status, headers incl. WWW-Authenticate, and the body of a refusal),
open, messages, close code and reason — then the likely causes, most likely first.

Arguments:
  <ws-url>                ws:// or wss:// address, e.g. ws://localhost:3000 (may carry a path and a query;
                          without --token/--mint, a token already in its query is used as is)

Token:
  --token T               the JWT to send (or - to read it from stdin)
  --mint                  mint the guide's token with the secret (userId "123", role "principal", 24 h)
  --param NAME            query parameter that carries the token (default ${DEFAULT_TOKEN_PARAM})

${SECRET_HELP}
  With a secret, the token's signature is checked here too (and the usual secret mistakes are tried).

Connection:
  --timeout MS            give up on the handshake after MS milliseconds (default ${DEFAULT_PROBE_TIMEOUT_MS})
  --wait MS               after open, watch the socket MS milliseconds before closing it (default ${DEFAULT_PROBE_WAIT_MS})
  --protocol P            offer subprotocol P (repeatable)
  --origin URL            send this Origin header, as a browser page at URL would
  --header "Name: value"  send an extra request header (repeatable)

Output:
  --json                  print exactly one JSON object: { url, events, token, diagnosis }
  --show-token            show the token in the printed URL and replies (redacted by default); the
                          secret and the URL's other credentials (userinfo, keys) are never printed
  --no-color              no colors (also: NO_COLOR=1)
  --help                  this help

Exit status: 0 connected and no problem found, 1 a problem was diagnosed, 2 bad usage or input.`;

/** Event types the contract lets into the JSON. */
const CONTRACT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'connecting',
  'open',
  'message',
  'error',
  'close',
  'unexpected-response',
  'timeout',
]);

function parseMs(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d+$/.test(text))
    throw new UsageError(`--${name} must be a whole number of milliseconds, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max)
    throw new UsageError(`--${name} must be between ${min} and ${max} ms, got ${value}`);
  return value;
}

function parseHeader(raw: string): [string, string] {
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

function parseOrigin(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.origin;
  } catch {
    throw new UsageError(`--origin must be an http(s) origin such as http://localhost:5173, got "${raw}"`);
  }
}

/** The token value in the URL's query, as a server's URLSearchParams reads it. */
function tokenInUrl(url: string, param: string): string | undefined {
  try {
    const value = new URL(url).searchParams.get(param);
    return value === null || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export interface ProbeReport {
  /** The URL opened, token included (redact before printing). */
  url: string;
  paramName: string;
  token: TokenAnalysis;
  secret?: ResolvedSecret;
  triage?: SecretTriage;
  connection: ConnectionUrlResult & { ok: true };
  probe: ProbeResult;
  diagnosis: Cause[];
  /** Where the token came from, for humans. */
  tokenSource: string;
}

export interface ProbeJson {
  url: string;
  events: Array<{
    type: string;
    at: number;
    code?: number;
    reason?: string;
    wasClean?: boolean;
    status?: number;
    headers?: Record<string, string>;
  }>;
  token: {
    status: TokenAnalysis['status'];
    header?: Record<string, unknown>;
    payload?: Record<string, unknown>;
  };
  diagnosis: Array<{
    cause: Cause['cause'];
    title: string;
    confidence: Cause['confidence'];
    evidence: string[];
    fix: string[];
  }>;
}

/** The contract's object (../shared/contract.md): these keys and no others. */
export function probeJson(report: ProbeReport, showToken: boolean): ProbeJson {
  const events: ProbeJson['events'] = [];
  for (const e of report.probe.events) {
    if (!CONTRACT_EVENT_TYPES.has(e.type)) continue;
    const out: ProbeJson['events'][number] = { type: e.type, at: e.at };
    if (e.code !== undefined) out.code = e.code;
    if (e.reason !== undefined) out.reason = e.reason;
    if (e.wasClean !== undefined) out.wasClean = e.wasClean;
    if (e.status !== undefined) out.status = e.status;
    if (e.headers !== undefined) out.headers = e.headers;
    events.push(out);
  }
  const token: ProbeJson['token'] = { status: report.token.status };
  if (report.token.header !== undefined) token.header = report.token.header;
  if (report.token.payload !== undefined) token.payload = report.token.payload;
  return {
    url: showToken ? report.url : redactUrlToken(report.url, report.paramName),
    events,
    token,
    diagnosis: report.diagnosis.map((c) => ({
      cause: c.cause,
      title: c.title,
      confidence: c.confidence,
      evidence: [...c.evidence],
      fix: [...c.fix],
    })),
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function stamp(at: number): string {
  return `+${at} ms`.padStart(10);
}

/** The timeline as lines: events, plus the TCP connect and the 101 answer that are not events. */
export function timelineLines(report: ProbeReport, style: Style, shownUrl: string): string[] {
  const { probe } = report;
  const rows: Array<{ at: number; order: number; lines: string[] }> = [];
  let order = 0;
  const add = (at: number, first: string, more: string[] = []): void => {
    rows.push({
      at,
      order: order++,
      lines: [`${style.dim(stamp(at))}  ${first}`, ...more.map((line) => `${' '.repeat(12)}${line}`)],
    });
  };
  const headerLines = (headers: Record<string, string> | undefined): string[] =>
    Object.entries(headers ?? {}).map(([name, value]) => {
      const line = `${name}: ${printable(clip(value, 300))}`;
      return name === 'www-authenticate' ? style.yellow(line) : style.dim(line);
    });

  for (const e of probe.events) {
    switch (e.type) {
      case 'connecting':
        add(e.at, `connecting to ${shownUrl}`);
        break;
      case 'unexpected-response': {
        const more = headerLines(e.headers);
        const body = (e.body ?? '').trim();
        if (body !== '')
          more.push(
            `body: ${printable(clip(body, 500))}${probe.bodyTruncated ? style.dim(' (cut at the size limit)') : ''}`,
          );
        add(
          e.at,
          style.red(`HTTP ${e.status ?? '?'} ${e.statusText ?? ''} — the server refused the upgrade`),
          more,
        );
        break;
      }
      case 'open':
        add(
          e.at,
          style.green(
            `open${e.protocol !== undefined && e.protocol !== '' ? ` (subprotocol "${printable(e.protocol)}")` : ''}`,
          ),
        );
        break;
      case 'message':
        add(
          e.at,
          `message ${e.binary === true ? `(binary, ${e.size ?? 0} bytes) ` : ''}${printable(clip(e.data ?? '', 300))}`,
        );
        break;
      case 'error':
        add(e.at, style.red(`error: ${printable(e.message ?? '')}`));
        break;
      case 'close': {
        const code = e.code ?? 1005;
        const info = closeCodeInfo(code);
        const reason =
          e.reason !== undefined && e.reason !== '' ? ` "${printable(e.reason)}"` : ' (no reason)';
        const who =
          report.probe.closedByProbe && code === 1000
            ? style.dim(
                ` — closed by wsjwt after watching ${report.probe.timings.openMs !== undefined ? 'the open socket' : 'it'}`,
              )
            : '';
        const text = `close ${code} ${info.name}${reason}${e.wasClean === false ? ' (no close frame)' : ''}`;
        add(e.at, `${code === 1000 ? text : style.red(text)}${who}`);
        break;
      }
      case 'timeout':
        add(e.at, style.red(`timeout: ${printable(e.message ?? 'no answer to the upgrade')}`));
        break;
      default:
        break;
    }
  }
  if (probe.timings.tcpConnectMs !== undefined) add(probe.timings.tcpConnectMs, 'TCP connected');
  if (probe.timings.tlsConnectMs !== undefined) add(probe.timings.tlsConnectMs, 'TLS handshake done');
  if (probe.xray !== undefined && probe.xray.status === 101 && probe.timings.responseMs !== undefined) {
    add(probe.timings.responseMs, `HTTP 101 ${probe.xray.statusText}`, headerLines(probe.xray.headers));
  }
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  // The connecting line comes first even when the TCP connect shares its millisecond.
  return rows.flatMap((row) => row.lines);
}

export function humanReport(report: ProbeReport, style: Style, showToken: boolean, now: number): string {
  const shownUrl = showToken ? report.url : redactUrlToken(report.url, report.paramName);
  const out: string[] = [];
  const t = report.token;
  let tokenLine = `${style.bold('Token:')} ${report.tokenSource} — ${statusLine(t, style, now)}${t.alg !== undefined ? `, alg ${printable(t.alg)}` : ''}`;
  if (t.missingClaims.length > 0) tokenLine += `, missing ${t.missingClaims.join(', ')}`;
  out.push(tokenLine);
  if (report.secret !== undefined && report.triage !== undefined) {
    const given = report.triage.given;
    out.push(
      `${style.bold('Secret:')} ${report.secret.source} — ${given.ok ? style.green(`the signature verifies (${given.alg})`) : style.red(`the signature does not verify (${given.code})`)}`,
    );
  }
  for (const note of report.connection.notes) out.push(style.dim(`Note: ${printable(note.message)}`));
  out.push('', style.bold('Timeline:'), ...timelineLines(report, style, shownUrl));
  if (report.probe.droppedMessages > 0)
    out.push(style.dim(`${' '.repeat(12)}(${report.probe.droppedMessages} more messages not shown)`));
  out.push('', describeDiagnosis(report.diagnosis, style));
  return out.join('\n');
}

/** Runs the probe and the diagnosis; the pieces of the report. Throws UsageError for bad input. */
export async function runProbeReport(
  argv: readonly string[],
  io: CliIo,
): Promise<{ report: ProbeReport; json: boolean; showToken: boolean; noColor: boolean }> {
  const args = parseArgs(
    argv,
    {
      ...SECRET_OPTIONS,
      token: { type: 'string' },
      mint: { type: 'boolean' },
      param: { type: 'string' },
      timeout: { type: 'string' },
      wait: { type: 'string' },
      protocol: { type: 'string', multiple: true },
      origin: { type: 'string' },
      header: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      'show-token': { type: 'boolean' },
    },
    'probe',
  );
  const rawUrl = args.positionals[0];
  if (rawUrl === undefined)
    throw new UsageError('missing <ws-url>, e.g. npx wsjwt probe ws://localhost:3000 --token "$TOKEN"');
  if (args.positionals.length > 1)
    throw new UsageError(
      `probe takes one URL, got ${args.positionals.length} arguments (quote the URL: it may contain & or ?)`,
    );
  const timeoutMs = parseMs(
    args.string('timeout'),
    'timeout',
    DEFAULT_PROBE_TIMEOUT_MS,
    1,
    MAX_PROBE_TIMEOUT_MS,
  );
  const waitMs = parseMs(args.string('wait'), 'wait', DEFAULT_PROBE_WAIT_MS, 0, 60_000);
  const paramName = args.string('param') ?? DEFAULT_TOKEN_PARAM;
  if (paramName.trim() === '')
    throw new UsageError('--param is empty: name the query parameter that carries the token');
  const protocols = args.strings('protocol');
  for (const p of protocols)
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(p))
      throw new UsageError(`--protocol "${p}" is not a valid subprotocol name`);
  if (new Set(protocols).size !== protocols.length)
    throw new UsageError('--protocol: the same subprotocol was given twice');
  const headers: Record<string, string> = {};
  for (const raw of args.strings('header')) {
    const [name, value] = parseHeader(raw);
    headers[name] = value;
  }
  const origin = args.string('origin');
  if (origin !== undefined) headers.Origin = parseOrigin(origin);
  if (args.string('token') !== undefined && args.flag('mint'))
    throw new UsageError('give --token or --mint, not both');

  const secret = resolveSecret(args, io);
  const now = io.now();

  // The URL first: a bad address is bad input, whatever the token.
  const bare = buildConnectionUrl({ serverUrl: rawUrl, paramName, token: '' });
  if (!bare.ok) throw new UsageError(probeRedactor({ url: rawUrl, paramName }, false)(bare.message));

  let tokenText: string;
  let tokenSource: string;
  let tokenFromUrl = false;
  if (args.flag('mint')) {
    if (secret === undefined)
      throw new UsageError(
        '--mint needs a secret: --secret S, --env-file .env or JWT_SECRET in the environment',
      );
    const minted = await mintToken({ ...guidePayload(now) }, secret.input, 'HS256');
    if (!minted.ok) throw new UsageError(`--mint: ${minted.message}`);
    tokenText = minted.token;
    tokenSource = `minted with ${secret.source}`;
  } else if (args.string('token') !== undefined) {
    tokenText = await readTokenArgument(args.string('token'), io, 'a value for --token');
    tokenSource = args.string('token') === '-' ? '--token from stdin' : '--token';
  } else {
    const inUrl = tokenInUrl(bare.url, paramName);
    tokenFromUrl = inUrl !== undefined;
    tokenText = inUrl ?? '';
    tokenSource = tokenFromUrl ? `?${paramName}= in the URL` : 'none given';
  }

  const token = analyzeToken(tokenText, { now, paramName });
  // A token already in the URL is sent exactly as typed: re-encoding it would hide an encoding mistake.
  const connection = tokenFromUrl
    ? bare
    : buildConnectionUrl({ serverUrl: rawUrl, paramName, token: token.token });
  if (!connection.ok) throw new UsageError(connection.message);
  const triage =
    secret !== undefined && token.token !== '' ? await triageSecret(token.token, secret.input) : undefined;

  const probe = await probeHandshake({
    url: connection.url,
    timeoutMs,
    closeAfterOpenMs: waitMs,
    ...(protocols.length > 0 ? { protocols } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    now: io.now,
  });

  const evidence: DiagnosisEvidence = {
    token,
    url: connection,
    paramName,
    events: probe.events,
    timeoutMs,
    leewaySeconds: 0,
  };
  if (triage !== undefined) evidence.secret = triage;
  if (protocols.length > 0) evidence.offeredProtocols = protocols;
  const diagnosis = diagnose(evidence, io.now());

  const report: ProbeReport = {
    url: connection.url,
    paramName,
    token,
    connection,
    probe,
    diagnosis,
    tokenSource,
  };
  if (secret !== undefined) report.secret = secret;
  if (triage !== undefined) report.triage = triage;
  return {
    report,
    json: args.flag('json'),
    showToken: args.flag('show-token'),
    noColor: args.flag('no-color'),
  };
}

export function probeExitCode(report: ProbeReport): number {
  const opened = report.probe.events.some((e: ConnectionEvent) => e.type === 'open');
  return opened && report.diagnosis.length === 0 ? EXIT_OK : EXIT_PROBLEM;
}

export async function runProbe(argv: readonly string[], io: CliIo): Promise<number> {
  const { report, json, showToken, noColor } = await runProbeReport(argv, io);
  // Nothing secret is printed, whatever the server echoed (probe-redact.ts); the text once more as a whole.
  const shown = redactProbeReport(report, showToken);
  if (json) {
    io.stdout(`${JSON.stringify(probeJson(shown, showToken), null, 2)}\n`);
  } else {
    const text = humanReport(shown, createStyle(io, noColor), showToken, io.now());
    io.stdout(`${probeRedactor(report, showToken)(text)}\n`);
  }
  return probeExitCode(report);
}
