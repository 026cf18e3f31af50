import type { StateCreator } from 'zustand';
import { freezeLog, logBuffer } from './log.ts';
import type { ConsoleState, LogSlice } from './types.ts';

type Slice = StateCreator<ConsoleState, [['zustand/persist', unknown]], [], LogSlice>;

export const MIN_LOG_CAP = 100;
export const MAX_LOG_CAP = 1_000_000;

export const createLogSlice: Slice = (set) => ({
  logVersion: 0,
  logTotal: 0,
  logDropped: 0,
  logCap: logBuffer.cap,
  rate: { messages: 0, bytes: 0 },
  setLogCap: (cap) => {
    const safe = Number.isFinite(cap)
      ? Math.min(MAX_LOG_CAP, Math.max(MIN_LOG_CAP, Math.round(cap)))
      : logBuffer.cap;
    logBuffer.resize(safe);
    set({ logCap: safe, logVersion: logBuffer.version, logDropped: logBuffer.dropped });
  },
  logPaused: false,
  setLogPaused: (logPaused) => {
    freezeLog(logPaused);
    set({ logPaused });
  },
  echoRtt: null,
  heartbeatMs: null,
});
