import { expect, signToken, startPurposeServer, test } from './support/fixtures.ts';

// Tool panels stay mounted while hidden (issue 14): switching tabs loses no draft and stops nothing.
test('a running composer interval and half-typed drafts survive switching tabs', async ({
  consolePage: c,
  page,
}) => {
  let received = 0;
  const echo = await startPurposeServer((ws) => {
    ws.on('message', (data) => {
      received++;
      ws.send(data.toString());
    });
  });
  try {
    await c.token.fill(await signToken());
    await c.connectTo(echo.url);
    await expect(c.event('open')).toHaveCount(1);

    const message = page.getByRole('textbox', { name: 'Message', exact: true });
    await message.fill('beat');
    await page.getByRole('spinbutton', { name: 'Interval (ms)', exact: true }).fill('150');
    await page.getByRole('button', { name: 'Start interval', exact: true }).click();

    await c.openTool('Mint & keys');
    await expect(message).toBeHidden();
    const payload = page.getByLabel('Payload', { exact: true });
    await payload.fill('{"userId":"draft"}');
    const before = received;
    await expect.poll(() => received).toBeGreaterThan(before + 3); // still sending, its tab hidden

    await c.openTool('Encoding lab');
    await c.openTool('Composer');
    await expect(message).toHaveValue('beat');
    await expect(page.getByRole('button', { name: 'Stop interval', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Stop interval', exact: true }).click();
    await c.openTool('Mint & keys');
    await expect(payload).toHaveValue('{"userId":"draft"}');
  } finally {
    await echo.close();
  }
});

test('the tools are tabs: arrow keys move between them, the panel follows', async ({
  consolePage: c,
  page,
}) => {
  const composer = page.getByRole('tab', { name: 'Composer', exact: true });
  await expect(composer).toHaveAttribute('aria-selected', 'true');
  await composer.focus();
  await page.keyboard.press('ArrowRight');
  const mint = page.getByRole('tab', { name: 'Mint & keys', exact: true });
  await expect(mint).toBeFocused();
  await expect(mint).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Mint & keys' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Profiles', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(composer).toBeFocused();
  await expect(c.token).toBeVisible();
});
