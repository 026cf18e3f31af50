// wsjwt probe --json against real library servers from npm (e2e/real-servers/node-protocols): graphql-ws,
// subscriptions-transport-ws, Socket.IO, a STOMP broker and fastify + @fastify/jwt (Authorization header). For each: a good token is
// accepted by the protocol itself (connection_ack / CONNECT / CONNECTED / open), a token signed with another
// secret and an expired one are each diagnosed with their specific cause. No browser: the CLI's own socket.
import { describe, expect, it } from 'vitest';
import {
  realServerTokens,
  startFastifyHeaderJwt,
  startGraphqlWs,
  startSocketIo,
  startStompBroker,
  startSubscriptionsTransportWs,
  REAL_SERVER_SECRET,
} from '../../../e2e/real-servers/node-protocols/servers.ts';
import { probeJson, serversClosedAfterEach } from './real-servers.test-helpers.ts';

const start = serversClosedAfterEach();

const tokens = realServerTokens();

const SERVERS = [
  { name: 'graphql-ws (useServer, onConnect)', starter: startGraphqlWs, args: ['--protocol', 'graphql-ws'] },
  {
    name: 'subscriptions-transport-ws (SubscriptionServer, onConnect throws)',
    starter: startSubscriptionsTransportWs,
    args: ['--protocol', 'subscriptions-transport-ws'],
  },
  { name: 'Socket.IO (io.use JWT middleware)', starter: startSocketIo, args: ['--protocol', 'socket.io'] },
  {
    name: 'fastify + @fastify/jwt (Authorization header)',
    starter: startFastifyHeaderJwt,
    args: ['--travel', 'header'],
  },
] as const;

describe.each(SERVERS)('wsjwt probe against $name', ({ starter, args }) => {
  it('a good token is accepted (exit 0, no cause)', async () => {
    const s = await start(starter);
    const r = await probeJson([s.url, '--token', tokens.good, ...args]);
    expect(r.json.diagnosis).toEqual([]);
    expect(r.code).toBe(0);
    if (r.json.protocol !== undefined) expect(r.json.protocol.outcome?.kind).toBe('authenticated');
  });

  it('a token signed with another secret: secret-mismatch, in the server words', async () => {
    const s = await start(starter);
    const r = await probeJson([s.url, '--token', tokens.wrongSecret, ...args]);
    expect(r.code).toBe(1);
    expect(r.json.diagnosis[0]?.cause).toBe('secret-mismatch');
    expect(JSON.stringify(r.json.diagnosis[0]?.evidence)).toMatch(/signature/i);
  });

  it('an expired token: token-expired', async () => {
    const s = await start(starter);
    const r = await probeJson([s.url, '--token', tokens.expired, ...args]);
    expect(r.code).toBe(1);
    expect(r.json.diagnosis[0]?.cause).toBe('token-expired');
  });
});

describe('wsjwt probe against a STOMP broker from npm (stomp-broker-js)', () => {
  it('a good token: CONNECTED (exit 0)', async () => {
    const s = await start(startStompBroker);
    const r = await probeJson([s.url, '--token', tokens.good, '--protocol', 'stomp']);
    expect(r.json.protocol?.outcome?.kind).toBe('authenticated');
    expect(r.json.diagnosis).toEqual([]);
    expect(r.code).toBe(0);
  });

  // The broker's only words are ERROR "CONNECTION ERROR": the refusal is read, and the local check with the
  // server's secret names the cause.
  it('another secret: the ERROR frame read as a refusal, and --secret names secret-mismatch', async () => {
    const s = await start(startStompBroker);
    const r = await probeJson([
      s.url,
      '--token',
      tokens.wrongSecret,
      '--protocol',
      'stomp',
      '--secret',
      REAL_SERVER_SECRET,
    ]);
    expect(r.code).toBe(1);
    expect(r.json.protocol?.outcome).toMatchObject({ kind: 'auth-refused', words: 'CONNECTION ERROR' });
    expect(r.json.diagnosis[0]?.cause).toBe('secret-mismatch');
    const withoutSecret = await probeJson([s.url, '--token', tokens.wrongSecret, '--protocol', 'stomp']);
    expect(withoutSecret.json.diagnosis[0]?.cause).toBe('auth-rejected');
    expect(JSON.stringify(withoutSecret.json.diagnosis[0]?.evidence)).toContain('CONNECTION ERROR');
  });

  it('an expired token: token-expired', async () => {
    const s = await start(startStompBroker);
    const r = await probeJson([s.url, '--token', tokens.expired, '--protocol', 'stomp']);
    expect(r.code).toBe(1);
    expect(r.json.diagnosis[0]?.cause).toBe('token-expired');
  });
});

describe('wsjwt probe against a header-only server, token in the query (the browser default)', () => {
  it('token-missing, in @fastify/jwt words: it reads the Authorization header only', async () => {
    const s = await start(startFastifyHeaderJwt);
    // Without discovery (probe-discover-real-servers.test.ts has it), the server's words alone.
    const r = await probeJson([s.url, '--token', tokens.good, '--no-discover']);
    expect(r.code).toBe(1);
    expect(r.json.diagnosis[0]?.cause).toBe('token-missing');
    expect(r.json.diagnosis[0]?.evidence.join(' ')).toContain('it reads the Authorization: Bearer header');
  });
});
