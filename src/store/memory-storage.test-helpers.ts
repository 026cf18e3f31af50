// An in-memory localStorage for store tests that need real persistence (Node has none). Installed when this
// module is evaluated: import it before anything that imports the store, so zustand's persist middleware
// finds it when the store is created.
export const storedItems = new Map<string, string>();

(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (k: string) => storedItems.get(k) ?? null,
  setItem: (k: string, v: string) => void storedItems.set(k, String(v)),
  removeItem: (k: string) => void storedItems.delete(k),
  clear: () => storedItems.clear(),
  key: (i: number) => [...storedItems.keys()][i] ?? null,
  get length() {
    return storedItems.size;
  },
};
