// test/server/till-api.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster).
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('till-api on PostgreSQL')) {
  useStore('postgres');
  await import('./till-api.test');
}
