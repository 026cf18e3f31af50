// What Connect would offer and send for each Protocol and Token travels in, and what stops it: the one
// function the controls and the socket both ask.
import { describe, expect, it } from 'vitest';
import { protocolPlan, type PlanInputs } from './protocol-plan.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2ln';
const inputs = (over: Partial<PlanInputs> = {}): PlanInputs => ({
  appProtocol: 'plain',
  tokenTravel: 'query',
  connectionPayload: null,
  subprotocolTemplate: 'access_token, {token}',
  paramName: 'token',
  serverUrl: 'ws://localhost:3000',
  analysis: { token: TOKEN },
  ...over,
});

describe('protocolPlan', () => {
  it('a plain socket with the token in the query: nothing offered, no session (the hot path)', () => {
    const plan = protocolPlan(inputs());
    expect(plan).toMatchObject({ protocols: [] });
    expect(plan.session).toBeUndefined();
    expect(plan.problem).toBeUndefined();
  });

  it("offers the protocol's subprotocol before the token's", () => {
    const plan = protocolPlan(inputs({ appProtocol: 'graphql-ws', tokenTravel: 'subprotocol' }));
    expect(plan.protocols).toEqual(['graphql-transport-ws', 'access_token', TOKEN]);
    // The token is not in the payload when it travels elsewhere.
    expect(plan.session?.opening()).toEqual(['{"type":"connection_init","payload":{}}']);
  });

  it('names what the protocol cannot send: a payload that is not JSON, a cookie without a name', () => {
    expect(
      protocolPlan(inputs({ appProtocol: 'socket.io', tokenTravel: 'first-message', connectionPayload: '{' }))
        .problem,
    ).toMatch(/Socket\.IO auth\) is not valid JSON/);
    expect(protocolPlan(inputs({ tokenTravel: 'cookie', paramName: 'a b' })).problem).toMatch(
      /cannot be a cookie name/,
    );
  });

  it('the header placement puts Authorization: Bearer in the headers the relay sends', () => {
    expect(protocolPlan(inputs({ tokenTravel: 'header' })).placed.headers).toEqual({
      Authorization: `Bearer ${TOKEN}`,
    });
  });

  it("adds the Extra headers for the relay; the token's Authorization wins over one typed there", () => {
    const plan = protocolPlan(
      inputs({ tokenTravel: 'header', relayHeaders: 'X-Tenant: acme\nAuthorization: Basic x' }),
    );
    expect(plan.placed.headers).toEqual({ 'X-Tenant': 'acme', Authorization: `Bearer ${TOKEN}` });
    expect(protocolPlan(inputs({ tokenTravel: 'header', relayHeaders: 'oops' })).problem).toContain(
      'Extra headers, line 1',
    );
  });
});
