// Optional auto-reconnect (the Connection panel's "Auto-reconnect" toggle, off by default): when the socket
// ends without the user asking, retry with exponential backoff and jitter (0.5 s, 1 s, 2 s … capped at
// 30 s). Before each retry, a token that has expired is re-minted from its own payload — fresh iat and exp,
// the same lifetime, every other claim kept — when the user has given the secret, and the Token field says
// so. A user's Connect or Disconnect stops the loop. actions.ts calls in here; nothing here imports it.
import { formatDuration, HMAC_ALGORITHMS, type HmacAlg, type TokenAnalysis } from '../core/index.ts';
import { useConsole } from './store.ts';

export const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 30_000;
/** ± this fraction of the delay, so many consoles do not retry in step. */
export const RECONNECT_JITTER = 0.2;
/** A connection that stayed open this long was a success: the backoff starts again from the base. */
export const RECONNECT_STABLE_MS = 10_000;
/** A token expiring this soon is treated as expired (it would die on arrival). */
export const EXPIRY_MARGIN_MS = 1000;
const DEFAULT_LIFETIME_S = 24 * 3600;
const MAX_LIFETIME_S = 10 * 365 * 24 * 3600;

/** The wait before retry number `attempt` (1-based): base × 2^(attempt−1), ± jitter, capped. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const exponential = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  const jittered = exponential * (1 - RECONNECT_JITTER + 2 * RECONNECT_JITTER * r);
  return Math.min(RECONNECT_CAP_MS, Math.round(jittered));
}

/**
 * The payload to re-mint when the token has expired (or is about to): the same claims, iat = now, exp = now
 * + the token's own lifetime (exp − iat; 24 h when that is unknown), nbf = now when there was one. Null when
 * the token is not a readable JWS with a numeric exp, or has not expired.
 */
export function refreshedPayload(analysis: TokenAnalysis, now: number): Record<string, unknown> | null {
  const p = analysis.payload;
  if (analysis.format !== 'jws' || p === undefined) return null;
  const exp = p.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp * 1000 > now + EXPIRY_MARGIN_MS) return null;
  const iat = typeof p.iat === 'number' && Number.isFinite(p.iat) ? p.iat : undefined;
  const lifetime =
    iat !== undefined && exp > iat && exp - iat <= MAX_LIFETIME_S ? exp - iat : DEFAULT_LIFETIME_S;
  const nowS = Math.floor(now / 1000);
  const out: Record<string, unknown> = { ...p, iat: nowS, exp: nowS + lifetime };
  if (typeof p.nbf === 'number') out.nbf = nowS;
  return out;
}

/** Re-mint with the token's own HMAC alg when it has one, else the Mint panel's choice. */
export function remintAlg(tokenAlg: string | undefined, fallback: HmacAlg): HmacAlg {
  return (HMAC_ALGORITHMS as readonly string[]).includes(tokenAlg ?? '') ? (tokenAlg as HmacAlg) : fallback;
}

// ---------------------------------------------------------------- the loop (module state, like actions.ts)

const get = useConsole.getState;
let timer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;

/** Stops a scheduled retry and starts the backoff afresh (the user's Connect or Disconnect). */
export function cancelReconnect({ clearNote = false }: { clearNote?: boolean } = {}): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  attempts = 0;
  const s = get();
  if (s.reconnect !== null || (clearNote && s.reconnectNote !== null)) {
    useConsole.setState(clearNote ? { reconnect: null, reconnectNote: null } : { reconnect: null });
  }
}

/** Called when a socket the user did not close has ended: schedules the next retry when the toggle is on. */
export function scheduleReconnect(open: () => void, openedForMs: number): void {
  if (!get().autoReconnect) return;
  if (timer !== undefined) clearTimeout(timer);
  if (openedForMs >= RECONNECT_STABLE_MS) attempts = 0;
  attempts++;
  const attempt = attempts;
  const delayMs = reconnectDelay(attempt);
  useConsole.setState({ reconnect: { attempt, at: Date.now() + delayMs, delayMs } });
  timer = setTimeout(() => {
    timer = undefined;
    void retry(open, attempt);
  }, delayMs);
}

function stillWanted(attempt: number): boolean {
  const s = get();
  return s.autoReconnect && s.reconnect?.attempt === attempt;
}

async function retry(open: () => void, attempt: number): Promise<void> {
  if (!stillWanted(attempt)) return;
  await refreshExpiredToken(Date.now());
  if (!stillWanted(attempt)) return; // the user stepped in while the token was being minted
  useConsole.setState({ reconnect: null });
  open();
}

/** Re-mints an expired token with the user's secret and puts it in the Token field. True when it did. */
export async function refreshExpiredToken(now: number): Promise<boolean> {
  const s = get();
  if (s.secretText === '') return false;
  const payload = refreshedPayload(s.analysis, now);
  if (payload === null) return false;
  const alg = remintAlg(s.analysis.alg, s.mintAlg);
  const { mintToken } = await import('../core/jws/mint.ts'); // loaded on first use, not in the first load
  const result = await mintToken(payload, { text: s.secretText, encoding: s.secretEncoding }, alg);
  if (!result.ok) {
    useConsole.setState({
      reconnectNote: `Auto-reconnect could not re-mint the expired token: ${result.message}`,
    });
    return false;
  }
  get().setTokenInput(result.token);
  const lifetime = formatDuration(((payload.exp as number) - (payload.iat as number)) * 1000);
  useConsole.setState({
    reconnectNote: `The token had expired, so auto-reconnect re-minted it with your secret (${alg}; iat now, exp in ${lifetime}; other claims kept) and put it in the Token field.`,
  });
  return true;
}
