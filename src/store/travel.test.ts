// The Protocol and Token travels in settings through the store: the Connection URL carries the token only
// when it travels in the query, Socket.IO gets its Engine.IO path, and the payload template follows the
// protocol until the user edits it.
import { beforeEach, describe, expect, it } from 'vitest';
import { useConsole } from './store.ts';
import { connectionPayloadTemplate } from './travel.ts';

const get = useConsole.getState;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2ln';

beforeEach(() => {
  get().setAppProtocol('plain');
  get().setTokenTravel('query');
  get().setConnectionPayload(null);
  get().setServerUrl('ws://localhost:3000');
  get().setParamName('token');
  get().setTokenInput(TOKEN);
});

const url = () => {
  const c = get().connection;
  return c.ok ? c.url : `error: ${c.message}`;
};

describe('the Connection URL and where the token travels', () => {
  it('carries the token only in the query placement', () => {
    expect(url()).toBe(`ws://localhost:3000?token=${TOKEN}`);
    for (const travel of ['subprotocol', 'cookie', 'first-message', 'header'] as const) {
      get().setTokenTravel(travel);
      expect(url(), travel).toBe('ws://localhost:3000');
    }
  });

  it('adds the Engine.IO path for Socket.IO', () => {
    get().setAppProtocol('socket.io');
    expect(url()).toBe('ws://localhost:3000/socket.io/?EIO=4&transport=websocket');
  });
});

describe('switching the protocol', () => {
  it('moves a query token to the first message, and back for a plain socket', () => {
    get().setAppProtocol('graphql-ws');
    expect(get().tokenTravel).toBe('first-message');
    get().setAppProtocol('plain');
    expect(get().tokenTravel).toBe('query');
  });

  it('keeps a placement the user chose on purpose', () => {
    get().setTokenTravel('header');
    get().setAppProtocol('stomp');
    expect(get().tokenTravel).toBe('header');
  });

  it("uses the protocol's payload until the user edits it, and drops the edit on a protocol switch", () => {
    get().setAppProtocol('graphql-ws');
    expect(connectionPayloadTemplate(get())).toBe('{"token": "{token}"}');
    get().setConnectionPayload('{"authToken": "{token}"}');
    expect(connectionPayloadTemplate(get())).toBe('{"authToken": "{token}"}');
    get().setAppProtocol('stomp');
    expect(connectionPayloadTemplate(get())).toContain('Authorization: Bearer {token}');
  });

  it('leaves the token out of the default payload when it travels elsewhere', () => {
    get().setAppProtocol('graphql-ws');
    get().setTokenTravel('header');
    expect(connectionPayloadTemplate(get())).not.toContain('{token}');
  });
});
