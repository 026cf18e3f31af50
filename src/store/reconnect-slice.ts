import type { StateCreator } from 'zustand';
import type { ConsoleState, ReconnectSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], ReconnectSlice>;

/** Auto-reconnect starts off in every session (it is not on the persist allow-list). */
export const createReconnectSlice: Slice = (set) => ({
  autoReconnect: false,
  reconnect: null,
  reconnectNote: null,
  reconnectStopped: null,
  // Turning it off drops a scheduled retry: the timer finds `reconnect` gone and does nothing.
  setAutoReconnect: (autoReconnect) =>
    set(
      autoReconnect
        ? { autoReconnect, reconnectStopped: null }
        : { autoReconnect, reconnect: null, reconnectStopped: null },
    ),
});
