import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Native modules (better-sqlite3) and child processes: forks isolate them best.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
