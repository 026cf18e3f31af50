// The token lifetime picture, as numbers: a bar from iat through nbf to exp (plus the leeway), where "now"
// falls on it, and — when the socket that carried this token closed — where the close fell and what that
// says about the server. Pure: the clock is an argument, positions are percentages of the bar.
import { formatDuration, formatRelative } from '../time/relative.ts';

export interface LifetimeInput {
  /** Claims as in the token: seconds since the epoch. */
  iat?: number;
  nbf?: number;
  exp?: number;
  /** The local clock, epoch ms. */
  now: number;
  /** Clock tolerance in seconds (applies before nbf and after exp). Default 0. */
  leewaySeconds?: number;
  /** Epoch ms at which the socket that carried this token opened, if it did. */
  openAt?: number;
  /** Epoch ms at which that socket closed, if it did. */
  closeAt?: number;
  /** That socket is open right now. */
  socketOpen?: boolean;
  /** The close code and reason of that socket, when it closed: "jwt expired" is evidence. */
  closeCode?: number;
  closeReason?: string;
}

export type LifetimeSegmentKind =
  /** before iat (the bar was extended to show "now" or the socket there) */
  | 'before'
  /** issued, but nbf not reached */
  | 'pending'
  /** the clock tolerance around nbf and after exp */
  | 'leeway'
  | 'valid'
  /** valid, and no exp: the bar has no end */
  | 'open-ended'
  /** after exp + leeway */
  | 'expired';

export interface LifetimeSegment {
  kind: LifetimeSegmentKind;
  /** Epoch ms. */
  fromMs: number;
  toMs: number;
  /** Position on the bar, 0–100. */
  startPct: number;
  endPct: number;
}

export interface LifetimeLabel {
  /** Which instants the label stands for (close ones are merged: "iat · nbf"). */
  ids: Array<'iat' | 'nbf' | 'exp' | 'no-exp'>;
  pct: number;
  /** Short: "iat", "iat · nbf", "exp", "no expiry". */
  text: string;
  /** Relative: "issued 2 h ago", "expires in 22 h". */
  detail: string;
  /** How to anchor the text at pct so it stays inside the bar. */
  align: 'start' | 'center' | 'end';
}

/** Where "now" stands relative to the token, with the leeway applied (as the token status does). */
export type LifetimeState = 'valid' | 'in-leeway' | 'expired' | 'not-yet-valid' | 'no-expiry';

export type CloseVerdictKind =
  /** closed at exp (+ leeway) after having been open: the server watches exp on open sockets */
  | 'enforces-expiry'
  /** open (or closed) well past exp: the server checks exp only at connect */
  | 'open-past-expiry'
  /** the token had expired before the socket opened, and the server closed it right away (the guide's server opens, then closes 1008) */
  | 'expired-at-connect'
  /** opened with an expired token and stayed open: the server does not check exp */
  | 'opened-expired'
  /** closed well before exp: something else ended it */
  | 'closed-before-expiry'
  /** never opened */
  | 'closed-before-open';

export interface CloseVerdict {
  kind: CloseVerdictKind;
  text: string;
}

export interface LifetimeGeometry {
  state: LifetimeState;
  /** The bar's time range, epoch ms. */
  startMs: number;
  endMs: number;
  segments: LifetimeSegment[];
  /** 0–100; clamped to the bar when now is off it (see nowClamped). */
  nowPct: number;
  nowClamped: 'before' | 'after' | null;
  /** "expires in 22 h", "expired 5 min ago", "valid in 5 min", "no expiry". */
  nowText: string;
  /** Share of iat→exp (or nbf→exp) already elapsed, 0–100, when both ends exist. */
  elapsedPct?: number;
  closePct?: number;
  closeClamped?: 'before' | 'after' | null;
  openPct?: number;
  labels: LifetimeLabel[];
  /** Text alternative of the whole picture, for screen readers. */
  summary: string;
  closeVerdict: CloseVerdict | null;
}

