// Issue 12, item 5: real server stacks no one here wrote (FastAPI/uvicorn + PyJWT, Python `websockets`,
// Go gorilla/websocket + golang-jwt, fastify + @fastify/websocket + @fastify/jwt), each in both refusal
// styles: (reject) refuse the upgrade with an HTTP status and the library's words, (close) accept, then
// close 1008 with the library's message as the reason. For each, four tokens through the console (real
// Chromium) and `wsjwt probe --json` (the real CLI): both must name the same, specific cause.
//
// The user has NOT entered the server's secret: a wrong signature is known only from the server's words
// (or not at all, when the server says nothing). A missing toolchain fails under CI and skips locally, with
// the missing thing named (scripts/ensure-real-servers.mjs installs them).
import { runProbe } from './support/cli-probe.ts';
import { caseToken, type CaseId } from './support/case-tokens.ts';
import { expect, test as base } from './support/fixtures.ts';
import {
  STACKS,
  startRealServer,
  type RealServer,
  type RefusalStyle,
  type Stack,
  type StackId,
} from './support/real-servers.ts';

const SERVER_SECRET = 'real-servers-e2e-secret-0123456789abcdef';

interface Case {
  id: CaseId;
  /** The cause both surfaces must put first; null = connected, no cause at all. */
  top: string | null;
  /** The user typed the server's secret into Secret (and gave the CLI --secret). */
  withSecret?: boolean;
}

const CASES: Case[] = [
  { id: 'good', top: null },
  { id: 'wrong-secret', top: 'secret-mismatch' },
  { id: 'expired', top: 'token-expired' },
  { id: 'no-role', top: 'missing-claims' },
];

/**
 * Where the right answer differs: Starlette turns a close before accept into a bare HTTP 403 (no body,
 * no header that says why), so a wrong signature cannot be told from the refusal alone: it stays
 * handshake-rejected; with the Secret entered, the console and the CLI find the mismatch themselves.
 */
function casesFor(stack: StackId, style: RefusalStyle): Case[] {
  if (stack !== 'fastapi' || style !== 'reject') return CASES;
  return [
    ...CASES.map((k) => (k.id === 'wrong-secret' ? { ...k, top: 'handshake-rejected' } : k)),
    { id: 'wrong-secret', top: 'secret-mismatch', withSecret: true },
  ];
}

/** Skips (locally) or fails (under CI) a test whose stack cannot run here, naming what is missing. */
function requireStack(stack: Stack): void {
  const missing = stack.missing();
  if (missing === null) return;
  const why = `${stack.title} cannot run here: missing ${missing} (as root: node scripts/ensure-real-servers.mjs)`;
  if (process.env.CI) throw new Error(why);
  console.warn(`skipped: ${why}`);
  test.skip(true, why);
}

// One server per stack and style per worker (the cases only differ by token), stopped when the worker ends.
const test = base.extend<
  Record<never, never>,
  { realServer: (stack: Stack, style: RefusalStyle) => Promise<RealServer> }
>({
  realServer: [
    async ({}, use) => {
      const started = new Map<string, Promise<RealServer>>();
      await use((stack, style) => {
        const key = `${stack.id}:${style}`;
        if (!started.has(key)) started.set(key, startRealServer(stack, style, SERVER_SECRET));
        return started.get(key)!;
      });
      const servers = await Promise.allSettled(started.values());
      await Promise.all(servers.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    },
    { scope: 'worker' },
  ],
});

test.describe.configure({ timeout: 90_000 });

test('every stack is run in both refusal styles (none silently dropped)', () => {
  expect(STACKS.map((s) => `${s.id}:${s.styles.join('+')}`)).toEqual([
    'fastapi:reject+close',
    'websockets:reject+close',
    'gorilla:reject+close',
    'fastify:reject+close',
  ]);
});

for (const stack of STACKS) {
  for (const style of stack.styles) {
    for (const k of casesFor(stack.id, style)) {
      const title = `${stack.title}, ${style}: ${k.id}${k.withSecret ? ' (Secret entered)' : ''} → ${k.top ?? 'open, no cause'}`;
      test(title, async ({ consolePage: c, realServer }) => {
        requireStack(stack);
        const server = await realServer(stack, style);
        const token = await caseToken(k.id, SERVER_SECRET);
        const secret = k.withSecret ? SERVER_SECRET : undefined;
        const cli = runProbe(server.url, token, secret);

        if (secret !== undefined) await c.secret.fill(secret);
        await c.token.fill(token);
        await c.connectTo(server.url);
        const causes = c.diagnosis.locator('[data-cause]');
        if (k.top === null) {
          await expect(c.event('open')).toHaveCount(1);
          await expect(c.event('message').first()).toContainText('welcome 123');
          await expect(causes).toHaveCount(0);
          expect((await cli).diagnosis).toEqual([]);
          return;
        }
        const close = c.event('close');
        await expect(close).toHaveCount(1);
        if (style === 'close') await expect(close).toHaveAttribute('data-code', '1008');
        else await expect(c.event('open')).toHaveCount(0);

        const cliCauses = (await cli).diagnosis.map((d) => d.cause);
        // Web-first: the console's verdict settles (the x-ray's answer arrives after the close).
        await expect
          .soft(causes.first(), `console; the CLI said ${JSON.stringify(cliCauses)}`)
          .toHaveAttribute('data-cause', k.top);
        const shown = await causes.evaluateAll((els) => els.map((el) => el.getAttribute('data-cause')));
        expect(cliCauses[0], `wsjwt probe --json; the console showed ${JSON.stringify(shown)}`).toBe(k.top);
      });
    }
  }
}
