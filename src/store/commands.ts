// What the first paint needs from the socket and log actions: Connect, Disconnect, Clear log and the clock.
// The actions themselves (sockets, evidence, reconnect, x-ray, minting: src/store/actions.ts) are not in the
// first load (BENCHMARKS.md, "How to keep it small"): they load right after the first paint, and a command
// given before they arrive runs as soon as they do, in order.

import type * as ActionsModule from './actions.ts';

type Actions = typeof ActionsModule;

let loading: Promise<Actions> | null = null;

/** The actions module, loaded once. main.tsx starts this right after the first render. */
export function loadActions(): Promise<Actions> {
  loading ??= import('./actions.ts');
  return loading;
}

/** The user's Connect (button, Enter, shortcut). */
export function connect(): void {
  void loadActions().then((m) => m.connect());
}

export function disconnect(): void {
  void loadActions().then((m) => m.disconnect());
}

export function clearLog(): void {
  void loadActions().then((m) => m.clearLog());
}
