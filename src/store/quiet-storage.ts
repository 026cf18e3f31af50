import type { StateStorage } from 'zustand/middleware';

/**
 * A storage that skips writes changing nothing. zustand's persist writes on every setState, and the log
 * flush sets state up to 60 times a second during a flood: a synchronous localStorage.setItem of the same
 * settings each time cost about 3% of the main thread in a flood (BENCHMARKS.md); a read is cheap.
 */
export function quietStorage(backing: () => Storage | undefined): StateStorage {
  return {
    getItem: (name) => backing()?.getItem(name) ?? null,
    setItem: (name, value) => {
      const storage = backing();
      // Compared with what is stored (not a cache): a write from elsewhere is still seen.
      if (!storage || storage.getItem(name) === value) return;
      storage.setItem(name, value);
    },
    removeItem: (name) => backing()?.removeItem(name),
  };
}
