import { describe, expect, it } from 'vitest';
import {
  escapeStompHeader,
  parseStompFrame,
  serializeStompFrame,
  stomp,
  stompConnectHeaders,
  unescapeStompHeader,
} from './stomp.ts';

function session(payload?: string, token = 'a.b.c') {
  const started = stomp.start({
    token,
    url: 'ws://broker.local:61614/ws',
    ...(payload !== undefined ? { payload } : {}),
  });
  if (!started.ok) throw new Error(started.problem.message);
  return started.session;
}

describe('STOMP 1.2', () => {
  it('offers v12/v11/v10 and sends CONNECT with Authorization: Bearer by default', () => {
    expect(stomp.subprotocols).toEqual(['v12.stomp', 'v11.stomp', 'v10.stomp']);
    const [connect] = session().opening();
    expect(connect).toBe(
      'CONNECT\naccept-version:1.2,1.1,1.0\nhost:broker.local\nheart-beat:0,0\nAuthorization:Bearer a.b.c\n\n\0',
    );
  });

  it('login / passcode from the template', () => {
    const frame = parseStompFrame(session('login: {token}\npasscode: secret').opening()[0]!);
    expect(typeof frame !== 'string' && frame.headers).toMatchObject({ login: 'a.b.c', passcode: 'secret' });
  });

  it('a template line that is no header, or a token with a line break, is a problem', () => {
    expect(stompConnectHeaders('just text', 't').ok).toBe(false);
    const broken = stompConnectHeaders('Authorization: Bearer {token}', 'a\nb');
    expect(!broken.ok && broken.problem.code).toBe('ERR_STOMP_HEADER_VALUE');
  });

  it('CONNECTED authenticates', () => {
    const read = session().read('CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0');
    expect(read.outcome?.kind).toBe('authenticated');
    expect(read.frame.summary).toBe('CONNECTED (version 1.2, heart-beat 0,0)');
  });

  it('ERROR refuses with its message header, the body kept', () => {
    const read = session().read(
      'ERROR\nmessage:jwt expired\ncontent-type:text/plain\ncontent-length:21\n\nToken expired at noon\0',
    );
    expect(read.outcome).toMatchObject({ kind: 'auth-refused', words: 'jwt expired' });
    expect(read.frame.payload).toEqual({
      headers: { message: 'jwt expired', 'content-type': 'text/plain', 'content-length': '21' },
      body: 'Token expired at noon',
    });
  });

  it('ERROR without message header: the body is the words', () => {
    expect(session().read('ERROR\n\ninvalid signature\0').outcome).toMatchObject({
      words: 'invalid signature',
    });
  });

  it('heart-beats are end-of-lines', () => {
    const read = session().read('\n');
    expect(read.frame.type).toBe('heart-beat');
    expect(read.outcome).toBeUndefined();
  });

  it('header escaping per 1.2 (not for CONNECT/CONNECTED); undefined escapes are errors', () => {
    expect(escapeStompHeader('a:b\\c\nd\re')).toBe('a\\cb\\\\c\\nd\\re');
    expect(unescapeStompHeader('a\\cb\\\\c\\nd\\re')).toBe('a:b\\c\nd\re');
    expect(unescapeStompHeader('bad\\t')).toBeNull();
    const msg = parseStompFrame('MESSAGE\ndestination:/q\nmessage-id:7\nnote:x\\cy\nnote:second\n\nhi\0');
    expect(typeof msg !== 'string' && msg.headers).toEqual({
      destination: '/q',
      'message-id': '7',
      note: 'x:y',
    });
    expect(typeof parseStompFrame('ERROR\nmessage:bad\\q\n\n\0')).toBe('string');
    const connected = parseStompFrame('CONNECTED\nserver:a\\cb\n\n\0');
    expect(typeof connected !== 'string' && connected.headers.server).toBe('a\\cb');
    expect(serializeStompFrame({ command: 'SEND', headers: { destination: '/a:b' }, body: 'x' })).toBe(
      'SEND\ndestination:/a\\cb\n\nx\0',
    );
  });

  it('content-length bounds the body (it may hold NUL)', () => {
    const msg = parseStompFrame('MESSAGE\ncontent-length:3\n\na\0b\0');
    expect(typeof msg !== 'string' && msg.body).toBe('a\0b');
  });

  it('junk is a protocol error', () => {
    expect(session().read('hello world').outcome?.kind).toBe('protocol-error');
  });
});
