// "Copy as command": the current connection as shell commands — `npx wsjwt probe`, wscat and websocat — so
// it can be reproduced in a terminal (where the HTTP status of a refused upgrade is visible) or shared.
// The token is a `$TOKEN` placeholder unless the user asks for it to be included; the URL's other
// credentials (userinfo, api_key=…, a JWT in another parameter or the path) are always shell variables
// ($WS_USERINFO, $API_KEY…) the user sets before running it: nothing secret is copied unasked (issue 16).
// With a protocol or another placement of the token, each tool gets it its own way: wscat -H / -s / -x,
// websocat -H / --protocol and a piped first message, wsjwt --protocol / --travel. POSIX shell quoting.
import { PROTOCOL_CLIENTS } from '../protocol/index.ts';
import type { AppProtocolId } from '../protocol/index.ts';
import { describeRemovedCredentials, redactUrlCredentials } from '../redact/url.ts';
import type { TokenPlacement } from '../travel/placements.ts';
import { buildSubprotocols, DEFAULT_SUBPROTOCOL_TEMPLATE } from '../travel/subprotocols.ts';
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
  /** Subprotocols to offer (wsjwt --subprotocol). */
  protocols?: readonly string[];
  /** The protocol spoken (default plain). */
  protocol?: AppProtocolId;
  /** Where the token travels (default: query for plain, first-message for the others). */
  travel?: TokenPlacement;
  /** The Connection payload template when the user changed it ({token} where the token goes). */
  payload?: string;
  /** With travel 'subprotocol': the Subprotocols template ({token} where the token goes; default
   * "access_token, {token}"). */
  subprotocolTemplate?: string;
  /** Extra request headers (not the token's: --travel header / cookie add those). */
  headers?: Readonly<Record<string, string>>;
}

export interface CopyCommands {
  wsjwt: string;
  wscat: string;
  websocat: string;
  /** The URL's credentials left out as shell variables, in URL order (no values). */
  variables: CommandVariable[];
  /** What a tool cannot do for this connection, in a sentence each (e.g. wscat cannot send a STOMP frame). */
  notes: string[];
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
  const protocol = PROTOCOL_CLIENTS[input.protocol ?? 'plain'] ?? PROTOCOL_CLIENTS.plain;
  const travel = input.travel ?? (protocol.id === 'plain' ? 'query' : 'first-message');
  const bare = urlWithoutToken(input.url, param);
  const include = input.includeToken && input.token !== '';
  const tokenWord = include ? singleQuote(input.token) : `"${COMMAND_TOKEN_PLACEHOLDER}"`;
  const subprotocols = [...(input.protocols ?? [])];
  const extraHeaders = Object.entries(input.headers ?? {});

  const wsjwt = wsjwtCommand(input, protocol.id, travel, param, bare, tokenWord);

  // The other tools open the socket's own address (Socket.IO's Engine.IO path) and carry the token themselves.
  const address = protocol.connectionUrl(bare);
  const { parts, variables } = urlWithVariables(address.ok ? address.url : bare);
  const token: UrlPart = include ? { text: input.token } : { variable: TOKEN_VARIABLE };
  const query = `${(address.ok ? address.url : bare).includes('?') ? '&' : '?'}${encodeURIComponent(param)}=`;
  const urlArgument =
    travel !== 'query'
      ? urlWord(parts, true)
      : include
        ? urlWord([...parts, { text: `${query}${encodeURIComponent(input.token)}` }], false)
        : urlWord([...parts, { text: query }, token], true);
  const offered = [...protocol.subprotocols, ...subprotocols].map(shellQuote);
  if (travel === 'subprotocol')
    for (const p of templateSubprotocols(input.subprotocolTemplate))
      if (!offered.includes(shellQuote(p)))
        offered.push(p.includes(TOKEN_MARK) ? urlWord(splitMark(p, token), true) : shellQuote(p));
  const headerWords = [
    ...(travel === 'header' ? [urlWord([{ text: 'Authorization: Bearer ' }, token], true)] : []),
    ...(travel === 'cookie' ? [urlWord([{ text: `Cookie: ${param}=` }, token], true)] : []),
    ...extraHeaders.map(([name, value]) => shellQuote(`${name}: ${value}`)),
  ];
  // An included token is escaped by the payload builder; $TOKEN is pasted raw by the shell (a JWT is JSON-safe).
  const frame = firstFrame(protocol.id, travel, input.payload, input.url, include ? input.token : TOKEN_MARK);
  const notes: string[] = [...protocolNotes(protocol.id)];
  const sendable = frame !== undefined && !/[\n\r\0]/.test(frame);
  if (frame !== undefined && !sendable)
    notes.push(
      `wscat and websocat cannot send the ${protocol.label} first frame as copied (it holds line breaks and ends with a NUL byte, which a shell argument cannot carry): use the wsjwt command.`,
    );
  const frameWord = sendable ? urlWord(splitMark(frame, token), true) : undefined;
  const timeoutSeconds = Math.max(1, Math.ceil((input.timeoutMs ?? 5000) / 1000));
  const wscat = [
    'wscat -c',
    urlArgument,
    ...offered.flatMap((p) => ['-s', p]),
    ...headerWords.flatMap((h) => ['-H', h]),
    ...(frameWord !== undefined ? ['-x', frameWord, '-w', String(timeoutSeconds)] : []),
  ].join(' ');
  const websocatArgs = [
    'websocat',
    urlArgument,
    ...offered.flatMap((p) => ['--protocol', p]),
    ...headerWords.flatMap((h) => ['-H', h]),
  ].join(' ');
  // websocat sends each stdin line as a message: the first frame, then whatever the user types.
  const websocat =
    frameWord !== undefined ? `{ printf '%s\\n' ${frameWord}; cat; } | ${websocatArgs}` : websocatArgs;
  return { wsjwt, wscat, websocat, variables, notes };
}

