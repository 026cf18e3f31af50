#!/usr/bin/env node
// `npm start` (run through tsx, so it can load the TypeScript servers): `wsjwt open` — the same code, so
// what a contributor tries is what a user gets: the BUILT console (rebuilt first when its sources are newer
// than dist/) with its Content-Security-Policy, the handshake x-ray and its session token, on
// http://127.0.0.1:5173 ($WSJWT_CONSOLE_PORT), the browser opened (not under CI, without a display, or with
// `npm start -- --no-open`) — plus the reference server on $PORT (default 3000, as in the guide's .env).
// `npm run dev` stays Vite's dev server for contributors (no CSP there).
//
// The console's port taken: one line, exit 3. The reference server's port taken (often by the user's own
// server): one line, and the console runs anyway. Other arguments go to the reference server.
import { processIo } from '../src/node/cli/io.ts';
import { runOpen } from '../src/node/cli/open.ts';
import { runServerCli } from '../src/node/server/main.ts';

const argv = process.argv.slice(2);
const openArgs = ['--port', process.env.WSJWT_CONSOLE_PORT ?? '5173'];
if (argv.includes('--no-open')) openArgs.push('--no-open');

let consoleServer;
try {
  consoleServer = await runOpen(
    openArgs,
    { ...processIo(), handleSignals: false },
    { otherPortHint: 'set WSJWT_CONSOLE_PORT=N npm start' },
  );
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (typeof consoleServer === 'number') process.exit(consoleServer);

const reference = await runServerCli(
  argv.filter((a) => a !== '--no-open'),
  process.env,
  { handleSignals: false },
);
const running = [consoleServer, ...(typeof reference === 'number' ? [] : [reference])];

let stopping = false;
function stop() {
  if (stopping) process.exit(130); // a second Ctrl-C means "now"
  stopping = true;
  void Promise.all(running.map((s) => s.close())).then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
