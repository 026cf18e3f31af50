// Issue 16 "Never wrong, never contradictory", in real Chromium against the reference server: a verdict
// belongs to the attempt that produced it, a cut token is malformed everywhere, the evidence follows the
// placement actually used, and the fix never repeats what the server refused.
import { SECRET, expect, signToken, test, type ConsolePage } from './support/fixtures.ts';

test.describe.configure({ timeout: 60_000 });

const topCause = (c: ConsolePage) => c.diagnosis.locator('[data-cause]').first();
const cause = (c: ConsolePage, id: string) => c.diagnosis.locator(`[data-cause="${id}"]`);
const check = (c: ConsolePage, id: string) => c.diagnosis.locator(`[data-check="${id}"]`);

async function connectAndSettle(c: ConsolePage, url: string, events = 'close'): Promise<void> {
  await c.connectTo(url);
  await expect(c.event(events)).toHaveCount(1);
}

test('a verdict belongs to its attempt: Mint with the right Secret after "invalid signature" marks it stale, Connect again clears it', async ({
  consolePage: c,
  server,
  page,
}) => {
  await c.token.fill(await signToken({}, { secret: 'a-secret-the-server-does-not-have-0123' }));
  await connectAndSettle(c, server.url);
  await expect(topCause(c)).toHaveAttribute('data-cause', 'secret-mismatch');
  await expect(c.diagnosis).not.toHaveAttribute('data-stale');

  // The right Secret and a fresh token, without reconnecting: the server never saw this token.
  await c.secret.fill(SECRET);
  await page.getByRole('button', { name: 'Mint token', exact: true }).click();
  await expect(c.diagnosis).toHaveAttribute('data-stale', 'true');
  await expect(c.diagnosis).toContainText('This was for the previous token');
  await expect(c.diagnosis).toContainText('Connect again');
  await expect(c.diagnosis).not.toContainText("the server's JWT_SECRET is different from yours");
  await expect(c.diagnosis.locator('[data-cause="secret-mismatch"]')).toHaveCount(0);
  await expect(check(c, 'same-secret')).toHaveAttribute('data-state', 'pass');

  // Connect again: the verdict is current, and this token gets in.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  // (The first attempt opened too, before its close 1008.)
  await expect(c.event('open')).toHaveCount(2);
  await expect(c.diagnosis).not.toHaveAttribute('data-stale');
  await expect(c.diagnosis.locator('[data-diagnosis="ok"]')).toBeVisible();
});

test('pasting another token after a refusal withdraws the refusal (data-stale), it does not blame the new token', async ({
  consolePage: c,
  server,
}) => {
  await c.secret.fill(SECRET);
  await c.token.fill(await signToken({}, { expOffset: -60 }));
  await connectAndSettle(c, server.url);
  await expect(topCause(c)).toHaveAttribute('data-cause', 'token-expired');
  await c.token.fill(await signToken());
  await expect(c.diagnosis).toHaveAttribute('data-stale', 'true');
  await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
  await expect(check(c, 'not-expired')).toHaveAttribute('data-state', 'pass');
});

test('changing only the Secret after an attempt marks the verdict stale too (contract)', async ({
  consolePage: c,
  server,
}) => {
  await c.token.fill(await signToken({}, { secret: 'a-secret-the-server-does-not-have-0123' }));
  await connectAndSettle(c, server.url);
  await c.secret.fill('another guess');
  await expect(c.diagnosis).toHaveAttribute('data-stale', 'true');
  await expect(c.diagnosis).toContainText('This was for the previous Secret');
});

test.describe('a cut token is token-malformed, said once, everywhere', () => {
  for (const cut of [10, 1]) {
    test(`last ${cut} character(s) cut: badge, checklist and diagnosis agree, before and after Connect`, async ({
      consolePage: c,
      server,
      page,
    }) => {
      const whole = await signToken();
      await c.secret.fill(SECRET);
      await c.token.fill(whole.slice(0, -cut));
      await expect(c.status).toHaveAttribute('data-token-status', 'malformed');
      await expect(topCause(c)).toHaveAttribute('data-cause', 'token-malformed');
      await expect(check(c, 'not-expired')).toContainText('malformed');
      await expect(check(c, 'same-secret')).toHaveAttribute('data-state', 'unknown');
      await expect(page.locator('[data-verify]')).toHaveAttribute('data-verify', 'malformed');

      await connectAndSettle(c, server.url);
      await expect(c.event('close')).toHaveAttribute('data-code', '1008');
      await expect(topCause(c)).toHaveAttribute('data-cause', 'token-malformed');
      await expect(cause(c, 'secret-mismatch')).toHaveCount(0);
      await expect(cause(c, 'token-not-encoded')).toHaveCount(0);
      await expect(c.diagnosis).not.toContainText('The token is well-formed here');
    });
  }
});

