// The token in the Sec-WebSocket-Protocol header: the one header a browser page can set on a WebSocket
// upgrade, through new WebSocket(url, protocols). Values must be HTTP tokens (RFC 6455 §4.1 → RFC 7230
// tchar); the server must echo one of them, or the browser fails the connection.

/** A common convention: offer "access_token" and the token; the server echoes "access_token". */
export const DEFAULT_SUBPROTOCOL_TEMPLATE = 'access_token, {token}';

export const TOKEN_PLACEHOLDER = '{token}';

/** RFC 7230 tchar: what a subprotocol value may contain. */
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;
const TCHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*$/;

export const TCHAR_DESCRIPTION = "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~";

export interface SubprotocolProblem {
  code:
    | 'ERR_PROTOCOL_EMPTY' // an empty item (",," or a trailing comma)
    | 'ERR_PROTOCOL_CHARS' // characters outside tchar: new WebSocket() throws SyntaxError
    | 'ERR_PROTOCOL_DUPLICATE' // the same value twice: new WebSocket() throws SyntaxError
    | 'WARN_NO_TOKEN_PLACEHOLDER' // the template never mentions {token}
    | 'WARN_TOKEN_EMPTY' // no token to send
    | 'WARN_HEADER_LONG'; // a very long header: proxies and servers cap header sizes
  severity: 'error' | 'warning';
  message: string;
}

export interface SubprotocolResult {
  /** The values passed to new WebSocket(url, protocols), in order. */
  protocols: string[];
  /** The Sec-WebSocket-Protocol header as the browser sends it. */
  header: string;
  problems: SubprotocolProblem[];
}

function describe(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  if (char === '\n' || char === '\r') return 'a line break';
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${char}"`;
}

/** Characters of `value` that a subprotocol may not contain, each once, with its first index. */
export function invalidProtocolCharacters(value: string): Array<{ char: string; index: number }> {
  // One native scan for the usual case (a JWT is all token characters): a pasted 64 KB token stays fast.
  if (TCHARS.test(value)) return [];
  const seen = new Set<string>();
  const out: Array<{ char: string; index: number }> = [];
  let index = 0;
  for (const char of value) {
    if (!TCHAR.test(char) && !seen.has(char)) {
      seen.add(char);
      out.push({ char, index });
    }
    index += char.length;
  }
  return out;
}

/**
 * The protocols to offer: the template split on commas, each item trimmed, with {token} replaced by the
 * token. Problems say what new WebSocket() would throw on (SyntaxError) and what else goes wrong.
 */
export function buildSubprotocols(template: string, token: string): SubprotocolResult {
  if (typeof template !== 'string' || typeof token !== 'string')
    throw new TypeError('buildSubprotocols: template and token must be strings');
  const problems: SubprotocolProblem[] = [];
  const items = template.split(',').map((s) => s.trim());
  if (items.length === 1 && items[0] === '')
    return {
      protocols: [],
      header: '',
      problems: [
        {
          code: 'WARN_NO_TOKEN_PLACEHOLDER',
          severity: 'warning',
          message: `No subprotocols: write them comma-separated, with ${TOKEN_PLACEHOLDER} where the token goes (e.g. ${DEFAULT_SUBPROTOCOL_TEMPLATE}).`,
        },
      ],
    };
  if (!template.includes(TOKEN_PLACEHOLDER)) {
    problems.push({
      code: 'WARN_NO_TOKEN_PLACEHOLDER',
      severity: 'warning',
      message: `No ${TOKEN_PLACEHOLDER} in Subprotocols: the token is not sent at all.`,
    });
  } else if (token === '') {
    problems.push({
      code: 'WARN_TOKEN_EMPTY',
      severity: 'warning',
      message: `The token is empty: ${TOKEN_PLACEHOLDER} becomes nothing.`,
    });
  }
  const protocols: string[] = [];
  items.forEach((item, i) => {
    const value = item.split(TOKEN_PLACEHOLDER).join(token);
    if (value === '') {
      if (!(item === TOKEN_PLACEHOLDER && token === '')) {
        problems.push({
          code: 'ERR_PROTOCOL_EMPTY',
          severity: 'error',
          message: `Item ${i + 1} is empty (two commas in a row, or a trailing comma): new WebSocket() throws a SyntaxError.`,
        });
      }
      return;
    }
    const bad = invalidProtocolCharacters(value);
    if (bad.length > 0) {
      const which =
        item === TOKEN_PLACEHOLDER
          ? 'The token'
          : `"${item.length > 40 ? `${item.slice(0, 40)}…` : item}" (with the token)`;
      const list = bad
        .slice(0, 6)
        .map((b) => `${describe(b.char)} at ${b.index}`)
        .join(', ');
      problems.push({
        code: 'ERR_PROTOCOL_CHARS',
        severity: 'error',
        message: `${which} contains ${list}: a subprotocol may only hold ${TCHAR_DESCRIPTION} (no spaces, commas, quotes, "=", "/" or ":"), so new WebSocket() throws a SyntaxError. A base64url JWT fits; standard base64 ("/", "=") or a "Bearer " prefix does not.`,
      });
    }
    if (protocols.includes(value)) {
      problems.push({
        code: 'ERR_PROTOCOL_DUPLICATE',
        severity: 'error',
        message: `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" is offered twice: new WebSocket() throws a SyntaxError on duplicates.`,
      });
      return;
    }
    protocols.push(value);
  });
  const header = protocols.join(', ');
  if (header.length > 4096) {
    problems.push({
      code: 'WARN_HEADER_LONG',
      severity: 'warning',
      message: `The Sec-WebSocket-Protocol header is ${header.length} characters: proxies and servers often cap a header at 4–8 KB and refuse the upgrade (HTTP 431 or 400).`,
    });
  }
  return { protocols, header, problems };
}

/** The header with the token replaced by "<token>", for logs. */
export function redactProtocols(protocols: readonly string[], token: string): string {
  return protocols.map((p) => (token !== '' ? p.split(token).join('<token>') : p)).join(', ');
}
