// What a WebSocket close code means, read from the one registry (registry.ts: RFC 6455 / IANA codes;
// conventions.ts: the libraries' 3000–4999 codes). The log row, the timeline, the CLI, the matrix, the support
// bundle and the diagnosis evidence all name codes through closeCodeInfo(); the diagnosis reads what a bare
// code implies through closeCodeMeanings().
import type { Confidence, CauseId } from '../diagnosis/types.ts';
import type { CloseCodeInfo } from '../types.ts';
import { HTTP_STATUS, LIBRARY_CONVENTIONS, PRIVATE_CONVENTIONS } from './conventions.ts';
import { STANDARD_CODES } from './registry.ts';
import type { Dialect } from './registry.ts';

type Convention = CloseCodeInfo['conventions'][number];

function conventionsOf(dialects: readonly Dialect[], code: number): Convention[] {
  return dialects.flatMap((d) => {
    const c = d.codes.get(code);
    return c ? [{ source: d.label, name: c.name, meaning: c.meaning }] : [];
  });
}

function privateConventions(code: number): Convention[] {
  const found = conventionsOf(PRIVATE_CONVENTIONS, code);
  const http = HTTP_STATUS.get(code - 4000);
  if (http !== undefined) {
    found.push({
      source: '4000 + HTTP status (common convention)',
      name: http,
      meaning: `Hand-written servers often close with 4000 + an HTTP status: ${code} would mean HTTP ${code - 4000} ${http}.`,
    });
  }
  return found;
}

function info(
  code: number,
  range: CloseCodeInfo['range'],
  name: string,
  meaning: string,
  conventions: Convention[] = [],
  localOnly = false,
): CloseCodeInfo {
  return { code, name, meaning, range, localOnly, conventions };
}

/**
 * What a WebSocket close code means: the RFC 6455 / IANA name, its range, whether the browser made it up
 * (1005, 1006, 1015), and the conventions of well-known servers for application codes (3000–4999).
 * Any number is accepted; codes no endpoint may send come back with range 'invalid' or 'unused'.
 */
export function closeCodeInfo(code: number): CloseCodeInfo {
  if (typeof code !== 'number') throw new TypeError('closeCodeInfo: code must be a number');
  if (!Number.isInteger(code) || code < 0 || code >= 5000) {
    return info(
      code,
      'invalid',
      'Invalid',
      'Not a valid WebSocket close code: codes are integers from 1000 to 4999.',
    );
  }
  if (code < 1000) {
    return info(
      code,
      'unused',
      'Unused',
      'Codes 0–999 are not used by WebSocket; an endpoint must not send them.',
    );
  }
  if (code < 3000) {
    const entry = STANDARD_CODES.get(code);
    if (entry) return info(code, 'rfc6455', entry.name, entry.meaning, [], entry.localOnly ?? false);
    if (code < 2000) {
      return info(
        code,
        'rfc6455',
        'Reserved',
        'Reserved for future versions of the WebSocket protocol (1016–1999); no meaning is defined and an endpoint must not send it.',
      );
    }
    return info(
      code,
      'rfc6455',
      'Reserved for extensions',
      'Reserved for WebSocket extensions (2000–2999); no meaning is registered.',
    );
  }
  if (code < 4000) {
    const conventions = conventionsOf(LIBRARY_CONVENTIONS, code);
    const registered = STANDARD_CODES.get(code);
    if (registered) return info(code, 'iana-registered', registered.name, registered.meaning, conventions);
    const first = conventions[0];
    const meaning =
      'Reserved for libraries, frameworks and applications (3000–3999, registered with IANA first come, first served); this one is not registered, so its meaning depends on the server.';
    return info(
      code,
      'library',
      first ? `${first.name} (${first.source})` : 'Library or framework code',
      first ? `${first.meaning} ${meaning}` : meaning,
      conventions,
    );
  }
  const conventions = privateConventions(code);
  const first = conventions[0];
  const meaning =
    'Private use (4000–4999): only the server’s own code defines it; read the close reason and the server source.';
  return info(
    code,
    'private',
    first ? first.name : 'Private use',
    first ? `${meaning} By convention: ${first.name} (${first.source}).` : meaning,
    conventions,
  );
}

