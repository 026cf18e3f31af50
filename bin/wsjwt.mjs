#!/usr/bin/env node
// `wsjwt …`: the installed package runs the compiled CLI in lib/ (built by `npm pack`'s prepack); a clone
// of the repository, where the TypeScript sources are, runs them through tsx instead — so `npx wsjwt …`
// there needs no build step and always runs the sources as they are now.
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';

// Nothing throws a stack trace at a user: one line, exit 1 (WSJWT_DEBUG=1 shows the stack).
function fail(error) {
  const text = process.env.WSJWT_DEBUG
    ? (error?.stack ?? String(error))
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`wsjwt: ${text.replace(/\s*\n\s*/g, process.env.WSJWT_DEBUG ? '\n' : ' ')}\n`);
  process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const SOURCES = new URL('../src/node/cli/main.ts', import.meta.url);
try {
  let cli;
  if (existsSync(SOURCES)) {
    const { register } = await import('tsx/esm/api');
    register();
    cli = await import(SOURCES.href);
  } else {
    // Node 22.1+ keeps the compiled bundle's bytecode between runs (a no-op on older Node).
    nodeModule.enableCompileCache?.();
    cli = await import('../lib/wsjwt.mjs');
  }
  await cli.runFromProcess();
} catch (error) {
  fail(error);
}
