// One test-matrix variant sent the way the server expects, with the fake WebSocket: the protocol's address,
// subprotocols and first message, the replies it owes, and its answer settling the row at once; a cookie set
// only for the server's own site and removed afterwards; the header without the relay not sent at all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MatrixOutcome } from '../core/index.ts';
import { FakeWebSocket, installFakeWebSocket, lastSocket } from './fake-websocket.test-helpers.ts';
import { matrixTarget, probeTarget, type MatrixTarget } from './matrix-probe.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2lnbmF0dXJl';
const PAGE = 'http://localhost:5173/';
const OPEN_PACKET = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000}';

const settings = (over: Partial<Parameters<typeof matrixTarget>[0]> = {}) => ({
  serverUrl: 'ws://localhost:3000',
  paramName: 'token',
  appProtocol: 'plain' as const,
  tokenTravel: 'query' as const,
  connectionPayload: null,
  subprotocolTemplate: 'access_token, {token}',
  ...over,
});

function target(over: Partial<Parameters<typeof matrixTarget>[0]>): MatrixTarget {
  const t = matrixTarget(settings(over), TOKEN, PAGE);
  if (!t.ok) throw new Error(JSON.stringify(t.outcome));
  return t.target;
}

const cookies: string[] = [];
beforeEach(() => {
  installFakeWebSocket();
  cookies.length = 0;
  vi.stubGlobal('document', {
    set cookie(value: string) {
      cookies.push(value);
    },
    querySelector: () => null,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function probe(t: MatrixTarget): Promise<MatrixOutcome> {
  return probeTarget(t, { connectTimeoutMs: 5000, observeMs: 60_000, signal: new AbortController().signal });
}

describe('matrixTarget: where and how a variant is sent', () => {
  it('Socket.IO: the Engine.IO address, no token in it, a session that sends CONNECT with auth', () => {
    const t = target({ appProtocol: 'socket.io', tokenTravel: 'first-message' });
    expect(t.url).toBe('ws://localhost:3000/socket.io/?EIO=4&transport=websocket');
    expect(t.protocolLabel).toBe('Socket.IO');
    expect(t.session?.read(OPEN_PACKET).replies).toEqual([`40{"token":"${TOKEN}"}`]);
  });

  it('graphql-ws with the token in the subprotocol: both subprotocols, connection_init without the token', () => {
    const t = target({
      appProtocol: 'graphql-ws',
      tokenTravel: 'subprotocol',
      serverUrl: 'ws://h:1/graphql',
    });
    expect(t.url).toBe('ws://h:1/graphql');
    expect(t.protocols).toEqual(['graphql-transport-ws', 'access_token', TOKEN]);
    expect(t.session?.opening()).toEqual(['{"type":"connection_init","payload":{}}']);
  });

  it('the query: the token in the URL; a plain socket has no session', () => {
    const t = target({});
    expect(t.url).toBe(`ws://localhost:3000?token=${TOKEN}`);
    expect(t.session).toBeUndefined();
    expect(t.protocolLabel).toBeUndefined();
  });

  it('a cookie only for the server’s site; another site and the header without the relay are not sent', () => {
    expect(target({ tokenTravel: 'cookie' }).cookie?.set).toMatch(new RegExp(`^token=${TOKEN}; Path=/`));
    const other = matrixTarget(
      settings({ tokenTravel: 'cookie', serverUrl: 'ws://127.0.0.1:3000' }),
      TOKEN,
      PAGE,
    );
    expect(other).toMatchObject({ ok: false, outcome: { kind: 'not-sent' } });
    const header = matrixTarget(settings({ tokenTravel: 'header' }), TOKEN, PAGE);
    expect(header).toMatchObject({ ok: false, outcome: { kind: 'not-sent' } });
    expect(JSON.stringify(header)).toContain('local relay');
  });

  it('a Connection payload the protocol cannot read: an error, nothing sent', () => {
    const bad = matrixTarget(
      settings({ appProtocol: 'graphql-ws', tokenTravel: 'first-message', connectionPayload: 'not json' }),
      TOKEN,
      PAGE,
    );
    expect(bad).toMatchObject({ ok: false, outcome: { kind: 'error' } });
  });
});

describe('probeTarget: the protocol’s answer settles the row', () => {
  it('graphql-ws: connection_init after open, connection_ack accepts at once', async () => {
    const result = probe(target({ appProtocol: 'graphql-ws', tokenTravel: 'first-message' }));
    const ws = lastSocket();
    expect(ws.protocols).toEqual(['graphql-transport-ws']);
    ws.serverOpens();
    expect(ws.sent).toEqual([`{"type":"connection_init","payload":{"token":"${TOKEN}"}}`]);
    ws.serverSends('{"type":"connection_ack"}');
    expect(await result).toMatchObject({
      kind: 'answered',
      protocol: 'graphql-ws',
      outcome: { kind: 'authenticated' },
    });
    expect(ws.closedWith?.code).toBe(1000);
  });

  it('graphql-ws: a 4403 close after the upgrade is the protocol refusing the token', async () => {
    const result = probe(target({ appProtocol: 'graphql-ws', tokenTravel: 'first-message' }));
    lastSocket().serverOpens();
    lastSocket().ends(4403, 'invalid signature');
    expect(await result).toMatchObject({ kind: 'answered', outcome: { kind: 'auth-refused', code: 4403 } });
  });

  it('Socket.IO: CONNECT answers the open packet; CONNECT_ERROR refuses while the socket is still open', async () => {
    const result = probe(target({ appProtocol: 'socket.io', tokenTravel: 'first-message' }));
    const ws = lastSocket();
    ws.serverOpens();
    expect(ws.sent).toEqual([]);
    ws.serverSends(OPEN_PACKET);
    expect(ws.sent).toEqual([`40{"token":"${TOKEN}"}`]);
    ws.serverSends('44{"message":"invalid signature"}');
    expect(await result).toMatchObject({
      kind: 'answered',
      protocol: 'Socket.IO',
      outcome: { kind: 'auth-refused', words: 'invalid signature' },
    });
    expect(ws.readyState).toBe(FakeWebSocket.CLOSING);
  });

  it('a plain socket closed after open is judged by its close, as before', async () => {
    const result = probe(target({}));
    lastSocket().serverOpens();
    lastSocket().ends(1008, 'jwt expired');
    expect(await result).toMatchObject({ kind: 'closed-after-open', code: 1008 });
    expect(await result).not.toHaveProperty('protocol');
  });

  it('the cookie is set before the socket is made and removed once the row settles', async () => {
    const t = target({ tokenTravel: 'cookie' });
    const result = probe(t);
    expect(cookies).toEqual([t.cookie?.set]);
    lastSocket().ends(1006);
    await result;
    expect(cookies).toEqual([t.cookie?.set, t.cookie?.remove]);
    expect(t.cookie?.remove).toContain('Max-Age=0');
  });
});
