// What `wsjwt probe` prints goes through the core's one redaction (src/core/redact): a server that echoes
// the URL, the Authorization header or the secret in its refusal page, a message or a close reason gets
// them redacted, as the URL line always was. --show-token keeps the token; the secret, the userinfo and
// the other credentials of the URL are never printed.
import { createRedactor, encodeBase64, redactUrlCredentials } from '../../core/index.ts';
import type { Cause, ConnectionEvent, HandshakeXray } from '../../core/index.ts';
import type { ProbeReport } from './probe-output.ts';

/** The redactor for everything a probe prints (text, --json, error messages). */
// The core redactor already scrubs the token's JSON-escaped and percent-encoded forms (a payload, a cookie).
/** --header values that are credentials (by their name): never printed, even with --show-token. */
const CREDENTIAL_HEADER = /auth|token|cookie|key|secret|session|password/i;

export function probeRedactor(
  report: Pick<ProbeReport, 'url' | 'paramName' | 'secret' | 'userHeaders'> & {
    token?: ProbeReport['token'];
  },
  showToken: boolean,
): (text: string) => string {
  const url = report.url;
  // A ws client sends the URL's userinfo as "Authorization: Basic base64(user:password)"; a server may echo it.
  const userinfo = redactUrlCredentials(url).removed.find((c) => c.place === 'userinfo');
  const basic = userinfo ? [encodeBase64(new TextEncoder().encode(userinfo.value))] : [];
  const userCredentials = Object.entries(report.userHeaders ?? {})
    .filter(([name, value]) => CREDENTIAL_HEADER.test(name) && value !== '')
    .map(([, value]) => value);
  return createRedactor({
    tokens: report.token ? [report.token.token, report.token.input] : [],
    secrets: [...(report.secret ? [report.secret.input.text] : []), ...basic, ...userCredentials],
    urls: [url],
    tokenParams: [report.paramName],
    revealTokens: showToken,
  });
}

/** Every string of a decoded JSON value redacted (a claim may quote the secret). */
function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  return value;
}

function redactHeaders(
  headers: Record<string, string> | undefined,
  redact: (text: string) => string,
): Record<string, string> | undefined {
  return headers === undefined
    ? undefined
    : Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(v)]));
}

function redactEvent(e: ConnectionEvent, redact: (text: string) => string): ConnectionEvent {
  const out: ConnectionEvent = { ...e };
  for (const key of ['data', 'reason', 'message', 'body', 'statusText', 'protocol', 'thrown'] as const) {
    const v = e[key];
    if (typeof v === 'string') out[key] = redact(v);
  }
  if (e.headers !== undefined) out.headers = redactHeaders(e.headers, redact);
  return out;
}

function redactXray(x: HandshakeXray, redact: (text: string) => string): HandshakeXray {
  return {
    ...x,
    statusText: redact(x.statusText),
    headers: redactHeaders(x.headers, redact) ?? {},
    body: redact(x.body),
  };
}

function redactCause(c: Cause, redact: (text: string) => string): Cause {
  return { ...c, title: redact(c.title), evidence: c.evidence.map(redact), fix: c.fix.map(redact) };
}

/**
 * The report as it may be printed: the URL without its credentials (the token's value kept only with
 * --show-token), and every string a server or the diagnosis wrote redacted.
 */
export function redactProbeReport(report: ProbeReport, showToken: boolean): ProbeReport {
  const redact = probeRedactor(report, showToken);
  const url = redactUrlCredentials(report.url, {
    tokenParams: [report.paramName],
    keepTokenParams: showToken,
  }).url;
  const { probe, token } = report;
  const out: ProbeReport = {
    ...report,
    url,
    connection: {
      ...report.connection,
      url,
      notes: report.connection.notes.map((n) => ({ ...n, message: redact(n.message) })),
    },
    token: {
      ...token,
      ...(token.header !== undefined ? { header: redactDeep(token.header, redact) } : {}),
      ...(token.payload !== undefined ? { payload: redactDeep(token.payload, redact) } : {}),
    },
    probe: {
      ...probe,
      events: probe.events.map((e) => redactEvent(e, redact)),
      ...(probe.xray !== undefined ? { xray: redactXray(probe.xray, redact) } : {}),
    },
    diagnosis: report.diagnosis.map((c) => redactCause(c, redact)),
  };
  if (report.protocol !== undefined) out.protocol = redactDeep(report.protocol, redact);
  if (report.discovery !== undefined) out.discovery = redactDeep(report.discovery, redact);
  return out;
}
