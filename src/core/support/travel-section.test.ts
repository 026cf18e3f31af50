// The support bundle's "where the token travels" section: protocol, placement, the payload template and
// the subprotocols with the token as a placeholder, the protocol's outcome — and nowhere the token, its
// signature or the secret, even when the user wrote the token into the payload or the subprotocols.
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../diagnosis/types.ts';
import { mintToken } from '../jws/mint.ts';
import { analyzeToken } from '../token/analyze.ts';
import { buildConnectionUrl } from '../url/connection-url.ts';
import { buildSupportBundle, type SupportBundleInput } from './bundle.ts';
import { protocolOutcomeOfEvents } from './travel-section.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const SECRET = 'travel-bundle-secret-0123456789';

async function setup(travel: SupportBundleInput['travel'], events: (token: string) => ConnectionEvent[]) {
  const minted = await mintToken(
    { userId: '1', role: 'r', iat: NOW / 1000, exp: NOW / 1000 + 60 },
    { text: SECRET, encoding: 'utf8' },
    'HS256',
  );
  if (!minted.ok) throw new Error(minted.message);
  const token = minted.token;
  const analysis = analyzeToken(token, { now: NOW });
  const url = 'ws://localhost:4000/graphql';
  const connection = buildConnectionUrl({ serverUrl: url, paramName: 'token', token: '' });
  const fill = (t: NonNullable<SupportBundleInput['travel']>) => ({
    ...t,
    payloadTemplate: t.payloadTemplate.replaceAll('TOKEN', token),
    subprotocols: t.subprotocols.map((p) => p.replaceAll('TOKEN', token)),
  });
  const input: SupportBundleInput = {
    now: NOW,
    version: '0.1.0',
    serverUrl: url,
    paramName: 'token',
    connection,
    analysis,
    secretText: SECRET,
    attempt: { url, startedAt: NOW, events: events(token) },
    causes: [],
    checklist: [],
    ...(travel !== undefined ? { travel: fill(travel) } : {}),
  };
  return { md: buildSupportBundle(input), token, signature: token.split('.')[2] ?? '' };
}

const graphqlEvents = (token: string): ConnectionEvent[] => [
  { type: 'connecting', at: 0, time: NOW },
  { type: 'open', at: 2, time: NOW, protocol: 'graphql-transport-ws' },
  { type: 'sent', at: 3, time: NOW, data: `{"type":"connection_init","payload":{"token":"${token}"}}` },
  { type: 'close', at: 9, time: NOW, code: 4403, reason: 'invalid signature', wasClean: true },
];

describe('the support bundle: where the token travels', () => {
  it('graphql-ws, first message: the protocol, the template, the subprotocol, the refusal read from the close', async () => {
    const { md, token, signature } = await setup(
      {
        protocol: 'graphql-ws',
        placement: 'first-message',
        payloadTemplate: '{"token": "{token}"}',
        subprotocols: ['graphql-transport-ws'],
      },
      graphqlEvents,
    );
    expect(md).toContain('### Where the token travels');
    expect(md).toContain('- Protocol: graphql-ws');
    expect(md).toContain('- Token travels in: First message');
    expect(md).toContain('- Connection payload template: `{"token": "{token}"}`');
    expect(md).toContain('- Subprotocols offered: `graphql-transport-ws`');
    expect(md).toContain('- Protocol outcome: refused — close 4403 Forbidden');
    for (const leak of [token, signature, SECRET]) expect(md).not.toContain(leak);
  });

  it('the token written into the payload, the subprotocols, a header or a cookie: a placeholder each time', async () => {
    for (const placement of ['subprotocol', 'header', 'cookie'] as const) {
      const { md, token, signature } = await setup(
        {
          protocol: 'socket.io',
          placement,
          payloadTemplate: '{"auth": "Bearer TOKEN", "k": "' + SECRET + '"}',
          subprotocols: ['access_token', 'TOKEN'],
        },
        (t) => [
          { type: 'open', at: 1, time: NOW },
          { type: 'message', at: 2, time: NOW, data: '0{"sid":"x","pingInterval":25000}' },
          { type: 'sent', at: 3, time: NOW, data: `40{"auth":"Bearer ${t}"}` },
          { type: 'message', at: 4, time: NOW, data: '44{"message":"jwt expired"}' },
        ],
      );
      for (const leak of [token, signature, SECRET]) expect(md).not.toContain(leak);
      expect(md).toContain('`{"auth": "Bearer <token redacted>", "k": "<secret redacted>"}`');
      expect(md).toContain('- Subprotocols offered: `access_token`, `<token redacted>`');
      expect(md).toContain('- Protocol outcome: refused — CONNECT_ERROR');
      if (placement === 'header') expect(md).toContain('`Authorization: Bearer <token redacted>`');
      if (placement === 'cookie') expect(md).toContain('- Cookie: `token=<token redacted>`');
    }
  });

  it('a plain socket with the token in the query: no payload, no outcome line; without travel, no section', async () => {
    const plain = await setup(
      { protocol: 'plain', placement: 'query', payloadTemplate: '', subprotocols: [] },
      () => [],
    );
    expect(plain.md).toContain('- Token travels in: Query parameter');
    expect(plain.md).toContain('- Subprotocols offered: (none)');
    expect(plain.md).not.toContain('Connection payload template');
    expect(plain.md).not.toContain('Protocol outcome');
    expect((await setup(undefined, () => [])).md).not.toContain('Where the token travels');
  });

  it('reads the outcome from the recorded frames: connection_ack is authenticated', () => {
    const events: ConnectionEvent[] = [
      { type: 'open', at: 1, time: NOW },
      { type: 'message', at: 2, time: NOW, data: '{"type":"connection_ack"}' },
    ];
    expect(protocolOutcomeOfEvents('graphql-ws', '{}', 'ws://h/', events)?.kind).toBe('authenticated');
    expect(protocolOutcomeOfEvents('plain', '', 'ws://h/', events)).toBeUndefined();
    expect(protocolOutcomeOfEvents('graphql-ws', '{}', 'ws://h/', [])).toBeUndefined();
  });
});
