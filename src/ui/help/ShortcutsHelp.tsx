import { useEffect, useRef } from 'react';

export interface ShortcutEntry {
  id: string;
  keys: string[];
  description: string;
}

interface ShortcutsHelpProps {
  shortcuts: readonly ShortcutEntry[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/**
 * The "Keyboard shortcuts" button and its help overlay: a modal <dialog> (the page behind is inert, so
 * focus stays inside; Escape closes it; focus goes back where it was).
 */
export function ShortcutsHelp({ shortcuts, open, onOpenChange }: ShortcutsHelpProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="btn-secondary px-2.5 py-1 text-sm font-semibold"
        aria-haspopup="dialog"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => onOpenChange(true)}
      >
        ?
      </button>
      <dialog
        ref={dialog}
        aria-label="Keyboard shortcuts"
        onClose={() => {
          onOpenChange(false);
          const back = returnFocus.current;
          returnFocus.current = null;
          if (back?.isConnected) back.focus();
        }}
        onKeyDown={(e) => {
          // Keep Tab inside the dialog (a modal <dialog> alone lets it reach the browser's own UI).
          if (e.key !== 'Tab') return;
          const focusable = [
            ...e.currentTarget.querySelectorAll<HTMLElement>(
              'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])',
            ),
          ].filter((el) => !el.hasAttribute('disabled'));
          const first = focusable[0];
          const last = focusable[focusable.length - 1];
          if (!first || !last) return;
          if (e.shiftKey && document.activeElement === first) {
            e.preventDefault();
            last.focus();
          } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault();
            first.focus();
          }
        }}
        onClick={(e) => {
          // A click on the backdrop (the dialog element itself, outside its content) closes it.
          if (e.target === e.currentTarget) onOpenChange(false);
        }}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="p-4">
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold tracking-wide uppercase">Keyboard shortcuts</h2>
            <button
              type="button"
              className="btn-secondary px-2 py-0.5 text-xs"
              onClick={() => onOpenChange(false)}
            >
              Close
            </button>
          </div>
          <table className="w-full text-sm" aria-label="Shortcut list">
            <tbody>
              {shortcuts.map((s) => (
                <tr
                  key={s.id}
                  data-shortcut={s.id}
                  className="border-t border-slate-200 dark:border-slate-800"
                >
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? <span className="px-0.5 text-slate-500 dark:text-slate-400">+</span> : null}
                        <kbd className="rounded border border-slate-300 bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                          {k}
                        </kbd>
                      </span>
                    ))}
                  </td>
                  <td className="py-1.5">{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            On macOS, Alt is the Option key. Escape closes this dialog.
          </p>
        </div>
      </dialog>
    </>
  );
}
