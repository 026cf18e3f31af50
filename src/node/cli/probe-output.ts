// What `wsjwt probe` prints: the timeline one step at a time (streamed as the attempt goes), the token and
// secret lines before it, the diagnosis after it, and the --json object.
import { buildDeepLink, closeCodeInfo, redactUrlToken } from '../../core/index.ts';
import type {
  Cause,
  ConnectionEvent,
  SecretTriage,
  TokenAnalysis,
  TravelDiscovery,
} from '../../core/index.ts';
import type { ConnectionUrlResult } from '../../core/index.ts';
import type { ProbeProgress, ProbeResult, ProbeStep, ProbeTimings } from '../handshake/probe.ts';
import { describeDiagnosis, statusLine } from './format.ts';
import type { Style } from './io.ts';
import { printable } from './io.ts';
import { discoveryLines } from './probe-discover.ts';
import { protocolLine } from './probe-travel.ts';
import type { ProtocolReport } from './probe-travel.ts';
import type { ResolvedSecret } from './secret.ts';

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
  /** Ctrl-C stopped the attempt: the events and the diagnosis are what was seen until then. */
  interrupted: boolean;
  /** The protocol spoken (--protocol / --travel first-message): decoded frames and the outcome. */
  protocol?: ProtocolReport;
  /** Headers given with --header (their credentials are redacted). */
  userHeaders?: Record<string, string>;
  /** The token tried in other places after an unauthenticated refusal (absent: not run). */
  discovery?: TravelDiscovery;
}

type JsonEvent = {
  type: string;
  at: number;
  code?: number;
  reason?: string;
  wasClean?: boolean;
  status?: number;
  headers?: Record<string, string>;
  // Added to the contract's shape (adding is allowed): what the text timeline shows too.
  statusText?: string;
  body?: string;
  data?: string;
  binary?: boolean;
  size?: number;
  protocol?: string;
  message?: string;
};

export interface ProbeJson {
  url: string;
  events: JsonEvent[];
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
  /** Added: true when Ctrl-C stopped the probe (events and diagnosis are what was seen until then). */
  interrupted: boolean;
  /** Added: messages received beyond the ones listed in events. */
  droppedMessages: number;
  /** Added: the refusal body in events was cut at the size limit. */
  bodyTruncated: boolean;
  /** Added: ms from the start to TCP connected, TLS done, the answer to the upgrade, open. */
  timings: ProbeTimings;
  /** Added with --protocol / --travel first-message: the protocol's frames decoded, and its outcome. */
  protocol?: ProtocolReport;
  /** Added: after an unauthenticated refusal, the token tried in other places (--no-discover: absent). */
  discovery?: TravelDiscovery;
}

/** Event types the contract lets into the JSON's events. */
const CONTRACT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'connecting',
  'open',
  'message',
  'error',
  'close',
  'unexpected-response',
  'timeout',
]);

const EVENT_FIELDS = [
  'code',
  'reason',
  'wasClean',
  'status',
  'headers',
  'statusText',
  'body',
  'data',
  'binary',
  'size',
  'protocol',
  'message',
] as const;

function jsonEvent(e: ConnectionEvent): JsonEvent {
  const out: Record<string, unknown> = { type: e.type, at: e.at };
  for (const field of EVENT_FIELDS) if (e[field] !== undefined) out[field] = e[field];
  return out as JsonEvent;
}