/** The `npx wsjwt probe` line: the base URL (wsjwt adds what the protocol needs), flags only when not default. */
function wsjwtCommand(
  input: CopyCommandInput,
  protocolId: AppProtocolId,
  travel: TokenPlacement,
  param: string,
  bare: string,
  tokenWord: string,
): string {
  const subprotocols = input.protocols ?? [];
  const extraHeaders = Object.entries(input.headers ?? {});
  return [
    'npx wsjwt probe',
    urlWord(urlWithVariables(bare).parts, false),
    '--token',
    tokenWord,
    '--param',
    shellQuote(param),
    ...(input.timeoutMs !== undefined && Number.isFinite(input.timeoutMs) && input.timeoutMs > 0
      ? ['--timeout', String(Math.round(input.timeoutMs))]
      : []),
    ...(protocolId !== 'plain' ? ['--protocol', protocolId] : []),
    ...(travel !== (protocolId === 'plain' ? 'query' : 'first-message') ? ['--travel', travel] : []),
    ...(input.payload !== undefined ? ['--payload', shellQuote(input.payload)] : []),
    ...(travel === 'subprotocol' &&
    input.subprotocolTemplate !== undefined &&
    normalizedTemplate(input.subprotocolTemplate) !== normalizedTemplate(DEFAULT_SUBPROTOCOL_TEMPLATE)
      ? ['--subprotocol-template', shellQuote(input.subprotocolTemplate)]
      : []),
    ...subprotocols.flatMap((p) => ['--subprotocol', shellQuote(p)]),
    ...extraHeaders.flatMap(([name, value]) => ['--header', shellQuote(`${name}: ${value}`)]),
  ].join(' ');
}

// Survives JSON and URL encoding unchanged, and is never part of a payload a user writes.
const TOKEN_MARK = 'WSJWTxTOKENxMARK';

function normalizedTemplate(template: string): string {
  return template
    .split(',')
    .map((p) => p.trim())
    .join(',');
}

/** The values the Subprotocols template offers, the token's place marked. */
function templateSubprotocols(template: string | undefined): string[] {
  return buildSubprotocols(template ?? DEFAULT_SUBPROTOCOL_TEMPLATE, TOKEN_MARK).protocols;
}

/** What wscat and websocat cannot do for a protocol beyond sending its first frame raw (STOMP's frame they
 * cannot even send: the note on the first frame says so). */
function protocolNotes(id: AppProtocolId): string[] {
  if (id === 'socket.io')
    return [
      'wscat and websocat send Socket.IO’s CONNECT as a raw frame but do not speak Engine.IO: they do not answer its pings, so the server closes the socket after pingInterval + pingTimeout (about 45 s) — answer a 2 with 3 by hand, and emit events as 42["event",…]. The wsjwt command speaks it.',
    ];
  return [];
}

/** The text with the marked token places as the token's word (the real token or $TOKEN). */
function splitMark(text: string, token: UrlPart): UrlPart[] {
  return text
    .split(TOKEN_MARK)
    .flatMap((piece, i) => (i === 0 ? [{ text: piece }] : [token, { text: piece }]));
}

/** The protocol's first frame with the token marked, if it sends one. */
function firstFrame(
  id: AppProtocolId,
  travel: TokenPlacement,
  payload: string | undefined,
  url: string,
  token: string,
): string | undefined {
  const protocol = PROTOCOL_CLIENTS[id];
  if (id === 'plain' && travel !== 'first-message' && payload === undefined) return undefined;
  const template =
    payload ?? (travel === 'first-message' ? protocol.defaultPayload : protocol.payloadWithoutToken);
  const started = protocol.start({
    token: travel === 'first-message' ? token : '',
    payload: template,
    url,
  });
  if (!started.ok) return undefined;
  const opening = started.session.opening();
  // Socket.IO's CONNECT answers the server's open packet; a server that sent it takes the CONNECT at once.
  return opening[0] ?? started.session.read('0{}').replies[0];
}
