// test/server/rides.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster).
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('ride codes on PostgreSQL')) {
  useStore('postgres');
  await import('./rides.test');
}
