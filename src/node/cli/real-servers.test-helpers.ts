// What the CLI's tests against real library servers share: servers started per test and closed after it,
// and `wsjwt probe` run in-process (main with a fake stdout/stderr), with a 4 s handshake timeout.
import { afterEach } from 'vitest';
import type { RunningServer } from '../../../e2e/real-servers/node-protocols/servers.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';
import type { ProbeJson } from './probe.ts';

/** A start(starter) whose servers are closed after each test of the calling file. */
export function serversClosedAfterEach(): (starter: () => Promise<RunningServer>) => Promise<RunningServer> {
  const running: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });
  return async (starter) => {
    const server = await starter();
    running.push(server);
    return server;
  };
}

/** `wsjwt probe <args> --timeout 4000 [--json]`: its exit code and what it printed. */
export async function probe(
  args: string[],
  json = true,
): Promise<{ code: unknown; out: string; err: string }> {
  const fake = fakeIo();
  const code = await main(['probe', ...args, '--timeout', '4000', ...(json ? ['--json'] : [])], fake.io);
  return { code, out: fake.stdout(), err: fake.stderr() };
}

/** `wsjwt probe <args> --json`, its JSON parsed. */
export async function probeJson(args: string[]): Promise<{ code: unknown; json: ProbeJson; err: string }> {
  const r = await probe(args);
  return { code: r.code, json: JSON.parse(r.out) as ProbeJson, err: r.err };
}
