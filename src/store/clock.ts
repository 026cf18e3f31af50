// The clock: ticks the store once a second (countdowns, statuses) and publishes the message rate.
import { useConsole } from './store.ts';

let clockTimer: ReturnType<typeof setInterval> | undefined;
let rateMessages = 0;
let rateBytes = 0;

/** Counts one received message for the rate shown in the log toolbar. */
export function countReceived(bytes: number): void {
  rateMessages++;
  rateBytes += bytes;
}

/** Ticks the clock once a second (countdowns, statuses) and computes the message rate. */
export function startClock(): () => void {
  if (clockTimer) clearInterval(clockTimer);
  clockTimer = setInterval(() => {
    useConsole.setState({ rate: { messages: rateMessages, bytes: rateBytes } });
    rateMessages = 0;
    rateBytes = 0;
    useConsole.getState().tick(Date.now());
  }, 1000);
  // The clock starts after the page's load (src/app/main.tsx): what the page showed until then was computed
  // at its first render, so the countdowns are brought up to date at once, not a second later.
  useConsole.getState().tick(Date.now());
  return () => {
    if (clockTimer) clearInterval(clockTimer);
    clockTimer = undefined;
  };
}

/** Stops the clock and zeroes the rate counters. */
export function resetClock(): void {
  if (clockTimer) clearInterval(clockTimer);
  clockTimer = undefined;
  rateMessages = 0;
  rateBytes = 0;
}
