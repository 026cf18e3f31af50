import { SignJWT, base64url } from 'jose';
import { SECRET, expect, signToken, test } from './support/fixtures.ts';

const enc = (o: unknown) => base64url.encode(JSON.stringify(o));

test.describe('inspect a pasted token', () => {
  test('header, payload, times and required claims at a glance', async ({ consolePage: c, page }) => {
    const token = await new SignJWT({
      userId: '123',
      role: 'principal',
      iat: 1_800_000_000,
      exp: 1_800_086_400,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'key-1' })
      .sign(new TextEncoder().encode(SECRET));
    await c.token.fill(token);
    await expect(page.getByLabel('Header JSON')).toContainText('"kid": "key-1"');
    await expect(page.getByLabel('Payload JSON')).toContainText('"role": "principal"');
    const times = page.getByRole('table', { name: 'Token times' });
    await expect(times.locator('[data-claim="exp"]')).toContainText('2027-01-16T08:00:00Z');
    await expect(times.locator('[data-claim="iat"]')).toContainText('2027-01-15T08:00:00Z');
    await expect(page.locator('[data-claim-present="false"]')).toHaveCount(0);
  });

  test('a cleaned paste says what was removed', async ({ consolePage: c, page }) => {
    const token = await signToken();
    await c.token.fill(`  "${token}"\n`);
    await expect(c.status).toHaveAttribute('data-token-status', 'valid');
    await expect(page.getByText('Cleaned up before use')).toBeVisible();
  });

  test('broken tokens say which segment is broken and why', async ({ consolePage: c, page }) => {
    await c.token.fill('eyJhbGciOiJIUzI1NiJ9.only-two');
    await expect(c.status).toHaveAttribute('data-token-status', 'malformed');
    await expect(page.locator('[data-problem="ERR_SEGMENT_COUNT"]')).toBeVisible();

    await c.token.fill('eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d');
    await expect(page.locator('[data-problem="ERR_JWE"]')).toBeVisible();

    await c.token.fill(`${enc({ alg: 'HS256' })}.${enc({ sub: 'x' })}+/=.sig`);
    await expect(c.status).toHaveAttribute('data-token-status', 'malformed');
    await expect(page.locator('[data-problem="ERR_SEGMENT_CHARSET"]')).toContainText('+');

    await c.token.fill(`${enc({ alg: 'HS256' })}.${base64url.encode('not json')}.sig`);
    await expect(page.locator('[data-problem="ERR_SEGMENT_JSON"]')).toBeVisible();
  });

  test('alg none is called out', async ({ consolePage: c, page }) => {
    await c.token.fill(
      `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ userId: '1', role: 'r', iat: 1, exp: 4_000_000_000 })}.`,
    );
    await expect(page.locator('[data-problem="WARN_ALG_NONE"]')).toBeVisible();
  });

  test('missing required claims are flagged, and the list is editable', async ({ consolePage: c, page }) => {
    await c.token.fill(await signToken({ role: undefined }));
    await expect(page.locator('[data-claim-present="false"]')).toHaveText(/role/);
    const required = page.getByLabel('Required claims', { exact: true });
    await required.fill('userId, iat, exp');
    await required.press('Enter');
    await expect(page.locator('[data-claim-present="false"]')).toHaveCount(0);
  });

  test('a token without exp is "no-expiry"', async ({ consolePage: c }) => {
    await c.token.fill(await signToken({}, { expOffset: null }));
    await expect(c.status).toHaveAttribute('data-token-status', 'no-expiry');
  });
});

test.describe('a 64 KB token', () => {
  // Big tokens take the browser's native base64 decoding (Uint8Array.fromBase64); small ones the portable
  // loop the unit tests cover. Both must read the same bytes.
  const blob = Array.from({ length: 4_800 }, (_, i) => `é€😀${String.fromCharCode(33 + (i % 90))}`).join('');

  test('is read exactly: the payload, its length, the signature and the Connection URL', async ({
    consolePage: c,
    page,
  }) => {
    const token = await signToken({ blob });
    expect(token.length).toBeGreaterThan(60_000);
    await c.serverUrl.fill('ws://localhost:3000');
    await c.token.fill(token);
    await expect(c.status).toHaveAttribute('data-token-status', 'valid');
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    const pretty = JSON.stringify(payload, null, 2);
    const view = page.getByLabel('Payload JSON');
    await expect(view).toContainText(pretty.slice(0, 2_000));
    // The view shows the first 8 KiB and counts the rest: only an exact decoding gives this number.
    await expect(view).toContainText(
      `… ${(pretty.length - 8 * 1024).toLocaleString('en')} more characters not shown`,
    );
    await expect(c.connectionUrl).toHaveValue(`ws://localhost:3000?token=${token}`); // base64url: nothing to escape
    await c.secret.fill(SECRET);
    await expect(page.locator('[data-verify="ok"]')).toBeVisible();
  });

  test('one bad character deep inside is named with its position', async ({ consolePage: c, page }) => {
    const token = await signToken({ blob });
    const at = token.indexOf('.') + 1 + 50_000; // position 50,000 of the payload segment
    await c.token.fill(`${token.slice(0, at)}+${token.slice(at + 1)}`);
    await expect(c.status).toHaveAttribute('data-token-status', 'malformed');
    await expect(page.locator('[data-problem="ERR_SEGMENT_CHARSET"]')).toContainText('"+" at position 50000');
  });
});

