// Actions for keys beyond a shared secret: generating a key pair for minting, and fetching a JWKS from a URL.
// The fetch lives here (the core does no I/O); the core says what the answer means and why a fetch failed.
import {
  checkJwksUrl,
  explainJwksFetchFailure,
  generateKeyPairPem,
  readJwksResponse,
  webCryptoAvailability,
  type JwksFetchFailureKind,
} from '../core/index.ts';
import { derive } from './derive.ts';
import { useConsole } from './store.ts';
import type { JwksFetch } from './types.ts';

const get = useConsole.getState;

/**
 * Generates a key pair for the chosen algorithm: the private key goes to the mint panel's Private key, the
 * public key to the verification's Public key (which becomes the verification mode), so a minted token
 * verifies at once.
 */
export async function generateKeys(): Promise<void> {
  const s = get();
  const crypto = webCryptoAvailability();
  if (!crypto.ok) {
    useConsole.setState({ mintError: crypto.message });
    return;
  }
  const alg = s.mintKeyAlg;
  useConsole.setState({ generatingKeys: true, mintError: null });
  try {
    const pair = await generateKeyPairPem(alg);
    useConsole.setState((st) =>
      derive(st, {
        generatingKeys: false,
        mintSigner: 'private-key',
        privateKeyText: pair.privatePem,
        publicKeyText: pair.publicPem,
        verifyKeyMode: 'public-key',
      }),
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    useConsole.setState({
      generatingKeys: false,
      mintError: `This browser could not generate ${/^E/.test(alg) ? 'an' : 'a'} ${alg} key pair: ${detail}`,
    });
  }
}

const MAX_JWKS_BYTES = 1024 * 1024;

type Loaded = { ok: true; text: string; message?: string } | { ok: false; message: string };

async function load(url: string, pageOrigin: string, viaDiscovery = false): Promise<Loaded> {
  const failure = (kind: JwksFetchFailureKind, extra: { status?: number; detail?: string } = {}): Loaded => ({
    ok: false,
    message: explainJwksFetchFailure({ kind, url, pageOrigin, ...extra }),
  });
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(8000) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return failure('timeout');
    // fetch hides why it failed. A no-cors request of the same URL tells: an (opaque) answer means the
    // server answered and the browser only refused to let this page read it — CORS.
    try {
      await fetch(url, {
        mode: 'no-cors',
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.timeout(5000),
      });
      return failure('cors');
    } catch {
      return failure('unreachable');
    }
  }
  if (!res.ok) return failure('http-status', { status: res.status });
  const text = await res.text();
  if (text.length > MAX_JWKS_BYTES) return failure('too-big');
  const read = readJwksResponse(text);
  if (read.kind === 'invalid') return failure(read.failure, { detail: read.detail });
  if (read.kind === 'discovery') {
    if (viaDiscovery) return failure('not-jwks', { detail: 'it is a discovery document again' });
    let next: string;
    try {
      next = new URL(read.jwksUri, url).href;
    } catch {
      return failure('not-jwks', { detail: `its jwks_uri "${read.jwksUri.slice(0, 80)}" is not a URL` });
    }
    const loaded = await load(next, pageOrigin, true);
    return loaded.ok
      ? { ...loaded, message: `An OpenID discovery document: loaded its jwks_uri ${next}.` }
      : loaded;
  }
  return {
    ok: true,
    text: read.text,
    message: `Loaded ${read.keyCount} key${read.keyCount === 1 ? '' : 's'} from ${url}.`,
  };
}

/** Fetches the JWKS at the JWKS URL; verification then runs with it. A failure is explained (CORS…). */
export async function fetchJwks(): Promise<void> {
  const input = get().jwksUrl;
  const set = (jwks: JwksFetch) =>
    useConsole.setState((st) => (st.jwksUrl === input ? derive(st, { jwks }) : {}));
  const pageProtocol = typeof location === 'undefined' ? undefined : location.protocol;
  const pageOrigin = typeof location === 'undefined' ? 'this page' : location.origin;
  const check = checkJwksUrl(input, pageProtocol);
  if (!check.ok) {
    set({ url: input, state: 'failed', message: check.message });
    return;
  }
  set({ url: input, state: 'fetching' });
  const loaded = await load(check.url, pageOrigin);
  set(
    loaded.ok
      ? { url: input, state: 'done', text: loaded.text, message: loaded.message }
      : { url: input, state: 'failed', message: loaded.message },
  );
}
