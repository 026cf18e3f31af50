#!/usr/bin/env node
// `npm start` (run through tsx, so it can load the TypeScript servers): the BUILT console — rebuilt first
// when its sources are newer than dist/ — served with its Content-Security-Policy (frame-ancestors 'none'
// included) and the handshake x-ray on http://localhost:5173 ($WSJWT_CONSOLE_PORT), plus the reference
// server on $PORT (default 3000, as in the guide's .env). People paste secrets into what this serves, so it
// is never Vite's dev server (no CSP there); contributors use `npm run dev`.
//
// The console's port taken: one line, exit 3. The reference server's port taken (often by the user's own
// server): one line, and the console runs anyway.
import { spawnSync } from 'node:child_process';
import { consoleBuildFreshness } from '../src/node/console-server/freshness.ts';
import { runConsoleServerCli } from '../src/node/console-server/main.ts';
import { runServerCli } from '../src/node/server/main.ts';

const freshness = consoleBuildFreshness(process.cwd());
if (freshness.stale) {
  console.log(`Building the console (${freshness.why})…`);
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const consolePort = process.env.WSJWT_CONSOLE_PORT ?? '5173';
const consoleServer = await runConsoleServerCli(['--port', consolePort, '--dist', 'dist']);
if (typeof consoleServer === 'number') process.exit(consoleServer);

const reference = await runServerCli(process.argv.slice(2), process.env, { handleSignals: false });
const running = [consoleServer, ...(typeof reference === 'number' ? [] : [reference])];

let stopping = false;
function stop() {
  if (stopping) process.exit(130); // a second Ctrl-C means "now"
  stopping = true;
  void Promise.all(running.map((s) => s.close())).then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