/** The stable `--json` object (README, The CLI): { url, events, token, diagnosis }, with added fields only. */
export function probeJson(report: ProbeReport, showToken: boolean): ProbeJson {
  const token: ProbeJson['token'] = { status: report.token.status };
  if (report.token.header !== undefined) token.header = report.token.header;
  if (report.token.payload !== undefined) token.payload = report.token.payload;
  return {
    url: showToken ? report.url : redactUrlToken(report.url, report.paramName),
    events: report.probe.events.filter((e) => CONTRACT_EVENT_TYPES.has(e.type)).map(jsonEvent),
    token,
    diagnosis: report.diagnosis.map((c) => ({
      cause: c.cause,
      title: c.title,
      confidence: c.confidence,
      evidence: [...c.evidence],
      fix: [...c.fix],
    })),
    interrupted: report.interrupted,
    droppedMessages: report.probe.droppedMessages,
    bodyTruncated: report.probe.bodyTruncated,
    timings: { ...report.probe.timings },
    ...(report.protocol !== undefined ? { protocol: report.protocol } : {}),
    ...(report.discovery !== undefined ? { discovery: report.discovery } : {}),
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function stamp(at: number): string {
  return `+${at} ms`.padStart(10);
}

function headerLines(headers: Record<string, string> | undefined, style: Style): string[] {
  return Object.entries(headers ?? {}).map(([name, value]) => {
    const line = `${name}: ${printable(clip(value, 300))}`;
    return name === 'www-authenticate' ? style.yellow(line) : style.dim(line);
  });
}

function eventText(
  e: ConnectionEvent,
  progress: ProbeProgress,
  style: Style,
  shownUrl: string,
): [string, string[]] | undefined {
  switch (e.type) {
    case 'connecting':
      return [`connecting to ${shownUrl}`, []];
    case 'unexpected-response': {
      const more = headerLines(e.headers, style);
      const body = (e.body ?? '').trim();
      if (body !== '')
        more.push(
          `body: ${printable(clip(body, 500))}${progress.bodyTruncated ? style.dim(' (cut at the size limit)') : ''}`,
        );
      const line = `HTTP ${e.status ?? '?'} ${e.statusText ?? ''} — the server refused the upgrade`;
      return [style.red(line), more];
    }
    case 'open': {
      const sub =
        e.protocol !== undefined && e.protocol !== '' ? ` (subprotocol "${printable(e.protocol)}")` : '';
      return [style.green(`open${sub}`), []];
    }
    case 'message':
    case 'sent': {
      const binary = e.binary === true ? `(binary, ${e.size ?? 0} bytes) ` : '';
      return [`${e.type === 'sent' ? 'sent' : 'message'} ${binary}${printable(clip(e.data ?? '', 300))}`, []];
    }
    case 'error':
      return [style.red(`error: ${printable(e.message ?? '')}`), []];
    case 'close': {
      const code = e.code ?? 1005;
      const reason = e.reason !== undefined && e.reason !== '' ? ` "${printable(e.reason)}"` : ' (no reason)';
      const who =
        progress.closedByProbe && code === 1000 ? style.dim(' — closed by wsjwt after watching it') : '';
      const text = `close ${code} ${closeCodeInfo(code).name}${reason}${e.wasClean === false ? ' (no close frame)' : ''}`;
      return [`${code === 1000 ? text : style.red(text)}${who}`, []];
    }
    case 'timeout':
      return [style.red(`timeout: ${printable(e.message ?? 'no answer to the upgrade')}`), []];
    default:
      return undefined;
  }
}

/** One step of the timeline as lines, printed the moment it happens. */
export function stepLines(
  step: ProbeStep,
  progress: ProbeProgress,
  style: Style,
  shownUrl: string,
): string[] {
  let text: [string, string[]] | undefined;
  switch (step.kind) {
    case 'tcp-connected':
      text = ['TCP connected', []];
      break;
    case 'tls-connected':
      text = ['TLS handshake done', []];
      break;
    case 'switching-protocols':
      text = [`HTTP ${step.xray.status} ${step.xray.statusText}`, headerLines(step.xray.headers, style)];
      break;
    case 'event':
      text = eventText(step.event, progress, style, shownUrl);
      break;
  }
  if (text === undefined) return [];
  const [first, more] = text;
  return [`${style.dim(stamp(step.at))}  ${first}`, ...more.map((line) => `${' '.repeat(12)}${line}`)];
}

/** The whole timeline, in the order it happened (never re-sorted: equal milliseconds keep their order). */
export function timelineLines(report: ProbeReport, style: Style, shownUrl: string): string[] {
  const progress: ProbeProgress = {
    closedByProbe: report.probe.closedByProbe,
    bodyTruncated: report.probe.bodyTruncated,
    droppedMessages: report.probe.droppedMessages,
  };
  return report.probe.steps.flatMap((step) => stepLines(step, progress, style, shownUrl));
}

/** What is known before connecting: the token, the secret check, notes on the URL. */
export function preambleLines(
  report: Pick<ProbeReport, 'token' | 'tokenSource' | 'secret' | 'triage' | 'connection'>,
  style: Style,
  now: number,
): string[] {
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
  return out;
}

/** Where an interrupted attempt stood. */
function interruptedLine(report: ProbeReport): string {
  const { probe } = report;
  const at = probe.durationMs;
  if (probe.events.some((e) => e.type === 'open'))
    return `interrupted (Ctrl-C) at +${at} ms, the socket open`;
  if (probe.timings.tcpConnectMs === undefined)
    return `interrupted (Ctrl-C) at +${at} ms, waiting for the TCP connection`;
  return `interrupted (Ctrl-C) at +${at} ms, waiting for the answer to the upgrade`;
}

/** After the timeline: dropped messages, an interruption, the diagnosis (so far). */
export function closingLines(report: ProbeReport, style: Style, timeoutMs = 0): string[] {
  const out: string[] = [];
  if (report.protocol !== undefined) {
    const line = `${' '.repeat(12)}${printable(protocolLine(report.protocol, timeoutMs))}`;
    out.push(report.protocol.outcome?.kind === 'authenticated' ? style.green(line) : style.red(line));
  }
  if (report.probe.droppedMessages > 0)
    out.push(style.dim(`${' '.repeat(12)}(${report.probe.droppedMessages} more messages not shown)`));
  if (report.interrupted) out.push(style.yellow(`${' '.repeat(12)}${interruptedLine(report)}`));
  if (report.discovery !== undefined) out.push(...discoveryLines(report.discovery, style));
  out.push('');
  const opened = report.probe.events.some((e) => e.type === 'open');
  if (report.interrupted && report.diagnosis.length === 0 && !opened) {
    out.push(`${style.bold('Diagnosis so far:')} nothing found yet — the server had not answered`);
  } else if (report.interrupted) {
    out.push(describeDiagnosis(report.diagnosis, style).replace(/^(\S*)Diagnosis/, '$1Diagnosis so far'));
  } else {
    out.push(describeDiagnosis(report.diagnosis, style));
  }
  // The terminal and the browser meet: the same target, prefilled (never the token).
  if (!report.interrupted && report.diagnosis.length > 0) {
    out.push(
      '',
      `open in the console: ${buildDeepLink(CONSOLE_URL, { url: report.url, param: report.paramName })}`,
    );
  }
  return out;
}

/** Where `npm start` (and `npm run dev`) serves the console. */
const CONSOLE_URL = 'http://localhost:5173/';

/** The whole text report at once (what the streamed output adds up to). */
export function humanReport(report: ProbeReport, style: Style, showToken: boolean, now: number): string {
  const shownUrl = showToken ? report.url : redactUrlToken(report.url, report.paramName);
  return [
    ...preambleLines(report, style, now),
    '',
    style.bold('Timeline:'),
    ...timelineLines(report, style, shownUrl),
    ...closingLines(report, style),
  ].join('\n');
}
