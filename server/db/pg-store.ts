// The PostgreSQL store, on `postgres` (porsager/postgres 3.x) rather than `pg`
// 8.x: it prepares and caches every statement per connection by itself (pg
// re-plans unnamed statements each time unless each is given a name), needs
// no separate pool package, and reconnects lazily, so an issuer whose
// database went away serves again as soon as it is back without any code of
// ours. Both are pure JavaScript; pg would have done with named statements.
//
// How the guarantees are kept across issuer processes (server/README.md):
// transactions are READ COMMITTED; each charge is one transaction on a pooled
// connection. Rows that a decision reads and then changes are locked first
// (`tx.forUpdate`), unique keys settle races between inserts, and counters
// are atomic upserts. A transaction that loses a race in a way PostgreSQL
// reports (40001 serialization failure, 40P01 deadlock, 23505 unique
// violation) is rolled back and re-run from the start, where it sees the
// winner's row. A lost connection answers 503 `unavailable`.
import postgres from 'postgres';
import { IssuerError } from '../domain/errors';
import { PG_MIGRATIONS } from './migrations';
import type { Param, Queries, Store, Tx, TxOptions } from './store';

const RETRY_CODES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 6;
/** Any key will do as long as every issuer uses the same: it only serialises migrations. */
export const MIGRATION_LOCK = 727_001_012;

const placeholders = new Map<string, string>();
/** `?` -> `$1, $2, ...`: domain SQL is written once for both dialects (no `?` appears in its literals). */
export function pgText(text: string): string {
  let out = placeholders.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    placeholders.set(text, out);
  }
  return out;
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  return (
    code.startsWith('08') ||
    code === '57P01' || code === '57P02' || code === '57P03' ||
    code.startsWith('CONNECT') || // CONNECTION_CLOSED, _ENDED, _DESTROYED, CONNECT_TIMEOUT
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT'
  );
}

function unavailable(err: unknown): unknown {
  return isConnectionError(err) ? new IssuerError(503, 'unavailable', 'the database is unavailable; try again') : err;
}

type Sql = postgres.Sql<Record<string, unknown>> | postgres.TransactionSql<Record<string, unknown>>;

function queriesOn(sql: Sql): Queries {
  const q = (text: string, params: Param[]) => sql.unsafe(pgText(text), params as postgres.ParameterOrJSON<never>[], { prepare: true });
  return {
    dialect: 'postgres',
    forUpdate: ' FOR UPDATE',
    get: async <T>(text: string, ...params: Param[]) => (await q(text, params))[0] as T | undefined,
    all: async <T>(text: string, ...params: Param[]) => [...(await q(text, params))] as T[],
    run: async (text: string, ...params: Param[]) => (await q(text, params)).count,
  };
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  readonly forUpdate = ' FOR UPDATE';
  readonly where: string;
  private readonly direct: Queries;

  constructor(
    readonly sql: postgres.Sql<Record<string, unknown>>,
    private readonly url: string,
  ) {
    this.where = url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    this.direct = queriesOn(sql);
  }

  async tx<T>(work: (tx: Tx) => Promise<T>, _opts?: TxOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.sql.begin((s) => work(queriesOn(s)))) as T;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt < MAX_ATTEMPTS && typeof code === 'string' && RETRY_CODES.has(code)) {
          // A short random pause so two losers do not collide again in step.
          await new Promise((r) => setTimeout(r, Math.random() * 2 * attempt));
          continue;
        }
        throw unavailable(err);
      }
    }
  }

  private async wrap<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (err) {
      throw unavailable(err);
    }
  }
  get<T>(text: string, ...params: Param[]): Promise<T | undefined> {
    return this.wrap(this.direct.get<T>(text, ...params));
  }
  all<T>(text: string, ...params: Param[]): Promise<T[]> {
    return this.wrap(this.direct.all<T>(text, ...params));
  }
  run(text: string, ...params: Param[]): Promise<number> {
    return this.wrap(this.direct.run(text, ...params));
  }
  async exec(script: string): Promise<void> {
    await this.wrap(this.sql.unsafe(script).simple());
  }
  async ping(): Promise<boolean> {
    try {
      await Promise.race([
        this.sql`SELECT 1`,
        new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), 1000).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }
  async close(): Promise<void> {
    await Promise.all([this.sql.end({ timeout: 5 }), this.soft?.end({ timeout: 5 })]);
  }

  private soft: postgres.Sql<Record<string, unknown>> | undefined;
  private sinceSweep = 0;
  /**
   * Counts a request against a rate-limit key shared by every issuer
   * (table rate_limits). The counters are soft state: they go through their
   * own small pool whose commits do not wait for the WAL flush
   * (synchronous_commit=off), so a key's row is locked for microseconds, not
   * for a disk flush; a database crash may forget the last counts.
   */
  async rateLimitHit(key: string, windowMs: number, now: number): Promise<{ count: number; windowStart: number }> {
    this.soft ??= pgClient(this.url, { poolSize: 4, synchronousCommit: false });
    if (++this.sinceSweep >= 10_000) {
      this.sinceSweep = 0;
      void this.soft.unsafe('DELETE FROM rate_limits WHERE window_start < $1', [now - 3600_000]).catch(() => {});
    }
    try {
      const [row] = await this.soft.unsafe(
        `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.count + 1 END,
           window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 ELSE rate_limits.window_start END
         RETURNING count, window_start`,
        [key, now, windowMs],
        { prepare: true },
      );
      const r = row as unknown as { count: number; window_start: number };
      return { count: r.count, windowStart: r.window_start };
    } catch (err) {
      throw unavailable(err);
    }
  }
}

export function pgClient(url: string, opts: { poolSize?: number; synchronousCommit?: boolean } = {}): postgres.Sql<Record<string, unknown>> {
  return postgres(url, {
    max: opts.poolSize ?? 16,
    // Money and times are BIGINT, sums NUMERIC: as JS numbers (all amounts are safe integers).
    types: {
      int8: { to: 20, from: [20, 1700], serialize: (x: unknown) => String(x), parse: (x: string) => Number(x) },
    },
    onnotice: () => {},
    connect_timeout: 3,
    idle_timeout: 60,
    connection: { application_name: 'wrist-wallet-issuer', ...(opts.synchronousCommit === false ? { synchronous_commit: 'off' } : {}) },
  }) as unknown as postgres.Sql<Record<string, unknown>>;
}

/** Brings the schema up to date; safe when several issuers start at once (advisory lock, one transaction). */
export async function migratePg(sql: postgres.Sql<Record<string, unknown>>): Promise<number> {
  return (await sql.begin(async (tx) => {
    await tx.unsafe(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.unsafe('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)');
    const [row] = await tx.unsafe('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version');
    let current = Number((row as unknown as { v: number }).v);
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await tx.unsafe(m.sql).simple();
      await tx.unsafe('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
      current = m.version;
    }
    return current;
  })) as number;
}

export async function openPgStore(url: string, opts: { poolSize?: number } = {}): Promise<PgStore> {
  const sql = pgClient(url, opts);
  try {
    await migratePg(sql);
  } catch (err) {
    await sql.end({ timeout: 1 });
    throw err;
  }
  return new PgStore(sql, url);
}
