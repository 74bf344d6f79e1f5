// test/server/cli-parties.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster).
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('cli-parties on PostgreSQL')) {
  useStore('postgres');
  await import('./cli-parties.test');
}