/**
 * Whether a close code reports a failure. Only 1000 (Normal Closure), 1001 (Going Away) and 1005 (no status:
 * the server closed without giving a reason) are not errors by themselves.
 */
export function isErrorClose(code: number): boolean {
  if (typeof code !== 'number') throw new TypeError('isErrorClose: code must be a number');
  return !(code === 1000 || code === 1001 || code === 1005);
}

/**
 * What a reconnecting client should make of a refusal or a close. `auth`: the server refused the credential
 * (retrying the same token gets the same answer); `terminal`: retrying the same request cannot succeed (wrong
 * path, an extension or subprotocol the server will never accept, a library's "do not reconnect" code);
 * `transient`: the connection ended for a reason that may pass (a drop, a restart, an overload, a normal
 * close). Codes not listed are transient: a retry with backoff costs little and the server decides.
 */
export type RetryClass = 'auth' | 'terminal' | 'transient';

// 1008 is what the guide's server (and many others) close with on a rejected JWT; 3000/3003 the IANA
// Unauthorized/Forbidden; 4401/4403 graphql-ws, Hocuspocus and the 4000 + HTTP convention; 3500 Centrifugo's
// "invalid token".
const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 3000, 3003, 3500, 4401, 4403]);
// 1010 and 1015 fail again on any retry; Centrifugo's 3501–3999 are terminal by its own convention (3500 is
// auth, above); 4400/4404/4406 are a bad request, a wrong path, a subprotocol the server will not take.
const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([1010, 1015, 4400, 4404, 4406]);

export function closeRetryClass(code: number): RetryClass {
  if (typeof code !== 'number') throw new TypeError('closeRetryClass: code must be a number');
  if (AUTH_CLOSE_CODES.has(code)) return 'auth';
  if (TERMINAL_CLOSE_CODES.has(code) || (code > 3500 && code < 4000)) return 'terminal';
  return 'transient';
}

/** The same question for an HTTP refusal of the upgrade (seen by the CLI or the x-ray; a page sees 1006). */
export function httpRefusalRetryClass(status: number): RetryClass {
  if (typeof status !== 'number') throw new TypeError('httpRefusalRetryClass: status must be a number');
  if (status === 401 || status === 403) return 'auth';
  // Overload, rate limits, a gateway or a restarting upstream: may pass.
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'terminal';
}

/** The name every reader prints for a code ("Policy Violation", "invalid token (Centrifugo)"). */
export function closeCodeName(code: number): string {
  return closeCodeInfo(code).name;
}

/** Whether a server may send this code: not the browser's own (1005, 1006, 1015), not reserved, not client-only. */
export function serverMaySend(code: number): boolean {
  if (!Number.isInteger(code) || code < 1000 || code >= 5000) return false;
  const standard = STANDARD_CODES.get(code);
  if (standard) return !(standard.localOnly === true || standard.reserved === true);
  if (code < 3000) return false;
  const conventions = [...LIBRARY_CONVENTIONS, ...PRIVATE_CONVENTIONS].flatMap(
    (d) => d.codes.get(code) ?? [],
  );
  return conventions.length === 0 || conventions.some((c) => c.clientOnly !== true);
}

/** What a bare code implies for the diagnosis, per the standard or a library that defines it. */
export interface CloseCodeMeaning {
  /** 'rfc6455' for RFC 6455 / IANA codes, else the library's id ('graphql-ws', 'centrifugo'…). */
  dialect: string;
  source: string;
  /** The name the library gives it (a server often sends it as the reason, e.g. Centrifugo's "stale"). */
  name: string;
  cause: CauseId;
  confidence: Confidence;
  detail: string;
}

/** Every meaning a code has, the standard one first, then the libraries' in registry order. */
export function closeCodeMeanings(code: number): CloseCodeMeaning[] {
  const out: CloseCodeMeaning[] = [];
  const standard = STANDARD_CODES.get(code);
  if (standard?.diagnosis)
    out.push({ dialect: 'rfc6455', source: standard.source, name: standard.name, ...standard.diagnosis });
  for (const d of [...LIBRARY_CONVENTIONS, ...PRIVATE_CONVENTIONS]) {
    const c = d.codes.get(code);
    if (c?.diagnosis) out.push({ dialect: d.id, source: d.source, name: c.name, ...c.diagnosis });
  }
  return out;
}
