import type { Locator, Page } from '@playwright/test';
import { SECRET, expect, signToken, test, type ConsolePage } from './support/fixtures.ts';

const ALL_VARIANTS = [
  'good',
  'expired',
  'wrong-secret',
  'missing-userId',
  'missing-role',
  'missing-iat',
  'missing-exp',
  'alg-none',
  'nbf-future',
  'tampered-payload',
];

function matrixTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Test matrix', exact: true });
}

/**
 * An opened socket counts as accepted when it is still open after the observation window. The reference
 * server closes a bad token right after open, but on a loaded test machine that can take over a second: the
 * tests that need rejections seen widen the window (a setting of the console).
 */
const WIDE_WINDOW_MS = '5000';

/** Fills the token (and the Secret), points the console at `url`, runs the matrix and waits for the end. */
async function runMatrix(
  c: ConsolePage,
  url: string,
  { secret = SECRET, observeMs = WIDE_WINDOW_MS }: { secret?: string | null; observeMs?: string } = {},
): Promise<Locator> {
  await c.token.fill(await signToken());
  if (secret !== null) await c.secret.fill(secret);
  await c.serverUrl.fill(url);
  await c.page.getByLabel('Observation window (ms)', { exact: true }).fill(observeMs);
  await c.page.getByRole('button', { name: 'Run test matrix', exact: true }).click();
  const table = matrixTable(c.page);
  // Every variant gets its own socket, one after another.
  await expect(table).toHaveAttribute('data-matrix-state', 'done', { timeout: 100_000 });
  return table;
}

async function verdicts(table: Locator): Promise<Record<string, string | null>> {
  const pairs = await table
    .locator('[data-variant]')
    .evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-variant') ?? '', r.getAttribute('data-verdict')] as const),
    );
  return Object.fromEntries(pairs);
}

test.describe('server auth test matrix', () => {
  test.setTimeout(120_000);

  test('against the reference server: one row per variant, every row passes', async ({
    consolePage: c,
    server,
    page,
  }) => {
    await c.token.fill(await signToken());
    await c.secret.fill(SECRET);
    await c.serverUrl.fill(server.url);
    await page.getByLabel('Observation window (ms)', { exact: true }).fill(WIDE_WINDOW_MS);
    const run = page.getByRole('button', { name: 'Run test matrix', exact: true });
    await run.click();
    await expect(run).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Cancel test matrix', exact: true })).toBeVisible();

    const table = matrixTable(page);
    await expect(table).toHaveAttribute('data-matrix-state', 'done', { timeout: 100_000 });
    await expect(run).toBeEnabled();
    await expect(table.locator('[data-variant]')).toHaveCount(ALL_VARIANTS.length);
    expect(await verdicts(table)).toEqual(Object.fromEntries(ALL_VARIANTS.map((v) => [v, 'pass'])));
    // What the server did, in its own words.
    await expect(table.locator('[data-variant="expired"]')).toContainText(
      '1008 (Policy Violation) "jwt expired"',
    );
    await expect(table.locator('[data-variant="wrong-secret"]')).toContainText('"invalid signature"');
    await expect(table.locator('[data-variant="missing-role"]')).toContainText(
      'Missing required claims: role',
    );
    await expect(table.locator('[data-variant="good"]')).toContainText('stayed open');
    await expect(page.locator('[data-matrix-summary="pass"]')).toContainText('accepted only the good token');
    // The matrix's sockets stay out of the event log and the diagnosis.
    await expect(c.log.locator('[data-event]')).toHaveCount(0);
    await expect(c.diagnosis.locator('[data-cause]')).toHaveCount(0);
  });

  test('a lax server that accepts an expired token is flagged', async ({ consolePage: c, startServer }) => {
    const lax = await startServer({ fault: 'accept-expired' });
    const table = await runMatrix(c, lax.url);
    const result = await verdicts(table);
    expect(result.expired).toBe('fail');
    expect(
      Object.entries(result)
        .filter(([, v]) => v === 'fail')
        .map(([k]) => k),
    ).toEqual(['expired']);
    await expect(table.locator('[data-variant="expired"]')).toContainText(
      'FAIL: the server accepted an expired token',
    );
    await expect(c.page.locator('[data-matrix-summary="fail"]')).toContainText(
      'The server accepted 1 token it must reject: expired',
    );
  });

  test('a server that accepts anything fails every row but the good one', async ({
    consolePage: c,
    startServer,
  }) => {
    const lax = await startServer({ fault: 'accept-any' });
    // Everything is accepted here, so the default window (1.5 s) cannot mistake a slow rejection.
    const table = await runMatrix(c, lax.url, { observeMs: '1500' });
    const result = await verdicts(table);
    expect(result.good).toBe('pass');
    expect(
      Object.entries(result)
        .filter(([, v]) => v === 'fail')
        .map(([k]) => k),
    ).toEqual(ALL_VARIANTS.filter((v) => v !== 'good'));
    await expect(table.locator('[data-variant="alg-none"]')).toContainText(
      'FAIL: the server accepted an unsigned token (alg: none)',
    );
    await expect(table.locator('[data-variant="tampered-payload"]')).toContainText(
      'FAIL: the server accepted a token whose payload was changed after signing',
    );
  });

  test('without a Secret: runs what it can, says what the rest need', async ({
    consolePage: c,
    server,
    page,
  }) => {
    const table = await runMatrix(c, server.url, { secret: null });
    expect(await verdicts(table)).toEqual({
      good: 'pass',
      'wrong-secret': 'pass',
      'alg-none': 'pass',
      'tampered-payload': 'pass',
    });
    const notRun = page.getByRole('list', { name: 'Variants not run', exact: true });
    await expect(notRun.locator('[data-skipped-variant="expired"]')).toContainText('Needs the Secret');
    await expect(notRun.locator('[data-skipped-variant]')).toHaveCount(6);
    await expect(page.getByText('No Secret: enter the server’s JWT_SECRET in Secret')).toBeVisible();
  });

  test('a server that rejects everything fails the good row, and the summary says why the rest prove little', async ({
    consolePage: c,
    server,
  }) => {
    const table = await runMatrix(c, server.url, { secret: 'not-the-server-secret-at-all-0123456789' });
    const result = await verdicts(table);
    expect(result.good).toBe('fail');
    await expect(c.page.locator('[data-matrix-summary="fail"]')).toContainText('rejected the good token');
  });

  test('Cancel stops the run', async ({ consolePage: c, startServer, page }) => {
    const lax = await startServer({ fault: 'accept-any' });
    await c.token.fill(await signToken());
    await c.secret.fill(SECRET);
    await c.serverUrl.fill(lax.url);
    await page.getByRole('button', { name: 'Run test matrix', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel test matrix', exact: true }).click();
    const table = matrixTable(page);
    await expect(table).toHaveAttribute('data-matrix-state', 'cancelled');
    await expect(table.locator('[data-verdict="cancelled"]').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run test matrix', exact: true })).toBeEnabled();
  });
});
