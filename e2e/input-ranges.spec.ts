// Inputs with a unit have a range (issue 11, item 4): a value out of range stays as typed, is not applied,
// and a message names the field and the range.
import { expect, test } from './support/fixtures.ts';

test('Timeout (ms) above the range: the value stays as typed, the message says the range and what Connect uses', async ({
  consolePage: _c,
  page,
}) => {
  const timeout = page.getByLabel('Timeout (ms)', { exact: true });
  await timeout.fill('2147483648');
  await expect(timeout).toHaveValue('2147483648');
  await expect(timeout).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-range-error="connect-timeout"]')).toHaveText(
    'Timeout (ms) must be a whole number from 100 to 300,000 ms; “2147483648” is above that. Connect uses 10000 ms until then.',
  );
  await timeout.fill('2500');
  await expect(page.locator('[data-range-error]')).toHaveCount(0);
  await expect(timeout).toHaveAttribute('aria-invalid', 'false');
});

test('Leeway (s) below zero is refused with its range', async ({ consolePage: c, page }) => {
  const leeway = page.getByLabel('Leeway (s)', { exact: true });
  await leeway.fill('-5');
  await expect(leeway).toHaveValue('-5');
  await expect(page.locator('[data-range-error="token-leeway"]')).toHaveText(
    'Leeway (s) must be a number from 0 to 86,400 s; “-5” is below that. Time checks use 0 s until then.',
  );
  await expect(c.token).toBeVisible();
});
