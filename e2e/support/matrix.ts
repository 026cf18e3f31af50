// Reading the Test matrix as its data attributes give it.
import type { Locator } from '@playwright/test';

/** Each row's verdict by variant id (data-variant → data-verdict). */
export async function matrixVerdicts(table: Locator): Promise<Record<string, string | null>> {
  const pairs = await table
    .locator('[data-variant]')
    .evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-variant') ?? '', r.getAttribute('data-verdict')] as const),
    );
  return Object.fromEntries(pairs);
}
