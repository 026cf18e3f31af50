import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium-path.mjs';

// Several runs may share a machine: each port gets its own build folder and artifacts.
const PORT = Number(process.env.WSJWT_E2E_PORT ?? 4317);
const OUT = `.e2e/dist-${PORT}`;
const json = process.env.WSJWT_TEST_JSON;

export default defineConfig({
  testDir: './e2e',
  outputDir: `test-results/e2e-artifacts-${PORT}`,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: json ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() } },
  ],
  // The console as users get it: the production build served by `vite preview` (with the x-ray helper).
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${OUT} --emptyOutDir && npx vite preview --outDir ${OUT} --port ${PORT} --strictPort --host localhost`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
