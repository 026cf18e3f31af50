import { describe, expect, it } from 'vitest';
import { subscriptionsTransportWs } from './subscriptions-transport-ws.ts';

describe('subscriptions-transport-ws (legacy)', () => {
  const start = () => {
    const started = subscriptionsTransportWs.start({ token: 'tok', url: 'ws://h' });
    if (!started.ok) throw new Error('start');
    return started.session;
  };

  it('offers graphql-ws and sends connection_init with the payload', () => {
    expect(subscriptionsTransportWs.subprotocols).toEqual(['graphql-ws']);
    expect(JSON.parse(start().opening()[0]!)).toEqual({ type: 'connection_init', payload: { token: 'tok' } });
  });

  it('connection_ack authenticates, ka is a keep-alive', () => {
    expect(start().read('{"type":"connection_ack"}').outcome?.kind).toBe('authenticated');
    const ka = start().read('{"type":"ka"}');
    expect(ka.frame.type).toBe('ka');
    expect(ka.outcome).toBeUndefined();
  });

  it('connection_error is an auth refusal in the server words', () => {
    const read = start().read('{"type":"connection_error","payload":{"message":"jwt expired"}}');
    expect(read.outcome).toMatchObject({ kind: 'auth-refused', words: 'jwt expired' });
    expect(read.frame.summary).toBe('connection_error: "jwt expired"');
  });
});
