import { useEffect, useRef, useState } from 'react';
import { clearLog, connect, disconnect } from '../store/commands.ts';
import { ShortcutsHelp } from '../ui/help/ShortcutsHelp.tsx';
import { isTextField, matchShortcut, SHORTCUTS, type ShortcutId } from './shortcuts.ts';

/** Focuses the form control a visible label names, as a user would find it. */
function focusLabelled(text: string): void {
  for (const label of document.querySelectorAll('label')) {
    if (label.textContent?.trim() === text && label.control) {
      label.control.focus();
      return;
    }
  }
}

function run(id: Exclude<ShortcutId, 'help'>): void {
  if (id === 'connect') connect();
  else if (id === 'disconnect') disconnect();
  else if (id === 'focus-token') focusLabelled('Token');
  else clearLog();
}

/** Installs the console's keyboard shortcuts and renders the help overlay that lists them. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const id = matchShortcut({
        key: e.key,
        code: e.code,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        inTextField: isTextField(e.target),
        repeat: e.repeat,
      });
      if (!id || openRef.current) return; // the help dialog is modal: nothing behind it runs
      e.preventDefault();
      if (id === 'help') setOpen(true);
      else run(id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return <ShortcutsHelp shortcuts={SHORTCUTS} open={open} onOpenChange={setOpen} />;
}
