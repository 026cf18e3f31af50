// "Copy as command": the current connection as shell commands — `npx wsjwt probe`, wscat and websocat — so
// it can be reproduced in a terminal (where the HTTP status of a refused upgrade is visible) or shared.
// The token is a `$TOKEN` placeholder unless the user asks for it to be included; the URL's other
// credentials (userinfo, api_key=…, a JWT in another parameter or the path) are always shell variables
// ($WS_USERINFO, $API_KEY…) the user sets before running it: nothing secret is copied unasked (issue 16).
// POSIX shell quoting.
import { describeRemovedCredentials, redactUrlCredentials } from '../redact/url.ts';
import type { UrlCredential } from '../redact/url.ts';
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
  /** The URL's credentials left out as shell variables, in URL order (no values). */
  variables: CommandVariable[];
}

export interface CommandVariable {
  /** The shell variable that stands for the value, e.g. API_KEY (used as "$API_KEY"). */
  name: string;
  /** What it stands for, in words: "the userinfo", "the value of api_key". */
  what: string;
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

/** A URL as shell text: literal pieces and shell variables between them. */
type UrlPart = { text: string } | { variable: string };

const TOKEN_VARIABLE = COMMAND_TOKEN_PLACEHOLDER.slice(1);
// Never in a URL the console builds: marks where a credential was taken out.
const CREDENTIAL_MARK = '\u0000';

/** A shell variable name for a removed credential: API_KEY for api_key, WS_USERINFO for user:pw@. */
function variableName(r: UrlCredential, taken: Set<string>): string {
  let base = r.name
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (r.place === 'userinfo') base = 'WS_USERINFO';
  else if (base === '') base = 'URL_TOKEN';
  else if (/^[0-9]/.test(base)) base = `URL_${base}`;
  if (base === TOKEN_VARIABLE) base = 'URL_TOKEN';
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** The URL with each credential replaced by a shell variable, and the variables. */
function urlWithVariables(url: string): { parts: UrlPart[]; variables: CommandVariable[] } {
  // A NUL cannot reach a program through the shell anyway; dropping it keeps the marks unambiguous.
  const r = redactUrlCredentials(url.replaceAll(CREDENTIAL_MARK, ''), { placeholder: CREDENTIAL_MARK });
  const texts = r.url.split(CREDENTIAL_MARK);
  const taken = new Set<string>();
  const parts: UrlPart[] = [];
  const variables: CommandVariable[] = [];
  texts.forEach((text, i) => {
    parts.push({ text });
    const removed = r.removed[i];
    if (i === texts.length - 1 || removed === undefined) return;
    const name = variableName(removed, taken);
    parts.push({ variable: name });
    variables.push({ name, what: describeRemovedCredentials([removed])[0] ?? 'a credential' });
  });
  return { parts, variables };
}

/**
 * One shell word for a URL with variables in it. `preferDouble`: in double quotes so the shell expands the
 * variables, when every literal piece is safe there; else the literal pieces single-quoted and each
 * variable as "$NAME" between them ('ws://…?token='"$TOKEN"). A JWT is base64url and dots — URL-safe — so
 * $TOKEN needs no encoding; the other variables hold the values as written in the URL (percent-encoded).
 */
function urlWord(pieces: readonly UrlPart[], preferDouble: boolean): string {
  const parts: UrlPart[] = [];
  for (const p of pieces) {
    const last = parts[parts.length - 1];
    if ('text' in p && last !== undefined && 'text' in last) last.text += p.text;
    else parts.push({ ...p });
  }
  const plain = parts.every((p) => 'variable' in p || SAFE_IN_DOUBLE_QUOTES.test(p.text));
  if (preferDouble && plain) {
    const body = parts.map((p, i) => {
      if ('text' in p) return p.text;
      const next = parts[i + 1];
      const glued = next !== undefined && 'text' in next && /^[A-Za-z0-9_]/.test(next.text);
      return glued ? `\${${p.variable}}` : `$${p.variable}`;
    });
    return `"${body.join('')}"`;
  }
  const word = parts
    .map((p) => ('text' in p ? (p.text === '' ? '' : singleQuote(p.text)) : `"$${p.variable}"`))
    .join('');
  return word === '' ? `''` : word;
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
  const { parts, variables } = urlWithVariables(bare);
  const include = input.includeToken && input.token !== '';
  const protocols = [...(input.protocols ?? [])];
  // Where the token parameter goes: after the URL as it is, whatever its last piece.
  const query = `${bare.includes('?') ? '&' : '?'}${encodeURIComponent(param)}=`;

  const wsjwt = [
    'npx wsjwt probe',
    urlWord(parts, false),
    '--token',
    include ? singleQuote(input.token) : `"${COMMAND_TOKEN_PLACEHOLDER}"`,
    '--param',
    shellQuote(param),
    ...(input.timeoutMs !== undefined && Number.isFinite(input.timeoutMs) && input.timeoutMs > 0
      ? ['--timeout', String(Math.round(input.timeoutMs))]
      : []),
    ...protocols.flatMap((p) => ['--protocol', shellQuote(p)]),
  ].join(' ');

  const urlArgument = include
    ? urlWord([...parts, { text: `${query}${encodeURIComponent(input.token)}` }], false)
    : urlWord([...parts, { text: query }, { variable: TOKEN_VARIABLE }], true);
  const wscat = ['wscat -c', urlArgument, ...protocols.flatMap((p) => ['-s', shellQuote(p)])].join(' ');
  const websocat = ['websocat', urlArgument, ...protocols.flatMap((p) => ['--protocol', shellQuote(p)])].join(
    ' ',
  );
  return { wsjwt, wscat, websocat, variables };
}
