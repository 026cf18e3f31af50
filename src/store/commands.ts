// What the first paint needs from the socket and log actions: Connect, Disconnect, Clear log and the clock.
// The actions themselves (sockets, evidence, reconnect, x-ray, minting: src/store/actions.ts) are not in the
// first load (BENCHMARKS.md, "How to keep it small"): they load right after the first paint, and a command
// given before they arrive runs as soon as they do, in order.

import type * as ActionsModule from './actions.ts';
import { useConsole } from './store.ts';

type Actions = typeof ActionsModule;

let loading: Promise<Actions> | null = null;

/** The actions module, loaded once. main.tsx starts this right after the first render. */
export function loadActions(): Promise<Actions> {
  // A failed load (the dev server restarted, a redeploy renamed the chunk) is retried on the next command.
  loading ??= import('./actions.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

function run(what: string, command: (m: Actions) => void): void {
  loadActions().then(
    (m) => {
      if (useConsole.getState().commandError !== null) useConsole.setState({ commandError: null });
      command(m);
    },
    (error: unknown) => {
      const message = `${what} could not run: the console's code did not load (${error instanceof Error ? error.message : String(error)}). Reload the page, or try again.`;
      console.error(`wsjwt console: ${message}`);
      useConsole.setState({ commandError: message }); // shown in the Connection panel, not only in DevTools
    },
  );
}

/** The user's Connect (button, Enter, shortcut). */
export function connect(): void {
  run('Connect', (m) => m.connect());
}

export function disconnect(): void {
  run('Disconnect', (m) => m.disconnect());
}

export function clearLog(): void {
  run('Clear log', (m) => m.clearLog());
}

/** The clock (countdowns, message rate): started once the actions have loaded. */
export function startClock(): void {
  run('The clock', (m) => void m.startClock());
}
