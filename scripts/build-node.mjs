#!/usr/bin/env node
// `npm run build` (and `npm pack`, through prepack): the Node side — the CLI with the reference server, the
// handshake probe, the x-ray and the console server it reaches — bundled into plain JavaScript in lib/.
//
// Why a bundler (rolldown) rather than tsc: rolldown is the bundler that already builds the console (Vite
// 8), so both halves are compiled by one tool that reads the sources' `.ts` import paths as they are (tsc
// would need rewriteRelativeImportExtensions, a second tsconfig and excludes for tests). A bundle is also
// what keeps a cold start short: one file per command instead of ~80 modules to resolve and read, and only
// the code the package runs (no tests, no Vite plugins, no UI).
//
// Decisions worth knowing:
// - jose and ws stay external: they are the package's runtime dependencies, installed beside it.
// - External modules count as free of side effects, so a chunk that only names a jose type, or re-exports
//   through src/core/index.ts, does not load jose (or ws) at start.
// - Each CLI command is a dynamic import in main.ts, so each is its own chunk: `decode` loads no socket
//   code. Not minified: a stack trace (WSJWT_DEBUG=1) stays readable, and the size is small anyway.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_BUILD_DIR = join(ROOT, 'lib');

rmSync(NODE_BUILD_DIR, { recursive: true, force: true });
await build({
  cwd: ROOT,
  input: { wsjwt: join(ROOT, 'src/node/cli/main.ts') },
  platform: 'node',
  external: [/^node:/, 'jose', 'ws'],
  treeshake: { moduleSideEffects: (_id, external) => !external },
  logLevel: 'warn',
  output: {
    dir: NODE_BUILD_DIR,
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: '[name]-[hash].mjs',
    minify: false,
  },
});
console.log(`wsjwt: compiled the Node side into ${NODE_BUILD_DIR}`);