test('token in Sec-WebSocket-Protocol, the server reads the query: the evidence names the header, the fix does not ask for a token', async ({
  consolePage: c,
  server,
  page,
}) => {
  await c.token.fill(await signToken());
  await page
    .getByLabel('Token travels in', { exact: true })
    .selectOption({ label: 'Sec-WebSocket-Protocol header' });
  await connectAndSettle(c, server.url);
  await expect(c.event('close')).toHaveAttribute('data-code', '1008');
  await expect(topCause(c)).toHaveAttribute('data-cause', 'token-travel-mismatch');
  // Travel discovery (the x-ray) then finds the place the reference server reads, and the fix moves there.
  await expect(topCause(c)).toContainText('The server accepts this token in ?token=');
  await expect(topCause(c)).toContainText(/sent in the Sec-WebSocket-Protocol header/i);
  await expect(topCause(c).locator('ol > li').first()).toContainText(
    'Set Token travels in to Query parameter',
  );
  await expect(c.diagnosis).not.toContainText('Your token was sent as ?token=');
  await expect(c.diagnosis).not.toContainText('Paste a token into Token');
});

test('rs256-only: the fix never suggests the algorithm the server just refused', async ({
  consolePage: c,
  server,
}) => {
  await c.token.fill(await signToken());
  await connectAndSettle(c, `${server.url}/fault/rs256-only`);
  await expect(topCause(c)).toHaveAttribute('data-cause', 'algorithm-mismatch');
  await expect(topCause(c)).toContainText('The server refused HS256');
  await expect(topCause(c)).not.toContainText("algorithm: 'HS256'");
});

test('accept-any: a token signed with another secret gets in — the lax server is the finding, not the secret', async ({
  consolePage: c,
  server,
}) => {
  await c.secret.fill(SECRET);
  await c.token.fill(await signToken({}, { secret: 'a-secret-the-server-does-not-have-0123' }));
  await connectAndSettle(c, `${server.url}/fault/accept-any`, 'open');
  await expect(topCause(c)).toHaveAttribute('data-cause', 'server-skips-verification');
  await expect(topCause(c)).toContainText('does not verify with your Secret');
  await expect(check(c, 'same-secret')).not.toHaveAttribute('data-state', 'pass');
});

test('the first screen invites, it does not accuse', async ({ consolePage: c }) => {
  await expect(c.status).toHaveAttribute('data-token-status', 'empty');
  await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
  await expect(c.diagnosis).toContainText(
    'Paste a token into Token (or press Mint token), then click Connect',
  );
  await expect(c.diagnosis).not.toHaveAttribute('data-stale');
});

test('the required-claims fix names the claim actually missing (tenant), not the guide list', async ({
  consolePage: c,
  startServer,
  page,
}) => {
  const server = await startServer({ requiredClaims: ['userId', 'role', 'iat', 'exp', 'tenant'] });
  const required = page.getByLabel('Required claims', { exact: true });
  await required.fill('userId, role, iat, exp, tenant');
  await required.press('Enter');
  await c.token.fill(await signToken());
  await connectAndSettle(c, server.url);
  await expect(topCause(c)).toHaveAttribute('data-cause', 'missing-claims');
  await expect(topCause(c)).toContainText('Put the missing field in the payload: tenant');
  await expect(topCause(c)).not.toContainText(
    'Put every field the server requires in the payload: userId, role, iat, exp',
  );
});

test('a token valid only thanks to the leeway says so (never "expires 5 s ago")', async ({
  consolePage: c,
  page,
}) => {
  await page.getByLabel('Leeway (s)', { exact: true }).fill('30');
  await c.token.fill(await signToken({}, { iatOffset: -3600, expOffset: -5 }));
  await expect(c.status).toHaveAttribute('data-token-status', 'valid');
  const badge = c.status.locator('..');
  await expect(badge).toContainText('still inside the leeway');
  await expect(badge).not.toContainText('expires');
});
