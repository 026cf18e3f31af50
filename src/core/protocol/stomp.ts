// STOMP 1.2 over WebSocket (subprotocols v12.stomp, v11.stomp, v10.stomp): a CONNECT frame carrying the
// token in its headers (`Authorization: Bearer {token}` by default, or login/passcode), answered by
// CONNECTED — or ERROR with a `message` header and a body, after which the server closes. Frame format,
// header escaping and heart-beats per https://stomp.github.io/stomp-specification-1.2.html.
import { clip } from './payload-template.ts';
import type {
  DecodedFrame,
  ProtocolClient,
  ProtocolProblem,
  ProtocolRead,
  ProtocolSession,
} from './types.ts';
import { TOKEN_PLACEHOLDER } from '../travel/subprotocols.ts';
import { DEFAULT_STOMP_PAYLOAD, PROTOCOL_CATALOG, STOMP_SUBPROTOCOLS } from './catalog.ts';

export { STOMP_SUBPROTOCOLS };
export { DEFAULT_STOMP_PAYLOAD };

export interface StompFrame {
  command: string;
  /** Header names in order; a repeated header keeps its first value (1.2 §Repeated Header Entries). */
  headers: Record<string, string>;
  body: string;
}

const ESCAPES: Readonly<Record<string, string>> = { r: '\r', n: '\n', c: ':', '\\': '\\' };

/** Undo 1.2 header escaping; null on an undefined escape sequence (a fatal protocol error per the spec). */
export function unescapeStompHeader(text: string): string | null {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const decoded = ESCAPES[text[i + 1] ?? ''];
    if (decoded === undefined) return null;
    out += decoded;
    i++;
  }
  return out;
}

export function escapeStompHeader(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
}

/** One frame from its text; a string is a problem. CONNECT/CONNECTED headers are not escaped (1.2). */
export function parseStompFrame(text: string): StompFrame | string {
  const lines = text.replace(/^(\r?\n)+/, '');
  const end = lines.search(/\r?\n\r?\n/);
  const head = end === -1 ? lines.replace(/\0[\s\S]*$/, '') : lines.slice(0, end);
  const [command = '', ...headerLines] = head.split(/\r?\n/);
  if (!/^[A-Z]+$/.test(command)) return `not a STOMP frame: ${clip(text.replace(/\0/g, '^@'))}`;
  const raw = command === 'CONNECTED' || command === 'CONNECT';
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon === -1) return `STOMP ${command}: a header line without ":" (${clip(line, 60)})`;
    const name = raw ? line.slice(0, colon) : unescapeStompHeader(line.slice(0, colon));
    const value = raw ? line.slice(colon + 1) : unescapeStompHeader(line.slice(colon + 1));
    if (name === null || value === null)
      return `STOMP ${command}: an undefined escape sequence in "${clip(line, 60)}"`;
    if (!Object.hasOwn(headers, name)) headers[name] = value;
  }
  const afterHead = end === -1 ? '' : lines.slice(end).replace(/^\r?\n\r?\n/, '');
  const length = Number(headers['content-length']);
  const body =
    Number.isInteger(length) && length >= 0
      ? afterHead.slice(0, length)
      : afterHead.replace(/\0[\s\S]*$/, '');
  return { command, headers, body };
}

/** A frame's text: command, headers, blank line, body, NUL. */
export function serializeStompFrame(frame: StompFrame): string {
  const raw = frame.command === 'CONNECT' || frame.command === 'CONNECTED' || frame.command === 'STOMP';
  const headers = Object.entries(frame.headers).map(([k, v]) =>
    raw ? `${k}:${v}` : `${escapeStompHeader(k)}:${escapeStompHeader(v)}`,
  );
  return `${[frame.command, ...headers].join('\n')}\n\n${frame.body}\0`;
}

/** The CONNECT headers from the template: one "Name: value" per line, {token} replaced. */
export function stompConnectHeaders(
  template: string,
  token: string,
): { ok: true; headers: Record<string, string> } | { ok: false; problem: ProtocolProblem } {
  const headers: Record<string, string> = {};
  for (const [i, line] of template.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (name === '' || /[\s:]/.test(name))
      return {
        ok: false,
        problem: {
          code: 'ERR_STOMP_HEADER',
          message: `Connection payload line ${i + 1} is not a STOMP header "name: value" (e.g. ${DEFAULT_STOMP_PAYLOAD}, or login: … and passcode: … on two lines)`,
        },
      };
    const value = line
      .slice(colon + 1)
      .trim()
      .split(TOKEN_PLACEHOLDER)
      .join(token);
    // CONNECT headers are sent unescaped (1.2): a line break in the token would end the header.
    if (/[\r\n\0]/.test(value))
      return {
        ok: false,
        problem: {
          code: 'ERR_STOMP_HEADER_VALUE',
          message: `The ${name} header would contain a line break or NUL (from the token): STOMP cannot carry it`,
        },
      };
    headers[name] = value;
  }
  return { ok: true, headers };
}

function readStompFrame(text: string): ProtocolRead {
  // A heart-beat is a bare end-of-line.
  if (/^(\r?\n)+$/.test(text)) return { frame: { type: 'heart-beat', summary: 'heart-beat' }, replies: [] };
  const parsed = parseStompFrame(text);
  if (typeof parsed === 'string')
    return {
      frame: { type: 'invalid', summary: parsed },
      replies: [],
      outcome: { kind: 'protocol-error', words: text, summary: parsed },
    };
  const frame: DecodedFrame = {
    type: parsed.command,
    payload: { headers: parsed.headers, body: parsed.body },
    summary: '',
  };
  const id = parsed.headers['message-id'] ?? parsed.headers['receipt-id'];
  if (id !== undefined) frame.id = id;
  switch (parsed.command) {
    case 'CONNECTED':
      frame.summary = `CONNECTED (version ${parsed.headers.version ?? '1.0'}${parsed.headers['heart-beat'] ? `, heart-beat ${parsed.headers['heart-beat']}` : ''})`;
      return { frame, replies: [], outcome: { kind: 'authenticated', summary: 'STOMP CONNECTED' } };
    case 'ERROR': {
      const message = parsed.headers.message ?? '';
      const body = parsed.body.trim();
      const words = message !== '' ? message : body;
      frame.summary = `ERROR: "${clip(words)}"${message !== '' && body !== '' && body !== message ? ` — ${clip(body, 80)}` : ''}`;
      return { frame, replies: [], outcome: { kind: 'auth-refused', words, summary: frame.summary } };
    }
    default:
      frame.summary = `${parsed.command}${id !== undefined ? ` ${id}` : ''}${parsed.body !== '' ? `: ${clip(parsed.body)}` : ''}`;
      return { frame, replies: [] };
  }
}

export const stomp: ProtocolClient = {
  ...PROTOCOL_CATALOG.stomp,
  start({ token, payload, url }) {
    const built = stompConnectHeaders(payload ?? DEFAULT_STOMP_PAYLOAD, token);
    if (!built.ok) return built;
    let host = 'localhost';
    try {
      host = new URL(url).hostname || host;
    } catch {
      // The caller checked the URL; a host header is all that is lost.
    }
    // No heart-beats asked for: the probe is short, and the server then sends none.
    const connect = serializeStompFrame({
      command: 'CONNECT',
      headers: { 'accept-version': '1.2,1.1,1.0', host, 'heart-beat': '0,0', ...built.headers },
      body: '',
    });
    const session: ProtocolSession = {
      opening: () => [connect],
      read: readStompFrame,
      readClose: () => undefined,
    };
    return { ok: true, session };
  },
};
