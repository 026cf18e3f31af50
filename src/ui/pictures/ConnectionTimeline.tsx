import { useId } from 'react';
import { formatDuration, timelineGeometry, type TimelineMarker } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { timelineDensity } from '../../store/timeline.ts';
import { anchorStyle } from './anchor.ts';

const markerLook: Record<TimelineMarker['kind'], string> = {
  connect: 'bg-slate-500 dark:bg-slate-400',
  open: 'bg-emerald-700 dark:bg-emerald-300',
  error: 'bg-rose-600 dark:bg-rose-400',
  timeout: 'bg-amber-600 dark:bg-amber-400',
  'unexpected-response': 'bg-rose-600 dark:bg-rose-400',
  close: 'bg-slate-800 dark:bg-slate-100',
};

/** One connection attempt in time: Connect → open → messages (density) → close, with durations. */
export function ConnectionTimeline() {
  const attempt = useConsole((s) => s.attempt);
  const now = useConsole((s) => s.now);
  // The log flush (once per frame) is the subscription; the density is read from its module, not copied per message.
  useConsole((s) => s.logVersion);
  const descriptionId = useId();

  const events = attempt?.events ?? [];
  const density = attempt ? timelineDensity(attempt.id) : null;
  const g = timelineGeometry({ events, elapsedMs: attempt ? now - attempt.startedAt : 0, density });
  const open = g.phases.find((p) => p.kind === 'open');
  const connecting = g.phases.find((p) => p.kind === 'connecting');

  return (
    <figure className="space-y-1">
      <figcaption className="sr-only">Connection timeline</figcaption>
      <div
        role="img"
        aria-label="Connection timeline"
        aria-describedby={descriptionId}
        data-state={g.state}
        data-connect-ms={g.connectToOpenMs}
        data-open-ms={g.openToCloseMs}
        data-messages={g.messages}
        data-close-code={g.close?.code}
        className="h-[66px] px-2 text-[11px] select-none"
      >
        <div className="relative h-full">
          {/* message density, above the track */}
          <div className="absolute inset-x-0 top-0 h-6" data-density="">
            {g.bars.map((b) => (
              <div
                key={b.startPct}
                className="absolute bottom-0 min-w-px rounded-t-sm bg-sky-500/80 dark:bg-sky-400/80"
                style={{
                  left: `${b.startPct}%`,
                  width: `${b.widthPct}%`,
                  height: `${Math.max(8, b.heightPct)}%`,
                }}
              />
            ))}
          </div>
          {/* the phases */}
          <div className="absolute inset-x-0 top-[26px] h-3.5 overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
            {g.phases.map((p) => (
              <div
                key={p.kind}
                data-phase={p.kind}
                className={`absolute inset-y-0 min-w-[3px] ${
                  p.kind === 'open'
                    ? 'bg-emerald-500 dark:bg-emerald-600'
                    : p.failed
                      ? 'bg-rose-400 dark:bg-rose-700'
                      : 'bg-amber-400 dark:bg-amber-500'
                } ${p.live ? 'animate-pulse motion-reduce:animate-none' : ''}`}
                style={{ left: `${p.startPct}%`, width: `${p.endPct - p.startPct}%` }}
              />
            ))}
          </div>
          {g.markers.map((m, i) => (
            <div
              key={`${m.kind}-${i}`}
              data-marker={m.kind}
              className={`absolute top-[22px] h-[22px] w-0.5 -translate-x-1/2 ${markerLook[m.kind]}`}
              style={{ left: `${m.pct}%` }}
            />
          ))}
          {g.labels.map((l) => (
            <span
              key={`${l.text}-${l.pct}`}
              className="absolute top-[46px] font-mono whitespace-nowrap text-slate-700 dark:text-slate-300"
              style={anchorStyle(l.pct, l.align)}
            >
              {l.text}
            </span>
          ))}
          {g.state === 'none' ? (
            <span className="absolute top-[46px] left-0 text-slate-500 dark:text-slate-400">
              No connection yet.
            </span>
          ) : null}
        </div>
      </div>
      <p id={descriptionId} className="sr-only">
        {g.summary}
      </p>
      {g.state !== 'none' ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
          {connecting ? (
            <span className="flex items-center gap-1">
              <span
                className={`inline-block h-2.5 w-3 rounded-sm ${connecting.failed ? 'bg-rose-400 dark:bg-rose-700' : 'bg-amber-400 dark:bg-amber-500'}`}
              />
              <span data-duration="connect">{connecting.label}</span>
            </span>
          ) : null}
          {open ? (
            <span className="flex items-center gap-1">
              <span className="inline-block h-2.5 w-3 rounded-sm bg-emerald-500 dark:bg-emerald-600" />
              <span data-duration="open">{open.label}</span>
            </span>
          ) : null}
          <span className="flex items-center gap-1">
            <span className="inline-block h-2.5 w-1 rounded-sm bg-sky-500/80 dark:bg-sky-400/80" />
            {g.messages.toLocaleString()} message{g.messages === 1 ? '' : 's'}
            {density && density.total > 0 ? ` · ${formatDuration(density.bucketMs)} per bar` : ''}
          </span>
          {g.close ? (
            <span data-duration="close" className="font-medium text-slate-800 dark:text-slate-200">
              close {g.close.code ?? ''} {g.close.name ?? ''}
              {g.close.reason ? ` “${g.close.reason}”` : ''}
            </span>
          ) : null}
        </p>
      ) : null}
    </figure>
  );
}
