// wsjwt probe <ws-url>: connect once with the token in the query, print what happened — including what a
// browser hides (TCP connect, the HTTP status, headers and body of a refused upgrade) — then the diagnosis
// of the shared engine, with the same cause ids as the console, worded for the terminal. The timeline is
// printed as it happens; Ctrl-C prints what was seen and the diagnosis so far. `--json` prints the
// contract's object (with added fields).
import {
  analyzeToken,
  buildConnectionUrl,
  DEFAULT_TOKEN_PARAM,
  diagnose,
  forSurface,
  defaultPayload,
  mintToken,
  redactUrlCredentials,
  triageSecret,
} from '../../core/index.ts';
import type {
  ConnectionEvent,
  DiagnosisEvidence,
  SecretTriage,
  TokenAnalysis,
  TravelDiscovery,
} from '../../core/index.ts';
import type { ConnectionUrlResult } from '../../core/index.ts';
import { discoverTravel } from '../handshake/discover.ts';
import { PROBE_CANCELLED_MESSAGE, probeHandshake } from '../handshake/probe.ts';
import type { ProbeOptions, ProbeResult, ProbeStep } from '../handshake/probe.ts';
import { parseArgs } from './args.ts';
import type { CliIo } from './io.ts';
import { createStyle, EXIT_OK, EXIT_PROBLEM, UsageError } from './io.ts';
import { closingLines, preambleLines, probeJson, stepLines } from './probe-output.ts';
import type { ProbeReport } from './probe-output.ts';
import { DISCOVER_HELP, DISCOVER_OPTIONS, refusedAsUnauthenticated } from './probe-discover.ts';
import { parseHeader, parseMs, parseOrigin, tokenInUrl } from './probe-options.ts';
import { probeRedactor, redactProbeReport } from './probe-redact.ts';
import {
  conversationFor,
  parseTravelOptions,
  planTravel,
  protocolAddress,
  readProtocolEvents,
  TRAVEL_HELP,
  TRAVEL_OPTIONS,
  travelEvidence,
} from './probe-travel.ts';
import type { ProtocolReport, TravelPlan, TravelSetup } from './probe-travel.ts';
import { referenceDefaultSecret } from './reference-secret.ts';
import { resolveSecret, SECRET_HELP, SECRET_OPTIONS } from './secret.ts';
import type { ResolvedSecret } from './secret.ts';
import { readTokenArgument } from './token-input.ts';

export type { ProbeJson, ProbeReport } from './probe-output.ts';
export { humanReport, probeJson, timelineLines } from './probe-output.ts';

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
  --mint                  mint the guide's token with the secret (userId "123", role "principal", 24 h).
                          Without a secret, when the target is the reference server running with its
                          default secret (its GET /health says so), that default is used, and said
  --param NAME            query parameter that carries the token (default ${DEFAULT_TOKEN_PARAM})

${SECRET_HELP}
  With a secret, the token's signature is checked here too (and the usual secret mistakes are tried).

Connection:
  --timeout MS            give up on the handshake after MS milliseconds (default ${DEFAULT_PROBE_TIMEOUT_MS})
  --wait MS               after open, watch the socket MS milliseconds before closing it (default ${DEFAULT_PROBE_WAIT_MS})
  --send TEXT, -x TEXT    send TEXT right after open (repeatable, in order; as wscat -x): e.g. a
                          message too big for the server, to see its close 1009
  --origin URL            send this Origin header, as a browser page at URL would
  --header "Name: value"  send an extra request header (repeatable)
${DISCOVER_HELP}

${TRAVEL_HELP}

Output:
  --json                  print exactly one JSON object: { url, events, token, diagnosis } plus
                          interrupted, droppedMessages, bodyTruncated, timings; events also carry
                          message data, refusal body and statusText, error message
  --show-token            show the token in the printed URL and replies (redacted by default); the
                          secret and the URL's other credentials (userinfo, keys) are never printed
  --no-color              no colors (also: NO_COLOR=1)
  --help                  this help

The timeline is printed as it happens. Ctrl-C stops the attempt and prints what was seen and the
diagnosis so far (--json: the one object, with "interrupted": true).

