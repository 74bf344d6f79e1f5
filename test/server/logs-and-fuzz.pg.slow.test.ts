// test/server/logs-and-fuzz.test.ts, unchanged, against PostgreSQL (a fresh database in the run's throwaway cluster).
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('logs-and-fuzz on PostgreSQL')) {
  useStore('postgres');
  await import('./logs-and-fuzz.test');
}
