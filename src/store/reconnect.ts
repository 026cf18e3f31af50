// Optional auto-reconnect (the Connection panel's "Auto-reconnect" toggle, off by default). What to do after
// each failure is the core's policy (src/core/reconnect/policy.ts): transient failures are retried with
// exponential backoff and jitter (0.5 s, 1 s, 2 s … capped at 30 s); an auth rejection is never retried with
// the same token, only with one re-minted from its own payload with the Secret or private key the user gave
// (once per change); a refusal a retry cannot change stops the loop. Why it stopped goes to the log, the
// Connection panel and the Diagnosis. A user's Connect or Disconnect ends the streak. socket.ts calls in
// here; nothing here imports it.
import {
  credentialFingerprint,
  decideReconnect,
  formatDuration,
  HMAC_ALGORITHMS,
  isAsymmetricAlg,
  NEW_STREAK,
  type AsymmetricAlg,
  type HmacAlg,
  type ReconnectDecision,
  type ReconnectMeans,
  type ReconnectStreak,
  type TokenAnalysis,
} from '../core/index.ts';
import { verificationKey } from './derive.ts';
import { scheduleFlush } from './log-flush.ts';
import { logBuffer } from './log.ts';
import { useConsole } from './store.ts';
import type { ConsoleState } from './types.ts';

export {
  reconnectDelay,
  RECONNECT_BASE_MS,
  RECONNECT_CAP_MS,
  RECONNECT_JITTER,
  RECONNECT_STABLE_MS,
} from '../core/index.ts';

/** A token expiring this soon is treated as expired (it would die on arrival). */
export const EXPIRY_MARGIN_MS = 1000;
const DEFAULT_LIFETIME_S = 24 * 3600;
const MAX_LIFETIME_S = 10 * 365 * 24 * 3600;

/**
 * The token's payload with iat = now and exp = now + its own lifetime (exp − iat; 24 h when that is
 * unknown), nbf = now when there was one; every other claim kept. Null when there is no readable payload.
 */
export function renewedPayload(analysis: TokenAnalysis, now: number): Record<string, unknown> | null {
  const p = analysis.payload;
  if (analysis.format !== 'jws' || p === undefined) return null;
  const exp = typeof p.exp === 'number' && Number.isFinite(p.exp) ? p.exp : undefined;
  const iat = typeof p.iat === 'number' && Number.isFinite(p.iat) ? p.iat : undefined;
  const lifetime =
    exp !== undefined && iat !== undefined && exp > iat && exp - iat <= MAX_LIFETIME_S
      ? exp - iat
      : DEFAULT_LIFETIME_S;
  const nowS = Math.floor(now / 1000);
  const out: Record<string, unknown> = { ...p, iat: nowS, exp: nowS + lifetime };
  if (typeof p.nbf === 'number') out.nbf = nowS;
  return out;
}

/** Whether the token has a numeric exp that has passed (or is about to). */
export function tokenExpired(analysis: TokenAnalysis, now: number): boolean {
  const exp = analysis.payload?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) && exp * 1000 <= now + EXPIRY_MARGIN_MS;
}

/** The renewed payload when the token has expired (or is about to), else null. */
export function refreshedPayload(analysis: TokenAnalysis, now: number): Record<string, unknown> | null {
  return tokenExpired(analysis, now) ? renewedPayload(analysis, now) : null;
}

/** Re-mint with the token's own HMAC alg when it has one, else the Mint panel's choice. */
export function remintAlg(tokenAlg: string | undefined, fallback: HmacAlg): HmacAlg {
  return (HMAC_ALGORITHMS as readonly string[]).includes(tokenAlg ?? '') ? (tokenAlg as HmacAlg) : fallback;
}

/** The key auto-reconnect can re-mint with: the private key when the Mint panel signs with one, else the Secret. */
type SigningKey =
  | { kind: 'private-key'; text: string; alg: AsymmetricAlg }
  | { kind: 'secret'; text: string; encoding: ConsoleState['secretEncoding']; alg: HmacAlg };

