// The store behind the domain: one small async interface, two implementations
// with the same behaviour (sqlite-store.ts, pg-store.ts). Domain code writes
// SQL that both dialects accept (`?` placeholders, ON CONFLICT upserts, no
// INSERT OR IGNORE) and asks for row locks with `tx.forUpdate`.
import { DEFAULT_DB_PATH } from './open';

/** Arrays only on PostgreSQL (`= ANY(?)`, unnest). */
export type Param = string | number | Buffer | null | readonly (string | number | null)[];

export interface Queries {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Appended to a SELECT that must lock the rows it reads until commit:
   * " FOR UPDATE" on PostgreSQL, "" on SQLite, whose write transaction
   * (BEGIN IMMEDIATE) already keeps every other writer out.
   */
  readonly forUpdate: string;
  get<T>(text: string, ...params: Param[]): Promise<T | undefined>;
  all<T>(text: string, ...params: Param[]): Promise<T[]>;
  /** Runs a write; resolves with the number of rows it changed. */
  run(text: string, ...params: Param[]): Promise<number>;
}

/** The handle inside a transaction. Work run by tx() may await only these calls (SQLite holds its write lock meanwhile). */
export type Tx = Queries;

export interface TxOptions {
  /**
   * SQLite: the transaction may share one commit with others queued in the
   * same turn of the event loop (group commit, group-commit.ts). PostgreSQL:
   * ignored; each transaction commits alone and the server's own group commit
   * shares WAL flushes between concurrent commits.
   */
  group?: boolean;
}

export interface Store extends Queries {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * One write transaction. PostgreSQL runs it READ COMMITTED and re-runs the
   * whole of `work` on a serialization failure, a deadlock or a unique
   * violation (40001, 40P01, 23505: another process got there first); work
   * must therefore have no effects outside the transaction.
   */
  tx<T>(work: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>;
  /**
   * One statement as a transaction of its own, answered after its commit
   * (PostgreSQL: re-run on the same lost races as tx; SQLite: through tx).
   */
  statement<T>(text: string, ...params: Param[]): Promise<T | undefined>;
  /** Runs a script of statements (tests, operators); no parameters. */
  exec(script: string): Promise<void>;
  /** True when the database answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Where the data lives, for logs: a file path or a URL without its password. */
  readonly where: string;
}

/** DATABASE_URL=postgres://... selects PostgreSQL; anything else is the SQLite file WALLET_DB. */
export function storeTarget(
  env: NodeJS.ProcessEnv,
): { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string } {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  return { kind: 'sqlite', path: env.WALLET_DB || DEFAULT_DB_PATH };
}

/** Opens (and migrates) the store the environment names. */
export async function openStore(env: NodeJS.ProcessEnv, opts: { poolSize?: number } = {}): Promise<Store> {
  const target = storeTarget(env);
  if (target.kind === 'postgres') {
    const { openPgStore } = await import('./pg-store');
    return openPgStore(target.url, { poolSize: opts.poolSize ?? (Number(env.DATABASE_POOL) || undefined) });
  }
  const { openSqliteStore } = await import('./sqlite-store');
  return openSqliteStore(target.path);
}
