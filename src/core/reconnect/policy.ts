// When to reconnect, and when to stop: the pure policy behind the console's Auto-reconnect. A serious
// client does not hammer a server that already said no: after an auth rejection it retries only when it
// can change something (a token re-minted with the key it holds), once per change; a refusal that cannot
// change on a retry stops it; anything that may pass (a drop, a restart, an overload, a refused port) is
// retried with exponential backoff, jitter and a cap. The store keeps the streak and acts on the decision.
import {
  closeCodeInfo,
  closeRetryClass,
  httpRefusalRetryClass,
  type RetryClass,
} from '../close-codes/index.ts';

export const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 30_000;
/** ± this fraction of the delay, so many consoles do not retry in step. */
export const RECONNECT_JITTER = 0.2;
/** A connection that stayed open this long was a success: the streak starts again. */
export const RECONNECT_STABLE_MS = 10_000;

/** The wait before retry number `attempt` (1-based): base × 2^(attempt−1), ± jitter, capped. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const exponential = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  const jittered = exponential * (1 - RECONNECT_JITTER + 2 * RECONNECT_JITTER * r);
  return Math.min(RECONNECT_CAP_MS, Math.round(jittered));
}

/** Failures since the user's Connect or the last stable connection. */
export interface ReconnectStreak {
  /** Retries scheduled in this streak (the attempt counter the user sees). */
  retries: number;
  /** Changes already tried after an auth rejection: `expiry:<token>` (a fresh exp for that token) and
   * `resign:<key>` (a token signed with that key). Each is tried at most once. */
  triedChanges: readonly string[];
}

export const NEW_STREAK: ReconnectStreak = { retries: 0, triedChanges: [] };

/** How the last connection ended, as the page saw it (plus the x-ray's HTTP status when there was one). */
export interface ReconnectFailure {
  /** The close code the page got (1006 for any failure before open). */
  code: number;
  reason?: string;
  opened: boolean;
  /** How long it stayed open (0 when it never opened). */
  openedForMs: number;
  /** The HTTP status of a refused upgrade, when the x-ray (or the CLI) saw it. */
  httpStatus?: number;
  /** Identifies the token that was sent (a fingerprint, not the token). */
  token: string;
  /** The token had expired (or was about to) when it was refused. */
  tokenExpired: boolean;
}

/** What the console holds to change the credential. */
export interface ReconnectMeans {
  /** Identifies the key it can re-mint with (a fingerprint); '' when it holds none. */
  signingKey: string;
  /** How to name that key to the user: "your Secret", "your private key". */
  signingKeyLabel: string;
  /** The rejected token's payload can be read, so a re-mint keeps its claims. */
  payloadReadable: boolean;
  /** The rejected token already verifies with that key: re-signing it changes nothing but iat/exp. */
  tokenSignedWithKey?: boolean;
}

export type ReconnectDecision =
  | {
      action: 'retry';
      /** 1-based: the attempt counter shown to the user. */
      attempt: number;
      delayMs: number;
      /** Re-mint the token with the held key before retrying. */
      remint: boolean;
      streak: ReconnectStreak;
    }
  | { action: 'stop'; kind: Exclude<RetryClass, 'transient'>; why: string; streak: ReconnectStreak };

/** The class of this failure: the x-ray's HTTP status when the page only saw 1006, else the close code. */
export function failureRetryClass(f: Pick<ReconnectFailure, 'code' | 'opened' | 'httpStatus'>): RetryClass {
  if (!f.opened && f.httpStatus !== undefined) return httpRefusalRetryClass(f.httpStatus);
  return closeRetryClass(f.code);
}

/** "close 1008 Policy Violation “invalid signature”" or "HTTP 401 refusal of the upgrade". */
export function describeFailure(
  f: Pick<ReconnectFailure, 'code' | 'reason' | 'opened' | 'httpStatus'>,
): string {
  if (!f.opened && f.httpStatus !== undefined) return `HTTP ${f.httpStatus} refusal of the upgrade`;
  const reason = f.reason ? ` “${f.reason.slice(0, 80)}”` : '';
  return `close ${f.code} ${closeCodeInfo(f.code).name}${reason}`;
}

/**
 * What Auto-reconnect does after `failure`: retry (after how long, re-minting first or not) or stop (and
 * why, in a sentence for the log and the diagnosis). Pure: the streak comes in and the next one goes out.
 */
export function decideReconnect(
  streak: ReconnectStreak,
  failure: ReconnectFailure,
  means: ReconnectMeans,
  random: () => number = Math.random,
): ReconnectDecision {
  const base = failure.opened && failure.openedForMs >= RECONNECT_STABLE_MS ? NEW_STREAK : streak;
  const what = describeFailure(failure);
  const kind = failureRetryClass(failure);
  if (kind === 'terminal') {
    const why = `Auto-reconnect stopped: the server answered ${what}, which a retry of the same request cannot change. Fix the cause (see the diagnosis), then click Connect.`;
    return { action: 'stop', kind, why, streak: base };
  }
  let remint = false;
  let triedChanges = base.triedChanges;
  if (kind === 'auth') {
    const change = authChange(failure, means, base, what);
    if (typeof change !== 'string') return { action: 'stop', kind, why: change.why, streak: base };
    remint = true;
    // A token signed with this key is what the retry sends: re-signing with it again changes nothing.
    triedChanges = [...new Set([...triedChanges, change, `resign:${means.signingKey}`])];
  }
  const attempt = base.retries + 1;
  return {
    action: 'retry',
    attempt,
    delayMs: reconnectDelay(attempt, random),
    remint,
    streak: { retries: attempt, triedChanges },
  };
}

/** The change a re-mint would make after an auth rejection, or why there is none worth a retry. */
function authChange(
  f: ReconnectFailure,
  means: ReconnectMeans,
  streak: ReconnectStreak,
  what: string,
): string | { why: string } {
  const refused = `Auto-reconnect stopped: the server rejected this token (${what}); sending it again would get the same answer.`;
  if (means.signingKey === '')
    return { why: `${refused} Fix the token, or give the Secret so it can re-mint one, then click Connect.` };
  if (!means.payloadReadable)
    return { why: `${refused} Its payload cannot be read, so there is nothing to re-mint from.` };
  const change = f.tokenExpired ? `expiry:${f.token}` : `resign:${means.signingKey}`;
  if (streak.triedChanges.includes(change))
    return {
      why: `Auto-reconnect stopped: the server rejected a token re-minted with ${means.signingKeyLabel} too (${what}). Nothing it can change would help: check the server's secret, algorithm and required claims (see the diagnosis), then click Connect.`,
    };
  if (!f.tokenExpired && means.tokenSignedWithKey === true)
    return {
      why: `${refused} It already verifies with ${means.signingKeyLabel} and has not expired, so a re-mint would change nothing: the server likely uses another secret or wants other claims (see the diagnosis).`,
    };
  return change;
}

/** A short, stable fingerprint (FNV-1a, 32 bits) to tell tokens and keys apart without keeping them. */
export function credentialFingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
