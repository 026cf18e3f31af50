import { describe, expect, it } from 'vitest';
import { buildDeepLink, readDeepLink } from './deep-link.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2lnbmF0dXJl';
const codes = (search: string) => readDeepLink(search).notices.map((n) => n.code);

describe('readDeepLink', () => {
  it('prefills url, param, protocol and travel', () => {
    const link = readDeepLink(
      '?url=ws%3A%2F%2Flocalhost%3A3000%2Fws&param=jwt&protocol=plain&travel=subprotocol',
    );
    expect(link.fields).toEqual({
      url: 'ws://localhost:3000/ws',
      param: 'jwt',
      protocol: 'plain',
      travel: 'subprotocol',
    });
    expect(link.notices).toEqual([]);
    expect(link.cleanedSearch).toBeNull();
  });

  it('an empty query sets nothing', () => {
    expect(readDeepLink('')).toEqual({ fields: {}, notices: [], cleanedSearch: null });
  });

  it('never reads a token or a secret, and says so; the rest of the address is kept', () => {
    const link = readDeepLink(`?url=ws://h:1&token=${JWT}&secret=s3cr3t`);
    expect(link.fields).toEqual({ url: 'ws://h:1' });
    expect(link.notices.map((n) => n.code)).toEqual(['DEEP_LINK_CREDENTIAL_IGNORED']);
    expect(link.notices[0]?.message).toContain('token=, secret=');
    expect(link.cleanedSearch).toBe('?url=ws%3A%2F%2Fh%3A1');
    expect(JSON.stringify(link)).not.toContain(JWT);
    expect(JSON.stringify(link)).not.toContain('s3cr3t');
  });

  it('a token alone leaves an empty query string', () => {
    expect(readDeepLink(`?token=${JWT}`).cleanedSearch).toBe('');
  });

  it('credentials inside url= are not taken, and the address bar loses them', () => {
    const link = readDeepLink(`?url=${encodeURIComponent(`ws://u:pw@h:1/ws?token=${JWT}&room=7`)}`);
    expect(link.fields.url).not.toContain(JWT);
    expect(link.fields.url).not.toContain('pw');
    expect(link.fields.url).toContain('room=7');
    expect(link.notices.map((n) => n.code)).toEqual(['DEEP_LINK_URL_CREDENTIAL_REMOVED']);
    expect(link.cleanedSearch).not.toBeNull();
    expect(link.cleanedSearch).not.toContain(JWT);
  });

  it('the token param named by param= is the one removed from url=', () => {
    const link = readDeepLink(`?param=jwt&url=${encodeURIComponent(`ws://h:1/?jwt=${JWT}`)}`);
    expect(link.fields.url).not.toContain(JWT);
  });

  it('every protocol and every placement is supported today', () => {
    const link = readDeepLink('?protocol=socket.io&travel=cookie');
    expect(link.fields).toEqual({ protocol: 'socket.io', travel: 'cookie' });
    expect(link.notices).toEqual([]);
  });

  it('values a console does not support get a specific message and set nothing', () => {
    const link = readDeepLink('?protocol=socket.io&travel=cookie', {
      protocols: ['plain'],
      travels: ['query', 'subprotocol'],
    });
    expect(link.fields).toEqual({});
    expect(link.notices.map((n) => n.code)).toEqual([
      'DEEP_LINK_PROTOCOL_UNSUPPORTED',
      'DEEP_LINK_TRAVEL_UNSUPPORTED',
    ]);
    expect(link.notices[0]?.message).toContain('protocol=socket.io');
    expect(link.notices[0]?.message).toContain('supports plain');
    expect(link.notices[1]?.message).toContain('supports query, subprotocol');
  });

  it('what a later console supports is read through the support argument', () => {
    const link = readDeepLink('?protocol=stomp&travel=cookie', {
      protocols: ['plain', 'stomp'],
      travels: ['query', 'cookie'],
    });
    expect(link.fields).toEqual({ protocol: 'stomp', travel: 'cookie' });
  });

  it('unknown values and bad input are named, never thrown', () => {
    expect(codes('?protocol=mqtt')).toEqual(['DEEP_LINK_PROTOCOL_UNKNOWN']);
    expect(codes('?travel=carrier-pigeon')).toEqual(['DEEP_LINK_TRAVEL_UNKNOWN']);
    expect(codes('?url=not%20a%20url')).toEqual(['DEEP_LINK_BAD_URL']);
    expect(codes('?url=ftp://h/')).toEqual(['DEEP_LINK_BAD_URL']);
    expect(codes(`?url=ws://h/${'a'.repeat(3000)}`)).toEqual(['DEEP_LINK_BAD_URL']);
    expect(codes('?param=has%20space')).toEqual(['DEEP_LINK_BAD_PARAM']);
    expect(codes('?url=%E0%A4%A')).toEqual(['DEEP_LINK_BAD_URL']);
  });

  it('case and spaces around a choice do not matter', () => {
    expect(readDeepLink('?travel=%20Subprotocol%20').fields).toEqual({ travel: 'subprotocol' });
  });
});

describe('buildDeepLink', () => {
  it('builds the link the console reads back', () => {
    const link = buildDeepLink('http://localhost:5173/', { url: 'ws://localhost:3000/ws', param: 'jwt' });
    expect(link).toBe('http://localhost:5173/?url=ws%3A%2F%2Flocalhost%3A3000%2Fws&param=jwt');
    expect(readDeepLink(new URL(link).search).fields).toEqual({
      url: 'ws://localhost:3000/ws',
      param: 'jwt',
    });
  });

  it('never puts a token or credentials into the link', () => {
    const link = buildDeepLink('http://localhost:5173/', { url: `ws://u:pw@h:1/?token=${JWT}` });
    expect(link).not.toContain(JWT);
    expect(link).not.toContain('pw');
    expect(readDeepLink(new URL(link).search).notices).toEqual([]);
    // The console adds the token parameter itself: no empty token= left in the Server URL.
    expect(readDeepLink(new URL(link).search).fields.url).toBe('ws://h:1/');
  });

  it('carries a protocol and a placement other than the defaults', () => {
    const link = buildDeepLink('http://localhost:5173/', {
      url: 'ws://h:1',
      travel: 'subprotocol',
      protocol: 'plain',
    });
    expect(new URL(link).searchParams.get('travel')).toBe('subprotocol');
    expect(new URL(link).searchParams.has('protocol')).toBe(false);
  });
});
