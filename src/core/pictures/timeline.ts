// The connection timeline picture, as numbers: Connect → open → messages (density) → close, with the
// duration of each phase. Pure: times are ms since Connect, as the events carry them.
import { closeCodeInfo } from '../close-codes/index.ts';
import type { ConnectionEvent } from '../diagnosis/types.ts';
import { formatDuration } from '../time/relative.ts';
import type { DensitySnapshot } from './density.ts';

export interface TimelineInput {
  /** The events of one attempt, in order (messages may be only the first few: density comes separately). */
  events: readonly ConnectionEvent[];
  /** ms since Connect right now; the end of the picture while the attempt is live. */
  elapsedMs: number;
  /** Messages counted into time buckets since Connect. */
  density?: DensitySnapshot | null;
}

export type TimelineState = 'none' | 'connecting' | 'open' | 'closed';

export interface TimelinePhase {
  /** connecting: Connect until open (or until the end when it never opened); open: open until close. */
  kind: 'connecting' | 'open';
  /** The attempt never opened: this connecting phase failed. */
  failed: boolean;
  /** Still running. */
  live: boolean;
  fromMs: number;
  toMs: number;
  durationMs: number;
  startPct: number;
  endPct: number;
  /** "Connect → open 284 ms", "open → close 3.2 s", "open 1.5 s (live)". */
  label: string;
}

export interface TimelineMarker {
  kind: 'connect' | 'open' | 'error' | 'timeout' | 'close' | 'unexpected-response';
  atMs: number;
  pct: number;
  /** "Connect", "open", "close 1008", "error", "timeout", "HTTP 401". */
  label: string;
}

/** Marker captions, merged when they would overlap ("Connect · open"). */
export interface TimelineLabel {
  pct: number;
  text: string;
  align: 'start' | 'center' | 'end';
  kinds: Array<TimelineMarker['kind']>;
}

export interface TimelineBar {
  startPct: number;
  widthPct: number;
  count: number;
  /** Share of the busiest bucket, 0–100. */
  heightPct: number;
}

export interface TimelineClose {
  code?: number;
  name?: string;
  reason?: string;
  wasClean?: boolean;
}

export interface TimelineGeometry {
  state: TimelineState;
  /** The picture's length: ms since Connect. */
  endMs: number;
  phases: TimelinePhase[];
  markers: TimelineMarker[];
  labels: TimelineLabel[];
  /** Message density bars (empty buckets left out). */
  bars: TimelineBar[];
  messages: number;
  connectToOpenMs?: number;
  openToCloseMs?: number;
  close?: TimelineClose;
  /** Text alternative of the whole picture. */
  summary: string;
}

/** Captions closer than this (in % of the picture) are merged into one. */
const LABEL_MERGE_PCT = 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const atOf = (e: ConnectionEvent | undefined) => (e && Number.isFinite(e.at) ? Math.max(0, e.at) : undefined);

