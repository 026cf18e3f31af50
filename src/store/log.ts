import { LogBuffer, type LogEntry } from './log-buffer.ts';

export const DEFAULT_LOG_CAP = 10_000;

/** The one event log of the console. Outside React and outside immutable state: see LogBuffer. */
export const logBuffer = new LogBuffer(DEFAULT_LOG_CAP);

let frozen: readonly LogEntry[] | null = null;

/** While the view is paused: the entries it shows (a copy taken at "Pause log"); else null. */
export function frozenLog(): readonly LogEntry[] | null {
  return frozen;
}

/** Freezes (a copy of what is kept now) or thaws the view. Recording never stops. */
export function freezeLog(paused: boolean): void {
  frozen = paused ? logBuffer.snapshot() : null;
}
