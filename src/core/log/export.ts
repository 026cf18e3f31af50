import type { ConnectionEvent } from '../diagnosis/types.ts';
import { createRedactor } from '../support/redact.ts';

/** A log entry as the console keeps it (the core only reads these fields). */
export interface LogRecord extends ConnectionEvent {
  seq?: number;
  attempt?: number;
  bytes?: Uint8Array;
  rtt?: number;
}

/** What must never leave the browser in an export or a copied entry. */
export interface RedactionInputs {
  /** The token in use (cleaned). Removed wherever it turns up. */
  token?: string;
  /** The HMAC secret. Removed wherever it turns up (4 characters or longer, as the support bundle). */
  secret?: string;
  /** The token's query parameter: any `?<param>=…` value is redacted. */
  paramName?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A redactor for free text (messages, reasons, URLs): `param=` values in URLs are redacted, then the
 * support bundle's redactor removes the token (as typed, JSON-escaped, URL-encoded), every other JWS
 * signature and the secret. One redaction policy for everything that leaves the console.
 */
export function makeRedactor({
  token = '',
  secret = '',
  paramName = '',
}: RedactionInputs): (text: string) => string {
  const base = createRedactor({
    tokens: token === '' ? [] : [token],
    secrets: secret === '' ? [] : [secret],
  });
  const names =
    paramName === '' ? [] : [...new Set([paramName, encodeURIComponent(paramName)])].map(escapeRegExp);
  const param = names.length === 0 ? null : new RegExp(`([?&](?:${names.join('|')})=)[^&#\\s"'<>]+`, 'g');
  return (text) => base(param ? text.replace(param, (_m, prefix: string) => `${prefix}<redacted>`) : text);
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function binaryCarriesSecret(bytes: Uint8Array, redact: (text: string) => string): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return redact(text) !== text;
}

/** One entry as exported / copied: ISO time, string fields redacted, kept binary bytes as hex. */
export function exportEntry(e: LogRecord, redact: (text: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.seq !== undefined) out.seq = e.seq;
  if (e.attempt !== undefined) out.attempt = e.attempt;
  out.type = e.type;
  out.time = Number.isFinite(e.time) ? new Date(e.time).toISOString() : null;
  out.at = e.at;
  const r = (v: string | undefined) => (v === undefined ? undefined : redact(v));
  const fields: Record<string, unknown> = {
    code: e.code,
    reason: r(e.reason),
    wasClean: e.wasClean,
    status: e.status,
    statusText: r(e.statusText),
    headers: e.headers
      ? Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, redact(v)]))
      : undefined,
    body: r(e.body),
    data: r(e.data),
    binary: e.binary,
    size: e.size,
    bytesHex: e.bytes ? toHex(e.bytes) : undefined,
    protocol: e.protocol === '' ? undefined : r(e.protocol),
    message: r(e.message),
    thrown: e.thrown,
    rtt: e.rtt,
  };
  // Binary content that reads as text holding the token or the secret is withheld whole.
  if (e.bytes && binaryCarriesSecret(e.bytes, redact)) {
    fields.data = undefined;
    fields.bytesHex = undefined;
    fields.withheld = 'binary content contains the token or the secret';
  }
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

export interface LogExportMeta {
  /** Epoch ms of the export. */
  exportedAt: number;
  total: number;
  dropped: number;
  cap: number;
}

/** The log as a JSON document, every string redacted: what `Export log` downloads. */
export function serializeLogExport(
  entries: readonly LogRecord[],
  meta: LogExportMeta,
  secrets: RedactionInputs,
): string {
  const redact = makeRedactor(secrets);
  const doc = {
    format: 'wsjwt-log',
    version: 1,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    redacted: 'token signatures, the secret and token query values are removed',
    total: meta.total,
    dropped: meta.dropped,
    kept: entries.length,
    cap: meta.cap,
    events: entries.map((e) => exportEntry(e, redact)),
  };
  return JSON.stringify(doc, null, 2);
}

/** A file name for the export: wsjwt-log-2025-01-31T12-00-00Z.json. */
export function logExportFileName(exportedAt: number): string {
  return `wsjwt-log-${new Date(exportedAt)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}.json`;
}
