#!/usr/bin/env node
// Makes sure the real server stacks of e2e/real-servers.spec.ts can run: Debian's Python with FastAPI,
// uvicorn, PyJWT and websockets, and Go with gorilla/websocket and golang-jwt (built offline from
// /usr/share/gocode). Installs the missing Debian packages with apt-get when root; otherwise names them.
// Exit 1 only when something is still missing under CI (where the specs would fail anyway); locally the
// specs skip with the same names.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';
const GOPATH = '/usr/share/gocode';

const pythonHas = (module) =>
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;

/** Debian package → is what it brings usable here? */
const NEEDED = [
  ['python3-fastapi', () => pythonHas('fastapi')],
  ['python3-uvicorn', () => pythonHas('uvicorn')],
  ['python3-jwt', () => pythonHas('jwt')],
  ['python3-websockets', () => pythonHas('websockets')],
  ['golang-go', () => spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0],
  ['golang-github-golang-jwt-jwt-dev', () => existsSync(`${GOPATH}/src/github.com/golang-jwt/jwt`)],
  ['golang-github-gorilla-websocket-dev', () => existsSync(`${GOPATH}/src/github.com/gorilla/websocket`)],
];

const missing = () => NEEDED.filter(([, usable]) => !usable()).map(([pkg]) => pkg);

function run(cmd, args) {
  console.log(`ensure-real-servers: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

let absent = missing();
if (absent.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && existsSync('/usr/bin/apt-get') && isRoot) {
  console.log(`ensure-real-servers: installing ${absent.join(' ')}`);
  if (run('apt-get', ['update', '-qq']))
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...absent]);
  absent = missing();
  if (absent.length === 0) process.exit(0);
}

console.error(
  `ensure-real-servers: missing ${absent.join(', ')}; the real-server e2e tests ` +
    `${process.env.CI ? 'will fail' : 'will be skipped'}. Debian/Ubuntu: sudo apt-get install ${absent.join(' ')}`,
);
process.exit(process.env.CI ? 1 : 0);
