// The console's keyboard shortcuts: what they are (for the help overlay) and which key event is which.
// Alt + a letter, matched on the physical key (event.code) so it works on every layout and with macOS's
// Option key (which changes event.key to "ç", "∂"…). Alt+D, Alt+F and Alt+E are left to the browser.

export type ShortcutId = 'connect' | 'disconnect' | 'focus-token' | 'clear-log' | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** Keys as shown to the user, e.g. ['Alt', 'C']. */
  keys: string[];
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'connect', keys: ['Alt', 'C'], description: 'Connect (or reconnect)' },
  { id: 'disconnect', keys: ['Alt', 'X'], description: 'Disconnect' },
  { id: 'focus-token', keys: ['Alt', 'T'], description: 'Focus the token' },
  { id: 'clear-log', keys: ['Alt', 'L'], description: 'Clear the event log' },
  { id: 'help', keys: ['?'], description: 'Show the keyboard shortcuts (outside text fields)' },
];

const ALT_CODES: Readonly<Record<string, ShortcutId>> = {
  KeyC: 'connect',
  KeyX: 'disconnect',
  KeyT: 'focus-token',
  KeyL: 'clear-log',
};

/** The parts of a KeyboardEvent the matcher looks at. */
export interface KeyInput {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The event target is a text field (input, textarea, select, contenteditable). */
  inTextField: boolean;
  repeat?: boolean;
}

/** Which shortcut a key press is, if any. */
export function matchShortcut(e: KeyInput): ShortcutId | null {
  if (e.repeat) return null;
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) return ALT_CODES[e.code] ?? null;
  if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.inTextField) return 'help';
  return null;
}

/** Whether an event target takes typed text (where "?" must stay a character). */
export function isTextField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(
      target.type,
    );
  }
  return false;
}
