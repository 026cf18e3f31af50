import { describe, expect, it } from 'vitest';
import { quietStorage } from './quiet-storage.ts';

describe('quietStorage', () => {
  it('writes only what changed, and reads and removes through', () => {
    const data = new Map<string, string>();
    let writes = 0;
    const backing = {
      length: 0,
      clear: () => data.clear(),
      key: () => null,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        writes++;
        data.set(k, v);
      },
      removeItem: (k: string) => void data.delete(k),
    };
    const s = quietStorage(() => backing);
    s.setItem('a', '1');
    s.setItem('a', '1');
    s.setItem('a', '1');
    expect(writes).toBe(1);
    s.setItem('a', '2');
    expect(writes).toBe(2);
    expect(s.getItem('a')).toBe('2');
    s.removeItem('a');
    expect(s.getItem('a')).toBeNull();
    s.setItem('a', '2'); // written again after a removal
    expect(writes).toBe(3);
    data.set('a', 'changed elsewhere');
    s.setItem('a', '2');
    expect(writes).toBe(4);
  });

  it('does nothing without a backing storage', () => {
    const s = quietStorage(() => undefined);
    expect(s.getItem('a')).toBeNull();
    expect(() => s.setItem('a', '1')).not.toThrow();
  });
});
