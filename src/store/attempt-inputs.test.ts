// A verdict belongs to its attempt (issue 16): the attempt's inputs, what changed since, and what is
// withdrawn from the evidence as a result.
import { describe, expect, it } from 'vitest';
import {
  analyzeToken,
  buildConnectionUrl,
  type AppProtocolId,
  type DiagnosisEvidence,
} from '../core/index.ts';
import { attemptInputs, staleInputs, staleSentence, withdrawStale } from './attempt-inputs.ts';
import type { Attempt } from './types.ts';

const NOW = Date.UTC(2026, 10, 27, 4, 22, 37);
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function inputs(over: Partial<Parameters<typeof attemptInputs>[0]> = {}) {
  return {
    analysis: analyzeToken(TOKEN, { now: NOW }),
    secretText: 'server-secret',
    secretEncoding: 'utf8' as const,
    verifyKeyMode: 'secret' as const,
    publicKeyText: '',
    jwksUrl: '',
    serverUrl: 'ws://localhost:3000',
    paramName: 'token',
    tokenTravel: 'query' as const,
    subprotocolTemplate: 'access_token, {token}',
    appProtocol: 'plain' as AppProtocolId,
    connectionPayload: null as string | null,
    ...over,
  };
}

function attemptWith(s: ReturnType<typeof inputs>): Attempt {
  return {
    id: 1,
    url: 'ws://localhost:3000?token=x',
    startedAt: NOW,
    events: [],
    reachability: { state: 'unknown' },
    inputs: attemptInputs(s),
  };
}

describe('staleInputs', () => {
  const then = inputs();
  const attempt = attemptWith(then);

  it('is empty for the same inputs, and without an attempt', () => {
    expect(staleInputs(attempt, inputs())).toEqual([]);
    expect(staleInputs(null, inputs({ secretText: 'x' }))).toEqual([]);
  });

  it.each([
    ['token', { analysis: analyzeToken(`${TOKEN.slice(0, -1)}Y`, { now: NOW }) }],
    ['secret', { secretText: 'another' }],
    ['secret', { secretEncoding: 'base64' as const }],
    ['server-url', { serverUrl: 'ws://localhost:4000' }],
    ['placement', { paramName: 'access_token' }],
    ['placement', { tokenTravel: 'subprotocol' as const }],
    ['placement', { tokenTravel: 'header' as const }],
    ['placement', { appProtocol: 'graphql-ws' as AppProtocolId }],
  ])('notices another %s', (what, over) => {
    expect(staleInputs(attempt, inputs(over))).toEqual([what]);
  });

  it('notices another Connection payload while the token travels in the first message', () => {
    const first = inputs({ tokenTravel: 'first-message', appProtocol: 'graphql-ws' });
    const made = attemptWith(first);
    expect(staleInputs(made, { ...first, connectionPayload: '{"authToken": "{token}"}' })).toEqual([
      'placement',
    ]);
    // The protocol's default, written out, is the same payload.
    expect(staleInputs(made, { ...first, connectionPayload: '{"token": "{token}"}' })).toEqual([]);
  });

  it('holds no copy of the token or the secret', () => {
    const json = JSON.stringify(attempt.inputs);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain('server-secret');
  });
});

describe('withdrawStale', () => {
  const ev: DiagnosisEvidence = {
    token: analyzeToken(TOKEN, { now: NOW }),
    url: buildConnectionUrl({ serverUrl: 'ws://localhost:3000', paramName: 'token', token: TOKEN }),
    paramName: 'token',
    events: [{ type: 'close', at: 10, time: NOW, code: 1008, reason: 'invalid signature' }],
    health: { ok: true },
    reachability: { state: 'reachable', detail: 'ok' },
    timeoutMs: 10_000,
    leewaySeconds: 0,
  };

  it("another token: the server's answer goes, what is known of the server stays", () => {
    const w = withdrawStale(ev, ['token']);
    expect(w.events).toEqual([]);
    expect(w.health).toEqual({ ok: true });
  });

  it('another Server URL: nothing of the attempt applies', () => {
    const w = withdrawStale(ev, ['server-url']);
    expect(w.events).toEqual([]);
    expect(w.health).toBeUndefined();
    expect(w.reachability).toBeUndefined();
  });

  it('only another Secret: the server saw this very token, its answer stays', () => {
    expect(withdrawStale(ev, ['secret'])).toBe(ev);
  });

  it('travel discovery belongs to the attempt: another token, placement or URL withdraws it', () => {
    const found: DiagnosisEvidence = {
      ...ev,
      travelDiscovery: {
        used: { placement: 'query', name: 'token', label: '?token=' },
        protocol: 'plain',
        attempts: [
          {
            placement: 'header',
            label: 'the Authorization header (Bearer)',
            verdict: 'accepted',
            how: '101',
          },
        ],
      },
    };
    for (const stale of [['token'], ['placement'], ['server-url']] as const)
      expect(withdrawStale(found, stale).travelDiscovery).toBeUndefined();
    expect(withdrawStale(found, ['secret']).travelDiscovery).toBe(found.travelDiscovery);
  });
});

it('staleSentence names what changed', () => {
  expect(staleSentence(['token'])).toBe('This was for the previous token — Connect again.');
  expect(staleSentence(['token', 'secret', 'server-url'])).toBe(
    'This was for the previous token, Secret and Server URL — Connect again.',
  );
});
