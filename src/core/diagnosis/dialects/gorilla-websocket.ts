// gorilla/websocket: Upgrader.Upgrade refuses a handshake with a HandshakeError whose reason names the check
// that failed. Its default answer is http.Error(w, http.StatusText(status), status) — a bare "Forbidden" or
// "Bad Request" —; the reason reaches the client when the server's Upgrader.Error writes err.Error(). An Origin
// refusal (403) is the CheckOrigin allow-list, not the token. Read from server.go (returnError, Upgrade).
import type { Dialect, ReasonRule } from './rule.ts';

const SERVER = 'gorilla/websocket server.go (Upgrader.Upgrade, returnError)';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'gorilla-websocket',
    source: `${SERVER} (403)`,
    pattern: /websocket: request origin not allowed by Upgrader\.CheckOrigin/,
    cause: 'handshake-rejected',
    confidence: 'high',
    detail:
      "gorilla/websocket: the server's Upgrader.CheckOrigin refused this page's Origin (by default only the same host is allowed).",
  },
  {
    dialect: 'gorilla-websocket',
    source: `${SERVER} (badHandshake, 400/426/405; version 400)`,
    pattern:
      /websocket: the client is not using the websocket protocol: |websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header/,
    cause: 'handshake-rejected',
    confidence: 'high',
    detail:
      'gorilla/websocket: the request that reached the server was not a WebSocket upgrade (a proxy in between dropped the Connection/Upgrade headers, or the URL is a plain HTTP route).',
  },
];

export const GORILLA_WEBSOCKET: Dialect = {
  id: 'gorilla-websocket',
  label: 'gorilla/websocket',
  stack: 'Go',
  repository: 'gorilla/websocket (server.go)',
  rules: RULES,
  samples: [
    { text: 'websocket: request origin not allowed by Upgrader.CheckOrigin', cause: 'handshake-rejected' },
    {
      text: "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
      cause: 'handshake-rejected',
    },
    {
      text: "websocket: the client is not using the websocket protocol: 'websocket' token not found in 'Upgrade' header",
      cause: 'handshake-rejected',
    },
    {
      text: "websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header",
      cause: 'handshake-rejected',
    },
  ],
};
