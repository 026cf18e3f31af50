import type { ConnectionEvent } from '../diagnosis/types.ts';
import { createRedactor } from '../redact/text.ts';

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
  /** The Server URL and the Connection URL: their credentials (userinfo, keys…) are removed everywhere. */
  urls?: readonly string[];
}

/**
 * A redactor for free text (messages, reasons, URLs): the one of src/core/redact, as the support bundle
 * uses it — the token, any JWT's signature, the secret and the URLs' credentials go wherever they turn up.
 */
export function makeRedactor({
  token = '',
  secret = '',
  paramName = '',
  urls = [],
}: RedactionInputs): (text: string) => string {
  return createRedactor({
    tokens: token === '' ? [] : [token],
    secrets: secret === '' ? [] : [secret],
    urls,
    tokenParams: paramName === '' ? [] : [paramName],
  });
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
  // Binary content that reads as text holding the token, the secret or a credential is withheld whole.
  if (e.bytes && binaryCarriesSecret(e.bytes, redact)) {
    fields.data = undefined;
    fields.bytesHex = undefined;
    fields.withheld = 'binary content contains the token or the secret, or a URL credential';
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
    redacted:
      'the token, token signatures, the secret and credentials in URLs (userinfo, keys, tokens) are removed',
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
