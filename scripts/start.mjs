#!/usr/bin/env node
// `npm start`: the reference server on $PORT (default 3000, as in the guide's .env) and the console
// (Vite, http://localhost:5173). When the port is taken — often by the user's own server — the
// reference server says so in one line and the console starts anyway.
import { spawn } from 'node:child_process';

const children = [];
function start(cmd, args, name, { optional = false } = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', env: process.env });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (optional) return; // the reference server may exit (port taken); the console keeps running
    if (signal == null) stopAll(code ?? 0);
  });
  child.on('error', (err) => console.error(`${name}: ${err.message}`));
  return child;
}

function stopAll(code) {
  for (const c of children) if (c.exitCode == null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

start('npx', ['tsx', 'src/node/server/main.ts'], 'reference server', { optional: true });
const open = process.stdout.isTTY && !process.env.CI ? ['--open'] : [];
start('npx', ['vite', ...open], 'console');