export function timelineGeometry(input: TimelineInput): TimelineGeometry {
  const events = input.events;
  if (events.length === 0) {
    return {
      state: 'none',
      endMs: 0,
      phases: [],
      markers: [],
      labels: [],
      bars: [],
      messages: 0,
      summary: 'No connection yet.',
    };
  }
  const open = events.find((e) => e.type === 'open');
  const close = events.find((e) => e.type === 'close');
  const openAt = atOf(open);
  const closeAt = atOf(close);
  const elapsed = Number.isFinite(input.elapsedMs) ? Math.max(0, input.elapsedMs) : 0;
  const lastEventAt = Math.max(0, ...events.map((e) => atOf(e) ?? 0));
  const state: TimelineState = close ? 'closed' : open ? 'open' : 'connecting';
  const endMs = Math.max(closeAt ?? Math.max(elapsed, lastEventAt), openAt ?? 0, 1);
  const pct = (t: number) => round2(clamp((t / endMs) * 100, 0, 100));

  const phases: TimelinePhase[] = [];
  const connectingEnd = openAt ?? closeAt ?? endMs;
  const failed = openAt === undefined && closeAt !== undefined;
  const connectingLive = openAt === undefined && closeAt === undefined;
  phases.push({
    kind: 'connecting',
    failed,
    live: connectingLive,
    fromMs: 0,
    toMs: connectingEnd,
    durationMs: connectingEnd,
    startPct: 0,
    endPct: pct(connectingEnd),
    label:
      openAt !== undefined
        ? `Connect → open ${formatDuration(openAt)}`
        : failed
          ? `Connect → close ${formatDuration(connectingEnd)}`
          : `connecting ${formatDuration(connectingEnd)}`,
  });
  let openToCloseMs: number | undefined;
  if (openAt !== undefined) {
    const to = closeAt ?? endMs;
    const duration = Math.max(0, to - openAt);
    if (closeAt !== undefined) openToCloseMs = duration;
    phases.push({
      kind: 'open',
      failed: false,
      live: closeAt === undefined,
      fromMs: openAt,
      toMs: to,
      durationMs: duration,
      startPct: pct(openAt),
      endPct: pct(to),
      label:
        closeAt !== undefined
          ? `open → close ${formatDuration(duration)}`
          : `open ${formatDuration(duration)}`,
    });
  }

  const markers: TimelineMarker[] = [{ kind: 'connect', atMs: 0, pct: 0, label: 'Connect' }];
  for (const e of events) {
    const at = atOf(e) ?? 0;
    if (e.type === 'open') markers.push({ kind: 'open', atMs: at, pct: pct(at), label: 'open' });
    else if (e.type === 'error') markers.push({ kind: 'error', atMs: at, pct: pct(at), label: 'error' });
    else if (e.type === 'timeout')
      markers.push({ kind: 'timeout', atMs: at, pct: pct(at), label: 'timeout' });
    else if (e.type === 'unexpected-response')
      markers.push({
        kind: 'unexpected-response',
        atMs: at,
        pct: pct(at),
        label: e.status !== undefined ? `HTTP ${e.status}` : 'refused',
      });
    else if (e.type === 'close')
      markers.push({
        kind: 'close',
        atMs: at,
        pct: pct(at),
        label: e.code !== undefined ? `close ${e.code}` : 'close',
      });
  }

  const labels: TimelineLabel[] = [];
  for (const m of markers) {
    const prev = labels[labels.length - 1];
    if (prev && m.pct - prev.pct < LABEL_MERGE_PCT) {
      prev.text = `${prev.text} · ${m.label}`;
      prev.kinds.push(m.kind);
      continue;
    }
    labels.push({ pct: m.pct, text: m.label, align: 'center', kinds: [m.kind] });
  }
  for (const l of labels) l.align = l.pct < 12 ? 'start' : l.pct > 88 ? 'end' : 'center';

  // Density: the buckets inside the picture, scaled to the busiest one.
  const bars: TimelineBar[] = [];
  const density = input.density;
  let messages = events.filter((e) => e.type === 'message').length;
  if (density && density.bucketMs > 0) {
    messages = Math.max(messages, density.total);
    let max = 0;
    for (const c of density.counts) if (c > max) max = c;
    if (max > 0) {
      density.counts.forEach((count, i) => {
        if (count <= 0) return;
        const from = i * density.bucketMs;
        if (from >= endMs) return;
        const to = Math.min(endMs, from + density.bucketMs);
        const startPct = pct(from);
        bars.push({
          startPct,
          widthPct: round2(Math.max(0, pct(to) - startPct)),
          count,
          heightPct: round2((count / max) * 100),
        });
      });
    }
  }

  let closeInfo: TimelineClose | undefined;
  if (close) {
    closeInfo = {};
    if (close.code !== undefined) {
      closeInfo.code = close.code;
      closeInfo.name = closeCodeInfo(close.code).name;
    }
    if (close.reason) closeInfo.reason = close.reason;
    if (close.wasClean !== undefined) closeInfo.wasClean = close.wasClean;
  }

  const sentences: string[] = [];
  if (openAt !== undefined) sentences.push(`Connect → open ${formatDuration(openAt)}.`);
  else if (failed) sentences.push(`Never opened: closed ${formatDuration(connectingEnd)} after Connect.`);
  else sentences.push(`Connecting for ${formatDuration(connectingEnd)}.`);
  if (openAt !== undefined) {
    const openPhase = phases[1];
    if (openPhase)
      sentences.push(
        closeAt !== undefined
          ? `Open for ${formatDuration(openPhase.durationMs)}, then closed.`
          : `Open for ${formatDuration(openPhase.durationMs)} so far.`,
      );
  }
  sentences.push(`${messages.toLocaleString('en-US')} message${messages === 1 ? '' : 's'} received.`);
  const errors = events.filter((e) => e.type === 'error').length;
  if (errors > 0) sentences.push(`${errors} error${errors === 1 ? '' : 's'}.`);
  if (events.some((e) => e.type === 'timeout')) sentences.push('The upgrade timed out.');
  if (closeInfo) {
    const code = closeInfo.code !== undefined ? ` ${closeInfo.code} ${closeInfo.name ?? ''}`.trimEnd() : '';
    sentences.push(`Close${code}${closeInfo.reason ? ` “${closeInfo.reason}”` : ''}.`);
  }

  const geometry: TimelineGeometry = {
    state,
    endMs,
    phases,
    markers,
    labels,
    bars,
    messages,
    summary: sentences.join(' '),
  };
  if (openAt !== undefined) geometry.connectToOpenMs = openAt;
  if (openToCloseMs !== undefined) geometry.openToCloseMs = openToCloseMs;
  if (closeInfo) geometry.close = closeInfo;
  return geometry;
}
