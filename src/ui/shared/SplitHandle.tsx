import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitHandleProps {
  /** What the handle resizes, e.g. "Resize the token pane". */
  label: string;
  /** Size of the pane before the handle, in percent of the container. */
  value: number;
  min: number;
  max: number;
  onChange: (percent: number) => void;
}

const STEP = 2;

/**
 * A vertical splitter between two side-by-side panes (WAI-ARIA window splitter): drag it, or focus it and
 * use the arrow keys, Home and End. Sizes are percentages of the parent, so a window resize keeps the
 * proportions. About 1 KB: a layout library (react-resizable-panels: 16 KB gzip) did not earn its bytes
 * for one splitter in a first load kept under 100 KB.
 */
export function SplitHandle({ label, value, min, max, onChange }: SplitHandleProps) {
  const dragging = useRef(false);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const parent = e.currentTarget.parentElement?.getBoundingClientRect();
    if (!parent || parent.width === 0) return;
    onChange(clamp(((e.clientX - parent.left) / parent.width) * 100));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      e.key === 'ArrowLeft'
        ? value - STEP
        : e.key === 'ArrowRight'
          ? value + STEP
          : e.key === 'Home'
            ? min
            : e.key === 'End'
              ? max
              : null;
    if (next === null) return;
    e.preventDefault();
    onChange(clamp(next));
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
      className="group hidden w-2 shrink-0 cursor-col-resize touch-none items-stretch justify-center focus-visible:outline-2 focus-visible:outline-sky-500 lg:flex"
    >
      <div className="w-px bg-slate-300 group-hover:w-0.5 group-hover:bg-sky-500 dark:bg-slate-700" />
    </div>
  );
}
