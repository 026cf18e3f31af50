import type { Page } from '@playwright/test';
import { expect, signToken, test } from './support/fixtures.ts';

/**
 * The shortcuts arrive with their help button, a chunk loaded right after the first paint (App.tsx): a key
 * pressed before the button shows is not a shortcut yet. Waiting for it is waiting for what a user sees.
 */
async function shortcutsReady(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts', exact: true })).toBeVisible();
}

// Multi-step flows against real servers (reloads, sockets): room for a busy shared machine.
test.describe.configure({ timeout: 60_000 });

test.describe('keyboard shortcuts', () => {
  test('the help overlay lists them; Escape closes it and focus goes back', async ({
    page,
    consolePage: _c,
  }) => {
    const button = page.getByRole('button', { name: 'Keyboard shortcuts', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts', exact: true });
    await expect(dialog).toBeVisible();
    for (const text of ['Connect (or reconnect)', 'Disconnect', 'Focus the token', 'Clear the event log']) {
      await expect(dialog.getByRole('cell', { name: text, exact: true })).toBeVisible();
    }
    await expect(dialog.locator('[data-shortcut="connect"] kbd')).toHaveText(['Alt', 'C']);
    // Focus stays in the modal dialog.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
  });

  test('"?" opens the help outside text fields, and types a "?" inside them', async ({
    page,
    consolePage: c,
  }) => {
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts', exact: true });
    await shortcutsReady(page);
    await c.token.fill('abc');
    await c.token.press('?');
    await expect(c.token).toHaveValue('abc?');
    await expect(dialog).toBeHidden();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  test('Alt+T focuses the token, Alt+C connects, Alt+X disconnects, Alt+L clears the log', async ({
    page,
    consolePage: c,
    server,
  }) => {
    await c.serverUrl.fill(server.url);
    await shortcutsReady(page);
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Alt+KeyT');
    await expect(c.token).toBeFocused();
    await page.keyboard.insertText(await signToken());
    await expect(c.status).toHaveAttribute('data-token-status', 'valid');

    await page.keyboard.press('Alt+KeyC'); // from inside the token field
    await expect(c.event('open')).toHaveCount(1);
    await expect(page.locator('[data-socket-state="open"]')).toBeVisible();

    await page.keyboard.press('Alt+KeyX');
    await expect(c.event('close')).toHaveCount(1);
    await expect(page.locator('[data-socket-state="closed"]')).toBeVisible();

    await page.keyboard.press('Alt+KeyL');
    await expect(c.log.locator('[data-event]')).toHaveCount(0);
  });
});
