// A protocol spoken over the socket, with the fake WebSocket: what is offered and sent first, replies,
// frames decoded onto the log, the outcome on the attempt and in the diagnosis's evidence; a plain socket
// stays as it was (no session, no decoded frames).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeWebSocket, lastSocket, FakeWebSocket } from './fake-websocket.test-helpers.ts';
import { diagnosisEvidence } from './derive.ts';
import { resetEvidence } from './evidence.ts';
import { resetLogFlush } from './log-flush.ts';
import { logBuffer } from './log.ts';
import { connect, openProtocol, resetSocketState } from './socket.ts';
import { useConsole } from './store.ts';

const get = useConsole.getState;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2lnbmF0dXJl';
const OPEN_PACKET =
  '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

beforeEach(() => {
  installFakeWebSocket();
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
  );
  logBuffer.clear();
  get().setAppProtocol('plain');
  get().setTokenTravel('query');
  get().setConnectionPayload(null);
  get().setParamName('token');
  get().setServerUrl('ws://127.0.0.1:9/graphql');
  get().setTokenInput(TOKEN);
});

afterEach(() => {
  resetSocketState();
  resetLogFlush();
  resetEvidence();
  vi.unstubAllGlobals();
});

const entries = () => logBuffer.snapshot();

describe('graphql-ws over the socket', () => {
  it('offers graphql-transport-ws, sends connection_init with the token, reads connection_ack', () => {
    get().setAppProtocol('graphql-ws');
    connect();
    const ws = lastSocket();
    expect(ws.url).toBe('ws://127.0.0.1:9/graphql');
    expect(ws.protocols).toEqual(['graphql-transport-ws']);
    ws.serverOpens();
    expect(ws.sent).toEqual([JSON.stringify({ type: 'connection_init', payload: { token: TOKEN } })]);
    // The log shows the frame with the token as a placeholder.
    const sent = entries().find((e) => e.type === 'sent');
    expect(sent?.frame?.type).toBe('connection_init');
    expect(sent?.data).not.toContain(TOKEN);
    ws.serverSends('{"type":"ping"}');
    expect(ws.sent.at(-1)).toBe('{"type":"pong"}');
    ws.serverSends('{"type":"connection_ack"}');
    expect(entries().at(-1)?.frame).toMatchObject({ type: 'connection_ack' });
    expect(get().attempt?.protocol?.outcome?.kind).toBe('authenticated');
    expect(openProtocol()).not.toBeNull();
  });

  it('reads close 4403 as the protocol refusing authentication', () => {
    get().setAppProtocol('graphql-ws');
    connect();
    const ws = lastSocket();
    ws.serverOpens();
    ws.ends(4403, 'invalid signature');
    expect(get().attempt?.protocol?.outcome).toMatchObject({ kind: 'auth-refused', code: 4403 });
    // Carried by the close: the close reason already says it.
    expect(diagnosisEvidence(get()).protocolRefusal).toBeUndefined();
  });
});

describe('Socket.IO over the socket', () => {
  beforeEach(() => {
    get().setServerUrl('ws://127.0.0.1:9');
    get().setAppProtocol('socket.io');
  });

  it('opens the Engine.IO path, CONNECTs with auth after the open packet, answers ping', () => {
    connect();
    const ws = lastSocket();
    expect(ws.url).toBe('ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket');
    ws.serverOpens();
    expect(ws.sent).toEqual([]);
    ws.serverSends(OPEN_PACKET);
    expect(ws.sent).toEqual([`40{"token":"${TOKEN}"}`]);
    ws.serverSends('2');
    expect(ws.sent.at(-1)).toBe('3');
    ws.serverSends('40{"sid":"s1"}');
    expect(get().attempt?.protocol?.outcome?.kind).toBe('authenticated');
  });

  it("CONNECT_ERROR's words become the diagnosis's protocol refusal", () => {
    connect();
    const ws = lastSocket();
    ws.serverOpens();
    ws.serverSends(OPEN_PACKET);
    ws.serverSends('44{"message":"invalid signature"}');
    const refusal = diagnosisEvidence(get()).protocolRefusal;
    expect(refusal).toMatchObject({ protocol: 'Socket.IO', words: 'invalid signature' });
    expect(diagnosisEvidence(get()).tokenTravel).toBe('first-message');
  });
});

describe('STOMP over the socket', () => {
  it('offers v12.stomp, sends CONNECT with Authorization, reads ERROR as a refusal', () => {
    get().setServerUrl('ws://127.0.0.1:9/stomp');
    get().setAppProtocol('stomp');
    connect();
    const ws = lastSocket();
    expect(ws.protocols?.[0]).toBe('v12.stomp');
    ws.serverOpens();
    expect(String(ws.sent[0])).toMatch(/^CONNECT\n/);
    expect(String(ws.sent[0])).toContain(`Authorization:Bearer ${TOKEN}`);
    ws.serverSends('ERROR\nmessage:CONNECTION ERROR\n\n\u0000');
    expect(diagnosisEvidence(get()).protocolRefusal?.words).toBe('CONNECTION ERROR');
  });
});

describe('what stays as it was', () => {
  it('a plain socket with the token in the query: no session, no decoded frame, nothing sent', () => {
    connect();
    const ws = lastSocket();
    ws.serverOpens();
    ws.serverSends('{"type":"connection_ack"}');
    expect(ws.sent).toEqual([]);
    expect(entries().at(-1)?.frame).toBeUndefined();
    expect(get().attempt?.protocol).toBeUndefined();
    expect(openProtocol()).toBeNull();
  });

  it('a payload the protocol cannot read is said in the log, and no socket opens', () => {
    get().setAppProtocol('graphql-ws');
    get().setConnectionPayload('{token: {token}');
    connect();
    expect(FakeWebSocket.instances).toHaveLength(0);
    const error = entries().find((e) => e.type === 'error');
    expect(error?.message).toMatch(/not valid JSON/);
    expect(get().socketState).toBe('closed');
  });

  it('a plain socket with the token in the first message sends the template, token in place', () => {
    get().setTokenTravel('first-message');
    connect();
    const ws = lastSocket();
    ws.serverOpens();
    expect(ws.sent).toEqual([`{"type": "auth", "token": "${TOKEN}"}`]);
  });

  it('the Authorization header without the local relay (a static-hosted console) says what to run', () => {
    get().setTokenTravel('header');
    connect();
    expect(FakeWebSocket.instances).toHaveLength(0);
    const error = entries().find((e) => e.type === 'error');
    expect(error?.message).toContain('npx wsjwt open');
  });
});
