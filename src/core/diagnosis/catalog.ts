// Titles, one-line summaries and default fix steps per cause id. Stable: the console, the CLI and the
// support bundle all print these. Fix steps may carry placeholders that causeFix() fills from the
// connection: {host} {port} {origin} (http://host:port) {param} (the token query parameter) {url}.
import type { CauseId } from './types.ts';

export interface CauseCatalogEntry {
  title: string;
  /** What the user is told (the contract's wording). */
  summary: string;
  /** Default steps, most useful first; may contain {host} {port} {origin} {param} {url} (without the token). */
  fix: readonly string[];
}

export const CAUSE_CATALOG: Readonly<Record<CauseId, CauseCatalogEntry>> = {
  'server-unreachable': {
    title: 'Server not reachable',
    summary: 'Nothing accepts connections at that host and port: server not running, wrong host or port.',
    fix: [
      'Start the server (npm start) and check it listens on that port: curl {origin}/health',
      'See what holds the port: netstat -ano | findstr :{port} (Windows) or lsof -i :{port} (macOS/Linux)',
      'Check host, port and scheme in Server URL: ws:// for a plain server, wss:// only when it serves TLS',
    ],
  },
  'handshake-rejected': {
    title: 'Server refused the WebSocket upgrade',
    summary:
      'The server answered but refused the WebSocket upgrade (HTTP 4xx/5xx): auth at upgrade, wrong path, origin check, proxy.',
    fix: [
      "Read the real HTTP status: DevTools → Network → WS → click the request → Headers (the page itself can't see it)",
      'Or probe from a terminal, which prints the status and body: npx wsjwt probe \'{url}\' --token "$TOKEN"',
      '401/403 with a token problem listed here: fix that first — the server checks the token at the upgrade',
      '404: the WebSocket path is wrong — check the path in Server URL',
      "403 without a token problem: the server checks Origin — allow this page's origin on the server",
      'Behind nginx: proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";',
    ],
  },
  'handshake-timeout': {
    title: 'No answer to the upgrade',
    summary: 'No answer to the upgrade within the timeout.',
    fix: [
      'Check the server answers HTTP at all: curl -i {origin}/health',
      'Connect to the server directly, bypassing proxies and VPNs that may hold the upgrade',
      'If the server authenticates with a slow call (database, JWKS), check its log: tail -f combined.log',
      'Raise the connect timeout if the network is slow',
    ],
  },
  'mixed-content': {
    title: 'Mixed content: ws:// from an https page',
    summary: 'A page served over https may not open a ws:// socket.',
    fix: [
      'Open the console over http:// (e.g. http://localhost:5173) to test a ws:// server',
      'Or serve the WebSocket over TLS and connect to wss://',
    ],
  },
  'token-missing': {
    title: 'No token reached the server',
    summary: 'No token reached the server.',
    fix: [
      'Paste a token into Token, or press Mint token',
      "Send it in the parameter the server reads: the guide's server reads ?token= (this URL uses ?{param}=)",
      'In your client: new WebSocket(`ws://{host}:{port}?token=${encodeURIComponent(token)}`)',
    ],
  },
  'token-malformed': {
    title: 'Token is malformed',
    summary: 'Not a compact JWS: segments, base64url, JSON, pasted junk.',
    fix: [
      'Copy the whole token: three base64url parts separated by dots (header.payload.signature)',
      'Remove anything around it: quotes, "Bearer ", line breaks',
      "Paste it into this console's Token field (it decodes locally; never paste a live token into an online decoder) to see which part is broken",
    ],
  },
  'token-not-encoded': {
    title: 'Token changed on the way (URL encoding)',
    summary: 'The token was changed on the way: not URL-encoded, + read as space, double-encoded.',
    fix: [
      'Encode the token once in the URL: new WebSocket(`ws://{host}:{port}?token=${encodeURIComponent(token)}`)',
      "Don't encode an already-encoded token: %25 in the URL means it was encoded twice",
      "On the server read it decoded once: new URL(req.url, 'http://localhost').searchParams.get('token')",
    ],
  },
  'secret-mismatch': {
    title: 'Secret mismatch (invalid signature)',
    summary: "The signature does not verify with the server's secret.",
    fix: [
      "Compare JWT_SECRET in the server's .env with the secret the signer uses (cat .env | grep JWT_SECRET)",
      "Check the server loaded it: node -e \"console.log('JWT_SECRET:', process.env.JWT_SECRET ? 'Set' : 'Not set')\"",
      'Sign with the same secret: jwt.sign(payload, process.env.JWT_SECRET)',
      'Look for quotes, spaces or a trailing newline around the value in .env',
      'Restart the server after changing .env',
      "Paste the server's JWT_SECRET into Secret here to check the token, then Mint token",
    ],
  },
  'algorithm-mismatch': {
    title: 'Algorithm not accepted',
    summary: "The token's alg is not one the server accepts (HS256 vs RS256, none).",
    fix: [
      "Sign with the algorithm the server verifies: jwt.sign(payload, secret, { algorithm: 'HS256' })",
      "Match the server's list: jwt.verify(token, secret, { algorithms: ['HS256'] })",
      'Never use alg "none"; an RS256/ES256 token needs the server\'s public key, not JWT_SECRET',
    ],
  },
  'token-expired': {
    title: 'Token expired',
    summary: 'exp has passed.',
    fix: [
      'Get a fresh token (log in again), or press Mint token',
      "Sign with a longer lifetime: jwt.sign(payload, secret, { expiresIn: '24h' })",
      'If it expired by seconds only, compare both clocks (date -u) or allow clockTolerance on the server',
      'On long-lived sockets, reconnect with a fresh token before exp',
    ],
  },
  'token-not-yet-valid': {
    title: 'Token not valid yet (clock skew)',
    summary: 'nbf (or iat) is in the future: clock skew.',
    fix: [
      'Sync the clocks of the signer and the server (date -u on both; enable NTP)',
      "Don't set nbf/iat ahead: iat = Math.floor(Date.now() / 1000)",
      'Allow a little skew on the server: jwt.verify(token, secret, { clockTolerance: 30 })',
    ],
  },
  'missing-claims': {
    title: 'Required claims missing',
    summary: "Required payload fields are absent (the guide's: userId, role, iat, exp).",
    fix: [
      'Put every field the server requires in the payload: userId, role, iat, exp',
      "e.g. jwt.sign({ userId: '123', role: 'principal' }, secret, { expiresIn: '24h' }) — iat and exp are added",
      "Check the server's list of required claims and expected values (aud, iss)",
    ],
  },
  'token-claims-rejected': {
    title: 'Claim value refused (audience, issuer…)',
    summary:
      'A claim the server checks is present but has a value it does not accept: aud (audience), iss (issuer), sub or jti.',
    fix: [
      "Compare the token's aud and iss with what the server expects: its verify options ({ audience, issuer }; PyJWT decode(audience=, issuer=); Spring issuer-uri; .NET ValidAudience / ValidIssuer)",
      "Sign with the values the server expects: jwt.sign(payload, secret, { audience: 'my-api', issuer: 'https://auth.example.com' })",
      'Or get the token from the issuer this server trusts (same environment: a dev token for a dev server)',
    ],
  },
  'auth-rejected': {
    title: 'Server refused authentication',
    summary: 'The server refused authentication and said nothing more specific.',
    fix: [
      'Read the server log for the exact reason: tail -f combined.log',
      "Enter the server's JWT_SECRET in Secret to check the signature here",
      'Check the claims (userId, role) are ones the server allows',
      'Log in again to get a fresh token',
    ],
  },
  'connection-dropped': {
    title: 'Connection dropped',
    summary: 'The socket opened, then was cut without a close frame: crash, proxy idle timeout, network.',
    fix: [
      'Check the server log for a crash at that moment',
      'If it drops after a fixed idle time (often 60 s), a proxy timed it out: send pings or raise proxy_read_timeout',
      'Reconnect with backoff in your client',
      "If it drops right after a message arrives, the browser may have refused a frame (a text frame that is not valid UTF-8, a malformed frame): the browser's devtools console names it, and the server sees close 1002 or 1007",
    ],
  },
  'server-error': {
    title: 'Server error',
    summary: 'The server failed (1011, 1012, 1013, 1014).',
    fix: [
      'Read the server log for the exception: tail -f combined.log',
      '1012/1013: the server is restarting or overloaded — retry in a few seconds',
    ],
  },
  'message-too-big': {
    title: 'Message too big',
    summary: "A message exceeded the server's size limit (1009).",
    fix: [
      'Send smaller messages (split or compress them)',
      'Or raise the server limit: new WebSocketServer({ maxPayload: 10 * 1024 * 1024 })',
    ],
  },
  'protocol-error': {
    title: 'Protocol error',
    summary: 'The other side broke the protocol or the message format (1002, 1003, 1007).',
    fix: [
      'Send what the server expects: text vs binary, valid UTF-8, its message format',
      'graphql-ws: send {"type":"connection_init"} right after open',
      'A proxy in between may mangle frames: connect directly to compare',
    ],
  },
  'subprotocol-mismatch': {
    title: 'Subprotocol not accepted',
    summary: 'A subprotocol was offered and the server did not echo one.',
    fix: [
      'Offer a subprotocol the server supports (e.g. graphql-transport-ws), or none',
      'On the server, select one: new WebSocketServer({ handleProtocols: (protocols) => protocols.values().next().value })',
    ],
  },
  'token-travel-mismatch': {
    title: 'Token sent where the server does not read it',
    summary:
      'The server reads the token from another place than where it was sent (Authorization header, cookie, subprotocol, first message, another query parameter).',
    fix: [
      "Set Token travels in to Query parameter (the guide's server reads ?token=)",
      "Or make the server read the place you send it from (e.g. the Sec-WebSocket-Protocol header: req.headers['sec-websocket-protocol'])",
    ],
  },
  'server-skips-verification': {
    title: 'Server let in a token it should refuse',
    summary:
      'The server accepted a token that fails verification (malformed, unsigned, or signed with another secret): it does not verify tokens, or verifies with another secret.',
    fix: [
      'Run test matrix: it sends a token signed with another secret, a malformed one and none, and shows which ones the server lets in',
      "On the server verify, never only decode: jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }) — not jwt.decode(token)",
      'If the server does verify, its JWT_SECRET is not the one in Secret: compare them (cat .env | grep JWT_SECRET)',
    ],
  },
};

/** Title per cause id. */
export const CAUSE_TITLES: Readonly<Record<CauseId, string>> = Object.fromEntries(
  Object.entries(CAUSE_CATALOG).map(([id, entry]) => [id, entry.title]),
) as Record<CauseId, string>;

export interface FixVars {
  host?: string;
  port?: string;
  origin?: string;
  param?: string;
  url?: string;
}

/** Fill the placeholders of a fix step; the guide's defaults (localhost:3000, token) where unknown. */
export function fillFix(step: string, vars: FixVars = {}): string {
  const host = vars.host ?? 'localhost';
  const port = vars.port ?? '3000';
  const values: Record<string, string> = {
    host,
    port,
    origin: vars.origin ?? `http://${host}:${port}`,
    param: vars.param ?? 'token',
    url: vars.url ?? `ws://${host}:${port}`,
  };
  return step.replace(/\{(host|port|origin|param|url)\}/g, (_, key: string) => values[key] ?? '');
}

/** The default fix steps of a cause, placeholders filled. */
export function causeFix(cause: CauseId, vars: FixVars = {}): string[] {
  return CAUSE_CATALOG[cause].fix.map((step) => fillFix(step, vars));
}
