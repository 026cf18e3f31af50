// V8's explicit compile hints (Chrome 136+; https://v8.dev/blog/explicit-compile-hints): a file that starts
// with the magic comment `//# allFunctionsCalledOnLoad` is compiled eagerly, on a background thread while it
// loads, instead of function by function on the main thread the first time each one runs. The console's
// entry chunk holds what the first paste of a token runs (cleaning, analysis, the Connection URL, the Token
// panel): compiled before the paste, the paste has that much less to do in its frame (BENCHMARKS.md).
// Lazy chunks are left alone: most of their code never runs on a given visit. Other engines read a comment.
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** `code` with the compile hint as its very first line (V8 reads it only there). */
export function withCompileHint(code: string): string {
  if (code.startsWith(`${COMPILE_HINT}\n`)) return code;
  return `${COMPILE_HINT}\n${code.split(`${COMPILE_HINT}\n`).join('')}`;
}

export function compileHintsPlugin(): Plugin {
  return {
    name: 'wsjwt-compile-hints',
    apply: 'build',
    enforce: 'post',
    // After Vite's own generateBundle work, which puts its preload map (`const __vite__mapDeps=…`) first.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = withCompileHint(chunk.code);
        }
      },
    },
  };
}
