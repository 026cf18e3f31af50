import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSourceCheckout, packageRoot, packageVersion } from './package-root.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsjwt-root-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('packageRoot', () => {
  it('finds wsjwt from the clone layout and from the installed one, past other packages', () => {
    const installed = join(dir, 'node_modules', 'wsjwt');
    mkdirSync(join(installed, 'lib'), { recursive: true });
    mkdirSync(join(installed, 'node_modules', 'jose', 'dist'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"someone-else","version":"9.9.9"}');
    writeFileSync(join(installed, 'package.json'), '{"name":"wsjwt","version":"1.2.3"}');
    writeFileSync(join(installed, 'node_modules', 'jose', 'package.json'), '{"name":"jose"}');
    const bundle = pathToFileURL(join(installed, 'lib', 'wsjwt.cjs')).href;
    expect(packageRoot(bundle)).toBe(installed);
    expect(packageVersion(bundle)).toBe('1.2.3');
    expect(isSourceCheckout(installed)).toBe(false);
    expect(packageRoot(pathToFileURL(join(dir, 'x.mjs')).href)).toBeNull();
    expect(packageVersion(pathToFileURL(join(dir, 'x.mjs')).href)).toBe('unknown');
  });

  it('this module sits in a clone of wsjwt', () => {
    const root = packageRoot(import.meta.url);
    expect(root).not.toBeNull();
    expect(isSourceCheckout(root ?? '')).toBe(true);
    expect(packageVersion(import.meta.url)).toMatch(/^\d+\.\d+\.\d+/);
  });
});
