// The fault registry is the only list of faults: every registered fault is reachable at /fault/<name>, and
// /health, the server's --help and FAULT_NAMES / FAULT_DESCRIPTIONS all read it; the core loop names none.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SERVER_USAGE } from '../env.ts';
import { FAULT_DESCRIPTIONS, FAULT_NAMES, isFaultName } from '../faults.ts';
import { createReferenceServer } from '../reference-server.ts';
import type { ReferenceServer } from '../reference-server.ts';
import { FAULT_SCENARIOS } from './registry.ts';

const SECRET = 'registry-test-secret-0123456789abcdef';
const REGISTERED = Object.keys(FAULT_SCENARIOS);
let server: ReferenceServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await createReferenceServer({ port: 0, secret: SECRET, log: (l) => lines.push(l) });
});
afterAll(() => server.close());

async function goodToken(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ userId: '1', role: 'r', iat: now, exp: now + 3600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));
}

describe('the fault registry', () => {
  it('is what FAULT_NAMES, FAULT_DESCRIPTIONS, isFaultName, /health and the server’s --help list', async () => {
    expect([...FAULT_NAMES]).toEqual(REGISTERED);
    expect(Object.keys(FAULT_DESCRIPTIONS)).toEqual(REGISTERED);
    for (const name of REGISTERED) {
      expect(isFaultName(name)).toBe(true);
      expect(FAULT_DESCRIPTIONS[name as keyof typeof FAULT_DESCRIPTIONS].length).toBeGreaterThan(10);
    }
    expect(isFaultName('no-such-fault')).toBe(false);
    expect(isFaultName('toString')).toBe(false);
    const health = (await (await fetch(`${server.httpUrl}/health`)).json()) as { faults: string[] };
    expect(health.faults).toEqual(REGISTERED);
    expect(SERVER_USAGE).toContain(`Faults: ${REGISTERED.join(', ')}`);
  });

  it('every registered fault is reachable at /fault/<name> (the server applies it, no 404)', async () => {
    const token = await goodToken();
    for (const name of REGISTERED) {
      const before = lines.length;
      const ws = new WebSocket(`${server.url}/fault/${name}?token=${encodeURIComponent(token)}`);
      ws.on('error', () => undefined);
      // Every attempt's log line names the fault the server applied to it.
      await vi.waitFor(
        () => expect(lines.slice(before).some((l) => l.includes(` fault=${name} `))).toBe(true),
        { timeout: 5000, interval: 20 },
      );
      expect(lines.slice(before).join('\n')).not.toContain('unknown fault');
      ws.terminate();
    }
  });

  it('is the only list: no other server or CLI source names a fault', () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const dirs = [join(here, '..'), join(here, '..', '..', 'cli')];
    const sources = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.includes('.test'))
        .map((f) => join(dir, f)),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const name of REGISTERED) expect(text, `${file} names ${name}`).not.toContain(`'${name}'`);
    }
  });
});
