import type { Locator, Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SECRET,
  expect,
  freePort,
  signToken,
  startPurposeServer,
  test,
  type ConsolePage,
} from './support/fixtures.ts';
import { matrixVerdicts } from './support/matrix.ts';

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
  await c.openTool('Test matrix');
  await c.page.getByLabel('Observation window (ms)', { exact: true }).fill(observeMs);
  await c.page.getByRole('button', { name: 'Run test matrix', exact: true }).click();
  const table = matrixTable(c.page);
  // Every variant gets its own socket, one after another.
  await expect(table).toHaveAttribute('data-matrix-state', 'done', { timeout: 100_000 });
  return table;
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
    await c.openTool('Test matrix');
    await page.getByLabel('Observation window (ms)', { exact: true }).fill(WIDE_WINDOW_MS);
    const run = page.getByRole('button', { name: 'Run test matrix', exact: true });
    await run.click();
    await expect(run).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Cancel test matrix', exact: true })).toBeVisible();

    const table = matrixTable(page);
    await expect(table).toHaveAttribute('data-matrix-state', 'done', { timeout: 100_000 });
    await expect(run).toBeEnabled();
    await expect(table.locator('[data-variant]')).toHaveCount(ALL_VARIANTS.length);
    expect(await matrixVerdicts(table)).toEqual(Object.fromEntries(ALL_VARIANTS.map((v) => [v, 'pass'])));
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
    const result = await matrixVerdicts(table);
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
    const result = await matrixVerdicts(table);
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
    expect(await matrixVerdicts(table)).toEqual({
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
    const result = await matrixVerdicts(table);
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
    // Rows that did not run could not tell anything: inconclusive, never a fourth verdict.
    await expect(table.locator('[data-inconclusive-because="cancelled"]').first()).toHaveAttribute(
      'data-verdict',
      'inconclusive',
    );
    await expect(page.getByRole('button', { name: 'Run test matrix', exact: true })).toBeEnabled();
  });
});

/** An HTTP server on port 0 that answers every WebSocket upgrade with 500, as a broken server does. */
async function startServer500(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(500).end('boom\n'));
  server.on('upgrade', (_req, socket) => {
    socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 5\r\n\r\nboom\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function expectEveryRow(table: Locator, verdict: string, because?: string): Promise<void> {
  const rows = table.locator('[data-variant]');
  await expect(rows).toHaveCount(ALL_VARIANTS.length);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-verdict', verdict);
    if (because !== undefined) await expect(row).toHaveAttribute('data-inconclusive-because', because);
  }
}

test.describe('the matrix never passes what it could not test', () => {
  test.setTimeout(120_000);

  test('a closed port: every row is inconclusive (nothing answered), none passes', async ({
    consolePage: c,
  }) => {
    const port = await freePort(); // bound, read back, closed: nothing listens there
    const table = await runMatrix(c, `ws://127.0.0.1:${port}`);
    await expectEveryRow(table, 'inconclusive', 'unreachable');
    await expect(table.locator('[data-variant="expired"]')).toContainText('INCONCLUSIVE');
    await expect(table.locator('[data-verdict="pass"]')).toHaveCount(0);
    const summary = c.page.locator('[data-matrix-summary="inconclusive"]');
    await expect(summary).toContainText('0 passed, 0 failed, 10 inconclusive');
    await expect(summary).toContainText('10 nothing answered at that address, so no server was tested');
  });

  test('a closed port without the x-ray (a static console): still inconclusive, from the reachability check', async ({
    consolePage: c,
    page,
  }) => {
    // Hosted as static files, the console has no x-ray: the helper's URL answers 404.
    await page.route('**/__wsjwt/xray', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.reload();
    const port = await freePort();
    const table = await runMatrix(c, `ws://127.0.0.1:${port}`);
    await expectEveryRow(table, 'inconclusive', 'unreachable');
  });

  test('a server that answers every upgrade with HTTP 500: the good token fails, the rest are inconclusive', async ({
    consolePage: c,
  }) => {
    const broken = await startServer500();
    try {
      const table = await runMatrix(c, broken.url);
      const result = await matrixVerdicts(table);
      expect(result).toEqual(
        Object.fromEntries(ALL_VARIANTS.map((v) => [v, v === 'good' ? 'fail' : 'inconclusive'])),
      );
      await expect(table.locator('[data-variant="good"]')).toContainText(
        'FAIL: the server rejected the good token at the upgrade (HTTP 500 Internal Server Error)',
      );
      await expect(table.locator('[data-variant="expired"]')).toHaveAttribute(
        'data-inconclusive-because',
        'server-error',
      );
      await expect(c.page.locator('[data-matrix-summary="fail"]')).toContainText(
        '9 the server failed (HTTP 5xx or close 1011–1014), an error unrelated to the token',
      );
    } finally {
      await broken.close();
    }
  });

  test('a server that closes every socket 1011 after open: the good token fails, the rest are inconclusive', async ({
    consolePage: c,
  }) => {
    const broken = await startPurposeServer((ws) => ws.close(1011, 'Internal server error'));
    try {
      const table = await runMatrix(c, broken.url);
      expect(await matrixVerdicts(table)).toEqual(
        Object.fromEntries(ALL_VARIANTS.map((v) => [v, v === 'good' ? 'fail' : 'inconclusive'])),
      );
      await expect(table.locator('[data-variant="alg-none"]')).toContainText(
        'the server failed, an error unrelated to the token',
      );
    } finally {
      await broken.close();
    }
  });

  test('a server that refuses bad tokens at the upgrade with 401 passes them, read through the x-ray', async ({
    consolePage: c,
    startServer,
  }) => {
    // The reference server's reject-401 fault refuses every upgrade, the good token's too.
    const strict = await startServer({ fault: 'reject-401' });
    const table = await runMatrix(c, strict.url);
    const result = await matrixVerdicts(table);
    expect(result.good).toBe('fail');
    expect(Object.entries(result).filter(([k, v]) => k !== 'good' && v !== 'pass')).toEqual([]);
    await expect(table.locator('[data-variant="expired"]')).toContainText(
      'PASS: the server rejected it at the upgrade (HTTP 401 Unauthorized)',
    );
  });
});
