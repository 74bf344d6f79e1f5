// test/server/activity.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster).
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('activity on PostgreSQL')) {
  useStore('postgres');
  await import('./activity.test');
}
