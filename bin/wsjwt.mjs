#!/usr/bin/env node
// `npx wsjwt …`: runs the TypeScript CLI in src/node/cli through tsx, so there is no build step to remember.
import { register } from 'tsx/esm/api';

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

register();
try {
  const { runFromProcess } = await import('../src/node/cli/main.ts');
  await runFromProcess();
} catch (error) {
  fail(error);
}
