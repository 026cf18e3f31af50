import type { StateCreator } from 'zustand';
import { logBuffer } from './log.ts';
import type { ConsoleState, LogSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], LogSlice>;

export const createLogSlice: Slice = (set) => ({
  logVersion: 0,
  logTotal: 0,
  logDropped: 0,
  logCap: logBuffer.cap,
  rate: { messages: 0, bytes: 0 },
  setLogCap: (cap) => {
    const safe = Number.isFinite(cap) ? Math.min(1_000_000, Math.max(100, Math.round(cap))) : logBuffer.cap;
    logBuffer.resize(safe);
    set({ logCap: safe, logVersion: logBuffer.version, logDropped: logBuffer.dropped });
  },
});