/** A close up to this long before exp still counts as "at exp" (clocks and timers are not exact). */
export const EXPIRY_CLOSE_EARLY_MS = 2000;
/** A close up to this long after exp + leeway still counts as "at exp". */
export const EXPIRY_CLOSE_LATE_MS = 5000;
/** A socket closed this soon after opening was refused at connect (servers that verify after the upgrade). */
export const CLOSED_AT_CONNECT_MS = 2000;
/** Labels closer than this (in % of the bar) are merged into one. */
const LABEL_MERGE_PCT = 9;
/** The bar is extended by at most this share of its length to show "now" or the socket off its ends. */
const MAX_EXTENSION = 0.25;
const MIN_EXTENSION = 0.06;
const MAX_EPOCH_MS = 8.64e15;

function claimMs(seconds: number | undefined): number | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const ms = seconds * 1000;
  return Math.abs(ms) > MAX_EPOCH_MS ? undefined : ms;
}

function finiteOr(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The close reason names expiry ("jwt expired", "Token has expired", "TokenExpiredError"). */
const EXPIRY_REASON = /expir/i;
/** A close that refuses authentication (the guide's 1008, graphql-ws 4401/4403, common 4001) or says so. */
function isAuthClose(code: number | undefined, reason: string): boolean {
  return (
    code === 1008 ||
    code === 4001 ||
    code === 4401 ||
    code === 4403 ||
    /auth|token|jwt|unauthori[sz]ed|forbidden/i.test(reason)
  );
}

interface SocketFacts {
  openAt: number | undefined;
  closeAt: number | undefined;
  socketOpen: boolean;
  closeCode: number | undefined;
  closeReason: string;
}

function closeVerdictOf(
  expMs: number | undefined,
  leewayMs: number,
  now: number,
  f: SocketFacts,
): CloseVerdict | null {
  const { openAt, closeAt, socketOpen, closeCode, closeReason } = f;
  if (closeAt !== undefined && openAt === undefined) {
    return {
      kind: 'closed-before-open',
      text: 'The socket closed without ever opening: it ended at connect.',
    };
  }
  if (expMs === undefined || openAt === undefined) return null;
  const lastValid = expMs + leewayMs;
  if (openAt > lastValid) {
    // Servers that verify after the upgrade (the guide's) open, then close 1008: a refusal, however slow.
    if (
      closeAt !== undefined &&
      (closeAt - openAt < CLOSED_AT_CONNECT_MS ||
        EXPIRY_REASON.test(closeReason) ||
        isAuthClose(closeCode, closeReason))
    ) {
      return {
        kind: 'expired-at-connect',
        text: `The token had expired ${formatDuration(openAt - expMs)} before the socket opened: the server closed it at connect.`,
      };
    }
    if (closeAt === undefined && (!socketOpen || now - openAt < EXPIRY_CLOSE_LATE_MS)) return null;
    return {
      kind: 'opened-expired',
      text: `The socket stayed open although the token had expired ${formatDuration(openAt - expMs)} before: the server does not check exp.`,
    };
  }
  if (closeAt !== undefined) {
    if (closeAt >= expMs - EXPIRY_CLOSE_EARLY_MS && closeAt <= lastValid + EXPIRY_CLOSE_LATE_MS) {
      const delta = closeAt - expMs;
      const when =
        Math.abs(delta) < 50
          ? 'at exp'
          : `${formatDuration(Math.abs(delta))} ${delta < 0 ? 'before' : 'after'} exp`;
      return {
        kind: 'enforces-expiry',
        text: `The socket closed ${when}: the server enforces expiry on open sockets.`,
      };
    }
    if (closeAt > lastValid && EXPIRY_REASON.test(closeReason)) {
      // Closed for expiry, only later: the server checks open sockets now and then.
      return {
        kind: 'enforces-expiry',
        text: `The socket closed ${formatDuration(closeAt - expMs)} after exp, saying so: the server enforces expiry on open sockets (it checks now and then).`,
      };
    }
    if (closeAt > lastValid) {
      return {
        kind: 'open-past-expiry',
        text: `The socket stayed open ${formatDuration(closeAt - expMs)} past exp: the server checks exp only at connect.`,
      };
    }
    return {
      kind: 'closed-before-expiry',
      text: `The socket closed ${formatDuration(expMs - closeAt)} before exp: expiry did not end it.`,
    };
  }
  if (socketOpen && now > lastValid + EXPIRY_CLOSE_LATE_MS) {
    return {
      kind: 'open-past-expiry',
      text: `The socket is still open ${formatDuration(now - expMs)} past exp: the server checks exp only at connect.`,
    };
  }
  return null;
}

/** The token lifetime picture as positions and sentences. Never throws for odd claims: they are left out. */
export function lifetimeGeometry(input: LifetimeInput): LifetimeGeometry {
  const now = input.now;
  if (typeof now !== 'number' || !Number.isFinite(now))
    throw new TypeError('lifetimeGeometry: now must be epoch milliseconds');
  const leewaySeconds = finiteOr(input.leewaySeconds) ?? 0;
  const leewayMs = Math.max(0, leewaySeconds) * 1000;
  const iat = claimMs(input.iat);
  const nbf = claimMs(input.nbf);
  const exp = claimMs(input.exp);
  const openAt = finiteOr(input.openAt);
  const closeAt = finiteOr(input.closeAt);

  // The token's own range [a, b].
  const starts = [iat, nbf !== undefined ? nbf - leewayMs : undefined].filter(
    (x): x is number => x !== undefined,
  );
  let a: number | undefined = starts.length > 0 ? Math.min(...starts) : undefined;
  let b: number | undefined = exp !== undefined ? exp + leewayMs : undefined;
  const points = [now, openAt, closeAt].filter((x): x is number => x !== undefined);
  if (a === undefined) {
    a = Math.min(...points, b ?? now);
    if (b !== undefined && b - a < 1000) a = b - 60_000;
  }
  if (b === undefined) {
    // No exp: the bar reaches a little past the latest thing it must show, and has no end.
    const last = Math.max(a, ...points);
    b = last + Math.max(60_000, (last - a) * 0.2);
  }
  if (b <= a) {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    a = lo;
    b = hi > lo ? hi : lo + 1000;
  }

  // Extend the bar (a little) for "now" or the socket off its ends; beyond that they are clamped.
  const span = b - a;
  let start = a;
  let end = b;
  const latest = Math.max(...points);
  const earliest = Math.min(...points);
  if (latest > b) end = b + span * clamp((latest - b) / span + 0.02, MIN_EXTENSION, MAX_EXTENSION);
  if (earliest < a) start = a - span * clamp((a - earliest) / span + 0.02, MIN_EXTENSION, MAX_EXTENSION);
  const total = end - start;
  const pct = (t: number) => round2(clamp(((t - start) / total) * 100, 0, 100));
  const side = (t: number): 'before' | 'after' | null => (t < start ? 'before' : t > end ? 'after' : null);

  // Segments, in time order.
  const raw: Array<[LifetimeSegmentKind, number, number]> = [];
  if (start < a) raw.push(['before', start, a]);
  const validFrom = nbf ?? iat ?? a;
  if (nbf !== undefined) {
    if (iat !== undefined && nbf - leewayMs > iat) raw.push(['pending', iat, nbf - leewayMs]);
    if (leewayMs > 0) raw.push(['leeway', nbf - leewayMs, nbf]);
  }
  if (exp !== undefined) {
    raw.push(['valid', validFrom, exp]);
    if (leewayMs > 0) raw.push(['leeway', exp, exp + leewayMs]);
    if (end > exp + leewayMs) raw.push(['expired', exp + leewayMs, end]);
  } else {
    raw.push(['open-ended', validFrom, end]);
  }
  const segments: LifetimeSegment[] = [];
  for (const [kind, from, to] of raw) {
    const f = Math.max(from, start);
    const t = Math.min(to, end);
    if (t <= f) continue;
    segments.push({ kind, fromMs: f, toMs: t, startPct: pct(f), endPct: pct(t) });
  }

  // Where now is.
  let state: LifetimeState;
  if (nbf !== undefined && now < nbf - leewayMs) state = 'not-yet-valid';
  else if (exp !== undefined && now >= exp + leewayMs) state = 'expired';
  else if (exp !== undefined && now >= exp) state = 'in-leeway';
  else if (exp === undefined) state = 'no-expiry';
  else state = 'valid';

  let nowText: string;
  switch (state) {
    case 'not-yet-valid':
      nowText = `valid ${formatRelative((nbf as number) - now)}`;
      break;
    case 'expired':
      nowText = `expired ${formatRelative((exp as number) - now)}`;
      break;
    case 'in-leeway':
      nowText = `expired ${formatRelative((exp as number) - now)}, inside the ${leewaySeconds} s leeway`;
      break;
    case 'no-expiry':
      nowText = 'no expiry';
      break;
    default:
      nowText = `expires ${formatRelative((exp as number) - now)}`;
  }

  const lifeStart = iat ?? nbf;
  const elapsedPct =
    lifeStart !== undefined && exp !== undefined && exp > lifeStart
      ? Math.round(clamp(((now - lifeStart) / (exp - lifeStart)) * 100, 0, 100))
      : undefined;

  // Labels: iat, nbf, exp (or "no expiry" at the open end), merged when they would overlap.
  const marks: Array<{ id: LifetimeLabel['ids'][number]; pct: number; detail: string }> = [];
  if (iat !== undefined)
    marks.push({ id: 'iat', pct: pct(iat), detail: `issued ${formatRelative(iat - now)}` });
  if (nbf !== undefined)
    marks.push({
      id: 'nbf',
      pct: pct(nbf),
      detail: nbf > now ? `valid ${formatRelative(nbf - now)}` : `valid since ${formatRelative(nbf - now)}`,
    });
  if (exp !== undefined)
    marks.push({
      id: 'exp',
      pct: pct(exp),
      detail: exp > now ? `expires ${formatRelative(exp - now)}` : `expired ${formatRelative(exp - now)}`,
    });
  else marks.push({ id: 'no-exp', pct: 100, detail: 'never expires' });
  const labels: LifetimeLabel[] = [];
  for (const m of marks) {
    const prev = labels[labels.length - 1];
    if (prev && Math.abs(m.pct - prev.pct) < LABEL_MERGE_PCT) {
      prev.ids.push(m.id);
      prev.text = prev.ids.map((id) => (id === 'no-exp' ? 'no expiry' : id)).join(' · ');
      prev.detail = `${prev.detail}; ${m.detail}`;
      continue;
    }
    labels.push({
      ids: [m.id],
      pct: m.pct,
      text: m.id === 'no-exp' ? 'no expiry' : m.id,
      detail: m.detail,
      align: 'center',
    });
  }
  for (const l of labels) l.align = l.pct < 12 ? 'start' : l.pct > 88 ? 'end' : 'center';

  const closeVerdict = closeVerdictOf(exp, leewayMs, now, {
    openAt,
    closeAt,
    socketOpen: input.socketOpen === true,
    closeCode: finiteOr(input.closeCode),
    closeReason: typeof input.closeReason === 'string' ? input.closeReason : '',
  });

  // The text alternative.
  const sentences: string[] = [];
  if (iat !== undefined) sentences.push(`Issued ${formatRelative(iat - now)}.`);
  if (nbf !== undefined) sentences.push(`Not valid before ${formatRelative(nbf - now)}.`);
  if (state === 'valid')
    sentences.push(
      `${capitalize(nowText)}${elapsedPct !== undefined ? `; now at ${elapsedPct}% of its lifetime` : ''}.`,
    );
  else if (state === 'no-expiry') sentences.push('No expiry: the token never expires.');
  else if (state === 'not-yet-valid') sentences.push(`Not yet valid: ${nowText}.`);
  else sentences.push(`${capitalize(nowText)}.`);
  if (leewayMs > 0) sentences.push(`Leeway ${leewaySeconds} s.`);
  if (openAt !== undefined) sentences.push(`The socket opened ${formatRelative(openAt - now)}.`);
  if (closeAt !== undefined) sentences.push(`It closed ${formatRelative(closeAt - now)}.`);
  if (closeVerdict) sentences.push(closeVerdict.text);

  const geometry: LifetimeGeometry = {
    state,
    startMs: start,
    endMs: end,
    segments,
    nowPct: pct(now),
    nowClamped: side(now),
    nowText,
    labels,
    summary: sentences.join(' '),
    closeVerdict,
  };
  if (elapsedPct !== undefined) geometry.elapsedPct = elapsedPct;
  if (openAt !== undefined) geometry.openPct = pct(openAt);
  if (closeAt !== undefined) {
    geometry.closePct = pct(closeAt);
    geometry.closeClamped = side(closeAt);
  }
  return geometry;
}

/** Whether a socket URL carried this token (in any query parameter): only then does its close belong on the token's picture. */
export function socketCarriedToken(url: string, token: string): boolean {
  if (token === '') return false;
  try {
    for (const value of new URL(url).searchParams.values()) if (value === token) return true;
    return false;
  } catch {
    return url.includes(encodeURIComponent(token));
  }
}
