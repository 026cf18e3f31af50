// Minting and verification as the actions run them (the signing itself is tested in src/core/jws).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mint, mintCode } from './mint-actions.ts';
import { useConsole } from './store.ts';
import { startVerification, stopVerification, verifierCode } from './verify-actions.ts';

const get = useConsole.getState;
const SECRET = 'mint-verify-test-secret-0123456789';

afterEach(() => {
  vi.restoreAllMocks();
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

describe('when the lazy-loaded code fails (a chunk that did not arrive)', () => {
  const chunkError = () => new TypeError('Failed to fetch dynamically imported module');

  it('verification ends "failed" with a message, not "checking" forever', async () => {
    vi.spyOn(verifierCode, 'secret').mockRejectedValue(chunkError());
    startVerification();
    get().setTokenInput('eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2ln');
    get().setSecretText(SECRET);
    await vi.waitFor(() => expect(get().verification.state).toBe('failed'));
    expect(get().verification.error).toMatch(
      /^The signature could not be checked: .*\(Failed to fetch dynamically imported module\)\. Reload the page/,
    );
  });

  it('a public key check that fails to load ends "failed" too', async () => {
    vi.spyOn(verifierCode, 'publicKey').mockRejectedValue(chunkError());
    startVerification();
    get().setTokenInput('eyJhbGciOiJSUzI1NiJ9.eyJ1c2VySWQiOiIxIn0.c2ln');
    get().setVerifyKeyMode('public-key');
    get().setPublicKeyText('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----');
    await vi.waitFor(() => expect(get().verification.state).toBe('failed'));
    get().setVerifyKeyMode('secret');
  });

  it('mint: the signing code failing to load says so and leaves minting off', async () => {
    get().setSecretText(SECRET);
    vi.spyOn(mintCode, 'hmac').mockRejectedValue(chunkError());
    await mint();
    expect(get().minting).toBe(false);
    expect(get().mintError).toMatch(
      /^Minting failed: Failed to fetch dynamically imported module\. Reload the page/,
    );
  });

  it('mint: a signer that throws (instead of answering) leaves minting off with the message', async () => {
    useConsole.setState({ mintSigner: 'private-key', privateKeyText: 'x' });
    vi.spyOn(mintCode, 'privateKey').mockRejectedValue(new Error('crypto.subtle is unavailable'));
    await mint();
    expect(get().minting).toBe(false);
    expect(get().mintError).toBe(
      'Minting failed: crypto.subtle is unavailable. Reload the page to try again.',
    );
  });
});
