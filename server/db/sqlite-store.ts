// The SQLite store: one better-sqlite3 connection (WAL), transactions queued
// through the group committer, which is also the connection's mutex.
import type { Statement } from 'better-sqlite3';
import { groupCommitter } from '../domain/group-commit';
import { type Db, openDatabase } from './open';
import type { Param, Queries, Store, Tx, TxOptions } from './store';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  private readonly statements = new Map<string, Statement>();
  private readonly committer;
  private readonly inner: Queries;

  constructor(
    /** The connection itself, for SQLite-only tests and tools. */
    readonly raw: Db,
    readonly where: string,
  ) {
    this.committer = groupCommitter(raw);
    const stmt = (text: string): Statement => {
      let s = this.statements.get(text);
      if (!s) this.statements.set(text, (s = raw.prepare(text)));
      return s;
    };
    this.inner = {
      dialect: 'sqlite',
      forUpdate: '',
      get: async <T>(text: string, ...params: Param[]) => stmt(text).get(...params) as T | undefined,
      all: async <T>(text: string, ...params: Param[]) => stmt(text).all(...params) as T[],
      run: async (text: string, ...params: Param[]) => stmt(text).run(...params).changes,
    };
  }

  tx<T>(work: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T> {
    return this.committer.submit(() => work(this.inner), opts);
  }

  statement<T>(text: string, ...params: Param[]): Promise<T | undefined> {
    return this.tx((q) => q.get<T>(text, ...params));
  }

  // Outside a transaction a statement runs at once, unless a transaction is
  // open on the connection: then it waits its turn rather than join it.
  private direct<T>(f: (q: Queries) => Promise<T>): Promise<T> {
    return this.committer.busy() ? this.committer.submit(() => f(this.inner)) : f(this.inner);
  }

  get<T>(text: string, ...params: Param[]): Promise<T | undefined> {
    return this.direct((q) => q.get<T>(text, ...params));
  }
  all<T>(text: string, ...params: Param[]): Promise<T[]> {
    return this.direct((q) => q.all<T>(text, ...params));
  }
  run(text: string, ...params: Param[]): Promise<number> {
    return this.direct((q) => q.run(text, ...params));
  }
  async exec(script: string): Promise<void> {
    await this.direct(async () => void this.raw.exec(script));
  }
  async ping(): Promise<boolean> {
    try {
      this.raw.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }
  async close(): Promise<void> {
    if (this.raw.open) this.raw.close();
  }
}

export function openSqliteStore(path: string): SqliteStore {
  return new SqliteStore(openDatabase(path), path);
}

/** Wraps a connection opened elsewhere (openDatabase). */
export function sqliteStore(db: Db, where = db.name): SqliteStore {
  return new SqliteStore(db, where);
}
