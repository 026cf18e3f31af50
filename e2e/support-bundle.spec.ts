import type { Page } from '@playwright/test';
import { SECRET, expect, signToken, startPurposeServer, test } from './support/fixtures.ts';

async function copyBundle(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy support bundle', exact: true }).click();
  await expect(page.getByText('✓ Copied as Markdown')).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe('support bundle', () => {
  test.setTimeout(90_000);

  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('after a failed connect: the diagnosis and the decoded token, never the secret, the signature or the token', async ({
    consolePage: c,
    server,
    page,
  }) => {
    const token = await signToken({}, { secret: 'some-other-secret' });
    const signature = token.split('.')[2] ?? '';
    await c.token.fill(token);
    await c.secret.fill(SECRET);
    await c.connectTo(server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(c.diagnosis.locator('[data-cause="secret-mismatch"]')).toHaveCount(1);

    const bundle = await copyBundle(page);
    expect(bundle).toContain('secret-mismatch');
    expect(bundle).toContain('"alg": "HS256"');
    expect(bundle).toContain('"userId": "123"');
    expect(bundle).toContain('"role": "principal"');
    expect(bundle).toContain('reason "invalid signature"');
    expect(bundle).toContain(`${server.url}?token=<redacted>`);
    expect(bundle).toContain(await page.evaluate(() => navigator.userAgent));
    expect(bundle).toContain(await page.evaluate(() => location.origin));

    expect(signature.length).toBeGreaterThan(20);
    expect(bundle).not.toContain(SECRET);
    expect(bundle).not.toContain(signature);
    expect(bundle).not.toContain(token);
  });

  test('a server that echoes the token and quotes the secret in its close reason: both are redacted', async ({
    consolePage: c,
    page,
  }) => {
    const hostile = await startPurposeServer((ws, url) => {
      ws.send(`your token was ${url.searchParams.get('token') ?? ''}`);
      setTimeout(() => ws.close(1008, `bad secret, expected ${SECRET}`), 50);
    });
    try {
      const token = await signToken();
      await c.token.fill(token);
      await c.secret.fill(SECRET);
      await c.connectTo(hostile.url);
      await expect(c.event('close')).toHaveAttribute('data-code', '1008');
      // The console itself shows the close reason as it came (the user's own screen).
      await expect(c.event('close')).toContainText('bad secret');

      const bundle = await copyBundle(page);
      expect(bundle).toContain('your token was <token redacted>');
      expect(bundle).toContain('bad secret, expected <secret redacted>');
      expect(bundle).not.toContain(SECRET);
      expect(bundle).not.toContain(token);
      expect(bundle).not.toContain(token.split('.')[2] ?? '');
    } finally {
      await hostile.close();
    }
  });

  test('the preview shows the same redacted text', async ({ consolePage: c, page }) => {
    const token = await signToken();
    await c.token.fill(token);
    await c.secret.fill(SECRET);
    await page.getByRole('button', { name: 'Preview support bundle', exact: true }).click();
    const preview = page.getByRole('textbox', { name: 'Support bundle', exact: true });
    await expect(preview).toContainText('Signature: verifies with the Secret (HS256)');
    await expect(preview).toContainText('No connection attempt yet');
    const text = await preview.inputValue();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(token.split('.')[2] ?? '');
  });
});
