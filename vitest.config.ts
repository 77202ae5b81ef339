import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    // Some tests walk twelve years of days or start real servers: on a busy two-core machine they
    // need more than the default 5 s. A test that hangs still fails, later.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Vitest keeps one core for itself by default, which on a two-core machine runs one file at a
    // time; the files spend much of their time waiting on IndexedDB and servers, so two at once
    // finish about a third sooner.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files share their worker's loaded modules rather than loading the code again for each file
    // (a third of the time here). What a module keeps between calls is put back before every test
    // by tests/setup.ts (database, browser, lock, clock, the write path's announcer); a test that
    // leaves anything else behind is a test to fix, and `--sequence.shuffle.files` finds it.
    isolate: false,
    // The users' own zone; the maths must not depend on it, and the E2E suites run in the machine's zone.
    // UNIT_TZ picks another: `npm test` runs the suite again in a western zone, a year ahead.
    env: { TZ: process.env.UNIT_TZ ?? 'Asia/Shanghai' },
  },
});
