import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    reporters: process.env.WSJWT_TEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.WSJWT_TEST_JSON ? { json: 'test-results/unit.json' } : undefined,
  },
});
