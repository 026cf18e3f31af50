// The CLI as users run it: `node bin/wsjwt.cjs …` in a real process (tsx loads the TypeScript, no build).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_JWT_SECRET } from '../server/env.ts';
import { createReferenceServer } from '../server/reference-server.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import type { ProbeJson } from './probe.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/wsjwt.cjs', import.meta.url));
const SECRET = 'bin-test-secret';
const servers: ReferenceServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `node bin/wsjwt.cjs …`; `output()` is what it printed so far, `done` its end. */
function start(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): { child: ReturnType<typeof spawn>; output(): Run; done: Promise<Run> } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.JWT_SECRET;
  if (options.env?.JWT_SECRET !== undefined) env.JWT_SECRET = options.env.JWT_SECRET;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Run>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wsjwt ${args.join(' ')} did not exit in time`));
    }, 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  child.stdin.end(options.stdin ?? '');
  return { child, output: () => ({ code: null, stdout, stderr }), done };
}

function wsjwt(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return start(args, options).done;
}

describe('bin/wsjwt.cjs', () => {
  it('--help prints the usage, exit 0', async () => {
    const r = await wsjwt(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npx wsjwt <command>/);
    expect(r.stderr).toBe('');
  });

  it('probe --json against a real server: one JSON object on stdout, exit 0', async () => {
    const server = await createReferenceServer({ port: 0, secret: SECRET, log: () => undefined });
    servers.push(server);
    const r = await wsjwt(['probe', server.url, '--mint', '--json'], { env: { JWT_SECRET: SECRET } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as ProbeJson;
    expect(json.diagnosis).toEqual([]);
    expect(json.url).toBe(`${server.url}?token=<redacted>`);
    expect(json.events.map((e) => e.type)).toContain('open');
  });

  it('probe --json of a refused upgrade: exit 1, status 401 in the JSON', async () => {
    const server = await createReferenceServer({
      port: 0,
      secret: SECRET,
      log: () => undefined,
      fault: 'reject-401',
    });
    servers.push(server);
    const r = await wsjwt(['probe', server.url, '--mint', '--secret', SECRET, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as ProbeJson;
    expect(json.events.find((e) => e.type === 'unexpected-response')?.status).toBe(401);
    expect(json.diagnosis[0]?.cause).toBe('handshake-rejected');
  });

  it('bad usage: one line on stderr, nothing on stdout, exit 2, no stack trace', async () => {
    const r = await wsjwt(['probe', '--timeout', 'x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('TOKEN=$(wsjwt mint) | wsjwt decode -: mint prints only the token', async () => {
    const minted = await wsjwt(['mint', '--secret', SECRET]);
    expect(minted.code).toBe(0);
    expect(minted.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const decoded = await wsjwt(['decode', '-', '--json'], { stdin: minted.stdout });
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toMatchObject({
      status: 'valid',
      payload: { userId: '123', role: 'principal' },
    });
  });
});

describe('bin/wsjwt.cjs: the .env file option reaches wsjwt on this Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsjwt-bin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--dotenv FILE: read by wsjwt, never by Node (a missing file is wsjwt\'s exit 2, not "node: … not found")', async () => {
    const missing = join(dir, 'missing.env');
    const r = await wsjwt(['mint', '--dotenv', missing]);
    expect(r.stderr).toBe(`wsjwt mint: cannot read --dotenv ${missing}: no such file\n`);
    expect(r.code).toBe(2);
  });

  it('--dotenv and --env-file with an existing file: JWT_SECRET from it', async () => {
    const file = join(dir, 'ok.env');
    writeFileSync(file, `PORT=1\nJWT_SECRET=${SECRET}\n`);
    const minted = await wsjwt(['mint', '--dotenv', file]);
    expect(minted.code).toBe(0);
    const verified = await wsjwt(['verify', minted.stdout.trim(), '--env-file', file]);
    expect(verified.stdout).toContain(`JWT_SECRET in ${file} (line 2)`);
    expect(verified.code).toBe(0);
  });
});

describe('bin/wsjwt.cjs: probe as a user runs it', () => {
  it("the README's probe ws://… --mint --json works against the reference server with its default secret", async () => {
    const server = await createReferenceServer({
      port: 0,
      secret: DEFAULT_JWT_SECRET,
      secretIsDefault: true,
      log: () => undefined,
    });
    servers.push(server);
    const r = await wsjwt(['probe', server.url, '--mint', '--json']);
    expect(r.stderr).toContain("no secret given: minted with the reference server's default secret");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ProbeJson).diagnosis).toEqual([]);
  });

  it('Ctrl-C (SIGINT) while the server holds the handshake: the timeline so far and the diagnosis so far', async () => {
    const server = await createReferenceServer({ port: 0, secret: SECRET, log: () => undefined });
    servers.push(server);
    const run = start([
      'probe',
      `${server.url}/fault/hang-handshake`,
      '--mint',
      '--secret',
      SECRET,
      '--timeout',
      '60000',
    ]);
    await vi.waitFor(() => expect(run.output().stdout).toContain('TCP connected'), { timeout: 10_000 });
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.stdout).toContain('interrupted (Ctrl-C)');
    expect(r.stdout).toContain('Diagnosis so far');
    expect(r.code).toBe(1);
  });
});
