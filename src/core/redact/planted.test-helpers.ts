// Secrets planted in every input of an output builder (support bundle, log export, CLI probe), and the
// check that finds any of them in what comes out. Shared by the redaction tests of each builder.
import { mintToken } from '../jws/mint.ts';

export interface Planted {
  /** The HMAC secret the user typed. */
  secret: string;
  /** The password in the Server URL's userinfo. */
  password: string;
  /** The value of api_key in the Server URL. */
  apiKey: string;
  /** An old token left in the Server URL's access_token parameter. */
  oldToken: string;
  /** The token in use (Token field / --token). */
  token: string;
  /** ws://alice:<password>@<host>/<path>?api_key=<key>&access_token=<old token>. */
  serverUrl(host: string, path?: string): string;
}

async function sign(payload: Record<string, unknown>, secret: string): Promise<string> {
  const r = await mintToken(payload, { text: secret, encoding: 'utf8' }, 'HS256');
  if (!r.ok) throw new Error(r.message);
  return r.token;
}

/** Fresh values for one test (`nowMs` sets the tokens' iat/exp). */
export async function plantSecrets(nowMs: number): Promise<Planted> {
  const iat = Math.floor(nowMs / 1000);
  const secret = 'planted-hmac-secret-Zq9x-0123456789';
  const password = 'pl4nted-pa55word-8c1e';
  const apiKey = 'planted-api-key-7f3a9c2b';
  const oldToken = await sign(
    { userId: 'old-user', role: 'principal', iat: iat - 90_000, exp: iat - 3600 },
    'an-old-secret-somewhere-else',
  );
  const token = await sign({ userId: '123', role: 'principal', iat, exp: iat + 3600 }, secret);
  return {
    secret,
    password,
    apiKey,
    oldToken,
    token,
    serverUrl: (host, path = '/') =>
      `ws://alice:${password}@${host}${path}?api_key=${apiKey}&access_token=${oldToken}`,
  };
}

function forms(value: string): string[] {
  return [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
}

/**
 * Which planted values `text` holds: the secret, the password and the key (whole, encoded, or their
 * first 12 characters — a clipped copy), and of both tokens the whole token, the payload segment and the
 * signature (`revealToken`: the user asked to see the current token, so it may appear).
 */
export function plantedLeaks(text: string, p: Planted, { revealToken = false } = {}): string[] {
  const found: string[] = [];
  for (const [name, value] of [
    ['secret', p.secret],
    ['password', p.password],
    ['api key', p.apiKey],
  ] as const) {
    if (forms(value).some((f) => text.includes(f))) found.push(name);
    else if (text.includes(value.slice(0, 12))) found.push(`${name} (cut)`);
  }
  const tokens: Array<[string, string]> = [['old token', p.oldToken]];
  if (!revealToken) tokens.push(['token', p.token]);
  for (const [name, token] of tokens) {
    const [, payload = '', signature = ''] = token.split('.');
    if (text.includes(signature)) found.push(`${name} signature`);
    if (text.includes(payload.slice(0, 24))) found.push(`${name} payload`);
  }
  return found;
}
