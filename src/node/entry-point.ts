// Whether a module is the script Node was started with (`tsx src/node/server/main.ts`), not an import: the
// servers' main modules start listening only then. realpath on both sides, so a symlinked bin still counts.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
