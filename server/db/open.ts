// Opens the issuer's SQLite file and brings its schema up to date.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export const DEFAULT_DB_PATH = '.data/issuer.sqlite';

/**
 * WAL lets the operator's CLI read and write while the server runs;
 * busy_timeout makes either side wait for the other's write lock instead of
 * failing. synchronous=NORMAL in WAL survives a killed process (the WAL is
 * in the OS page cache); only a power loss can drop the last commits.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // The hot set (live leases, today's charges, books) should sit in memory:
  // a 64 MiB page cache and memory-mapped reads instead of a read() per page.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const apply = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  // IMMEDIATE: two processes starting at once must not both migrate.
  apply.immediate();
}
