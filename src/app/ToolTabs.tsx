import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

// Each tool's code loads when its tab is first opened, or when the browser is idle after the load event
// (BENCHMARKS.md, first load). Once mounted a panel stays mounted, hidden: a running composer interval or
// test matrix run, a half-typed payload, keep going while another tab is shown.
const Composer = lazy(() => import('../ui/log/Composer.tsx').then((m) => ({ default: m.Composer })));
const MintPanel = lazy(() => import('../ui/token/MintPanel.tsx').then((m) => ({ default: m.MintPanel })));
const EncodingLab = lazy(() =>
  import('../ui/travel/EncodingLab.tsx').then((m) => ({ default: m.EncodingLab })),
);
const TestMatrix = lazy(() => import('../ui/matrix/TestMatrix.tsx').then((m) => ({ default: m.TestMatrix })));
const ProfilesPanel = lazy(() =>
  import('../ui/profiles/ProfilesPanel.tsx').then((m) => ({ default: m.ProfilesPanel })),
);

export type ToolId = 'composer' | 'mint' | 'encoding' | 'matrix' | 'profiles';

interface Tool {
  id: ToolId;
  /** The tab's accessible name. */
  title: string;
  panel: () => ReactNode;
}

export const TOOLS: readonly Tool[] = [
  { id: 'composer', title: 'Composer', panel: () => <Composer /> },
  { id: 'mint', title: 'Mint & keys', panel: () => <MintPanel /> },
  { id: 'encoding', title: 'Encoding lab', panel: () => <EncodingLab /> },
  { id: 'matrix', title: 'Test matrix', panel: () => <TestMatrix /> },
  { id: 'profiles', title: 'Profiles', panel: () => <ProfilesPanel /> },
];

/** Mounts every tool once the browser is idle after the load event, so a first switch is instant. */
function useIdleMountAll(mount: () => void): void {
  useEffect(() => {
    let cancel = () => {};
    const schedule = () => {
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(mount, { timeout: 3000 });
        cancel = () => cancelIdleCallback(id);
      } else {
        const id = setTimeout(mount, 200);
        cancel = () => clearTimeout(id);
      }
    };
    if (document.readyState === 'complete') schedule();
    else window.addEventListener('load', schedule, { once: true });
    return () => {
      window.removeEventListener('load', schedule);
      cancel();
    };
  }, [mount]);
}

interface ToolTabsProps {
  selected: ToolId;
  onSelect: (id: ToolId) => void;
  /** Shown at the end of the tab strip (e.g. Run test matrix, which opens its tab). */
  actions?: ReactNode;
}

/** The tools, as WAI-ARIA tabs (arrow keys, Home, End move between tabs; the panel follows). */
export function ToolTabs({ selected, onSelect, actions }: ToolTabsProps) {
  const [mounted, setMounted] = useState<ReadonlySet<ToolId>>(() => new Set([selected]));
  const tabs = useRef(new Map<ToolId, HTMLButtonElement>());
  const mountAll = useRef(() => setMounted(new Set(TOOLS.map((t) => t.id)))).current;
  useIdleMountAll(mountAll);

  useEffect(() => {
    setMounted((m) => (m.has(selected) ? m : new Set([...m, selected])));
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TOOLS.findIndex((t) => t.id === selected);
    const n = TOOLS.length;
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    const tool = TOOLS[next];
    if (!tool) return;
    e.preventDefault();
    onSelect(tool.id);
    tabs.current.get(tool.id)?.focus();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-1 dark:border-slate-800">
        <div role="tablist" aria-label="Tools" className="flex flex-wrap" onKeyDown={onKeyDown}>
          {TOOLS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                if (el) tabs.current.set(t.id, el);
                else tabs.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`tool-tab-${t.id}`}
              aria-selected={t.id === selected}
              aria-controls={`tool-panel-${t.id}`}
              tabIndex={t.id === selected ? 0 : -1}
              onClick={() => onSelect(t.id)}
              className={`-mb-px border-b-2 px-2.5 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-500 ${
                t.id === selected
                  ? 'border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300'
                  : 'border-transparent text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
              }`}
            >
              {t.title}
            </button>
          ))}
        </div>
        {actions ? <div className="ml-auto flex items-center gap-2 py-1">{actions}</div> : null}
      </div>
      {TOOLS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`tool-panel-${t.id}`}
          aria-labelledby={`tool-tab-${t.id}`}
          data-tool={t.id}
          hidden={t.id !== selected}
          tabIndex={0}
          className="min-h-0 flex-1 overflow-auto p-3"
        >
          {mounted.has(t.id) ? (
            <Suspense fallback={<p className="text-sm">Loading…</p>}>{t.panel()}</Suspense>
          ) : null}
        </div>
      ))}
    </div>
  );
}
