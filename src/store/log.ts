import { LogBuffer } from './log-buffer.ts';

export const DEFAULT_LOG_CAP = 10_000;

/** The one event log of the console. Outside React and outside immutable state: see LogBuffer. */
export const logBuffer = new LogBuffer(DEFAULT_LOG_CAP);
