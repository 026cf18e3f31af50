// "Copy as command": the current connection as shell commands — `npx wsjwt probe`, wscat and websocat — so
// it can be reproduced in a terminal (where the HTTP status of a refused upgrade is visible) or shared.
// The token is a `$TOKEN` placeholder unless the user asks for it to be included. POSIX shell quoting.
import { buildConnectionUrl, DEFAULT_TOKEN_PARAM } from '../url/connection-url.ts';

export interface CopyCommandInput {
  /** The Server URL or the Connection URL; the token parameter (`paramName`) is taken out of it. */
  url: string;
  /** Query parameter that carries the token (default "token"). */
  paramName: string;
  /** The (cleaned) token; used only when includeToken is true. */
  token: string;
  /** Put the real token in the commands instead of the $TOKEN placeholder. */
  includeToken: boolean;
  /** Adds --timeout to the wsjwt command. */
  timeoutMs?: number;
  /** Subprotocols to offer. */
  protocols?: readonly string[];
}

export interface CopyCommands {
  wsjwt: string;
  wscat: string;
  websocat: string;
}

export const COMMAND_TOKEN_PLACEHOLDER = '$TOKEN';

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Characters that keep their literal meaning inside "…" in sh, bash (even with history expansion) and zsh.
const SAFE_IN_DOUBLE_QUOTES = /^[^"\\$`!]*$/;

/** One shell word: as is when it is plain, else in single quotes ('\'' for a quote inside). */
export function shellQuote(text: string): string {
  if (text !== '' && SAFE_WORD.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Always single-quoted (URLs: ? and & must never reach the shell unquoted). */
function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The URL without the token parameter and without a fragment. */
export function urlWithoutToken(url: string, paramName: string): string {
  const name = paramName.trim() === '' ? DEFAULT_TOKEN_PARAM : paramName.trim();
  const built = buildConnectionUrl({ serverUrl: url, paramName: name, token: '' });
  const base = built.ok ? built.url : (url.trim().split('#', 1)[0] ?? '');
  const q = base.indexOf('?');
  if (q === -1) return base;
  const kept = base
    .slice(q + 1)
    .split('&')
    .filter((piece) => {
      if (piece === '') return false;
      const eq = piece.indexOf('=');
      const key = eq === -1 ? piece : piece.slice(0, eq);
      let decoded = key;
      try {
        decoded = decodeURIComponent(key);
      } catch {
        // keep the raw key
      }
      return decoded !== name;
    });
  return kept.length > 0 ? `${base.slice(0, q)}?${kept.join('&')}` : base.slice(0, q);
}

/** The URL with `name=value` appended (value already encoded, or the placeholder). */
function withParam(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${value}`;
}

/**
 * A URL argument ending in $TOKEN: in double quotes so the shell expands $TOKEN, when the rest of the URL
 * is safe there; else the URL single-quoted and "$TOKEN" appended ('ws://…?token='"$TOKEN").
 * A JWT is base64url and dots — URL-safe — so $TOKEN needs no encoding; wsjwt encodes the token itself.
 */
function placeholderUrlArgument(urlBeforeToken: string): string {
  if (SAFE_IN_DOUBLE_QUOTES.test(urlBeforeToken)) return `"${urlBeforeToken}${COMMAND_TOKEN_PLACEHOLDER}"`;
  return `${singleQuote(urlBeforeToken)}"${COMMAND_TOKEN_PLACEHOLDER}"`;
}

export function buildCopyCommands(input: CopyCommandInput): CopyCommands {
  if (
    typeof input !== 'object' ||
    input === null ||
    typeof input.url !== 'string' ||
    typeof input.paramName !== 'string' ||
    typeof input.token !== 'string'
  ) {
    throw new TypeError('buildCopyCommands: url, paramName and token must be strings');
  }
  const param = input.paramName.trim() === '' ? DEFAULT_TOKEN_PARAM : input.paramName.trim();
  const bare = urlWithoutToken(input.url, param);
  const include = input.includeToken && input.token !== '';
  const protocols = [...(input.protocols ?? [])];

  const wsjwt = [
    'npx wsjwt probe',
    singleQuote(bare),
    '--token',
    include ? singleQuote(input.token) : `"${COMMAND_TOKEN_PLACEHOLDER}"`,
    '--param',
    shellQuote(param),
    ...(input.timeoutMs !== undefined && Number.isFinite(input.timeoutMs) && input.timeoutMs > 0
      ? ['--timeout', String(Math.round(input.timeoutMs))]
      : []),
    ...protocols.flatMap((p) => ['--protocol', shellQuote(p)]),
  ].join(' ');

  let urlArgument: string;
  if (include) {
    urlArgument = singleQuote(withParam(bare, param, encodeURIComponent(input.token)));
  } else {
    const full = withParam(bare, param, '');
    urlArgument = placeholderUrlArgument(full);
  }
  const wscat = ['wscat -c', urlArgument, ...protocols.flatMap((p) => ['-s', shellQuote(p)])].join(' ');
  const websocat = ['websocat', urlArgument, ...protocols.flatMap((p) => ['--protocol', shellQuote(p)])].join(
    ' ',
  );
  return { wsjwt, wscat, websocat };
}
