// The words around fetching a JWKS from a URL. The fetch itself happens in the store (the core does no I/O);
// here: is the URL usable from this page, what did the answer hold, and why did it fail — in plain language.

export type JwksUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** Whether the browser may fetch `text` from a page served with `pageProtocol` ('https:' blocks http://). */
export function checkJwksUrl(text: string, pageProtocol?: string): JwksUrlCheck {
  if (typeof text !== 'string') throw new TypeError('checkJwksUrl: text must be a string');
  const t = text.trim();
  if (t === '')
    return {
      ok: false,
      message: 'Enter the JWKS URL, e.g. https://issuer.example.com/.well-known/jwks.json',
    };
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return {
      ok: false,
      message: `"${t.slice(0, 80)}" is not a URL: a JWKS URL looks like https://issuer.example.com/.well-known/jwks.json`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `A JWKS is fetched over http:// or https://, not ${url.protocol}//` };
  }
  if (pageProtocol === 'https:' && url.protocol === 'http:') {
    return {
      ok: false,
      message: `This page is served over https, so the browser blocks fetching ${url.href} over plain http (mixed content): use an https URL, or paste the JWKS JSON instead.`,
    };
  }
  return { ok: true, url: url.href };
}

export type JwksFetchFailureKind =
  'cors' | 'unreachable' | 'timeout' | 'http-status' | 'too-big' | 'not-json' | 'not-jwks';

export interface JwksFetchFailure {
  kind: JwksFetchFailureKind;
  url: string;
  /** The console page's origin, e.g. http://localhost:5173. */
  pageOrigin: string;
  /** http-status: the status code. */
  status?: number;
  /** not-json / not-jwks: what was wrong. */
  detail?: string;
}

/** Why a JWKS fetch failed, in plain language, with what to do instead. */
export function explainJwksFetchFailure(f: JwksFetchFailure): string {
  const paste = 'paste the JWKS JSON into Public key instead';
  switch (f.kind) {
    case 'cors':
      return `The browser blocked reading ${f.url}: the JWKS server sends no Access-Control-Allow-Origin for this page's origin (${f.pageOrigin}). The server answered, but a page may only read another origin's answer when that origin allows it — your backend is not affected (servers do not apply CORS). Open the URL in a new tab and ${paste}, or allow ${f.pageOrigin} on the JWKS server.`;
    case 'unreachable':
      return `Could not reach ${f.url}: nothing answered (wrong host or port, the server is down, or a DNS or TLS failure). Check the URL in a new tab, or ${paste}.`;
    case 'timeout':
      return `${f.url} did not answer in time. Check the URL in a new tab, or ${paste}.`;
    case 'http-status':
      return `${f.url} answered HTTP ${f.status ?? '?'}${f.status === 404 ? ' (not found): check the path — it is often /.well-known/jwks.json, or the jwks_uri in /.well-known/openid-configuration' : ''}. A server configured with this URL cannot load its keys either.`;
    case 'too-big':
      return `${f.url} answered with more than 1 MB: that is not a JWKS.`;
    case 'not-json':
      return `${f.url} did not answer JSON${f.detail ? ` (${f.detail})` : ''}: it is not a JWKS URL — perhaps an HTML login or error page.`;
    case 'not-jwks':
      return `${f.url} answered JSON, but not a JWKS${f.detail ? `: ${f.detail}` : ''}. A JWKS is {"keys": [ … ]}.`;
    default:
      return `Fetching ${f.url} failed.`;
  }
}

export type JwksResponse =
  | { kind: 'jwks'; text: string; keyCount: number }
  /** An OpenID discovery document: fetch its jwks_uri next. */
  | { kind: 'discovery'; jwksUri: string }
  | { kind: 'invalid'; failure: 'not-json' | 'not-jwks'; detail: string };

/** What a JWKS URL answered: a JWKS, an OpenID discovery document pointing to one, or neither. */
export function readJwksResponse(text: string): JwksResponse {
  if (typeof text !== 'string') throw new TypeError('readJwksResponse: text must be a string');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    return { kind: 'invalid', failure: 'not-json', detail: `it starts with "${start}"` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', failure: 'not-jwks', detail: 'the answer is not a JSON object' };
  }
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.keys))
    return { kind: 'jwks', text: JSON.stringify(obj, null, 2), keyCount: obj.keys.length };
  if (typeof obj.jwks_uri === 'string') return { kind: 'discovery', jwksUri: obj.jwks_uri };
  if (typeof obj.kty === 'string')
    return { kind: 'jwks', text: JSON.stringify({ keys: [obj] }, null, 2), keyCount: 1 };
  const members = Object.keys(obj).slice(0, 6).join(', ');
  return {
    kind: 'invalid',
    failure: 'not-jwks',
    detail: `it has no "keys" array (members: ${members || 'none'})`,
  };
}
