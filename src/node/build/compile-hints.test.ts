import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, withCompileHint } from './compile-hints.ts';

describe('withCompileHint', () => {
  it('puts the magic comment on the very first line, where V8 reads it', () => {
    const out = withCompileHint('const __vite__mapDeps=1;\nimport"./a.js";');
    expect(out.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(out).toBe(`${COMPILE_HINT}\nconst __vite__mapDeps=1;\nimport"./a.js";`);
  });

  it('moves a hint that something else pushed down, and never doubles it', () => {
    const pushedDown = `const __vite__mapDeps=1;\n${COMPILE_HINT}\nimport"./a.js";`;
    const out = withCompileHint(pushedDown);
    expect(out).toBe(`${COMPILE_HINT}\nconst __vite__mapDeps=1;\nimport"./a.js";`);
    expect(withCompileHint(out)).toBe(out);
    expect(out.split(COMPILE_HINT)).toHaveLength(2);
  });
});
