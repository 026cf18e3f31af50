// Where the wsjwt package lives on disk, from any module of it: in a clone the TypeScript sources sit three
// folders down (src/node/cli/main.ts), in the installed package the compiled bundle one (lib/wsjwt.cjs).
// Walking up to the package.json named "wsjwt" finds the root in both, so `--version` and `wsjwt open`'s
// built console need no path that only one layout has.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'wsjwt';

interface PackageJson {
  name?: unknown;
  version?: unknown;
}

function readPackageJson(dir: string): PackageJson | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

/** The folder holding wsjwt's package.json, searched upwards from `moduleUrl`; null when there is none. */
export function packageRoot(moduleUrl: string): string | null {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (readPackageJson(dir)?.name === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The package's version, or 'unknown'. */
export function packageVersion(moduleUrl: string): string {
  const root = packageRoot(moduleUrl);
  const version = root === null ? undefined : readPackageJson(root)?.version;
  return typeof version === 'string' ? version : 'unknown';
}

/**
 * A clone of the repository (sources and Vite config present), as opposed to the installed package, which
 * ships only the compiled CLI and the built console: a clone may build the console on demand.
 */
export function isSourceCheckout(root: string): boolean {
  return existsSync(join(root, 'vite.config.ts')) && existsSync(join(root, 'src', 'node', 'cli', 'main.ts'));
}
