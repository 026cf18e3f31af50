import { afterEach, describe, expect, it, vi } from 'vitest';
import { INSECURE_CONTEXT_MESSAGE, webCryptoAvailability } from './webcrypto.ts';

describe('webCryptoAvailability', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is available in this environment (globalThis.crypto.subtle)', () => {
    expect(webCryptoAvailability()).toEqual({ ok: true });
  });

  it('explains the insecure-context case exactly', () => {
    const r = webCryptoAvailability({ isSecureContext: false, crypto: {} });
    expect(r).toEqual({ ok: false, code: 'ERR_NO_WEBCRYPTO', message: INSECURE_CONTEXT_MESSAGE });
    expect(INSECURE_CONTEXT_MESSAGE).toBe(
      'crypto.subtle is only available in a secure context (https or http://localhost / 127.0.0.1); this page was opened over plain http on another address (e.g. a LAN IP), so the browser hides WebCrypto; open it via http://localhost:5173 or https.',
    );
  });

  it('reads the real globals', () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('crypto', {});
    const r = webCryptoAvailability();
    expect(!r.ok && r.message).toBe(INSECURE_CONTEXT_MESSAGE);
  });

  it('has a different message when the context is secure but WebCrypto is missing', () => {
    const r = webCryptoAvailability({ isSecureContext: true });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/no WebCrypto/);
  });
});
