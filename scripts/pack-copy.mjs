// `npm pack` of this repository without touching its working tree. prepack builds the console into dist/
// and the Node side into lib/; packing the checkout itself would rewrite the developer's own builds each
// time a test or the bench packs. So the files git lists (tracked, plus new ones not ignored — as they are
// on disk now, uncommitted edits included) are copied into a temporary folder, about 3 MB, with
// node_modules linked to this one's, and packed there.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packs a copy of this repository into `packDir`.
 * @param {string} packDir
 * @returns {{ tarball: string, files: string[] }} the tarball's path and the paths packed in it
 */
export function packFromCopy(packDir) {
  const copy = mkdtempSync(join(tmpdir(), 'wsjwt-pack-src-'));
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const file of new Set(listed.split('\0'))) {
      const from = join(ROOT, file);
      if (file === '' || !existsSync(from)) continue; // deleted on disk, not yet in git
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(from, join(copy, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
      cwd: copy,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    // prepack's build output comes first on stdout; the JSON report is the array after it.
    const [info] = JSON.parse(packed.slice(packed.search(/^\[$/m)));
    if (info === undefined) throw new Error('npm pack printed no package');
    return { tarball: join(packDir, info.filename), files: info.files.map((f) => f.path) };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
