// Promise 2: secrets are never persisted, tokens only on explicit opt-in — not in localStorage,
// sessionStorage, IndexedDB, Cache Storage, cookies, window.name, history state or the address bar.
import type { BrowserContext, Page } from '@playwright/test';
import { ConsolePage, SECRET, expect, test } from './support/fixtures.ts';
import { fullSession } from './support/security.ts';

// A shared, busy machine renders slowly: generous limits (behaviour is asserted, never timing).
test.describe.configure({ timeout: 90_000 });

/** Everything a page can leave behind in the browser, as one JSON text. */
async function everythingStored(
  page: Page,
  context: BrowserContext,
): Promise<{ all: string; localStorage: Record<string, string | null> }> {
  const inPage = await page.evaluate(async () => {
    const dump = (s: Storage) =>
      Object.fromEntries(
        Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').map((k) => [k, s.getItem(k)]),
      );
    const idb: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name as string);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        idb[`${info.name}/${store}`] = await new Promise((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve(String(req.error));
        });
      }
      db.close();
    }
    const cacheEntries: string[] = [];
    if ('caches' in window) {
      for (const name of await caches.keys()) {
        for (const r of await (await caches.open(name)).keys()) cacheEntries.push(`${name}: ${r.url}`);
      }
    }
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDB: idb,
      caches: cacheEntries,
      cookie: document.cookie,
      url: location.href,
      windowName: window.name,
      historyState: JSON.stringify(history.state),
    };
  });
  const cookies = await context.cookies();
  return {
    all: JSON.stringify({ ...inPage, cookies, pageUrl: page.url() }),
    localStorage: inPage.localStorage,
  };
}

const signatureOf = (token: string): string => token.split('.')[2] ?? token;

test('after a full session and a reload, neither the secret nor a token is stored anywhere', async ({
  page,
  context,
  server,
}) => {
  test.slow();
  const c = new ConsolePage(page);
  await c.goto();
  const { pasted, minted } = await fullSession(c, server);

  for (const when of ['after the session', 'after a reload']) {
    if (when === 'after a reload') {
      await page.reload();
      await expect(c.token).toBeVisible();
    }
    const { all, localStorage } = await everythingStored(page, context);
    expect(all, `${when}: the secret`).not.toContain(SECRET);
    for (const t of [pasted, minted]) {
      expect(all, `${when}: a token`).not.toContain(signatureOf(t));
      expect(all, `${when}: a token payload`).not.toContain(t.split('.')[1] ?? t);
    }
    // What is kept is the allow-listed settings (so the check above looked at real data).
    expect(JSON.stringify(localStorage)).toContain(server.url);
  }
  // The reload starts empty.
  await expect(c.token).toHaveValue('');
  await expect(c.secret).toHaveValue('');
});

test('"Remember the token" keeps the token (and only it) in localStorage; unticking forgets it; the secret never', async ({
  page,
  context,
}) => {
  test.slow(); // two reloads
  const c = new ConsolePage(page);
  await c.goto();
  await c.secret.fill(SECRET);
  await page.getByRole('button', { name: 'Mint token', exact: true }).click();
  await expect(c.token).toHaveValue(/^eyJ/);
  const token = await c.token.inputValue();
  const remember = page.getByRole('checkbox', { name: /^Remember the token on this device/ });
  await expect(remember).not.toBeChecked(); // off by default
  await remember.check();

  await page.reload();
  await expect(c.token).toHaveValue(token);
  await expect(c.secret).toHaveValue('');
  let stored = await everythingStored(page, context);
  expect(stored.all).not.toContain(SECRET);
  expect(JSON.stringify(stored.localStorage)).toContain(token);
  // Only in localStorage: the rest of the dump without it holds no token.
  expect(stored.all.split(token).length - 1).toBe(1);

  await remember.uncheck();
  await expect(remember).not.toBeChecked();
  stored = await everythingStored(page, context);
  expect(stored.all).not.toContain(signatureOf(token));
  await page.reload();
  await expect(c.token).toHaveValue('');
});
