import { useDeferredValue, useId } from 'react';
import {
  formatWallClock,
  lifetimeGeometry,
  socketCarriedToken,
  type LifetimeSegmentKind,
} from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';
import { anchorStyle } from './anchor.ts';

const segmentLook: Record<LifetimeSegmentKind, { cls: string; legend: string }> = {
  before: { cls: 'bg-slate-300 dark:bg-slate-600', legend: 'before iat' },
  pending: { cls: 'bg-amber-200 dark:bg-amber-900', legend: 'not yet valid' },
  leeway: { cls: 'bg-amber-400 dark:bg-amber-500 min-w-[3px]', legend: 'leeway' },
  valid: { cls: 'bg-emerald-500 dark:bg-emerald-600', legend: 'valid' },
  'open-ended': {
    cls: 'bg-linear-to-r from-emerald-500 to-emerald-500/5 dark:from-emerald-600 dark:to-emerald-600/5',
    legend: 'valid, no end',
  },
  expired: { cls: 'bg-rose-400 dark:bg-rose-700', legend: 'expired' },
};

/** The token's life as a bar: iat → nbf → exp, the leeway, a live "now", and where the socket closed. */
export function TokenLifetime() {
  const analysis = useDeferredValue(useConsole((s) => s.analysis)); // after the Token panel (BENCHMARKS.md)
  const now = useConsole((s) => s.now);
  const leewaySeconds = useConsole((s) => s.leewaySeconds);
  const attempt = useConsole((s) => s.attempt);
  const socketState = useConsole((s) => s.socketState);
  const descriptionId = useId();
  if (!analysis.payload) return null;

  // The socket only belongs on this picture when it carried this very token.
  const own = attempt && socketCarriedToken(attempt.url, analysis.token) ? attempt : null;
  const openEvent = own?.events.find((e) => e.type === 'open');
  const closeEvent = own?.events.find((e) => e.type === 'close');
  const { iat, nbf, exp } = analysis.times;
  const g = lifetimeGeometry({
    iat: iat?.seconds,
    nbf: nbf?.seconds,
    exp: exp?.seconds,
    now,
    leewaySeconds,
    openAt: openEvent?.time,
    closeAt: closeEvent?.time,
    socketOpen: !!own && !closeEvent && socketState === 'open',
    closeCode: closeEvent?.code,
    closeReason: closeEvent?.reason,
  });
  const socketEndPct = g.closePct ?? (own && openEvent && socketState === 'open' ? g.nowPct : undefined);
  const kinds = [...new Set(g.segments.map((s) => s.kind))];
  const verdictTone =
    g.closeVerdict?.kind === 'open-past-expiry' || g.closeVerdict?.kind === 'opened-expired'
      ? 'warn'
      : 'info';

  return (
    <figure className="space-y-1.5">
      <figcaption className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">
        Lifetime
      </figcaption>
      <div
        role="img"
        aria-label="Token lifetime"
        aria-describedby={descriptionId}
        data-state={g.state}
        data-now-pct={g.nowPct}
        data-now-clamped={g.nowClamped ?? undefined}
        data-elapsed-pct={g.elapsedPct}
        data-close-pct={g.closePct}
        data-close-at={closeEvent?.time}
        data-close-code={closeEvent?.code}
        data-verdict={g.closeVerdict?.kind}
        className="h-[78px] px-2 text-[11px] select-none"
      >
        <div className="relative h-full">
          {/* claim names above the bar */}
          {g.labels.map((l) => (
            <span
              key={l.ids.join()}
              data-label={l.ids.join(' ')}
              className="absolute top-0 font-mono font-semibold whitespace-nowrap text-slate-700 dark:text-slate-300"
              style={anchorStyle(l.pct, l.align)}
            >
              {l.text}
            </span>
          ))}
          {/* the bar */}
          <div className="absolute inset-x-0 top-[17px] h-4 overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
            {g.segments.map((s) => (
              <div
                key={`${s.kind}-${s.fromMs}`}
                data-segment={s.kind}
                className={`absolute inset-y-0 ${segmentLook[s.kind].cls}`}
                style={
                  // Anchored at the right end when it reaches it, so a minimum width (the leeway) grows inwards.
                  s.endPct >= 100
                    ? { right: 0, width: `${s.endPct - s.startPct}%` }
                    : { left: `${s.startPct}%`, width: `${s.endPct - s.startPct}%` }
                }
              />
            ))}
          </div>
          {/* tick marks of the claims */}
          {g.labels.map((l) => (
            <div
              key={`tick-${l.ids.join()}`}
              className="absolute top-[14px] h-[22px] w-px bg-slate-500 dark:bg-slate-400"
              style={{ left: `${l.pct}%` }}
            />
          ))}
          {/* the socket that carried this token: open → close */}
          {g.openPct !== undefined && socketEndPct !== undefined ? (
            <div
              data-socket-band=""
              className="absolute top-[36px] h-1 rounded-full bg-sky-500 dark:bg-sky-400"
              style={{ left: `${g.openPct}%`, width: `${Math.max(0.4, socketEndPct - g.openPct)}%` }}
            />
          ) : null}
          {g.closePct !== undefined ? (
            <span
              data-close-marker=""
              title={
                closeEvent
                  ? `socket closed ${closeEvent.code ?? ''} at ${formatWallClock(closeEvent.time)}`
                  : undefined
              }
              className="absolute top-[12px] flex h-[30px] w-3.5 -translate-x-1/2 justify-center"
              style={{ left: `${g.closePct}%` }}
            >
              <span className="h-full w-0.5 bg-rose-600 dark:bg-rose-400" />
              <span className="absolute top-[6px] flex size-3.5 items-center justify-center rounded-full bg-rose-600 text-[9px] leading-none font-bold text-white dark:bg-rose-500">
                ✕
              </span>
            </span>
          ) : null}
          {/* now */}
          <div
            className="absolute top-[13px] h-[29px] w-0.5 -translate-x-1/2 bg-sky-700 dark:bg-sky-300"
            style={{ left: `${g.nowPct}%` }}
            data-now-marker=""
          />
          {/* relative times under the bar */}
          {g.labels.map((l) => (
            <span
              key={`detail-${l.ids.join()}`}
              className="absolute top-[44px] whitespace-nowrap text-slate-500 dark:text-slate-400"
              style={anchorStyle(l.pct, l.align)}
            >
              {l.detail}
            </span>
          ))}
          <span
            className="absolute top-[60px] rounded bg-sky-700 px-1 font-semibold whitespace-nowrap text-white dark:bg-sky-300 dark:text-slate-900"
            style={anchorStyle(g.nowPct, g.nowPct < 12 ? 'start' : g.nowPct > 88 ? 'end' : 'center')}
          >
            {g.nowClamped === 'before' ? '‹ ' : ''}now · {g.nowText}
            {g.nowClamped === 'after' ? ' ›' : ''}
          </span>
        </div>
      </div>
      <p id={descriptionId} className="sr-only">
        {g.summary}
      </p>
      <ul
        className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400"
        aria-label="Lifetime legend"
      >
        {kinds.map((k) => (
          <li key={k} className="flex items-center gap-1">
            <span className={`inline-block h-2.5 w-4 rounded-sm ${segmentLook[k].cls}`} />
            {segmentLook[k].legend}
            {k === 'leeway' ? ` (${leewaySeconds} s)` : ''}
          </li>
        ))}
        {g.openPct !== undefined ? (
          <li className="flex items-center gap-1">
            <span className="inline-block h-1 w-4 rounded-full bg-sky-500 dark:bg-sky-400" />
            socket open
          </li>
        ) : null}
        {closeEvent ? (
          <li className="flex items-center gap-1">
            <span className="text-rose-600 dark:text-rose-400">✕</span>
            closed {closeEvent.code ?? ''} at {formatWallClock(closeEvent.time)}
          </li>
        ) : null}
      </ul>
      {g.closeVerdict ? (
        <Note tone={verdictTone}>
          <span data-close-verdict={g.closeVerdict.kind}>{g.closeVerdict.text}</span>
        </Note>
      ) : null}
    </figure>
  );
}
