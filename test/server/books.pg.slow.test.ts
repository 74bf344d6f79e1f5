// test/server/books.test.ts (reconcile notices broken books; posting refuses bad entries) against PostgreSQL.
import { pgSuite } from './pg-cluster';
import { useStore } from './helpers';

if (pgSuite('books on PostgreSQL')) {
  useStore('postgres');
  await import('./books.test');
}
