import { describe, expect, it } from 'vitest';
import { graphqlWs, readGraphqlWsClose } from './graphql-ws.ts';
import type { ProtocolSession } from './types.ts';

function session(token = 'tok', payload?: string): ProtocolSession {
  const started = graphqlWs.start({
    token,
    url: 'ws://localhost:4000/graphql',
    ...(payload !== undefined ? { payload } : {}),
  });
  if (!started.ok) throw new Error(started.problem.message);
  return started.session;
}

describe('graphql-ws (graphql-transport-ws)', () => {
  it('offers graphql-transport-ws and opens with connection_init carrying the payload', () => {
    expect(graphqlWs.subprotocols).toEqual(['graphql-transport-ws']);
    expect(
      session('a.b.c')
        .opening()
        .map((m) => JSON.parse(m) as unknown),
    ).toEqual([{ type: 'connection_init', payload: { token: 'a.b.c' } }]);
    expect(JSON.parse(session('x', '{"Authorization": "Bearer {token}"}').opening()[0]!)).toEqual({
      type: 'connection_init',
      payload: { Authorization: 'Bearer x' },
    });
  });

  it('an empty payload template sends connection_init without payload', () => {
    expect(session('x', '').opening()).toEqual(['{"type":"connection_init"}']);
  });

  it('a bad template is refused before anything is sent', () => {
    const started = graphqlWs.start({ token: 't', payload: '{oops', url: 'ws://h' });
    expect(started.ok).toBe(false);
  });

  it('connection_ack authenticates; ping is answered with pong', () => {
    const s = session();
    expect(s.read('{"type":"connection_ack"}').outcome?.kind).toBe('authenticated');
    const ping = s.read('{"type":"ping"}');
    expect(ping.replies).toEqual(['{"type":"pong"}']);
    expect(ping.outcome).toBeUndefined();
  });

  it('decodes next / error / complete with their id', () => {
    const read = session().read('{"id":"1","type":"next","payload":{"data":{"hello":"world"}}}');
    expect(read.frame).toMatchObject({ type: 'next', id: '1', payload: { data: { hello: 'world' } } });
    expect(read.frame.summary).toContain('hello');
  });

  it('junk is a protocol error, never a throw', () => {
    expect(session().read('not json').outcome?.kind).toBe('protocol-error');
    expect(session().read('[1,2]').outcome?.kind).toBe('protocol-error');
  });

  it('close codes: 4401/4403 refuse auth with the server words, the rest are protocol errors', () => {
    expect(readGraphqlWsClose(4403, 'invalid signature')).toMatchObject({
      kind: 'auth-refused',
      words: 'invalid signature',
      code: 4403,
    });
    expect(readGraphqlWsClose(4401, '')).toMatchObject({ kind: 'auth-refused', words: 'Unauthorized' });
    for (const code of [4400, 4406, 4408, 4409, 4429, 4499])
      expect(readGraphqlWsClose(code, '')?.kind, String(code)).toBe('protocol-error');
    expect(readGraphqlWsClose(4500, 'jwt expired')).toMatchObject({
      kind: 'auth-refused',
      words: 'jwt expired',
    });
    expect(readGraphqlWsClose(1000, '')).toBeUndefined();
  });
});