function signingKey(s: ConsoleState): SigningKey | null {
  if (s.mintSigner === 'private-key' && s.privateKeyText.trim() !== '') {
    const alg = isAsymmetricAlg(s.analysis.alg) ? s.analysis.alg : s.mintKeyAlg;
    return { kind: 'private-key', text: s.privateKeyText, alg };
  }
  if (s.secretText === '') return null;
  return {
    kind: 'secret',
    text: s.secretText,
    encoding: s.secretEncoding,
    alg: remintAlg(s.analysis.alg, s.mintAlg),
  };
}

function reconnectMeans(s: ConsoleState): ReconnectMeans {
  const key = signingKey(s);
  const verified =
    s.verifyKeyMode === 'secret' &&
    s.verification.state === 'done' &&
    s.verification.key === verificationKey(s) &&
    s.verification.triage?.given.ok === true;
  return {
    signingKey: key ? credentialFingerprint(`${key.kind}\u0000${key.alg}\u0000${key.text}`) : '',
    signingKeyLabel: key?.kind === 'private-key' ? 'your private key' : 'your Secret',
    payloadReadable: s.analysis.format === 'jws' && s.analysis.payload !== undefined,
    ...(key?.kind === 'secret' && verified ? { tokenSignedWithKey: true } : {}),
  };
}

// ---------------------------------------------------------------- the loop (module state, like socket.ts)

const get = useConsole.getState;
let timer: ReturnType<typeof setTimeout> | undefined;
let streak: ReconnectStreak = NEW_STREAK;
/** The retry in flight: a retry still awaiting its checks or a re-mint goes on only while it is this one
 * (the attempt number alone is not enough: a new streak counts from 1 again). */
let ticket: object | null = null;

/** The signing code, loaded on first use (not in the first load). Tests replace these to see a failed load. */
export const signingCode = {
  hmac: () => import('../core/jws/mint.ts'),
  privateKey: () => import('../core/keys/mint-key.ts'),
};

/** How a socket the user did not close ended (socket.ts fills it in). */
export interface EndedSocket {
  attempt: number;
  code: number;
  reason: string;
  opened: boolean;
  /** How long it stayed open, ms (0 when it never opened). */
  openedForMs: number;
  /** The token it sent. */
  token: string;
  /** performance.now() at its Connect, to time the log entry. */
  t0: number;
  /** The checks of a failure before open (the x-ray may find an HTTP 401 behind the 1006), when they ran. */
  checks?: Promise<unknown>;
}

/** Stops a scheduled retry and ends the streak (the user's Connect or Disconnect). */
export function cancelReconnect({ clearNote = false }: { clearNote?: boolean } = {}): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  ticket = null;
  streak = NEW_STREAK;
  const s = get();
  const patch: Partial<ConsoleState> = {};
  if (s.reconnect !== null) patch.reconnect = null;
  if (clearNote && s.reconnectNote !== null) patch.reconnectNote = null;
  if (clearNote && s.reconnectStopped !== null) patch.reconnectStopped = null;
  if (Object.keys(patch).length > 0) useConsole.setState(patch);
}

/** The policy's decision for this ended socket, with what the store knows now. */
function decide(ended: EndedSocket): ReconnectDecision {
  const s = get();
  const xray = s.attempt?.id === ended.attempt ? s.attempt.xray : undefined;
  const failure = {
    code: ended.code,
    reason: ended.reason,
    opened: ended.opened,
    openedForMs: ended.openedForMs,
    token: credentialFingerprint(ended.token),
    tokenExpired: tokenExpired(s.analysis, Date.now()),
    ...(xray ? { httpStatus: xray.status } : {}),
  };
  return decideReconnect(streak, failure, reconnectMeans(s));
}

