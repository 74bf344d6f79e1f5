// test/server/register-reasons.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster).
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('register-reasons on PostgreSQL')) {
  useStore('postgres');
  await import('./register-reasons.test');
}