test.describe('verify against a secret, live', () => {
  test('the verdict follows every change of token or secret', async ({ consolePage: c, page }) => {
    await c.token.fill(await signToken());
    await c.secret.fill(SECRET);
    await expect(page.locator('[data-verify="ok"]')).toBeVisible();
    await c.secret.fill(`${SECRET}x`);
    await expect(page.locator('[data-verify="failed"]')).toBeVisible();
    await expect(page.locator('[data-verify="ok"]')).toHaveCount(0);
    await c.secret.fill(SECRET);
    await expect(page.locator('[data-verify="ok"]')).toBeVisible();
    await c.token.fill(await signToken({}, { secret: 'another' }));
    await expect(page.locator('[data-verify="failed"]')).toBeVisible();
  });

  test('a base64 secret is decoded when asked', async ({ consolePage: c, page }) => {
    const bytes = new Uint8Array(32).map((_, i) => i * 7);
    const token = await new SignJWT({ userId: '1', role: 'r', iat: 1, exp: 4_000_000_000 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(bytes);
    await c.token.fill(token);
    await c.secret.fill(Buffer.from(bytes).toString('base64'));
    await page.getByLabel('Secret encoding').selectOption('base64');
    await expect(page.locator('[data-verify="ok"]')).toBeVisible();
  });

  test('minting needs a secret and says so', async ({ consolePage: c, page }) => {
    await page.getByRole('button', { name: 'Mint token', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('secret');
    await expect(c.token).toHaveValue('');
  });

  test('minting with HS512 and an edited payload', async ({ consolePage: c, page }) => {
    await c.secret.fill(SECRET);
    await c.openTool('Mint & keys');
    await page.getByLabel('Algorithm', { exact: true }).selectOption('HS512');
    await page
      .getByLabel('Payload', { exact: true })
      .fill('{"userId":"7","role":"admin","iat":1,"exp":4000000000}');
    await page.getByRole('button', { name: 'Mint token', exact: true }).click();
    await expect(page.getByLabel('Header JSON')).toContainText('HS512');
    await expect(page.locator('[data-verify="ok"]')).toBeVisible();
    await page.getByLabel('Payload', { exact: true }).fill('{"userId": }');
    await page.getByRole('button', { name: 'Mint token', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('not valid JSON');
  });
});

test('the expiry countdown is live (page.clock)', async ({ page }) => {
  const t0 = new Date('2026-11-27T10:00:00Z');
  await page.clock.install({ time: t0 });
  await page.clock.pauseAt(new Date(t0.getTime() + 60_000));
  await page.goto('/');
  const exp = Math.floor(t0.getTime() / 1000) + 3600;
  const token = await new SignJWT({ userId: '1', role: 'r', iat: exp - 3600, exp })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));
  await page.getByLabel('Token', { exact: true }).fill(token);
  const status = page.locator('[data-token-status]');
  await expect(status).toHaveAttribute('data-token-status', 'valid');
  const badge = status.locator('..'); // the badge and its "expires in …" text
  await expect(badge).toContainText('expires in 59 min');
  await page.clock.fastForward(29 * 60 * 1000);
  await expect(badge).toContainText('expires in 30 min');
  await page.clock.fastForward(31 * 60 * 1000);
  await expect(status).toHaveAttribute('data-token-status', 'expired');
  await expect(badge).toContainText('expired 1 min ago');
});

test('settings persist across a reload; the secret and (by default) the token do not', async ({
  consolePage: c,
  page,
}) => {
  await c.serverUrl.fill('ws://localhost:4999/ws');
  await c.token.fill(await signToken());
  await c.secret.fill(SECRET);
  await page.reload();
  await expect(c.serverUrl).toHaveValue('ws://localhost:4999/ws');
  await expect(c.secret).toHaveValue('');
  await expect(c.token).toHaveValue('');
  const stored = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(stored).not.toContain(SECRET);
});
