import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeToken } from '../core/index.ts';
import { profileFromState, rebaseTemplateTimes } from './profile-draft.ts';
import { persistableProfiles, sanitizeProfiles } from './profiles-slice.ts';
import type { ConnectionProfile } from './types.ts';

const SECRET = 'super-secret-value-123';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2ln';

const state = (over: Partial<Parameters<typeof profileFromState>[0]> = {}) => ({
  serverUrl: 'ws://localhost:3000/ws',
  paramName: 'token',
  requiredClaims: ['userId', 'role'],
  payloadText: '{"userId":"1","iat":1000,"exp":2000}',
  analysis: analyzeToken(TOKEN, { now: 0 }),
  secretText: SECRET,
  ...over,
});

describe('profileFromState', () => {
  it('takes the settings, never the secret, and the token only when asked', () => {
    const { profile, notes } = profileFromState(state(), '  Local  ', false, 42);
    expect(notes).toEqual([]);
    expect(profile).toEqual({
      name: 'Local',
      serverUrl: 'ws://localhost:3000/ws',
      paramName: 'token',
      requiredClaims: ['userId', 'role'],
      claimsTemplate: '{"userId":"1","iat":1000,"exp":2000}',
      appProtocol: 'plain',
      tokenTravel: 'query',
      subprotocolTemplate: 'access_token, {token}',
      connectionPayload: null,
      savedAt: 42,
    });
    expect(JSON.stringify(profile)).not.toContain(SECRET);
    expect(profileFromState(state(), 'x', true, 0).profile?.token).toBe(TOKEN);
  });

  it('a secret typed into the payload template (or elsewhere) is left out, with a note', () => {
    const { profile, notes } = profileFromState(
      state({ payloadText: `{"secret":"${SECRET}"}`, serverUrl: `ws://h/?k=${SECRET}` }),
      'x',
      true,
      0,
    );
    expect(JSON.stringify(profile)).not.toContain(SECRET);
    expect(profile?.claimsTemplate).toBe('');
    expect(notes.join(' ')).toContain('payload template contains the secret');
    expect(notes.join(' ')).toContain('Server URL contains the secret');
  });

  it('needs a name; says when there is no token to include', () => {
    expect(profileFromState(state(), '   ', false, 0)).toEqual({
      profile: null,
      notes: ['Give the profile a name.'],
    });
    const none = profileFromState(state({ analysis: analyzeToken('', { now: 0 }) }), 'x', true, 0);
    expect(none.profile?.token).toBeUndefined();
    expect(none.notes).toEqual(['There is no token to include.']);
  });
});

describe('sanitizeProfiles', () => {
  it('keeps well-typed entries only, drops unknown fields, never throws', () => {
    const good = {
      name: 'a',
      serverUrl: 'ws://a',
      paramName: 'token',
      requiredClaims: ['x', 3],
      claimsTemplate: '{}',
      savedAt: 1,
      secret: 'nope',
      secretText: 'nope',
    };
    const out = sanitizeProfiles([
      null,
      1,
      'x',
      [],
      { name: 5 },
      { name: 'b' },
      good,
      { ...good },
      { ...good, name: ' ' },
      { ...good, name: 'c', token: 'a.b.c', savedAt: 'x' },
    ]);
    expect(out).toEqual([
      {
        name: 'a',
        serverUrl: 'ws://a',
        paramName: 'token',
        requiredClaims: ['x'],
        claimsTemplate: '{}',
        appProtocol: 'plain',
        tokenTravel: 'query',
        subprotocolTemplate: 'access_token, {token}',
        connectionPayload: null,
        savedAt: 1,
      },
      {
        name: 'c',
        serverUrl: 'ws://a',
        paramName: 'token',
        requiredClaims: ['x'],
        claimsTemplate: '{}',
        appProtocol: 'plain',
        tokenTravel: 'query',
        subprotocolTemplate: 'access_token, {token}',
        connectionPayload: null,
        savedAt: 0,
        token: 'a.b.c',
      },
    ]);
    expect(sanitizeProfiles(undefined)).toEqual([]);
    expect(sanitizeProfiles({ length: 3 })).toEqual([]);
    expect(sanitizeProfiles(new Array(500).fill(0).map((_, i) => ({ ...good, name: `p${i}` })))).toHaveLength(
      50,
    );
  });
});

