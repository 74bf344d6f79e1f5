import { defineConfig } from 'vitest/config';

export default defineConfig({
  // .ts before .js: an interrupted build can leave generated .js beside the sources; tests must run the sources.
  resolve: { extensions: ['.ts', '.mts', '.tsx', '.mjs', '.js', '.jsx', '.json'] },
  test: {
    include: ['test/**/*.test.ts', 'sim/**/*.test.ts'],
    // Names a folder for the run's throwaway PostgreSQL cluster; the PostgreSQL suites start it on first use.
    globalSetup: ['test/server/pg-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
