import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SECRET, expect, signToken, test } from './support/fixtures.ts';

// axe-core on the real console (issue 14): WCAG 2.1 A and AA plus best practices, zero violations, in the
// light and the dark theme, before and after a diagnosed failure, with every tool panel shown in turn and
// the collapsed parts of the diagnosis opened.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const TOOLS = ['Composer', 'Mint & keys', 'Encoding lab', 'Test matrix', 'Profiles'];

async function violations(page: Page, include?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page }).withTags(TAGS);
  if (include) axe = axe.include(include);
  const { violations } = await axe.analyze();
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
  );
}

for (const theme of ['light', 'dark'] as const) {
  test(`${theme}: no axe violations before and after a diagnosed failure, every tool panel shown`, async ({
    page,
    consolePage: c,
    server,
  }) => {
    test.slow(); // axe runs seven times
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await violations(page), 'before Connect').toEqual([]);

    await c.token.fill(await signToken({ role: undefined }, { secret: 'not-the-servers-secret' }));
    await c.secret.fill(SECRET);
    await c.connectTo(server.url);
    await expect(c.event('close')).toHaveAttribute('data-code', '1008');
    await expect(c.diagnosis.locator('[data-cause]').first()).toBeVisible();
    for (const summary of await c.diagnosis.locator('details > summary').all()) await summary.click();
    expect(await violations(page), 'after a failed Connect').toEqual([]);

    for (const tool of TOOLS.slice(1)) {
      await c.openTool(tool);
      await expect(page.getByRole('tabpanel', { name: tool })).toBeVisible();
      expect(await violations(page, `[data-tool]:not([hidden])`), `${tool} panel`).toEqual([]);
    }
  });
}