describe('persistableProfiles', () => {
  it('writes only the allowed fields and scrubs the current secret', () => {
    const p = {
      name: 'a',
      serverUrl: 'ws://a',
      paramName: 'token',
      requiredClaims: [],
      claimsTemplate: `{"k":"${SECRET}"}`,
      savedAt: 1,
      extra: SECRET,
    } as ConnectionProfile;
    const out = persistableProfiles([p], SECRET);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(Object.keys(out[0] ?? {})).toEqual([
      'name',
      'serverUrl',
      'paramName',
      'requiredClaims',
      'claimsTemplate',
      'appProtocol',
      'tokenTravel',
      'subprotocolTemplate',
      'connectionPayload',
      'savedAt',
    ]);
  });
});

describe('profiles and where the token travels (issue #15)', () => {
  const travel = {
    appProtocol: 'graphql-ws',
    tokenTravel: 'first-message',
    subprotocolTemplate: 'bearer, {token}',
    connectionPayload: '{"authToken": "{token}"}',
  } as const;

  it('saves the protocol, the placement and both templates, never the secret or a token inside them', () => {
    const saved = profileFromState(state(travel), 'gql', false, 0);
    expect(saved.profile).toMatchObject(travel);
    expect(saved.notes).toEqual([]);
    // A token pasted into a template instead of {token} is saved as {token}, with a note.
    const pasted = profileFromState(
      state({
        ...travel,
        subprotocolTemplate: `bearer, ${TOKEN}`,
        connectionPayload: `{"authToken": "${TOKEN}", "k": "${SECRET}"}`,
      }),
      'gql',
      false,
      0,
    );
    expect(JSON.stringify(pasted.profile)).not.toContain(TOKEN);
    expect(JSON.stringify(pasted.profile)).not.toContain(SECRET);
    expect(pasted.profile?.subprotocolTemplate).toBe('bearer, {token}');
    // The payload also held the secret: the protocol's default instead.
    expect(pasted.profile?.connectionPayload).toBeNull();
    expect(pasted.notes.join(' ')).toContain('saved as {token}');
    expect(pasted.notes.join(' ')).toContain('Connection payload contains the secret');
  });

  it('sanitizes on load: unknown values fall back, an older profile is plain with the token in the query', () => {
    const base = {
      name: 'a',
      serverUrl: 'ws://a',
      paramName: 'token',
      requiredClaims: [],
      claimsTemplate: '',
    };
    const [older, odd, sio, jwtInside] = sanitizeProfiles([
      base,
      { ...base, name: 'b', appProtocol: 'mqtt', tokenTravel: 'carrier-pigeon', connectionPayload: 7 },
      { ...base, name: 'c', appProtocol: 'socket.io' },
      { ...base, name: 'd', ...travel, connectionPayload: `{"t":"${TOKEN}"}` },
    ]);
    expect(older).toMatchObject({ appProtocol: 'plain', tokenTravel: 'query', connectionPayload: null });
    expect(odd).toMatchObject({ appProtocol: 'plain', tokenTravel: 'query', connectionPayload: null });
    expect(sio).toMatchObject({ appProtocol: 'socket.io', tokenTravel: 'first-message' });
    expect(jwtInside?.connectionPayload).toBe('{"t":"{token}"}');
  });
});

describe('rebaseTemplateTimes', () => {
  it('moves iat/nbf/exp to now keeping the lifetime; leaves other text alone', () => {
    const text = '{"userId":"1","iat":1000,"nbf":1010,"exp":87400}';
    expect(JSON.parse(rebaseTemplateTimes(text, 5_000_000))).toEqual({
      userId: '1',
      iat: 5000,
      nbf: 5010,
      exp: 91400,
    });
    expect(rebaseTemplateTimes('{"exp":5}', 5_000_000)).toBe('{"exp":5}');
    expect(rebaseTemplateTimes('not json', 5_000_000)).toBe('not json');
    expect(rebaseTemplateTimes('[1]', 5_000_000)).toBe('[1]');
  });
});

