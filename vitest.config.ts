import { defineConfig } from 'vitest/config';

export default defineConfig({
  // .ts before .js: an interrupted build can leave generated .js beside the sources; tests must run the sources.
  resolve: { extensions: ['.ts', '.mts', '.tsx', '.mjs', '.js', '.jsx', '.json'] },
  test: {
    include: ['test/**/*.test.ts', 'sim/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
