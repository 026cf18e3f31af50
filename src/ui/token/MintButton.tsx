import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';

/** Loaded on the first press: minting (jose) is not part of the first load. */
function mintNow(): void {
  void import('../../store/mint-actions.ts').then(
    (m) => m.mint(),
    (error: unknown) =>
      useConsole.setState({
        mintError: `Mint token could not run: the console's code did not load (${error instanceof Error ? error.message : String(error)}). Reload the page, or try again.`,
      }),
  );
}

/**
 * "Mint token", next to the Token it fills, with its error. It signs the payload, algorithm and key set in
 * the Mint & keys tool (defaults: the guide's claims, HS256 with the Secret).
 */
export function MintButton() {
  const minting = useConsole((s) => s.minting);
  return (
    <button type="button" className="btn-primary px-2 py-1 text-xs" onClick={mintNow} disabled={minting}>
      Mint token
    </button>
  );
}

export function MintError() {
  const error = useConsole((s) => s.mintError);
  if (!error) return null;
  return (
    <Note tone="error">
      <span role="alert">{error}</span>
    </Note>
  );
}
