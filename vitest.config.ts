import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two lanes. `npm test` (mode 'test'): the fast lane, every *.test.ts except *.slow.test.ts.
// `npm run test:slow` (`vitest run --mode slow`): the *.slow.test.ts files only: crash tests that
// SIGKILL a spawned server, sweeps over every target device, and properties at full strength.
export default defineConfig(({ mode }) => ({
  // .ts before .js: an interrupted build can leave generated .js beside the sources; tests must run the sources.
  resolve: { extensions: ['.ts', '.mts', '.tsx', '.mjs', '.js', '.jsx', '.json'] },
  test: {
    include:
      mode === 'slow' ? ['test/**/*.slow.test.ts', 'sim/**/*.slow.test.ts'] : ['test/**/*.test.ts', 'sim/**/*.test.ts'],
    exclude: mode === 'slow' ? ['**/node_modules/**'] : ['**/node_modules/**', '**/*.slow.test.ts'],
    // The fast lane runs its files without isolation: each worker imports the sources once for all the
    // files it runs instead of once per file. Measured on the 2-core machine (fast lane, 60 files, 584
    // tests, all green twice in a row): 92 s of CPU (user) isolated, 45 s with isolate: false (forks or
    // threads alike; threads with isolation: 83 s). Shared modules are imported once per worker, so tests
    // must leave no global state behind (fake timers are undone in afterEach). The slow lane, which
    // SIGKILLs spawned servers, stays isolated.
    isolate: mode === 'slow',
    // Vitest runs availableParallelism() - 1 workers by default: one on this 2-core machine, the main
    // process mostly idle. The fast lane on every core: 72 s -> 34 s wall here (2026-11-29, load ~4).
    maxWorkers: mode === 'slow' ? undefined : availableParallelism(),
    // Names a folder for the run's throwaway PostgreSQL cluster; the PostgreSQL suites (*.pg.slow.test.ts) start it on first use.
    globalSetup: ['test/server/pg-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
}));
