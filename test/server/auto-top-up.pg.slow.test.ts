// test/server/auto-top-up.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster):
// there the rides crossing at once really run side by side, on row locks.
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('automatic top-up on PostgreSQL')) {
  useStore('postgres');
  await import('./auto-top-up.test');
}
