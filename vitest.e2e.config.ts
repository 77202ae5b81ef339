import { defineConfig } from 'vitest/config';

// Real browsers driving the built extension: one file at a time (two browsers at once on a two-core
// machine only made every file slower), generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    // Files share one worker and its loaded modules (Playwright, Puppeteer, the support files): each
    // file launches its own browser and touches no global state, and loading those once instead of
    // once per file saves about three seconds a file.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // On CI, a test that fails is run once more; the report marks one that passed only then
    // ("retry x1"), so an unsteady test is seen and fixed rather than hidden.
    retry: process.env.CI ? 1 : 0,
  },
});
