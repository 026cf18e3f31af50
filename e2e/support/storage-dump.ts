// Everything a page can leave behind in the browser (SECURITY.md, promise 2), for the storage specs.
import type { BrowserContext, Page } from '@playwright/test';

/** Everything a page can leave behind in the browser, as one JSON text. */
export async function everythingStored(
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
