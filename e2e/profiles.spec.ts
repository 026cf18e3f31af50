import type { Page } from '@playwright/test';
import { SECRET, expect, signToken, test } from './support/fixtures.ts';

// Multi-step flows against real servers (reloads, sockets): room for a busy shared machine.
test.describe.configure({ timeout: 60_000 });

const storage = (page: Page) =>
  page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));

test.describe('saved connection profiles', () => {
  test('a profile survives a reload and restores the settings; never the secret, no token by default', async ({
    page,
    consolePage: c,
  }) => {
    const token = await signToken();
    await c.serverUrl.fill('ws://localhost:4999/ws');
    await c.param.fill('jwt');
    const required = page.getByLabel('Required claims', { exact: true });
    await required.fill('userId, tenant');
    await required.press('Enter');
    await c.openTool('Mint & keys');
    await page
      .getByLabel('Payload', { exact: true })
      .fill('{"userId":"7","tenant":"acme","iat":1000,"exp":4600}');
    await c.token.fill(token);
    await c.secret.fill(SECRET);

    await c.openTool('Profiles');
    await page.getByLabel('Profile name', { exact: true }).fill('Staging');
    await page.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved the profile “Staging”.' })).toBeVisible();

    await page.reload();
    await expect(c.secret).toHaveValue('');
    const stored = await storage(page);
    expect(stored).toContain('Staging');
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(token);

    // Change everything, then load the profile back.
    await c.serverUrl.fill('ws://elsewhere:1');
    await c.param.fill('token');
    await c.openTool('Mint & keys');
    await page.getByLabel('Payload', { exact: true }).fill('{}');
    await expect(page.getByLabel('Profile', { exact: true })).toHaveValue('Staging');
    await c.openTool('Profiles');
    await page.getByRole('button', { name: 'Load profile', exact: true }).click();
    await expect(c.serverUrl).toHaveValue('ws://localhost:4999/ws');
    await expect(c.param).toHaveValue('jwt');
    await expect(required).toHaveValue(/userId, ?tenant/);
    // The template keeps its claims and its 1 h lifetime, moved to now.
    const payload = JSON.parse(await page.getByLabel('Payload', { exact: true }).inputValue()) as Record<
      string,
      number | string
    >;
    expect(payload.tenant).toBe('acme');
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
    expect(Math.abs(Number(payload.iat) - Date.now() / 1000)).toBeLessThan(600);
    await expect(c.token).toHaveValue(''); // no token in this profile
  });

  test('the token only on opt-in, with a warning; delete removes the profile', async ({
    page,
    consolePage: c,
  }) => {
    const token = await signToken();
    await c.token.fill(token);
    await c.secret.fill(SECRET);
    await c.openTool('Profiles');
    await page.getByLabel('Profile name', { exact: true }).fill('With token');
    await page.getByLabel('Include the token in this profile', { exact: true }).check();
    await expect(page.locator('[data-profile-token-warning]')).toContainText('plain text');
    await page.getByRole('button', { name: 'Save profile', exact: true }).click();

    await page.reload();
    const stored = await storage(page);
    expect(stored).toContain(token);
    expect(stored).not.toContain(SECRET);
    await expect(c.token).toHaveValue(''); // "Remember the token" is off: only the profile holds it
    await c.openTool('Profiles');
    await page.getByRole('button', { name: 'Load profile', exact: true }).click();
    await expect(c.token).toHaveValue(token);

    await page.getByRole('button', { name: 'Delete profile', exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Deleted the profile “With token”.' }),
    ).toBeVisible();
    await page.reload();
    expect(await storage(page)).not.toContain(token);
    await c.openTool('Profiles');
    await expect(page.getByRole('button', { name: 'Load profile', exact: true })).toBeDisabled();
  });

  test('a secret typed into the payload template is not saved', async ({ page, consolePage: c }) => {
    await c.secret.fill(SECRET);
    await c.openTool('Mint & keys');
    await page.getByLabel('Payload', { exact: true }).fill(`{"userId":"1","note":"${SECRET}"}`);
    await c.openTool('Profiles');
    await page.getByLabel('Profile name', { exact: true }).fill('Careless');
    await page.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('payload template contains the secret');
    expect(await storage(page)).not.toContain(SECRET);
  });

  test('malformed stored profiles are ignored, the page still works', async ({ page }) => {
    await page.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        'wsjwt-settings',
        JSON.stringify({
          version: 1,
          state: {
            profiles: [
              null,
              42,
              { name: 'broken' },
              {
                name: 'Good',
                serverUrl: 'ws://good:1',
                paramName: 'token',
                requiredClaims: ['userId'],
                claimsTemplate: '{}',
                savedAt: 1,
                secretText: 'x',
              },
              { name: { evil: true }, serverUrl: 'ws://x' },
            ],
          },
        }),
      );
    });
    await page.goto('/');
    const select = page.getByLabel('Profile', { exact: true });
    await expect(select.locator('option')).toHaveText(['Good']);
    await page.getByRole('tab', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: 'Load profile', exact: true }).click();
    await expect(page.getByLabel('Server URL', { exact: true })).toHaveValue('ws://good:1');
  });
});
