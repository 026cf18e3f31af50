// Promise 3: hostile content stays inert. A token whose header and claims carry HTML, script and event
// handler attributes, and a server that sends them as messages and as its close reason: no script runs,
// no element is created from them, and the literal text is what the user sees.
import type { Page } from '@playwright/test';
import { expect, startPurposeServer, test } from './support/fixtures.ts';

// A shared, busy machine renders slowly: generous limits (behaviour is asserted, never timing).
test.describe.configure({ timeout: 90_000 });

declare global {
  interface Window {
    __pwned?: number;
  }
}

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '<svg onload="window.__pwned=1"></svg>';
const LINK = '<a href="javascript:window.__pwned=1">click</a>';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], a[href^="javascript:"]')).toHaveCount(0);
  // Only the console's own bundle is a script on the page.
  expect(await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length)).toBe(0);
}

test('a token with HTML in its header, claim names and values is shown as text', async ({
  consolePage: c,
  page,
}) => {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: IMG, kid: SCRIPT };
  const payload = { userId: SVG, role: LINK, [IMG]: SCRIPT, iat: now, exp: now + 3600 };
  await c.token.fill(`${b64(header)}.${b64(payload)}.${'A'.repeat(43)}`);
  await expect(c.status).toHaveAttribute('data-token-status', 'valid');
  const headerJson = page.getByLabel('Header JSON', { exact: true });
  const payloadJson = page.getByLabel('Payload JSON', { exact: true });
  await expect(headerJson).toContainText(JSON.stringify(IMG));
  await expect(headerJson).toContainText(JSON.stringify(SCRIPT));
  await expect(payloadJson).toContainText(JSON.stringify(SVG));
  await expect(payloadJson).toContainText(JSON.stringify(LINK));
  await expect(payloadJson).toContainText(`${JSON.stringify(IMG)}: ${JSON.stringify(SCRIPT)}`);
  // The header chips show the raw strings, as text.
  await expect(page.getByText(`typ: ${IMG}`, { exact: true })).toBeVisible();
  await expectInert(page);
});

test('hostile messages, JSON keys and a hostile close reason from the server are shown as text', async ({
  consolePage: c,
  page,
}) => {
  test.slow();
  const reason = `<img src=x onerror=window.__pwned=1>`; // within 123 bytes
  const srv = await startPurposeServer((ws) => {
    ws.send(IMG);
    ws.send(SCRIPT);
    ws.send(SVG);
    ws.send(JSON.stringify({ [IMG]: SCRIPT, type: 'connection_error', payload: { message: IMG } }));
    setTimeout(() => ws.close(4401, reason), 200);
  });
  try {
    await c.token.fill('t.o.k');
    await c.connectTo(`${srv.url}/?room=${encodeURIComponent(SCRIPT)}`);
    const close = c.event('close');
    await expect(close).toHaveAttribute('data-code', '4401');
    await expect(close).toContainText(reason);
    for (const text of [IMG, SCRIPT, SVG])
      await expect(c.event('message').filter({ hasText: text }).first()).toBeVisible();
    await expect(
      c.event('message').filter({ hasText: JSON.stringify({ [IMG]: SCRIPT }).slice(1, 40) }),
    ).toHaveCount(1);
    // The diagnosis quotes the reason as text too.
    await expect(c.diagnosis.locator('[data-cause]').first()).toBeVisible();
    await expectInert(page);
    // The whole-row inspector shows the content as text as well.
    await page
      .getByRole('button', { name: /^Inspect event/ })
      .first()
      .click();
    await expectInert(page);
  } finally {
    await srv.close();
  }
});
