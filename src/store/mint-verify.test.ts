// Minting and verification as the actions run them (the signing itself is tested in src/core/jws).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mint } from './mint-actions.ts';
import { useConsole } from './store.ts';
import { startVerification, stopVerification } from './verify-actions.ts';

const get = useConsole.getState;
const SECRET = 'mint-verify-test-secret-0123456789';

afterEach(() => {
  stopVerification();
  get().setSecretText('');
  useConsole.setState({ mintError: null, minting: false, mintSigner: 'secret' });
});

describe('mint', () => {
  it('asks for a secret first', async () => {
    await mint();
    expect(get().mintError).toMatch(/^Enter a secret first/);
    expect(get().minting).toBe(false);
  });

  it('says when the payload is not JSON', async () => {
    get().setSecretText(SECRET);
    get().setPayloadText('{ not json');
    await mint();
    expect(get().mintError).toMatch(/^The payload is not valid JSON: /);
  });

  it('signs the payload with the secret and puts the token in Token', async () => {
    get().setSecretText(SECRET);
    get().setPayloadText('{"userId":"1","role":"r"}');
    await mint();
    expect(get().mintError).toBeNull();
    expect(get().minting).toBe(false);
    expect(get().analysis.payload).toEqual({ userId: '1', role: 'r' });
  });
});

describe('verification', () => {
  it('verifies whenever the store asks, and keeps the verdict keyed to its inputs', async () => {
    get().setSecretText(SECRET);
    get().setPayloadText('{"userId":"1"}');
    await mint();
    startVerification();
    await vi.waitFor(() => expect(get().verification.state).toBe('done'));
    expect(get().verification.triage?.given.ok).toBe(true);
    get().setSecretText('another secret entirely, 0123456789');
    expect(get().verification.state).toBe('checking');
    await vi.waitFor(() => expect(get().verification.state).toBe('done'));
    expect(get().verification.triage?.given.ok).toBe(false);
  });
});
