// Auto-reconnect does not hammer a server that already said no (issue 11, item 2). Against real servers: an
// auth rejection (1008, 3000, 4401, 4403, HTTP 401) is not retried with the same token; with the Secret it is
// retried once with a re-minted token; transient failures back off with a visible attempt counter, and the
// x-ray, the reachability fetch and GET /health run once per failure streak, not once per retry.
// Every wait is on state (the attempt counter, data-log-total, the stop message), never on time.
import type { Page, Request } from '@playwright/test';
import { SECRET, expect, freePort, signToken, startPurposeServer, test } from './support/fixtures.ts';

test.describe.configure({ timeout: 90_000 });

const toggle = (page: Page) => page.getByRole('checkbox', { name: 'Auto-reconnect', exact: true });
const stopped = (page: Page) => page.locator('[data-reconnect-stopped]');
const attemptCounter = (page: Page) => page.locator('[data-reconnect-attempt]');
const logTotal = (page: Page) => page.locator('[data-log-total]');

/** Counts the page's own requests by kind: the checks a failure triggers. */
function countChecks(page: Page) {
  const counts = { health: 0, reachability: 0, xray: 0, discovery: 0 };
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname === '/health') counts.health++;
    // Travel discovery (the token tried in other places, from Node) posts to the same helper.
    else if (
      url.pathname === '/__wsjwt/xray' &&
      r.method() === 'POST' &&
      /"discover"/.test(r.postData() ?? '')
    )
      counts.discovery++;
    else if (url.pathname === '/__wsjwt/xray' && r.method() === 'POST') counts.xray++;
    else if (url.pathname === '/' && r.resourceType() === 'fetch') counts.reachability++;
  });
  return counts;
}

test('close 1008 and no Secret: it stops at once, says why in the log and the diagnosis, and sends nothing more', async ({
  consolePage: c,
  server,
  page,
}) => {
  const checks = countChecks(page);
  await c.token.fill(await signToken({}, { secret: 'not-the-server-secret-0123456789' }));
  await toggle(page).check();
  await c.connectTo(server.url);
  await expect(stopped(page)).toContainText(
    'rejected this token (close 1008 Policy Violation “invalid signature”)',
  );
  await expect(c.event('reconnect')).toContainText('Auto-reconnect stopped');
  await expect(c.diagnosis.locator('[data-reconnect-stopped-diagnosis]')).toContainText('sending it again');
  // connecting, open, close and the stop: no retry was scheduled (the counter never appeared). No travel
  // discovery either: "invalid signature" says the server read the token where it was sent.
  await expect(logTotal(page)).toHaveAttribute('data-log-total', '4');
  expect(checks.discovery).toBe(0);
  await expect(c.event('discovery')).toHaveCount(0);
  await expect(attemptCounter(page)).toHaveCount(0);
  await expect(c.event('connecting')).toHaveCount(1);
});

test('close 1008 with the server’s Secret: one retry with a re-minted token, which opens', async ({
  consolePage: c,
  server,
  page,
}) => {
  const foreign = await signToken({ room: 'blue' }, { secret: 'some-other-service-secret-0123456789' });
  await c.token.fill(foreign);
  await c.secret.fill(SECRET);
  await toggle(page).check();
  await c.connectTo(server.url);
  await expect(c.event('open')).toHaveCount(2); // the refused token opened then closed 1008; the new one stays
  await expect(page.locator('[data-socket-state]')).toHaveAttribute('data-socket-state', 'open');
  await expect(page.locator('[data-reconnect-note]')).toContainText(
    'The server rejected the token, so auto-reconnect re-minted it with your secret',
  );
  const claims = JSON.parse(
    Buffer.from((await c.token.inputValue()).split('.')[1] ?? '', 'base64url').toString(),
  ) as Record<string, unknown>;
  expect(claims).toMatchObject({ userId: '123', role: 'principal', room: 'blue' });
  await expect(stopped(page)).toHaveCount(0);
});

test('a token re-minted with a Secret the server does not share is refused too: it stops after that one retry', async ({
  consolePage: c,
  server,
  page,
}) => {
  await c.token.fill(await signToken({}, { secret: 'token-issuer-secret-0123456789abcd' }));
  await c.secret.fill('the-console-users-wrong-secret-0123');
  await toggle(page).check();
  await c.connectTo(server.url);
  await expect(stopped(page)).toContainText('re-minted with your Secret too (close 1008');
  await expect(stopped(page)).toHaveAttribute('data-reconnect-stopped', '1');
  await expect(c.event('connecting')).toHaveCount(2);
  await expect(attemptCounter(page)).toHaveCount(0);
});

