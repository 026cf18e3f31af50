import type { CSSProperties } from 'react';

/** Positions a caption at `pct` % of a picture so that it stays inside it: left-, centre- or right-anchored. */
export function anchorStyle(pct: number, align: 'start' | 'center' | 'end'): CSSProperties {
  if (align === 'start') return { left: `${pct}%` };
  if (align === 'end') return { right: `${100 - pct}%` };
  return { left: `${pct}%`, transform: 'translateX(-50%)' };
}
