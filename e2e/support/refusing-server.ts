// A purpose-built server on port 0 that refuses every WebSocket upgrade the way an auth-at-upgrade server
// does — HTTP 401 with `WWW-Authenticate: Bearer error="invalid_token"` — and counts the upgrades it saw,
// so a test can tell whether anyone (the x-ray, on someone's behalf) opened a socket to it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REFUSAL_CHALLENGE = 'Bearer error="invalid_token"';

export interface RefusingServer {
  url: string;
  /** Upgrade requests received so far. */
  upgrades(): number;
  close(): Promise<void>;
}

export async function startRefusingServer(): Promise<RefusingServer> {
  let upgrades = 0;
  const server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  server.on('upgrade', (_req, socket) => {
    upgrades++;
    const body = 'invalid token';
    socket.end(
      `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${REFUSAL_CHALLENGE}\r\nContent-Type: text/plain\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    upgrades: () => upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
