// The diagnosis's view of an attempt: its events, reachability, /health and x-ray, kept in `attempt` in
// the store. Message evidence is batched (one re-diagnosis per flush, not per message).
import type { ConnectionEvent } from '../core/index.ts';
import { derive } from './derive.ts';
import { useConsole } from './store.ts';
import type { Attempt } from './types.ts';

/** Applies `update` to the attempt `id` when it is still the current one (a late answer is dropped). */
export function updateAttempt(id: number, update: (a: Attempt) => Attempt): void {
  useConsole.setState((s) => (s.attempt?.id === id ? derive(s, { attempt: update(s.attempt) }) : {}));
}

let pendingEvidence: { attempt: number; events: ConnectionEvent[] } = { attempt: 0, events: [] };

/** Queues a message event for the attempt; it joins with the next flush. */
export function queueMessageEvidence(attempt: number, event: ConnectionEvent): void {
  if (pendingEvidence.attempt !== attempt) pendingEvidence = { attempt, events: [] };
  pendingEvidence.events.push(event);
}

export function flushEvidence(): void {
  if (pendingEvidence.events.length === 0) return;
  const { attempt, events } = pendingEvidence;
  pendingEvidence = { attempt, events: [] };
  updateAttempt(attempt, (a) => ({ ...a, events: [...a.events, ...events] }));
}

/** Drops message evidence not yet flushed. */
export function resetEvidence(): void {
  pendingEvidence = { attempt: 0, events: [] };
}