/** Called when a socket the user did not close has ended: retries or stops, when the toggle is on. */
export function scheduleReconnect(open: () => void, ended: EndedSocket): void {
  if (!get().autoReconnect) return;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  const decision = decide(ended);
  if (decision.action === 'stop') {
    stopReconnect(decision.why, ended);
    return;
  }
  const { attempt, delayMs } = decision;
  const mine = {};
  ticket = mine;
  useConsole.setState({ reconnect: { attempt, at: Date.now() + delayMs, delayMs }, reconnectStopped: null });
  timer = setTimeout(() => {
    timer = undefined;
    retry(open, ended, mine).catch((error: unknown) => {
      // A lazy-loaded part (the signing code) did not arrive: say so rather than leave "reconnecting" up.
      if (ticket !== mine) return; // the user stepped in meanwhile
      stopReconnect(
        `Auto-reconnect stopped: it could not prepare the retry (${error instanceof Error ? error.message : String(error)}). Reload the page, then click Connect.`,
        ended,
      );
    });
  }, delayMs);
}

function stillWanted(mine: object): boolean {
  const s = get();
  return s.autoReconnect && s.reconnect !== null && ticket === mine;
}

async function retry(open: () => void, ended: EndedSocket, mine: object): Promise<void> {
  if (!stillWanted(mine)) return;
  // The x-ray, reachability and /health of this failure are bounded in time; with them in, decide again.
  if (ended.checks) await ended.checks;
  if (!stillWanted(mine)) return;
  const decision = decide(ended);
  if (decision.action === 'stop') {
    stopReconnect(decision.why, ended);
    return;
  }
  streak = decision.streak;
  const now = Date.now();
  const expired = tokenExpired(get().analysis, now);
  const reminted =
    decision.remint || expired ? await remintToken(now, expired ? 'expired' : 'rejected') : false;
  if (decision.remint && !reminted) {
    stopReconnect(
      `Auto-reconnect stopped: the server rejected this token and re-minting it failed${get().reconnectNote ? ` (${get().reconnectNote})` : ''}.`,
      ended,
    );
    return;
  }
  if (!stillWanted(mine)) return; // the user stepped in while the token was being minted
  ticket = null;
  useConsole.setState({ reconnect: null });
  open();
}

/** Ends the loop and says why: in the Connection panel, the Diagnosis and the log. */
function stopReconnect(why: string, ended: EndedSocket): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  ticket = null;
  const attempts = streak.retries;
  streak = NEW_STREAK;
  useConsole.setState({
    reconnect: null,
    reconnectStopped: { why, attempt: ended.attempt, retries: attempts },
  });
  logBuffer.add({
    type: 'reconnect',
    at: Math.round((performance.now() - ended.t0) * 10) / 10,
    time: Date.now(),
    message: why,
    seq: 0,
    attempt: ended.attempt,
  });
  scheduleFlush(true);
}

/** Re-mints an expired token with the user's secret and puts it in the Token field. True when it did. */
export async function refreshExpiredToken(now: number): Promise<boolean> {
  return tokenExpired(get().analysis, now) && remintToken(now, 'expired');
}

/**
 * Re-mints the token from its own payload (fresh iat and exp, the same lifetime, every other claim kept) with
 * the Secret or private key, puts it in the Token field and says so. True when it did.
 */
async function remintToken(now: number, why: 'expired' | 'rejected'): Promise<boolean> {
  const s = get();
  const key = signingKey(s);
  const payload = renewedPayload(s.analysis, now);
  if (key === null || payload === null) return false;
  const result =
    key.kind === 'secret'
      ? await signingCode
          .hmac()
          .then((m) => m.mintToken(payload, { text: key.text, encoding: key.encoding }, key.alg))
      : await signingCode.privateKey().then((m) => m.mintWithPrivateKey(payload, key.text, key.alg));
  const which = key.kind === 'secret' ? 'your secret' : 'your private key';
  if (!result.ok) {
    useConsole.setState({
      reconnectNote: `Auto-reconnect could not re-mint the ${why === 'expired' ? 'expired ' : ''}token: ${result.message}`,
    });
    return false;
  }
  get().setTokenInput(result.token);
  const lifetime = formatDuration(((payload.exp as number) - (payload.iat as number)) * 1000);
  const cause = why === 'expired' ? 'The token had expired' : 'The server rejected the token';
  useConsole.setState({
    reconnectNote: `${cause}, so auto-reconnect re-minted it with ${which} (${key.alg}; iat now, exp in ${lifetime}; other claims kept) and put it in the Token field.`,
  });
  return true;
}