Exit status: 0 connected and no problem found, 1 a problem was diagnosed (or, interrupted, not
connected), 2 bad usage or input.`;

/** Everything decided before connecting. */
interface ProbeSetup {
  connection: ConnectionUrlResult & { ok: true };
  paramName: string;
  token: TokenAnalysis;
  tokenSource: string;
  secret?: ResolvedSecret;
  triage?: SecretTriage;
  timeoutMs: number;
  waitMs: number;
  protocols: string[];
  headers: Record<string, string>;
  /** The headers given with --header / --origin (credentials among them are redacted). */
  userHeaders: Record<string, string>;
  travel: TravelSetup;
  plan: TravelPlan;
  send: string[];
  /** Try the token in other places after an unauthenticated refusal (off with --no-discover). */
  discover: boolean;
  json: boolean;
  showToken: boolean;
  noColor: boolean;
  /** Said on stderr with --json (the text report says it in its Secret line). */
  note?: string;
}

const PROBE_OPTIONS = {
  ...SECRET_OPTIONS,
  token: { type: 'string' },
  mint: { type: 'boolean' },
  param: { type: 'string' },
  timeout: { type: 'string' },
  wait: { type: 'string' },
  ...TRAVEL_OPTIONS,
  ...DISCOVER_OPTIONS,
  origin: { type: 'string' },
  header: { type: 'string', multiple: true },
  send: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'show-token': { type: 'boolean' },
} as const;

/** The secret for --mint: the one given, else the reference server's known default when it says so. */
async function mintSecret(
  given: ResolvedSecret | undefined,
  url: string,
  timeoutMs: number,
): Promise<ResolvedSecret> {
  if (given !== undefined) return given;
  const fallback = await referenceDefaultSecret(url, timeoutMs);
  if (fallback === undefined)
    throw new UsageError(
      "--mint needs a secret: --secret S, --dotenv .env or JWT_SECRET in the environment (the server did not say, in GET /health, that it uses the reference server's default secret)",
    );
  return {
    input: { text: fallback, encoding: 'utf8' },
    source:
      "the reference server's default secret (its GET /health says jwtSecretIsDefault; README names it)",
  };
}

/** Parses the options and prepares the token; throws UsageError for bad input. */
async function prepareProbe(argv: readonly string[], io: CliIo): Promise<ProbeSetup> {
  const args = parseArgs(argv, PROBE_OPTIONS, 'probe', { x: 'send' });
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
  const travel = parseTravelOptions(args);
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
  const serverUrl = protocolAddress(travel, rawUrl);
  const bare = buildConnectionUrl({ serverUrl, paramName, token: '' });
  if (!bare.ok) throw new UsageError(probeRedactor({ url: rawUrl, paramName }, false)(bare.message));

  let tokenText: string;
  let tokenSource: string;
  let tokenFromUrl = false;
  let usedSecret = secret;
  let note: string | undefined;
  if (args.flag('mint')) {
    usedSecret = await mintSecret(secret, bare.url, timeoutMs);
    const minted = await mintToken({ ...defaultPayload(now) }, usedSecret.input, 'HS256');
    if (!minted.ok) throw new UsageError(`--mint: ${minted.message}`);
    tokenText = minted.token;
    tokenSource = `minted with ${secret === undefined ? "the reference server's default secret" : usedSecret.source}`;
    if (secret === undefined) note = `no secret given: minted with ${usedSecret.source}`;
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
  const plan = planTravel(travel, token.token, paramName, rawUrl);
  // A token already in the URL is sent exactly as typed: re-encoding it would hide an encoding mistake.
  const built = tokenFromUrl
    ? bare
    : buildConnectionUrl({ serverUrl, paramName, token: plan.placed.queryToken });
  if (!built.ok) throw new UsageError(built.message);
  // "The URL carries no token" is not news when the token travels elsewhere.
  const connection =
    travel.travel === 'query' || token.token === ''
      ? built
      : { ...built, notes: built.notes.filter((n) => n.code !== 'TOKEN_EMPTY') };
  const setup: ProbeSetup = {
    connection,
    paramName,
    token,
    tokenSource,
    timeoutMs,
    waitMs,
    protocols: plan.placed.protocols,
    headers: { ...plan.placed.headers, ...headers },
    userHeaders: headers,
    travel,
    plan,
    send: args.strings('send'),
    discover: !args.flag('no-discover'),
    json: args.flag('json'),
    showToken: args.flag('show-token'),
    noColor: args.flag('no-color'),
  };
  if (note !== undefined) setup.note = note;
  if (usedSecret !== undefined) {
    setup.secret = usedSecret;
    if (token.token !== '') setup.triage = await triageSecret(token.token, usedSecret.input);
  }
  return setup;
}

/** The attempt's facts through the shared engine, worded for the terminal. */
function buildReport(
  setup: ProbeSetup,
  probe: ProbeResult,
  now: number,
  interrupted: boolean,
  discovery?: TravelDiscovery,
): ProbeReport {
  const protocol = protocolOf(setup, probe);
  const evidence: DiagnosisEvidence = {
    ...travelEvidence(setup.travel, protocol),
    token: setup.token,
    url: setup.connection,
    paramName: setup.paramName,
    events: probe.events,
    timeoutMs: setup.timeoutMs,
    leewaySeconds: 0,
  };
  if (setup.triage !== undefined) evidence.secret = setup.triage;
  if (setup.protocols.length > 0) evidence.offeredProtocols = setup.protocols;
  if (discovery !== undefined) evidence.travelDiscovery = discovery;
  const report: ProbeReport = {
    url: setup.connection.url,
    paramName: setup.paramName,
    token: setup.token,
    connection: setup.connection,
    probe,
    diagnosis: forSurface(diagnose(evidence, now), 'cli', {
      status: probe.xray?.status,
      port: portOf(setup.connection.url),
    }),
    tokenSource: setup.tokenSource,
    interrupted,
    userHeaders: setup.userHeaders,
  };
  if (protocol !== undefined) report.protocol = protocol;
  if (discovery !== undefined) report.discovery = discovery;
  if (setup.secret !== undefined) report.secret = setup.secret;
  if (setup.triage !== undefined) report.triage = setup.triage;
  return report;
}

/** The protocol's frames and outcome, read from the recorded events (none for a plain socket). */
function protocolOf(setup: ProbeSetup, probe: ProbeResult): ProtocolReport | undefined {
  return setup.plan.newSession === undefined
    ? undefined
    : readProtocolEvents(setup.travel, setup.plan.newSession(), probe.events);
}

/** After an unauthenticated refusal, the same token in the other places (same target, bounded). */
async function maybeDiscover(
  setup: ProbeSetup,
  probe: ProbeResult,
  signal: AbortSignal,
  say: (lines: string[]) => void,
): Promise<TravelDiscovery | undefined> {
  if (!setup.discover || setup.token.token === '' || signal.aborted) return undefined;
  if (!refusedAsUnauthenticated(probe, protocolOf(setup, probe))) return undefined;
  say(['', 'Refused as unauthenticated: trying the same token in other places on the same server…']);
  const serverUrl = new URL(setup.connection.url);
  return discoverTravel({
    serverUrl: serverUrl.toString(),
    token: setup.token.token,
    paramName: setup.paramName,
    used: setup.travel.travel,
    protocol: setup.travel.protocol.id,
    ...(setup.travel.payload !== undefined ? { payload: setup.travel.payload } : {}),
    headers: setup.userHeaders,
    attemptTimeoutMs: Math.min(setup.timeoutMs, 2000),
    signal,
  });
}

/** The port a ws(s):// URL connects to. */
function portOf(url: string): number | undefined {
  try {
    const u = new URL(url);
    return Number(u.port !== '' ? u.port : u.protocol === 'wss:' ? 443 : 80);
  } catch {
    return undefined;
  }
}

/** The error event the probe records when it is cancelled: Ctrl-C, not a failure of the connection. */
function isCancellation(e: ConnectionEvent): boolean {
  return e.type === 'error' && e.message === PROBE_CANCELLED_MESSAGE;
}

/** What an interrupted probe saw, without the cancellation it recorded. */
function withoutCancellation(probe: ProbeResult): ProbeResult {
  return {
    ...probe,
    events: probe.events.filter((e) => !isCancellation(e)),
    steps: probe.steps.filter((step) => step.kind !== 'event' || !isCancellation(step.event)),
  };
}

/** What to send after open: --send, and the protocol's exchange (a plain socket's first message has nothing
 * to wait for, so it is sent like --send and watched for --wait). */
function talk(setup: ProbeSetup): Pick<ProbeOptions, 'send' | 'conversation'> {
  const session = setup.plan.newSession?.();
  if (session === undefined || setup.travel.protocol.id === 'plain') {
    const send = [...(session?.opening() ?? []), ...setup.send];
    return send.length > 0 ? { send } : {};
  }
  return { ...(setup.send.length > 0 ? { send: setup.send } : {}), conversation: conversationFor(session) };
}

export function probeExitCode(report: ProbeReport): number {
  const opened = report.probe.events.some((e: ConnectionEvent) => e.type === 'open');
  // Speaking a protocol, "connected" means the protocol said so (connection_ack, CONNECT, CONNECTED).
  const accepted =
    report.protocol === undefined ||
    report.protocol.id === 'plain' ||
    report.protocol.outcome?.kind === 'authenticated';
  return opened && accepted && report.diagnosis.length === 0 ? EXIT_OK : EXIT_PROBLEM;
}

export async function runProbe(argv: readonly string[], io: CliIo): Promise<number> {
  const setup = await prepareProbe(argv, io);
  const style = createStyle(io, setup.noColor);
  // Nothing secret is printed, whatever the server echoes (probe-redact.ts): every line, as it streams and
  // at the end, goes through the one redactor; --show-token keeps only the token.
  const redact = probeRedactor(
    {
      url: setup.connection.url,
      paramName: setup.paramName,
      secret: setup.secret,
      token: setup.token,
      userHeaders: setup.userHeaders,
    },
    setup.showToken,
  );
  const print = (lines: readonly string[]): void => io.stdout(`${redact(lines.join('\n'))}\n`);
  const shownUrl = redactUrlCredentials(setup.connection.url, {
    tokenParams: [setup.paramName],
    keepTokenParams: setup.showToken,
  }).url;
  if (!setup.json) print([...preambleLines(setup, style, io.now()), '', style.bold('Timeline:')]);
  else if (setup.note !== undefined) io.stderr(`wsjwt probe: ${redact(setup.note)}\n`);

  const controller = new AbortController();
  let interrupted = false;
  const stopListening =
    io.onInterrupt?.(() => {
      interrupted = true;
      controller.abort();
    }) ?? (() => undefined);
  const onStep = (step: ProbeStep, progress: Parameters<typeof stepLines>[1]): void => {
    if (step.kind === 'event' && isCancellation(step.event)) return;
    const lines = stepLines(step, progress, style, shownUrl);
    if (lines.length > 0) print(lines);
  };
  let probe: ProbeResult;
  let discovery: TravelDiscovery | undefined;
  try {
    probe = await probeHandshake({
      url: setup.connection.url,
      timeoutMs: setup.timeoutMs,
      closeAfterOpenMs: setup.waitMs,
      ...(setup.protocols.length > 0 ? { protocols: setup.protocols } : {}),
      ...(Object.keys(setup.headers).length > 0 ? { headers: setup.headers } : {}),
      ...talk(setup),
      ...(setup.json ? {} : { onStep }),
      signal: controller.signal,
      now: io.now,
    });
    if (!interrupted)
      discovery = await maybeDiscover(setup, probe, controller.signal, (lines) => {
        if (!setup.json) print(lines);
      });
  } finally {
    stopListening();
  }
  if (interrupted) probe = withoutCancellation(probe);
  const report = redactProbeReport(
    buildReport(setup, probe, io.now(), interrupted, discovery),
    setup.showToken,
  );
  if (setup.json) io.stdout(`${JSON.stringify(probeJson(report, setup.showToken), null, 2)}\n`);
  else print(closingLines(report, style, setup.timeoutMs));
  return probeExitCode(report);
}
