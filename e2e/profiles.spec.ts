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

  test('a profile keeps the Protocol and where the token travels; an older one loads as plain, query', async ({
    page,
  }) => {
    const token = await signToken();
    await page.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      const base = { paramName: 'token', requiredClaims: [], claimsTemplate: '', savedAt: 1 };
      localStorage.setItem(
        'wsjwt-settings',
        JSON.stringify({
          version: 2,
          state: {
            profiles: [
              {
                ...base,
                name: 'Chat',
                serverUrl: 'ws://chat.test:3000',
                appProtocol: 'socket.io',
                tokenTravel: 'first-message',
                subprotocolTemplate: 'access_token, {token}',
                connectionPayload: '{"jwt": "{token}"}',
              },
              { ...base, name: 'Old', serverUrl: 'ws://old.test:1/ws' },
            ],
          },
        }),
      );
    });
    await page.goto('/');
    const connectionUrl = page.getByLabel('Connection URL', { exact: true });
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('tab', { name: 'Profiles', exact: true }).click();
    await page.getByRole('button', { name: 'Load profile', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(
      'Protocol: Socket.IO; token travels in: First message.',
    );
    // Socket.IO's Engine.IO path, and the token in CONNECT's auth, not in the URL.
    await expect(connectionUrl).toHaveValue('ws://chat.test:3000/socket.io/?EIO=4&transport=websocket');

    // Saved again under another name: the protocol and templates go with it, the token does not.
    await page.getByLabel('Profile name', { exact: true }).fill('Chat copy');
    await page.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Saved the profile “Chat copy”.');
    expect(await storage(page)).not.toContain(token);
    const saved = await page.evaluate(
      () =>
        (
          JSON.parse(localStorage.getItem('wsjwt-settings') ?? '{}') as {
            state: { profiles: Array<Record<string, unknown>> };
          }
        ).state.profiles,
    );
    expect(saved.find((p) => p.name === 'Chat copy')).toMatchObject({
      appProtocol: 'socket.io',
      tokenTravel: 'first-message',
      subprotocolTemplate: 'access_token, {token}',
      connectionPayload: '{"jwt": "{token}"}',
    });

    await page.getByLabel('Profile', { exact: true }).selectOption('Old');
    await page.getByRole('button', { name: 'Load profile', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(
      'Protocol: Plain WebSocket; token travels in: Query parameter.',
    );
    await expect(connectionUrl).toHaveValue(`ws://old.test:1/ws?token=${token}`);
  });

  test('saved from the Protocol and Token travels in controls, restored into them after a reload', async ({
    page,
    consolePage: c,
  }) => {
    const protocol = page.getByLabel('Protocol', { exact: true });
    const travel = page.getByLabel('Token travels in', { exact: true });
    await c.serverUrl.fill('ws://localhost:61614/ws');
    await protocol.selectOption({ label: 'STOMP' });
    await travel.selectOption({ label: 'Cookie' });
    await c.openTool('Profiles');
    await page.getByLabel('Profile name', { exact: true }).fill('Broker');
    await page.getByRole('button', { name: 'Save profile', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Saved the profile “Broker”.');

    await page.reload();
    await protocol.selectOption({ label: 'Plain WebSocket' });
    await travel.selectOption({ label: 'Query parameter' });
    await c.openTool('Profiles');
    await page.getByRole('button', { name: 'Load profile', exact: true }).click();
    await expect(protocol).toHaveValue('stomp');
    await expect(travel).toHaveValue('cookie');
    await expect(page.getByRole('status')).toContainText('Protocol: STOMP; token travels in: Cookie.');
  });
});
