import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Contract suites are run by each adapter's own test file, never directly.
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.contract.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
