// bench/sync.mjs runs bench/sync.measure.ts with the unit tests' setup (fake IndexedDB, WXT's fake
// browser), outside their include list, so `npm test` never runs it.
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['bench/sync.measure.ts'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    testTimeout: 1_800_000,
    env: { TZ: 'Asia/Shanghai' },
  },
});
