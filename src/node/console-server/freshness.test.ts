import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleBuildFreshness } from './freshness.ts';

let root: string;
const at = (file: string, seconds: number): void => utimesSync(join(root, file), seconds, seconds);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wsjwt-fresh-'));
  mkdirSync(join(root, 'src', 'core'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  for (const f of ['index.html', 'vite.config.ts', 'src/core/a.ts', 'src/core/a.test.ts', 'dist/index.html'])
    writeFileSync(join(root, f), '');
  for (const f of ['index.html', 'vite.config.ts', 'src/core/a.ts', 'src/core/a.test.ts']) at(f, 1000);
  at('dist/index.html', 2000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('consoleBuildFreshness', () => {
  it('fresh when the build is newer than every input', () => {
    expect(consoleBuildFreshness(root)).toEqual({ stale: false });
  });

  it('stale when there is no build, or a source, index.html or the Vite config is newer', () => {
    rmSync(join(root, 'dist', 'index.html'));
    expect(consoleBuildFreshness(root)).toMatchObject({
      stale: true,
      why: expect.stringMatching(/no build/),
    });
    writeFileSync(join(root, 'dist', 'index.html'), '');
    for (const file of ['src/core/a.ts', 'index.html', 'vite.config.ts']) {
      at('dist/index.html', 2000);
      at(file, 3000);
      expect(consoleBuildFreshness(root)).toEqual({
        stale: true,
        why: `${join(root, file)} is newer than the build`,
      });
      at(file, 1000);
    }
  });

  it('a newer test file does not force a rebuild (it never reaches the bundle)', () => {
    at('src/core/a.test.ts', 3000);
    expect(consoleBuildFreshness(root)).toEqual({ stale: false });
  });
});
