// The built console a server should serve: in the installed package, the dist/ it ships; in a clone, dist/
// rebuilt first (vite build) when anything the build reads is newer — so `npm start` and `wsjwt open` in a
// clone never serve an old console, and nobody has to remember a build step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isSourceCheckout } from '../package-root.ts';
import { consoleBuildFreshness } from './freshness.ts';

export type ConsoleBuild = { ok: true; distDir: string } | { ok: false; error: string };

/** Runs `vite build` in `root`, its output on stderr (stdout stays the caller's). */
function viteBuild(root: string): { ok: true } | { ok: false; error: string } {
  let viteBin: string;
  try {
    const vitePackage = createRequire(join(root, 'package.json')).resolve('vite/package.json');
    viteBin = join(dirname(vitePackage), 'bin', 'vite.js');
  } catch {
    return { ok: false, error: `Vite is not installed in ${root}: run npm install first` };
  }
  const build = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status === 0) return { ok: true };
  return { ok: false, error: `vite build failed (exit ${build.status ?? build.signal ?? 'unknown'})` };
}

/**
 * The folder with the console build under package root `root`, built first in a clone when stale.
 * `note` says what is happening (the build takes a few seconds).
 */
export function ensureConsoleBuild(root: string, note: (line: string) => void): ConsoleBuild {
  const distDir = join(root, 'dist');
  if (isSourceCheckout(root)) {
    const freshness = consoleBuildFreshness(root, distDir);
    if (freshness.stale) {
      note(`Building the console (${freshness.why})…`);
      const built = viteBuild(root);
      if (!built.ok) return built;
    }
  }
  if (!existsSync(join(distDir, 'index.html')))
    return { ok: false, error: `no built console in ${distDir} (the package is incomplete: reinstall it)` };
  return { ok: true, distDir };
}
