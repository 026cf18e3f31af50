// Whether dist/ holds a build of the current sources: `npm start` serves the built console, so it rebuilds
// first when anything the build reads is newer than dist/index.html.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads (tests and test helpers aside: they never reach the bundle). */
export const CONSOLE_BUILD_INPUTS: readonly string[] = [
  'index.html',
  'vite.config.ts',
  'package.json',
  'src',
  'public',
];

const NOT_BUILT = /\.test\.tsx?$|\.test-helpers\.ts$|\.fixtures\.ts$/;

/** The newest modification among `path` and, for a folder, everything in it: { file, mtimeMs }. */
function newest(path: string): { file: string; mtimeMs: number } | null {
  if (!existsSync(path)) return null;
  const info = statSync(path);
  if (!info.isDirectory()) return NOT_BUILT.test(path) ? null : { file: path, mtimeMs: info.mtimeMs };
  let best: { file: string; mtimeMs: number } | null = null;
  for (const name of readdirSync(path)) {
    const found = newest(join(path, name));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

export type BuildFreshness = { stale: false } | { stale: true; why: string };

/** Compares the newest build input under `root` with `distDir`/index.html. */
export function consoleBuildFreshness(root: string, distDir = join(root, 'dist')): BuildFreshness {
  const built = join(distDir, 'index.html');
  if (!existsSync(built)) return { stale: true, why: `no build in ${distDir}` };
  const builtAt = statSync(built).mtimeMs;
  for (const input of CONSOLE_BUILD_INPUTS) {
    const found = newest(join(root, input));
    if (found && found.mtimeMs > builtAt)
      return { stale: true, why: `${found.file} is newer than the build` };
  }
  return { stale: false };
}
