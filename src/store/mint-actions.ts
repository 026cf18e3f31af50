// Minting: signs the payload with the secret (HMAC) or a private key and puts the token in Token.
import { webCryptoAvailability } from '../core/index.ts';
import { useConsole } from './store.ts';
import type { ConsoleState } from './types.ts';

const get = useConsole.getState;

/** The signing code, loaded on first use (not in the first load). Tests replace these to see a failed load. */
export const mintCode = {
  hmac: () => import('../core/jws/mint.ts'),
  privateKey: () => import('../core/keys/mint-key.ts'),
};

export async function mint(): Promise<void> {
  const s = get();
  const crypto = webCryptoAvailability();
  if (!crypto.ok) {
    useConsole.setState({ mintError: crypto.message });
    return;
  }
  if (s.mintSigner === 'private-key') {
    await mintWithKey(s);
    return;
  }
  if (s.secretText === '') {
    useConsole.setState({
      mintError:
        'Enter a secret first: the token is signed with it (the server must use the same JWT_SECRET).',
    });
    return;
  }
  const secret = { text: s.secretText, encoding: s.secretEncoding };
  await mintPayload(s.payloadText, async (payload) => {
    const { mintToken } = await mintCode.hmac();
    return mintToken(payload, secret, s.mintAlg);
  });
}

async function mintWithKey(s: ConsoleState): Promise<void> {
  await mintPayload(s.payloadText, async (payload) => {
    const { mintWithPrivateKey } = await mintCode.privateKey();
    return mintWithPrivateKey(payload, s.privateKeyText, s.mintKeyAlg);
  });
}

type Signed = { ok: true; token: string } | { ok: false; message: string };

/** Parses the payload, signs it with `sign` and puts the token in Token, or says what went wrong. */
async function mintPayload(
  payloadText: string,
  sign: (payload: Record<string, unknown>) => Promise<Signed>,
): Promise<void> {
  try {
    const { parsePayloadJson } = await mintCode.hmac();
    const parsed = parsePayloadJson(payloadText);
    if (!parsed.ok) {
      useConsole.setState({ mintError: `The payload is not valid JSON: ${parsed.message}` });
      return;
    }
    useConsole.setState({ minting: true, mintError: null });
    const result = await sign(parsed.payload);
    if (result.ok) {
      useConsole.setState({ minting: false });
      get().setTokenInput(result.token);
    } else {
      useConsole.setState({ minting: false, mintError: result.message });
    }
  } catch (error) {
    // The signing code did not load, or signing threw: never leave "minting" on without a word.
    useConsole.setState({
      minting: false,
      mintError: `Minting failed: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`,
    });
  }
}
