// wsjwt probe's travel discovery against real servers no one here tuned for it: fastify + @fastify/jwt in its
// header-only default, a plain `ws` server reading ?access_token=, a `ws` server reading a cookie. The
// probe sends ?token= (the browser's default); discovery must find the place each server reads — and must
// not call a wrong-secret token a travel mismatch (it is refused in every place).
import { describe, expect, it } from 'vitest';
import {
  realServerTokens,
  startFastifyHeaderJwt,
  startGraphqlWs,
  startSocketIo,
  startWsAccessTokenQuery,
  startWsCookie,
} from '../../../e2e/real-servers/node-protocols/servers.ts';
import { probe, probeJson, serversClosedAfterEach } from './real-servers.test-helpers.ts';

const start = serversClosedAfterEach();

const tokens = realServerTokens();

describe('wsjwt probe: where did the server want the token?', () => {
  it('@fastify/jwt header-only, token in the query: token-travel-mismatch naming the Authorization header', async () => {
    const s = await start(startFastifyHeaderJwt);
    const r = await probeJson([s.url, '--token', tokens.good, '--travel', 'query']);
    expect(r.code).toBe(1);
    const first = r.json.diagnosis[0];
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.confidence).toBe('high');
    expect(first?.evidence[0]).toContain('accepts this token in the Authorization header');
    expect(first?.fix.join('\n')).toContain('extractToken');
    expect(first?.fix.join('\n')).toContain('--travel header');
    const header = r.json.discovery?.attempts.find((a) => a.placement === 'header');
    expect(header).toMatchObject({ verdict: 'accepted' });
    expect(r.json.discovery?.attempts.filter((a) => a.verdict === 'accepted')).toHaveLength(1);
    // The contract's fields are there as before, and no token value in the discovery.
    expect(Object.keys(r.json)).toEqual(expect.arrayContaining(['url', 'events', 'token', 'diagnosis']));
    expect(JSON.stringify(r.json.discovery)).not.toContain(tokens.good);
  });

  it('a wrong-secret token against the same server: refused everywhere — secret-mismatch first, no mismatch', async () => {
    const s = await start(startFastifyHeaderJwt);
    const r = await probeJson([s.url, '--token', tokens.wrongSecret]);
    expect(r.code).toBe(1);
    expect(r.json.diagnosis[0]?.cause).toBe('secret-mismatch');
    expect(r.json.diagnosis.map((c) => c.cause)).not.toContain('token-travel-mismatch');
    expect(r.json.discovery?.attempts.some((a) => a.verdict === 'accepted')).toBe(false);
  });

  it('a ws server reading ?access_token=: mismatch naming access_token, fix Set --param', async () => {
    const s = await start(startWsAccessTokenQuery);
    const r = await probeJson([s.url, '--token', tokens.good]);
    const first = r.json.diagnosis[0];
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.evidence[0]).toContain('?access_token=');
    expect(first?.fix[0]).toBe('Set --param to access_token');
  });

  it('a ws server reading a cookie (closes 1008 otherwise): mismatch naming the cookie', async () => {
    const s = await start(startWsCookie);
    const r = await probeJson([s.url, '--token', tokens.good]);
    expect(r.json.events.find((e) => e.type === 'close')?.code).toBe(1008);
    const first = r.json.diagnosis[0];
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.evidence[0]).toContain('a cookie token=');
    expect(first?.fix[0]).toContain('--travel cookie');
  });

  it('Socket.IO reading handshake.auth.token, the token sent in the Authorization header: the first message is the place', async () => {
    const s = await start(startSocketIo);
    const r = await probeJson([
      s.url,
      '--token',
      tokens.good,
      '--protocol',
      'socket.io',
      '--travel',
      'header',
    ]);
    expect(r.json.protocol?.outcome?.kind).toBe('auth-refused');
    const first = r.json.diagnosis[0];
    expect(first?.cause).toBe('token-travel-mismatch');
    expect(first?.evidence[0]).toContain('the first message after open');
    expect(first?.fix[0]).toBe('Use --travel first-message');
    expect(r.json.discovery?.attempts.find((a) => a.placement === 'first-message')?.how).toMatch(/CONNECT/);
  });

  it('graphql-ws refusing with 4403 everywhere but connection_init: the first message is the place', async () => {
    const s = await start(startGraphqlWs);
    const r = await probeJson([
      s.url,
      '--token',
      tokens.good,
      '--protocol',
      'graphql-ws',
      '--travel',
      'query',
    ]);
    expect(r.json.diagnosis[0]?.cause).toBe('token-travel-mismatch');
    expect(r.json.discovery?.attempts.find((a) => a.verdict === 'accepted')?.placement).toBe('first-message');
  });

  it('the text output states the attempts; --no-discover turns discovery off', async () => {
    const s = await start(startFastifyHeaderJwt);
    const text = await probe([s.url, '--token', tokens.good, '--no-color'], false);
    expect(text.out).toMatch(/Tried the token in \d other places/);
    expect(text.out).toMatch(/the Authorization header \(Bearer\): accepted/);
    expect(text.out).not.toContain(tokens.good);
    const off = await probeJson([s.url, '--token', tokens.good, '--no-discover']);
    expect(off.json.discovery).toBeUndefined();
    expect(off.json.diagnosis[0]?.cause).toBe('token-missing');
  });
});
