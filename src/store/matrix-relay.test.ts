// Test-matrix rows with the token in the Authorization header go through the local relay (src/node/relay):
// against a real header-only server (fastify + @fastify/jwt), the good token is accepted and a token signed
// with another secret is refused at the upgrade — with the HTTP status the relay reports, which a browser
// never sees. ws stands in for the browser's WebSocket (Node 20 has none).
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  realServerTokens,
  startFastifyHeaderJwt,
  type RunningServer,
} from '../../e2e/real-servers/node-protocols/servers.ts';
import { judgeMatrixOutcome } from '../core/index.ts';
import type { MatrixVariant } from '../core/index.ts';
import { closeAll, startRelay, type RelayUnderTest } from '../node/relay/relay.test-helpers.ts';
import { probeTarget } from './matrix-probe.ts';
import type { WebSocketLike } from './relay-socket.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeAll();
});

function environment(r: RelayUnderTest) {
  return {
    relayUrl: r.url.replace('localhost', '127.0.0.1'),
    sessionToken: r.token,
    createSocket: (url: string, protocols: string[]) =>
      new WebSocket(url, protocols, {
        origin: r.origin,
        headers: { Host: `localhost:${r.port}` },
      }) as unknown as WebSocketLike,
  };
}

const variant = (expected: 'accept' | 'reject'): MatrixVariant => ({
  id: expected === 'accept' ? 'good' : 'wrong-secret',
  kind: expected === 'accept' ? 'good' : 'wrong-secret',
  label: '',
  description: '',
  expected,
  token: '',
});

describe('the test matrix with the token in the Authorization header, through the relay', () => {
  it('a header-only server: the good token stays open, another secret is refused with HTTP 401 (both pass)', async () => {
    const server = await startFastifyHeaderJwt();
    servers.push(server);
    const relay = await startRelay();
    const tokens = realServerTokens();
    const probe = (token: string) =>
      probeTarget(
        { url: server.url, protocols: [], relayHeaders: { Authorization: `Bearer ${token}` } },
        {
          connectTimeoutMs: 5000,
          observeMs: 300,
          signal: new AbortController().signal,
          relayEnv: environment(relay),
        },
      );
    const good = await probe(tokens.good);
    expect(good).toMatchObject({ kind: 'stayed-open' });
    expect(judgeMatrixOutcome(variant('accept'), good).state).toBe('pass');
    const wrong = await probe(tokens.wrongSecret);
    expect(wrong).toMatchObject({ kind: 'refused', upgrade: { kind: 'http', status: 401 } });
    expect(judgeMatrixOutcome(variant('reject'), wrong).state).toBe('pass');
  });
});
