// coder/websocket (formerly nhooyr.io/websocket): Accept writes its refusal as the body, http.Error(w,
// err.Error(), code) — 403 for an Origin not in AcceptOptions.OriginPatterns (an allow-list, not the token),
// 426/400/405 for a request that is not a WebSocket upgrade. Read from accept.go (accept, verifyClientRequest,
// authenticateOrigin).
import type { Dialect, ReasonRule } from './rule.ts';

const ACCEPT = 'coder/websocket accept.go';

const RULES: readonly ReasonRule[] = [
  {
    dialect: 'coder-websocket',
    source: `${ACCEPT} (authenticateOrigin, 403)`,
    pattern:
      /request Origin "[^"]*" is not (authorized for Host "[^"]*"|a valid URL with a host)|failed to parse Origin header "/,
    cause: 'handshake-rejected',
    confidence: 'high',
    detail:
      "coder/websocket: Accept refused this page's Origin: its host is not the server's Host nor in AcceptOptions.OriginPatterns.",
  },
  {
    dialect: 'coder-websocket',
    source: `${ACCEPT} (verifyClientRequest, 426/400/405)`,
    pattern:
      /WebSocket protocol violation: (Connection header "[^"]*" does not contain Upgrade|Upgrade header "[^"]*" does not contain websocket|handshake request )/,
    cause: 'handshake-rejected',
    confidence: 'high',
    detail:
      'coder/websocket: the request that reached Accept was not a WebSocket upgrade (a proxy in between dropped the Connection/Upgrade headers).',
  },
];

export const CODER_WEBSOCKET: Dialect = {
  id: 'coder-websocket',
  label: 'coder/websocket (nhooyr.io/websocket)',
  stack: 'Go',
  repository: 'coder/websocket (accept.go)',
  rules: RULES,
  samples: [
    {
      text: 'request Origin "evil.example" is not authorized for Host "localhost:3000"',
      cause: 'handshake-rejected',
    },
    { text: 'request Origin "null" is not a valid URL with a host', cause: 'handshake-rejected' },
    {
      text: 'failed to parse Origin header "http://a b": parse "http://a b": invalid character " " in host name',
      cause: 'handshake-rejected',
    },
    {
      text: 'WebSocket protocol violation: Connection header "keep-alive" does not contain Upgrade',
      cause: 'handshake-rejected',
    },
    {
      text: 'WebSocket protocol violation: Upgrade header "" does not contain websocket',
      cause: 'handshake-rejected',
    },
    {
      text: 'WebSocket protocol violation: handshake request method is not GET but "POST"',
      cause: 'handshake-rejected',
    },
  ],
};
