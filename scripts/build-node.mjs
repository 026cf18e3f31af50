#!/usr/bin/env node
// `npm run build` (and `npm pack`, through prepack): the Node side — the CLI with the reference server, the
// handshake probe, the x-ray and the console server it reaches — bundled into plain JavaScript in lib/.
//
// Why a bundler (rolldown) rather than tsc: rolldown is the bundler that already builds the console (Vite
// 8), so both halves are compiled by one tool that reads the sources' `.ts` import paths as they are (tsc
// would need rewriteRelativeImportExtensions, a second tsconfig and excludes for tests). A bundle is also
// what keeps a cold start short: a couple of files per command instead of ~80 modules to resolve and read,
// and only the code the package runs (no tests, no Vite plugins, no UI).
//
// Decisions worth knowing (each one measured on a cold `wsjwt decode`, see BENCHMARKS.md):
// - CommonJS (.cjs), as is bin/wsjwt.cjs: `decode` then runs without Node's ES module loader (its set-up
//   and an asynchronous read per file). jose, an ES module, is loaded by require() where a command needs
//   it, which Node ≥ 20.19 (package.json engines) does without a warning.
// - jose and ws stay external: they are the package's runtime dependencies, installed beside it. External
//   modules count as free of side effects, so a chunk that only names a jose type does not load it.
// - src/core counts as free of side effects too, as in vite.config.ts (it is pure: no top-level statement
//   but declarations), so an import through its barrel (src/core/index.ts) brings only the modules it uses,
//   not the whole core: `decode` loads token analysis, not the diagnosis engine, the dialects, the clients.
// - The entry chunk may export more than main.ts does (preserveEntrySignatures 'allow-extension'), so the
//   modules it shares with the commands' chunks (args, io, the token analysis) live in it once instead of
//   in chunks of their own: `decode`, imported statically by main.ts, is then lib/wsjwt.cjs alone.
// - Every other command is a dynamic import in main.ts, so each is its own chunk, loaded when it runs.
// - Not minified: a stack trace (WSJWT_DEBUG=1) stays readable, and minifying saved nothing measurable on
//   a cold decode (within the noise of 7 runs' instruction counts).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_BUILD_DIR = join(ROOT, 'lib');
const CORE = join(ROOT, 'src', 'core');

rmSync(NODE_BUILD_DIR, { recursive: true, force: true });
await build({
  cwd: ROOT,
  input: { wsjwt: join(ROOT, 'src/node/cli/main.ts') },
  platform: 'node',
  external: [/^node:/, 'jose', 'ws'],
  treeshake: { moduleSideEffects: (id, external) => !external && !id.startsWith(CORE) },
  preserveEntrySignatures: 'allow-extension',
  logLevel: 'warn',
  output: {
    dir: NODE_BUILD_DIR,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    minify: false,
  },
});
console.log(`wsjwt: compiled the Node side into ${NODE_BUILD_DIR}`);
