import { useConsole } from '../store/store.ts';

/** The runner loads on the first press (it is not part of the first load). */
function runNow(): void {
  void import('../store/matrix.ts').then(
    (m) => m.runMatrix(),
    (error: unknown) =>
      useConsole.setState({
        commandError: `Run test matrix could not run: the console's code did not load (${error instanceof Error ? error.message : String(error)}). Reload the page, or try again.`,
      }),
  );
}

/** Runs the server test matrix from the tools' tab strip and shows its tab. */
export function RunMatrixButton({ onRun }: { onRun: () => void }) {
  const busy = useConsole((s) => s.matrix?.state === 'preparing' || s.matrix?.state === 'running');
  return (
    <button
      type="button"
      className="btn-primary px-2 py-1 text-xs"
      disabled={busy}
      onClick={() => {
        onRun();
        runNow();
      }}
    >
      Run test matrix
    </button>
  );
}
