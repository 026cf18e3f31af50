import { useConsole } from '../../store/store.ts';

/** Why auto-reconnect stopped on its own, next to the verdict that explains the refusal. */
export function ReconnectStopped() {
  const stopped = useConsole((s) => s.reconnectStopped);
  if (stopped === null) return null;
  return (
    <p
      data-reconnect-stopped-diagnosis={stopped.retries}
      className="rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      {stopped.why}
      {stopped.retries > 0
        ? ` (after ${stopped.retries} ${stopped.retries === 1 ? 'retry' : 'retries'})`
        : ''}
    </p>
  );
}