test('a token that already verifies with the Secret is not re-signed: it stops at once', async ({
  consolePage: c,
  startServer,
  page,
}) => {
  const server = await startServer({ secret: 'the-servers-own-secret-0123456789ab' });
  await c.token.fill(await signToken());
  await c.secret.fill(SECRET);
  await expect(page.locator('[data-verify="ok"]')).toBeVisible();
  await toggle(page).check();
  await c.connectTo(server.url);
  await expect(stopped(page)).toContainText(
    'already verifies with your Secret and has not expired, so a re-mint would change nothing',
  );
  await expect(c.event('connecting')).toHaveCount(1);
});

for (const fault of ['graphql-ws-4401', 'graphql-ws-4403'] as const) {
  const code = fault.slice(-4);
  test(`close ${code} (${fault}): no retry of the same token`, async ({ consolePage: c, server, page }) => {
    await c.token.fill(await signToken({}, { secret: 'not-the-server-secret-0123456789' }));
    await toggle(page).check();
    await c.connectTo(`${server.url}/fault/${fault}`);
    await expect(stopped(page)).toContainText(`rejected this token (close ${code}`);
    await expect(c.event('connecting')).toHaveCount(1);
    await expect(attemptCounter(page)).toHaveCount(0);
  });
}

test('close 3000 Unauthorized from a purpose-built server: no retry', async ({ consolePage: c, page }) => {
  const s = await startPurposeServer((ws) => ws.close(3000, 'token rejected'));
  try {
    await c.token.fill(await signToken());
    await toggle(page).check();
    await c.connectTo(s.url);
    await expect(stopped(page)).toContainText('(close 3000 Unauthorized “token rejected”)');
    await expect(c.event('connecting')).toHaveCount(1);
  } finally {
    await s.close();
  }
});

test('HTTP 401 at the upgrade (seen by the x-ray behind the page’s 1006): it stops', async ({
  consolePage: c,
  server,
  page,
}) => {
  const checks = countChecks(page);
  await c.token.fill(await signToken());
  await toggle(page).check();
  await c.connectTo(`${server.url}/fault/reject-401`);
  await expect(stopped(page)).toContainText('rejected this token (HTTP 401 refusal of the upgrade)');
  await expect(c.event('connecting')).toHaveCount(1);
  await expect(attemptCounter(page)).toHaveCount(0);
  await expect(c.event('discovery')).toHaveCount(1);
  expect(checks.xray).toBe(1);
  expect(checks.discovery).toBe(1);
});

test('close 1011 is transient: retries back off with a visible counter, and /health is asked once per streak', async ({
  consolePage: c,
  server,
  page,
}) => {
  const checks = countChecks(page);
  await c.token.fill(await signToken());
  await toggle(page).check();
  await c.connectTo(`${server.url}/fault/close-1011`);
  await expect(attemptCounter(page)).toHaveAttribute('data-reconnect-attempt', '3', { timeout: 30_000 });
  await expect(attemptCounter(page)).toContainText(/^reconnecting in \d+ s \(attempt 3\)$/);
  await expect(c.event('close').first()).toHaveAttribute('data-code', '1011');
  expect(checks.health).toBe(1);
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(attemptCounter(page)).toHaveCount(0);
});

test('nothing listening: the reachability fetch and the x-ray run once for the whole streak', async ({
  consolePage: c,
  page,
}) => {
  const checks = countChecks(page);
  const port = await freePort();
  await c.token.fill(await signToken());
  await toggle(page).check();
  await c.connectTo(`ws://127.0.0.1:${port}`);
  await expect(attemptCounter(page)).toHaveAttribute('data-reconnect-attempt', '4', { timeout: 30_000 });
  expect(checks).toEqual({ health: 1, reachability: 1, xray: 1, discovery: 0 });
  // Every retry still carries the streak's evidence: the diagnosis keeps naming the cause.
  await expect(c.diagnosis.locator('[data-cause]').first()).toHaveAttribute(
    'data-cause',
    'server-unreachable',
  );
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(attemptCounter(page)).toHaveCount(0);
});
