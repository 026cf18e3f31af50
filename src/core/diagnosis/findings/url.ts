// What the Connection URL carries: the parameter, its encoding, the scheme and host.
import { rawQueryValues } from '../facts.ts';
import { decodeQueryValue } from '../facts.ts';
import { quote } from '../format.ts';
import { truncate } from '../format.ts';
import type { DiagnosisEvidence } from '../types.ts';
import type { Finding } from './local.ts';

/** The token's characters that do not survive a query string: %, +, spaces. */
function encodingFindings(ev: DiagnosisEvidence, token: string, out: Finding[]): Finding[] {
  if (token.includes('%')) {
    const twice = /%25[0-9a-f]{2}/i.test(token) || /%25/.test(ev.token.input);
    out.push({
      cause: 'token-not-encoded',
      confidence: 'medium',
      kind: 'url',
      evidence: [
        twice
          ? 'The token contains %25: it was URL-encoded twice, and the server receives %xx text instead of the token'
          : "The token contains '%': it is still URL-encoded, and encoding it again makes the server receive %xx text",
      ],
    });
  } else if (/%25/i.test(ev.token.input) && ev.token.cleanups.some((c) => c.kind === 'percent-decoded')) {
    out.push({
      cause: 'token-not-encoded',
      confidence: 'low',
      kind: 'url',
      evidence: [
        'The pasted token was URL-encoded twice (%25); it was decoded before sending — check where your client encodes it',
      ],
    });
  }
  if (token.includes('+')) {
    out.push({
      cause: 'token-not-encoded',
      confidence: 'medium',
      kind: 'url',
      evidence: [
        "The token contains '+': sent without encodeURIComponent, a server's query parser reads it as a space",
      ],
    });
  }
  // A space inside something JWT-shaped (junk text has spaces for other reasons).
  if (/\s/.test(token) && token.split('.').length === 3) {
    out.push({
      cause: 'token-not-encoded',
      confidence: 'medium',
      kind: 'url',
      evidence: ["The token contains a space: a '+' was probably read as a space on the way"],
    });
  }
  return out;
}

export function urlFindings(ev: DiagnosisEvidence): Finding[] {
  const out: Finding[] = [];
  const url = ev.url;
  const param = ev.paramName || 'token';
  if (!url.ok) {
    out.push({
      cause: 'server-unreachable',
      confidence: 'medium',
      kind: 'url',
      evidence: [`Server URL: ${url.message}`],
    });
    return out;
  }
  // The token travels elsewhere (a header, a cookie, a message): the query string is not where to look.
  if (ev.tokenTravel !== undefined && ev.tokenTravel !== 'query') return out;
  if (url.notes.some((n) => n.code === 'PARAM_NAME_EMPTY') || ev.paramName.trim() === '') {
    out.push({
      cause: 'token-missing',
      confidence: 'medium',
      kind: 'url',
      evidence: ['Token parameter is empty: the token is not sent under any name'],
    });
  }
  const token = ev.token.token;
  if (token === '') return out;

  const values = rawQueryValues(url.url, param);
  if (values.length === 0) {
    out.push({
      cause: 'token-missing',
      confidence: 'medium',
      kind: 'url',
      evidence: [`The Connection URL carries no ?${param}= parameter`],
    });
  } else {
    const raw = values[values.length - 1] ?? '';
    const decoded = decodeQueryValue(raw);
    if (decoded !== token) {
      out.push({
        cause: 'token-not-encoded',
        confidence: 'high',
        kind: 'url',
        evidence: [
          decoded === undefined
            ? `The Connection URL carries ?${param}=${truncate(raw, 60)}, which is not valid percent-encoding`
            : `The Connection URL carries ?${param}=${truncate(raw, 60)}, which a server's query parser reads as ${quote(truncate(decoded, 60))} — not the token`,
        ],
      });
    }
    if (values.length > 1) {
      out.push({
        cause: 'token-not-encoded',
        confidence: 'low',
        kind: 'url',
        evidence: [
          `The Connection URL carries ?${param}= ${values.length} times: servers read the first, the last or an array`,
        ],
      });
    }
  }
  return encodingFindings(ev, token, out);
}
