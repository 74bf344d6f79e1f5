import { defineConfig } from 'vitest/config';

// Two lanes. `npm test` (mode 'test'): the fast lane, every *.test.ts except *.slow.test.ts.
// `npm run test:slow` (`vitest run --mode slow`): the *.slow.test.ts files only: crash tests that
// SIGKILL a spawned server, sweeps over every target device, and properties at full strength.
export default defineConfig(({ mode }) => ({
  // .ts before .js: an interrupted build can leave generated .js beside the sources; tests must run the sources.
  resolve: { extensions: ['.ts', '.mts', '.tsx', '.mjs', '.js', '.jsx', '.json'] },
  test: {
    include: mode === 'slow' ? ['test/**/*.slow.test.ts', 'sim/**/*.slow.test.ts'] : ['test/**/*.test.ts', 'sim/**/*.test.ts'],
    exclude: mode === 'slow' ? ['**/node_modules/**'] : ['**/node_modules/**', '**/*.slow.test.ts'],
    // Names a folder for the run's throwaway PostgreSQL cluster; the PostgreSQL suites (*.pg.slow.test.ts) start it on first use.
    globalSetup: ['test/server/pg-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
}));
