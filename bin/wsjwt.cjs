#!/usr/bin/env node
// `wsjwt …`: the installed package runs the compiled CLI in lib/ (built by `npm pack`'s prepack); a clone
// of the repository, where the TypeScript sources are, runs them through tsx instead — so `npx wsjwt …`
// there needs no build step and always runs the sources as they are now.
//
// CommonJS, like the compiled CLI, so that a cold `wsjwt decode` never starts Node's ES module loader: it
// reads its two files synchronously, where an ES module entry costs the loader's set-up and an
// asynchronous read per file (measured: ~3% more instructions for the whole process, and more wall time on
// a busy machine, where each asynchronous hop waits for a core). The clone path is ESM (tsx) as before.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

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

async function loadCli() {
  const sources = join(__dirname, '..', 'src', 'node', 'cli', 'main.ts');
  if (existsSync(sources)) {
    const { register } = await import('tsx/esm/api');
    register();
    return import(pathToFileURL(sources).href);
  }
  // Node 22.1+ keeps the compiled bundle's bytecode between runs (a no-op on older Node).
  require('node:module').enableCompileCache?.();
  return require('../lib/wsjwt.cjs');
}

loadCli()
  .then((cli) => cli.runFromProcess())
  .catch(fail);
