// Fault scenarios of the reference server. Each one reproduces, on purpose, a way real servers, proxies and
// misconfigurations break a JWT-authenticated WebSocket, so the console, the CLI and the e2e tests can see it.
// Select one per connection with the path `/fault/<name>` or the query `fault=<name>`, or for every
// connection at start-up (option `fault`, env `FAULT`, flag `--fault <name>`).

export const FAULT_NAMES = [
  'reject-401',
  'reject-403-origin',
  'wrong-path',
  'close-1011',
  'drop-after-open',
  'graphql-ws-4401',
  'graphql-ws-4403',
  'hang-handshake',
  'base64-secret',
  'rs256-only',
  'expire-open-sockets',
  'close-1009',
  'close-1002',
  'subprotocol',
  'flood',
  'slow-open',
  'accept-expired',
  'accept-any',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export const FAULT_DESCRIPTIONS: Readonly<Record<FaultName, string>> = {
  'reject-401':
    'Refuse the upgrade with HTTP 401 and WWW-Authenticate: Bearer (auth checked at the handshake).',
  'reject-403-origin':
    'Refuse the upgrade with HTTP 403 unless the Origin header is on the allow-list (empty by default).',
  'wrong-path': 'Refuse the upgrade with HTTP 404, as a server listening on another path does.',
  'close-1011': 'Verify the token, then close 1011 "Internal server error" (the server failed).',
  'drop-after-open': 'Accept, then cut the TCP connection ~50 ms after open without a close frame (1006).',
  'graphql-ws-4401': 'Verify the token; on any auth failure close 4401 "Unauthorized" (graphql-ws style).',
  'graphql-ws-4403': 'Accept, then close 4403 "Forbidden" right after open, whatever the token.',
  'hang-handshake': 'Read the upgrade request and never answer it (the client times out).',
  'base64-secret': 'Decode JWT_SECRET from base64 before verifying (the classic secret mismatch).',
  'rs256-only': 'Accept only RS256: an HS256 token is closed 1008 "invalid algorithm".',
  'expire-open-sockets': 'Close an open socket 1008 "jwt expired" at the moment its token expires.',
  'close-1009': 'Close 1009 "Message too big" as soon as the client sends a message.',
  'close-1002': 'Close 1002 "Protocol error" right after open.',
  subprotocol:
    'Accept without echoing the offered Sec-WebSocket-Protocol (browsers then fail the connection).',
  flood:
    'After auth, send n text messages of size bytes (query n, size) as fast as possible, then close 1000.',
  'slow-open': 'Answer the upgrade only after delay ms (query delay, default 3000), then behave normally.',
  'accept-expired': 'A lax server: checks the signature but accepts expired tokens.',
  'accept-any': 'A lax server: accepts any token, or none, without verifying anything.',
};

export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && (FAULT_NAMES as readonly string[]).includes(value);
}
