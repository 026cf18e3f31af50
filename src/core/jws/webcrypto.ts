export type WebCryptoAvailability = { ok: true } | { ok: false; code: 'ERR_NO_WEBCRYPTO'; message: string };

/** The globals WebCrypto availability depends on (defaults to globalThis; injectable for tests). */
export interface WebCryptoScope {
  isSecureContext?: boolean;
  crypto?: { subtle?: unknown };
}

export const INSECURE_CONTEXT_MESSAGE =
  'crypto.subtle is only available in a secure context (https or http://localhost / 127.0.0.1); this page was opened over plain http on another address (e.g. a LAN IP), so the browser hides WebCrypto; open it via http://localhost:5173 or https.';

const NO_WEBCRYPTO_MESSAGE =
  'This environment has no WebCrypto (crypto.subtle), so signatures cannot be checked or made here; use a current browser or the CLI.';

/**
 * Whether signatures can be verified and minted here. Browsers hide crypto.subtle outside a secure
 * context, which is the usual reason the console opened via a LAN IP cannot verify anything.
 */
export function webCryptoAvailability(
  scope: WebCryptoScope = globalThis as WebCryptoScope,
): WebCryptoAvailability {
  const subtle = scope.crypto?.subtle;
  if (typeof subtle === 'object' && subtle !== null) return { ok: true };
  const message = scope.isSecureContext === false ? INSECURE_CONTEXT_MESSAGE : NO_WEBCRYPTO_MESSAGE;
  return { ok: false, code: 'ERR_NO_WEBCRYPTO', message };
}
