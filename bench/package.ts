// The package as users install it, measured: `npm pack` (prepack builds both halves; of a copy of the
// repository, scripts/pack-copy.mjs, so the checkout's dist/ and lib/ stay as they are), `npm install -g` of
// the tarball into an empty prefix, then the installed bin. Figures: tarball bytes; installed bytes (the
// package plus its dependency tree: every file under <prefix>/lib/node_modules/wsjwt, as the sum of file
// sizes and as disk blocks); a cold `wsjwt decode <token>` — a new process each time, wall time to exit —
// against `node -e ''`, alternating, 5 each, medians (the difference is what wsjwt itself costs).
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packFromCopy } from '../scripts/pack-copy.mjs';

export interface PackageFigures {
  tarballBytes: number;
  installedBytes: number;
  installedDiskBytes: number;
  installedFiles: number;
  dependencies: string[];
  coldDecodeMs: number[];
  nodeEmptyMs: number[];
}

/** Sum of file sizes and of allocated blocks under `dir` (symlinks counted as links, not followed). */
function treeSize(dir: string): { bytes: number; disk: number; files: number } {
  let bytes = 0;
  let disk = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = lstatSync(path);
    if (info.isDirectory()) {
      const sub = treeSize(path);
      bytes += sub.bytes;
      disk += sub.disk + info.blocks * 512;
      files += sub.files;
    } else {
      bytes += info.size;
      disk += info.blocks * 512;
      files++;
    }
  }
  return { bytes, disk, files };
}

/** Wall time of one process from spawn to exit, ms. */
function wallMs(command: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && command !== process.execPath)
    throw new Error(`${command} ${args[0]} exited ${r.status}: ${String(r.stderr)}`);
  return ms;
}

/** Packs this repository, installs the tarball into an empty prefix, measures, removes it all. */
export function measurePackage(token: string, runs = 5): PackageFigures {
  const work = mkdtempSync(join(tmpdir(), 'wsjwt-bench-pkg-'));
  try {
    const packDir = join(work, 'pack');
    mkdirSync(packDir);
    const { tarball } = packFromCopy(packDir);
    const prefix = join(work, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
      cwd: work,
      stdio: 'ignore',
    });
    const root = join(prefix, 'lib', 'node_modules', 'wsjwt');
    const size = treeSize(root);
    const bin = join(prefix, 'bin', 'wsjwt');
    const coldDecodeMs: number[] = [];
    const nodeEmptyMs: number[] = [];
    wallMs(bin, ['decode', token]); // the first run after install also warms the OS file cache
    for (let i = 0; i < runs; i++) {
      nodeEmptyMs.push(wallMs(process.execPath, ['-e', '']));
      coldDecodeMs.push(wallMs(bin, ['decode', token]));
    }
    return {
      tarballBytes: statSync(tarball).size,
      installedBytes: size.bytes,
      installedDiskBytes: size.disk,
      installedFiles: size.files,
      dependencies: readdirSync(join(root, 'node_modules')).filter((n) => !n.startsWith('.')),
      coldDecodeMs,
      nodeEmptyMs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The MB read as 1,000,000 bytes (the stricter reading, as the bench reads KB). */
export const PACKAGE_TARGETS = { tarballBytes: 1_000_000, installedBytes: 3_000_000, coldDecodeMs: 150 };

/** The package figures as report rows: [what, value, target, verdict]. */
export function packageRows(
  p: PackageFigures,
  median: (xs: number[]) => number,
  verdict: (ok: boolean) => string,
): Array<[string, string, string, string]> {
  const mb = (b: number) => `${(b / 1_000_000).toFixed(2)} MB`;
  const decode = median(p.coldDecodeMs);
  const empty = median(p.nodeEmptyMs);
  return [
    [
      'tarball (npm pack)',
      `${mb(p.tarballBytes)} (${p.tarballBytes.toLocaleString('en')} B)`,
      '≤ 1 MB',
      verdict(p.tarballBytes <= PACKAGE_TARGETS.tarballBytes),
    ],
    [
      'installed: package + dependency tree (file sizes)',
      `${mb(p.installedBytes)}, ${p.installedFiles} files; deps: ${p.dependencies.join(', ')}`,
      '≤ 3 MB',
      verdict(p.installedBytes <= PACKAGE_TARGETS.installedBytes),
    ],
    ['installed: the same, disk blocks', mb(p.installedDiskBytes), '', ''],
    [
      "cold `wsjwt decode` / `node -e ''` (median of 5)",
      `${decode.toFixed(0)} / ${empty.toFixed(0)} ms (wsjwt's own: ${(decode - empty).toFixed(0)} ms)`,
      `≤ ${PACKAGE_TARGETS.coldDecodeMs} ms`,
      verdict(decode <= PACKAGE_TARGETS.coldDecodeMs),
    ],
  ];
}
