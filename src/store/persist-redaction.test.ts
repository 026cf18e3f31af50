// Issue 11.1: a token or key inside the Server URL was persisted as typed. Through the real store and its
// persist middleware, with an in-memory localStorage: what is written holds no credential byte, and a
// "reload" (the store imported afresh over the same storage) says what was not kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedItems as stored } from './memory-storage.test-helpers.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (payload: Record<string, unknown>, signature: string) =>
  `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.${signature}`;
const TOKEN = jwt({ userId: 'in-token-param' }, 'c2lnbmF0dXJlLWluLXRoZS10b2tlbi1wYXJhbQ');
const OTHER = jwt({ userId: 'in-other-param' }, 'c2lnbmF0dXJlLWluLWFub3RoZXItcGFyYW0');
const KEY = 'K3y-v4lue-0123456789';
const PASSWORD = 'pa55word-xyz';

/** The store as a fresh page load over the same localStorage would create it. */
async function freshStore() {
  vi.resetModules();
  const { useConsole } = await import('./store.ts');
  await useConsole.persist.rehydrate();
  return useConsole;
}

afterEach(() => {
  stored.clear();
});

describe('persisting the Server URL', () => {
  it('credentials are never written (userinfo, token parameter, other JWTs, key parameters); the rest is', async () => {
    const useConsole = await freshStore();
    const url = `ws://alice:${PASSWORD}@localhost:3000/ws?room=1&token=${TOKEN}&jwt=${OTHER}&api_key=${KEY}&apikey=${KEY}x`;
    useConsole.getState().setServerUrl(url);
    // The live field keeps what was typed: the socket opens the real URL.
    expect(useConsole.getState().serverUrl).toBe(url);
    const written = [...stored.values()].join('\n');
    for (const secret of [PASSWORD, TOKEN.split('.')[2], OTHER.split('.')[2], TOKEN, OTHER, KEY])
      expect(written).not.toContain(secret);
    expect(written).toContain('ws://localhost:3000/ws?room=1&token=&jwt=&api_key=&apikey=');
  });

  it('after a reload the URL comes back without them, and the note says what was not kept', async () => {
    let useConsole = await freshStore();
    useConsole.getState().setServerUrl(`ws://alice:${PASSWORD}@localhost:3000/?api_key=${KEY}`);
    useConsole = await freshStore();
    const s = useConsole.getState();
    expect(s.serverUrl).toBe('ws://localhost:3000/?api_key=');
    expect(s.restoredUrlNote).toEqual({
      url: 'ws://localhost:3000/?api_key=',
      notKept: ['the userinfo', 'the value of api_key'],
    });
  });

  it('a URL stored whole by an older version is cleaned when it is read, and written back clean', async () => {
    stored.set(
      'wsjwt-settings',
      JSON.stringify({ state: { serverUrl: `ws://h:1/?token=${TOKEN}`, paramName: 'token' }, version: 1 }),
    );
    const useConsole = await freshStore();
    expect(useConsole.getState().serverUrl).toBe('ws://h:1/?token=');
    useConsole.getState().setTimeoutMs(5000); // any change writes the settings
    expect([...stored.values()].join('\n')).not.toContain(TOKEN.split('.')[2]);
  });

  it('"Remember the token" keeps the token, not a key or password pasted with it', async () => {
    let useConsole = await freshStore();
    useConsole.getState().setRememberToken(true);
    useConsole.getState().setTokenInput(`ws://u:${PASSWORD}@h/?token=${TOKEN}&api_key=${KEY}`);
    const written = [...stored.values()].join('\n');
    expect(written).toContain(TOKEN);
    expect(written).not.toContain(PASSWORD);
    expect(written).not.toContain(KEY);
    useConsole = await freshStore();
    expect(useConsole.getState().analysis.token).toBe(TOKEN);
    // Text that is not a URL is kept as pasted (an "@" in it is not a userinfo).
    const pasted = `{"token":"${TOKEN}","email":"a@b.c"}`;
    useConsole.getState().setTokenInput(pasted);
    useConsole = await freshStore();
    expect(useConsole.getState().tokenInput).toBe(pasted);
  });

  it('a saved profile keeps neither; saving says so', async () => {
    const useConsole = await freshStore();
    const { saveProfile } = await import('./profile-actions.ts');
    useConsole.getState().setServerUrl(`ws://alice:${PASSWORD}@localhost:3000/?access_token=${TOKEN}`);
    const saved = saveProfile('with creds', { includeToken: false });
    expect(saved.notes).toContain(
      'Not saved from the Server URL: the userinfo and the value of access_token (credentials are never stored).',
    );
    expect(useConsole.getState().profiles[0]?.serverUrl).toBe('ws://localhost:3000/?access_token=');
    const written = [...stored.values()].join('\n');
    expect(written).not.toContain(PASSWORD);
    expect(written).not.toContain(TOKEN.split('.')[2]);
  });
});
