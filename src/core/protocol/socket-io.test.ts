import { describe, expect, it } from 'vitest';
import { decodeSocketIoPacket, socketIo, socketIoAddress, socketIoEvent } from './socket-io.ts';
import type { ProtocolSession } from './types.ts';

function session(url = 'ws://localhost:3000', payload?: string): ProtocolSession {
  const started = socketIo.start({ token: 'a.b.c', url, ...(payload !== undefined ? { payload } : {}) });
  if (!started.ok) throw new Error(started.problem.message);
  return started.session;
}

const OPEN = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

describe('Socket.IO address', () => {
  it('adds the Engine.IO path to a base URL and keeps the query', () => {
    expect(socketIoAddress('ws://localhost:3000')).toEqual({
      ok: true,
      url: 'ws://localhost:3000/socket.io/?EIO=4&transport=websocket',
      namespace: '/',
    });
    const withQuery = socketIoAddress('http://localhost:3000/?room=a&token=x');
    expect(withQuery.ok && withQuery.url).toBe(
      'ws://localhost:3000/socket.io/?room=a&token=x&EIO=4&transport=websocket',
    );
  });

  it('a path is the namespace, as in io(url); an explicit engine path is kept', () => {
    expect(socketIoAddress('wss://h/admin')).toMatchObject({
      url: 'wss://h/socket.io/?EIO=4&transport=websocket',
      namespace: '/admin',
    });
    expect(socketIoAddress('ws://h/api/socket.io/?EIO=3')).toMatchObject({
      url: 'ws://h/api/socket.io/?EIO=4&transport=websocket',
      namespace: '/',
    });
  });

  it('a bad address is a message', () => {
    expect(socketIoAddress('not a url').ok).toBe(false);
    expect(socketIoAddress('ftp://h').ok).toBe(false);
  });
});

describe('Socket.IO session', () => {
  it('waits for the open packet, then sends CONNECT with auth', () => {
    const s = session();
    expect(s.opening()).toEqual([]);
    const open = s.read(OPEN);
    expect(open.frame.type).toBe('open');
    expect(open.replies).toEqual(['40{"token":"a.b.c"}']);
  });

  it('CONNECT names the namespace', () => {
    expect(session('ws://h/admin').read(OPEN).replies).toEqual(['40/admin,{"token":"a.b.c"}']);
    expect(session('ws://h', '').read(OPEN).replies).toEqual(['40']);
  });

  it('answers pings, authenticates on CONNECT, refuses on CONNECT_ERROR with the message', () => {
    const s = session();
    expect(s.read('2').replies).toEqual(['3']);
    expect(s.read('40{"sid":"xyz"}').outcome?.kind).toBe('authenticated');
    const refused = s.read('44{"message":"invalid signature"}');
    expect(refused.outcome).toMatchObject({ kind: 'auth-refused', words: 'invalid signature' });
    expect(refused.frame.summary).toBe('CONNECT_ERROR: "invalid signature"');
  });

  it('a CONNECT for another namespace does not authenticate ours', () => {
    expect(session('ws://h/admin').read('40{"sid":"x"}').outcome).toBeUndefined();
    expect(session('ws://h/admin').read('40/admin,{"sid":"x"}').outcome?.kind).toBe('authenticated');
  });

  it('decodes events, acks and junk', () => {
    const s = session();
    expect(s.read('42["hello",{"a":1}]').frame.summary).toBe('EVENT "hello" [{"a":1}]');
    expect(s.read('4x').outcome?.kind).toBe('protocol-error');
    expect(s.read('hello').outcome?.kind).toBe('protocol-error');
    expect(s.read('1').outcome?.kind).toBe('protocol-error');
  });

  it('packet decoding: namespace, id, attachments', () => {
    expect(decodeSocketIoPacket('2/chat,12["m"]')).toEqual({
      type: 'EVENT',
      namespace: '/chat',
      id: '12',
      data: ['m'],
    });
    expect(decodeSocketIoPacket('51-["b",{"_placeholder":true,"num":0}]')).toMatchObject({
      type: 'BINARY_EVENT',
    });
    expect(socketIoEvent('hi', [1], '/chat')).toBe('42/chat,["hi",1]');
  });
});
