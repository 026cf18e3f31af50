import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Accessible name of the region; defaults to the title. */
  label?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  role?: 'region';
}

/** A titled card. With `role="region"` it is a landmark named by its label. */
export function Panel({ title, label, actions, children, className = '', role }: PanelProps) {
  return (
    <section
      role={role}
      aria-label={role ? (label ?? title) : undefined}
      className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
          {title}
        </h2>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
