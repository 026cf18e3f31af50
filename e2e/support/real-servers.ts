// Real server stacks no one here wrote (e2e/real-servers/<stack>/), started as child processes: each
// listens on 127.0.0.1 port 0, prints "PORT <n>" once it listens, and is stopped by the test. The Python
// and Go toolchains come from Debian (scripts/ensure-real-servers.mjs installs them); Node's from npm.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVERS = `${ROOT}e2e/real-servers`;
/** Debian's Python, where python3-fastapi & co. are installed (a pyenv python3 may come first in PATH). */
export const DEBIAN_PYTHON = '/usr/bin/python3';
const GOPATH = '/usr/share/gocode';

/** How the server refuses a bad token: an HTTP status before the upgrade, or accept then close 1008. */
export type RefusalStyle = 'reject' | 'close';
export type StackId = 'fastapi' | 'websockets' | 'gorilla' | 'fastify';

export interface Stack {
  id: StackId;
  title: string;
  styles: readonly RefusalStyle[];
  /** What is missing to run it here (named exactly), or null. */
  missing(): string | null;
  /** The command that starts it (may build it first). */
  command(style: RefusalStyle): Promise<{ cmd: string; args: string[] }>;
}

/** Python modules → the Debian packages that bring them. */
const PY_PACKAGES: Record<string, string> = {
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  jwt: 'python3-jwt',
  websockets: 'python3-websockets',
};

function missingPythonModules(modules: string[]): string | null {
  if (!existsSync(DEBIAN_PYTHON)) return `${DEBIAN_PYTHON} (Debian package python3)`;
  const found = spawnSync(
    DEBIAN_PYTHON,
    [
      '-c',
      'import importlib.util, sys; print(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))',
      ...modules,
    ],
    { encoding: 'utf8', env: pythonEnv() },
  );
  if (found.status !== 0) return `a working ${DEBIAN_PYTHON} (${found.stderr.trim()})`;
  const missing = found.stdout.trim().split(/\s+/).filter(Boolean);
  if (missing.length === 0) return null;
  return missing.map((m) => `Python module ${m} (Debian package ${PY_PACKAGES[m] ?? m})`).join(', ');
}

function missingGo(): string | null {
  const missing: string[] = [];
  if (spawnSync('go', ['version']).status !== 0) missing.push('the go command (Debian package golang-go)');
  const dirs: [string, string][] = [
    ['github.com/gorilla/websocket', 'golang-github-gorilla-websocket-dev'],
    ['github.com/golang-jwt/jwt', 'golang-github-golang-jwt-jwt-dev'],
  ];
  for (const [dir, pkg] of dirs)
    if (!existsSync(`${GOPATH}/src/${dir}`)) missing.push(`${GOPATH}/src/${dir} (Debian package ${pkg})`);
  return missing.length > 0 ? missing.join(', ') : null;
}

function missingNodePackages(names: string[]): string | null {
  const require = createRequire(import.meta.url);
  const missing = names.filter((name) => {
    try {
      require.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
  return missing.length > 0 ? `npm packages ${missing.join(', ')} (devDependencies: run npm ci)` : null;
}

/** A Python without a pyenv's or a venv's settings leaking in. */
function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  return env;
}

let goBinary: Promise<string> | undefined;

/**
 * Builds the Go server once (per source and Go version: `.e2e/real-servers/gorilla-<hash>`, reused by
 * every worker and later runs), offline against Debian's GOPATH.
 */
function buildGoServer(): Promise<string> {
  goBinary ??= new Promise((resolve, reject) => {
    const source = readFileSync(`${SERVERS}/gorilla/main.go`);
    const toolchain = spawnSync('go', ['version'], { encoding: 'utf8' }).stdout;
    const hash = createHash('sha256').update(source).update(toolchain).digest('hex').slice(0, 12);
    const out = `${ROOT}.e2e/real-servers/gorilla-${hash}`;
    if (existsSync(out)) return resolve(out);
    mkdirSync(`${ROOT}.e2e/real-servers`, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    const env = { ...process.env, GOPATH, GO111MODULE: 'off', GOFLAGS: '' };
    const build = spawnSync('go', ['build', '-o', tmp, '.'], {
      cwd: `${SERVERS}/gorilla`,
      env,
      encoding: 'utf8',
    });
    if (build.status !== 0) {
      rmSync(tmp, { force: true });
      return reject(new Error(`go build of e2e/real-servers/gorilla failed: ${build.stderr}`));
    }
    renameSync(tmp, out); // atomic: a worker building at the same time renames the same binary
    resolve(out);
  });
  return goBinary;
}

const memo = <T>(f: () => T): (() => T) => {
  let value: { v: T } | undefined;
  return () => (value ??= { v: f() }).v;
};

export const STACKS: readonly Stack[] = [
  {
    id: 'fastapi',
    title: 'FastAPI + uvicorn + PyJWT',
    styles: ['reject', 'close'],
    missing: memo(() => missingPythonModules(['fastapi', 'uvicorn', 'jwt', 'websockets'])),
    command: async (style) => ({ cmd: DEBIAN_PYTHON, args: [`${SERVERS}/fastapi/server.py`, style] }),
  },
  {
    id: 'websockets',
    title: 'Python websockets + PyJWT',
    styles: ['reject', 'close'],
    missing: memo(() => missingPythonModules(['websockets', 'jwt'])),
    command: async (style) => ({ cmd: DEBIAN_PYTHON, args: [`${SERVERS}/websockets/server.py`, style] }),
  },
  {
    id: 'gorilla',
    title: 'Go gorilla/websocket + golang-jwt',
    styles: ['reject', 'close'],
    missing: memo(missingGo),
    command: async (style) => ({ cmd: await buildGoServer(), args: [style] }),
  },
  {
    id: 'fastify',
    title: 'fastify + @fastify/websocket + @fastify/jwt',
    styles: ['reject', 'close'],
    missing: memo(() => missingNodePackages(['fastify', '@fastify/websocket', '@fastify/jwt'])),
    command: async (style) => ({ cmd: process.execPath, args: [`${SERVERS}/fastify/server.mjs`, style] }),
  },
];

export interface RealServer {
  /** The WebSocket endpoint, e.g. ws://127.0.0.1:41234/ws */
  url: string;
  stop(): Promise<void>;
}

/** Starts a stack's server and resolves once it printed its port (it listens by then). */
export async function startRealServer(
  stack: Stack,
  style: RefusalStyle,
  secret: string,
): Promise<RealServer> {
  const { cmd, args } = await stack.command(style);
  const env = { ...pythonEnv(), JWT_SECRET: secret };
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^PORT (\d+)$/.exec(line.trim());
      if (m) resolve(Number(m[1]));
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`${stack.title} (${style}) exited (${code ?? signal}) before listening: ${stderr}`)),
    );
  });
  return { url: `ws://127.0.0.1:${port}/ws`, stop: () => stopProcess(child) };
}

/** SIGTERM, then SIGKILL if the server is still there after 3 s (uvicorn waits for open sockets). */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
