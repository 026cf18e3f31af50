// The reference server in a process of its own, for reference-server.abuse.test.ts: an uncaught throw kills
// this process (and the test sees it exit), and its memory is measured apart from the test's clients.
// Run with `node --expose-gc --import tsx <this file>` and an IPC channel. Not a test suite itself.
import { createReferenceServer } from './reference-server.ts';

export const ABUSE_SECRET = 'abuse-test-secret-0123456789abcdef';
export const ABUSE_HANDSHAKE_TIMEOUT_MS = 1500;

type Request = { type: 'memory' } | { type: 'close' };

function memory(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage();
}

async function main(): Promise<void> {
  const server = await createReferenceServer({
    port: 0,
    secret: ABUSE_SECRET,
    handshakeTimeoutMs: ABUSE_HANDSHAKE_TIMEOUT_MS,
    log: () => {},
  });
  process.on('message', (raw: Request) => {
    if (raw.type === 'memory')
      process.send?.({
        type: 'memory',
        usage: memory(),
        gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
      });
    if (raw.type === 'close') void server.close().then(() => process.exit(0));
  });
  // The parent going away must not leave a server behind.
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', port: server.port, url: server.url, httpUrl: server.httpUrl });
}

if (process.send) void main();
