// The `Connection payload` template: JSON with {token} where the token goes. Inside a JSON string the
// token is escaped as string content; outside one it becomes a whole JSON string — so a token holding
// quotes or backslashes can never break out of the payload, and the result is always parsed to check it.
import { TOKEN_PLACEHOLDER } from '../travel/subprotocols.ts';
import type { ProtocolProblem } from './types.ts';

import { DEFAULT_JSON_PAYLOAD } from './catalog.ts';

export { DEFAULT_JSON_PAYLOAD };

export type JsonPayloadResult =
  { ok: true; value: unknown; text: string } | { ok: false; problem: ProtocolProblem };

/** The template with {token} replaced, as JSON text (not yet parsed). */
export function fillJsonTemplate(template: string, token: string): string {
  const asContent = JSON.stringify(token).slice(1, -1);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    if (template.startsWith(TOKEN_PLACEHOLDER, i)) {
      out += inString ? asContent : JSON.stringify(token);
      i += TOKEN_PLACEHOLDER.length - 1;
      continue;
    }
    const char = template[i] ?? '';
    if (char === '\\' && inString) {
      out += template.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === '"') inString = !inString;
    out += char;
  }
  return out;
}

/** The payload: parsed JSON with the token in place, or a problem naming what is wrong with the template. */
export function buildJsonPayload(
  template: string,
  token: string,
  what = 'Connection payload',
): JsonPayloadResult {
  if (typeof template !== 'string' || typeof token !== 'string')
    throw new TypeError('buildJsonPayload: template and token must be strings');
  const text = fillJsonTemplate(template.trim(), token);
  if (text === '') return { ok: true, value: undefined, text: '' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: {
        code: 'ERR_PAYLOAD_JSON',
        message: `${what} is not valid JSON (${why}); e.g. ${DEFAULT_JSON_PAYLOAD}`,
      },
    };
  }
}

/** A payload that must be a JSON object (graphql-ws, Socket.IO auth), or nothing. */
export function buildObjectPayload(
  template: string,
  token: string,
  what: string,
): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; problem: ProtocolProblem } {
  const built = buildJsonPayload(template, token, what);
  if (!built.ok) return built;
  if (built.value === undefined) return { ok: true, value: undefined };
  if (typeof built.value !== 'object' || built.value === null || Array.isArray(built.value))
    return {
      ok: false,
      problem: {
        code: 'ERR_PAYLOAD_NOT_OBJECT',
        message: `${what} must be a JSON object, e.g. ${DEFAULT_JSON_PAYLOAD}`,
      },
    };
  return { ok: true, value: built.value as Record<string, unknown> };
}

/** Parse a server's JSON text frame; undefined when it is not JSON. */
export function parseJsonFrame(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The human words in a payload: a string, or its `message` / `error` / `reason`, or the JSON. */
export function wordsOf(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (Array.isArray(payload))
    return payload
      .map(wordsOf)
      .filter((w) => w !== '')
      .join('; ');
  if (typeof payload === 'object' && payload !== null) {
    const o = payload as Record<string, unknown>;
    for (const key of ['message', 'error', 'reason', 'msg']) {
      const v = o[key];
      if (typeof v === 'string' && v !== '') return v;
      if (typeof v === 'object' && v !== null) return wordsOf(v);
    }
    return JSON.stringify(payload);
  }
  return payload === undefined ? '' : String(payload);
}

/** A short quote for a summary line. */
export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
