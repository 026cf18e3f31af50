// `probe --mint` without a secret: the reference server started without JWT_SECRET (a fresh clone) verifies
// with a known default and says so in GET /health (jwtSecretIsDefault). Then that default is the secret —
// said out loud — so the README's `npx wsjwt probe ws://localhost:3000 --mint` works as written.
import { DEFAULT_JWT_SECRET } from '../server/env.ts';

/** How long the /health question may take at most, ms (it must not hold up a probe of another server). */
const HEALTH_TIMEOUT_MS = 2000;

/** http(s)://host:port/health for a ws(s):// URL. */
export function healthUrl(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}/health`;
}

/**
 * The reference server's default secret when the server at `wsUrl` says (GET /health) that it verifies
 * with it; undefined for any other answer, or none in time.
 */
export async function referenceDefaultSecret(wsUrl: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await fetch(healthUrl(wsUrl), {
      signal: AbortSignal.timeout(Math.min(timeoutMs, HEALTH_TIMEOUT_MS)),
      redirect: 'manual',
    });
    if (!res.ok) return undefined;
    const health = (await res.json()) as { jwtSecretIsDefault?: unknown } | null;
    return health?.jwtSecretIsDefault === true ? DEFAULT_JWT_SECRET : undefined;
  } catch {
    return undefined;
  }
}