describe('the persisted settings (the real store, a stand-in localStorage)', () => {
  const written = new Map<string, string>();
  beforeAll(() => {
    const storage = {
      getItem: (k: string) => written.get(k) ?? null,
      setItem: (k: string, v: string) => void written.set(k, v),
      removeItem: (k: string) => void written.delete(k),
      clear: () => written.clear(),
      key: () => null,
      length: 0,
    };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  });

  it('profiles persist; the secret never does, even typed into the payload template', async () => {
    const { useConsole, STORAGE_KEY, sanitizePersisted } = await import('./store.ts');
    const { saveProfile } = await import('./profile-actions.ts');
    const s = useConsole.getState();
    s.setSecretText(SECRET);
    s.setTokenInput(TOKEN);
    s.setPayloadText(`{"userId":"1","note":"${SECRET}"}`);
    expect(saveProfile('with token', { includeToken: true }).ok).toBe(true);
    expect(saveProfile('without', { includeToken: false }).ok).toBe(true);
    const stored = written.get(STORAGE_KEY) ?? '';
    expect(stored).toContain('"with token"');
    expect(stored).not.toContain(SECRET);
    const persisted = sanitizePersisted((JSON.parse(stored) as { state: unknown }).state);
    expect(persisted.profiles?.map((p) => [p.name, p.token])).toEqual([
      ['with token', TOKEN],
      ['without', undefined],
    ]);
    expect(persisted.tokenInput).toBeUndefined(); // "Remember the token" is off
  });

  it('a profile restores the protocol, the placement and the templates', async () => {
    const { useConsole } = await import('./store.ts');
    const { loadProfile, saveProfile } = await import('./profile-actions.ts');
    const s = useConsole.getState();
    s.setAppProtocol('socket.io');
    s.setTokenTravel('subprotocol');
    s.setSubprotocolTemplate('jwt, {token}');
    s.setConnectionPayload('{"jwt": "{token}"}');
    expect(saveProfile('sio', { includeToken: false }).ok).toBe(true);
    s.setAppProtocol('plain');
    s.setTokenTravel('query');
    s.setSubprotocolTemplate('access_token, {token}');
    expect(loadProfile('sio')).toBe(true);
    const after = useConsole.getState();
    expect([
      after.appProtocol,
      after.tokenTravel,
      after.subprotocolTemplate,
      after.connectionPayload,
    ]).toEqual(['socket.io', 'subprotocol', 'jwt, {token}', '{"jwt": "{token}"}']);
    expect(after.subprotocols.protocols).toEqual(['jwt', TOKEN]);
    useConsole.getState().deleteProfile('sio');
  });

  it('load applies a profile; delete removes it', async () => {
    const { useConsole } = await import('./store.ts');
    const { loadProfile } = await import('./profile-actions.ts');
    useConsole.getState().setServerUrl('ws://elsewhere:1');
    useConsole.getState().setTokenInput('');
    expect(loadProfile('with token')).toBe(true);
    expect(useConsole.getState().serverUrl).toBe('ws://localhost:3000');
    expect(useConsole.getState().tokenInput).toBe(TOKEN);
    expect(loadProfile('nope')).toBe(false);
    // A profile from before the protocols loads as a plain socket with the token in the query.
    useConsole.getState().setAppProtocol('stomp');
    useConsole.setState((st) => ({
      profiles: st.profiles.map((p) => ({
        name: p.name,
        serverUrl: p.serverUrl,
        paramName: p.paramName,
        requiredClaims: [],
        claimsTemplate: '',
        savedAt: 0,
      })),
    }));
    expect(loadProfile('without')).toBe(true);
    expect(useConsole.getState().appProtocol).toBe('plain');
    expect(useConsole.getState().tokenTravel).toBe('query');
    useConsole.getState().deleteProfile('with token');
    expect(useConsole.getState().profiles.map((p) => p.name)).toEqual(['without']);
  });
});
