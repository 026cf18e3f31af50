// Public keys and the Sec-WebSocket-Protocol travel, as the diagnosis engine reads them.
import { describe, expect, it } from 'vitest';
import { diagnose, quickFixChecklist } from '../diagnosis/index.ts';
import type { ConnectionEvent, DiagnosisEvidence } from '../diagnosis/types.ts';
import { analyzeToken } from '../token/analyze.ts';
import { buildConnectionUrl } from '../url/connection-url.ts';
import { signWith, testPair } from './test-keys.test-helpers.ts';
import { triageKey } from './verify-key.ts';

const NOW = Date.now();

async function evidence(token: string, extra: Partial<DiagnosisEvidence> = {}): Promise<DiagnosisEvidence> {
  const analysis = analyzeToken(token, { now: NOW });
  return {
    token: analysis,
    url: buildConnectionUrl({
      serverUrl: 'ws://127.0.0.1:3000',
      paramName: 'token',
      token: extra.tokenTravel === 'subprotocol' ? '' : analysis.token,
    }),
    paramName: 'token',
    events: [],
    timeoutMs: 10_000,
    leewaySeconds: 0,
    ...extra,
  };
}

function payload() {
  const iat = Math.floor(NOW / 1000);
  return { userId: '1', role: 'r', iat, exp: iat + 3600 };
}

describe('diagnosis with a public key', () => {
  it('a verified RS256 token raises no algorithm-mismatch (the key is not an HMAC secret)', async () => {
    const pair = await testPair('RS256');
    const token = await signWith(pair, {}, payload());
    const ev = await evidence(token, { secret: await triageKey(token, pair.publicPem) });
    expect(diagnose(ev, NOW)).toEqual([]);
    expect(quickFixChecklist(ev, NOW).find((i) => i.id === 'same-secret')).toMatchObject({
      state: 'pass',
      evidence: expect.stringContaining('public key'),
    });
  });

  it('another key: secret-mismatch, naming the public key', async () => {
    const token = await signWith(await testPair('ES256'), {}, payload());
    const ev = await evidence(token, {
      secret: await triageKey(token, (await testPair('ES256', 'other')).publicPem),
    });
    const [top] = diagnose(ev, NOW);
    expect(top?.cause).toBe('secret-mismatch');
    expect(top?.evidence.join(' ')).toContain('public key you entered');
  });

  it('a key of the wrong type: algorithm-mismatch', async () => {
    const token = await signWith(await testPair('RS256'), {}, payload());
    const ev = await evidence(token, { secret: await triageKey(token, (await testPair('ES256')).publicPem) });
    expect(diagnose(ev, NOW)[0]?.cause).toBe('algorithm-mismatch');
  });
});

describe('diagnosis with the token in Sec-WebSocket-Protocol', () => {
  const failed: ConnectionEvent[] = [
    { type: 'connecting', at: 0, time: NOW },
    { type: 'error', at: 40, time: NOW, message: 'the connection could not be opened' },
    { type: 'close', at: 41, time: NOW, code: 1006, reason: '', wasClean: false },
  ];

  it('no token in the URL is not token-missing; the URL check passes', async () => {
    const token = await signWith(await testPair('ES256'), {}, payload());
    const ev = await evidence(token, { tokenTravel: 'subprotocol' });
    expect(diagnose(ev, NOW).map((c) => c.cause)).not.toContain('token-missing');
    expect(quickFixChecklist(ev, NOW).find((i) => i.id === 'url-encoded')?.state).toBe('pass');
    const query = await evidence(token, {
      url: buildConnectionUrl({ serverUrl: 'ws://127.0.0.1:3000', paramName: 'token', token: '' }),
    });
    expect(diagnose(query, NOW).map((c) => c.cause)).toContain('token-missing');
  });

  it('offered, server up, upgrade failed: subprotocol-mismatch first', async () => {
    const token = await signWith(await testPair('ES256'), {}, payload());
    const ev = await evidence(token, {
      tokenTravel: 'subprotocol',
      offeredProtocols: ['access_token', token],
      events: failed,
      reachability: { state: 'reachable', detail: 'http://127.0.0.1:3000 answered an HTTP request' },
    });
    expect(diagnose(ev, NOW)[0]?.cause).toBe('subprotocol-mismatch');
  });
});
