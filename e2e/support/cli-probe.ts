// `wsjwt probe <url> --token T [--secret S] --json`, spawned the way a user runs it (bin/wsjwt.cjs).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliProbe {
  token: { status: string };
  diagnosis: { cause: string; confidence: string; evidence: string[] }[];
  events: { type: string; code?: number; reason?: string; status?: number }[];
}

/** `extra`: more probe options, e.g. ['--protocol', 'graphql-ws', '--travel', 'first-message']. */
export function runProbe(
  url: string,
  token: string,
  secret?: string,
  extra: readonly string[] = [],
): Promise<CliProbe> {
  const args = ['bin/wsjwt.cjs', 'probe', url, '--token', token, '--json', ...extra];
  if (secret !== undefined) args.push('--secret', secret);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (err, out, errOut) => {
        // Exit 1 is "a problem was diagnosed": the JSON is still the answer.
        if (err !== null && err.code !== 1)
          return reject(new Error(`wsjwt probe failed (${err.code}): ${errOut}`));
        try {
          resolve(JSON.parse(out) as CliProbe);
        } catch {
          reject(new Error(`wsjwt probe --json printed no JSON: ${out} ${errOut}`));
        }
      },
    );
  });
}
