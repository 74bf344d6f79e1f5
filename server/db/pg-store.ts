// The PostgreSQL store, on `pg` (node-postgres 8.x) and its pool. `postgres`
// (porsager/postgres 3.x) was tried first for its automatic prepared
// statements and pipelining, and dropped: in 3.4.9 a connection that dies
// while a small write is queued throws from a setImmediate (connection.js
// nextWrite on a null socket, upstream issues #1154 and #1208), which takes
// the whole issuer down when PostgreSQL restarts; and the issuers must ride
// out exactly that. pg reports a lost connection as an error on the query in
// flight, and its pool replaces the client. Hot statements are named, so each
// connection prepares them once (pg's equivalent of postgres' cache).
//
// How the guarantees are kept across issuer processes (server/README.md):
// transactions are READ COMMITTED; each charge is one transaction on a pooled
// connection. Rows that a decision reads and then changes are locked first
// (`tx.forUpdate`), unique keys settle races between inserts, and counters
// are atomic upserts. A transaction that loses a race in a way PostgreSQL
// reports (40001 serialization failure, 40P01 deadlock, 23505 unique
// violation) is rolled back and re-run from the start, where it sees the
// winner's row. A lost connection answers 503 `unavailable`.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { IssuerError } from '../domain/errors';
import { PG_MIGRATIONS } from './migrations';
import type { Param, Queries, Store, Tx, TxOptions } from './store';
import { tickBatch } from './tick-batch';

const RETRY_CODES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 6;
/** Any key will do as long as every issuer uses the same: it only serialises migrations. */
export const MIGRATION_LOCK = 727_001_012;

const prepared = new Map<string, { text: string; name: string }>();
/** `?` -> `$1, $2, ...` (domain SQL is written once for both dialects; no `?` appears in its literals) and a statement name. */
export function pgStatement(text: string): { text: string; name: string } {
  let out = prepared.get(text);
  if (out === undefined) {
    let n = 0;
    const converted = text.replace(/\?/g, () => `$${++n}`);
    out = { text: converted, name: `w${createHash('sha1').update(converted).digest('hex').slice(0, 16)}` };
    prepared.set(text, out);
  }
  return out;
}

const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|Connection closed|ECONNREFUSED|ECONNRESET|EPIPE|not queryable|Client was closed|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code)) return true;
  return typeof e?.message === 'string' && CONNECTION_MESSAGES.test(e.message);
}

function unavailable(err: unknown): unknown {
  return isConnectionError(err) ? new IssuerError(503, 'unavailable', 'the database is unavailable; try again') : err;
}

// Money and times are BIGINT and sums NUMERIC: read them as JS numbers (every amount is a safe integer).
const toNumber = (v: string) => Number(v);
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700
      ? toNumber
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

type Runner = Pick<pg.PoolClient, 'query'>;

/**
 * Queries on a pool (each on any connection) or on one transaction's client.
 * Domain code may issue a transaction's independent statements together
 * (Promise.all); one client takes them one after another, in the order given.
 */
function queriesOn(client: Runner, serial: boolean): Queries {
  let tail: Promise<unknown> = Promise.resolve();
  const q = (text: string, params: Param[]) => {
    const s = pgStatement(text);
    const send = () => client.query({ name: s.name, text: s.text, values: params });
    if (!serial) return send();
    const p = tail.then(send);
    tail = p.catch(() => {});
    return p;
  };
  return {
    dialect: 'postgres',
    forUpdate: ' FOR UPDATE',
    get: async <T>(text: string, ...params: Param[]) => (await q(text, params)).rows[0] as T | undefined,
    all: async <T>(text: string, ...params: Param[]) => (await q(text, params)).rows as T[],
    run: async (text: string, ...params: Param[]) => (await q(text, params)).rowCount ?? 0,
  };
}

export interface PgOptions {
  poolSize?: number;
  /** false: commits do not wait for the WAL flush (the rate-limit counters' own pool only). */
  synchronousCommit?: boolean;
}

export function pgPool(url: string, opts: PgOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 16,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 60_000,
    application_name: 'wrist-wallet-issuer',
    types: TYPES,
    // A startup option, so it holds from the connection's first statement.
    ...(opts.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
  });
  // An idle client whose server went away reports here; without a listener that would end the process.
  pool.on('error', () => {});
  return pool;
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  readonly forUpdate = ' FOR UPDATE';
  readonly where: string;
  private readonly direct: Queries;
  private soft: pg.Pool | undefined;
  private sinceSweep = 0;

  constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.where = url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    this.direct = queriesOn(pool, false);
  }

  async tx<T>(work: (tx: Tx) => Promise<T>, _opts?: TxOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw unavailable(err);
      }
      const onError = () => {}; // reported again through the query in flight
      client.on('error', onError);
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const value = await work(queriesOn(client, true));
        await client.query('COMMIT');
        return value;
      } catch (err) {
        broken = err;
        try {
          await client.query('ROLLBACK');
          broken = undefined; // the connection is still good
        } catch {
          // the connection is gone: release(err) below drops it from the pool
        }
        const code = (err as { code?: unknown }).code;
        if (attempt < MAX_ATTEMPTS && typeof code === 'string' && RETRY_CODES.has(code)) {
          // A short random pause so two losers do not collide again in step.
          await new Promise((r) => setTimeout(r, Math.random() * 2 * attempt));
          continue;
        }
        throw unavailable(err);
      } finally {
        client.removeListener('error', onError);
        client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
      }
    }
  }

  async statement<T>(text: string, ...params: Param[]): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.direct.get<T>(text, ...params);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt < MAX_ATTEMPTS && typeof code === 'string' && RETRY_CODES.has(code)) {
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
    await this.wrap(this.pool.query(script));
  }
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.pool.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('ping timed out')), 1000))),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
  private closing: Promise<unknown> | undefined;
  async close(): Promise<void> {
    this.closing ??= Promise.all([this.pool.end(), this.soft?.end()]);
    await this.closing;
  }

  /**
   * Counts a request against a rate-limit key shared by every issuer
   * (table rate_limits). The counters are soft state: they go through their
   * own small pool whose commits do not wait for the WAL flush
   * (synchronous_commit=off), so a key's row is locked for microseconds, not
   * for a disk flush; a database crash may forget the last counts.
   */
  async rateLimitHit(key: string, windowMs: number, now: number): Promise<{ count: number; windowStart: number }> {
    try {
      return await this.rateLimitHits({ key, windowMs, now });
    } catch (err) {
      throw unavailable(err);
    }
  }

  /**
   * The hits of one turn of the event loop in one statement: one row per key
   * and window, counted up by the number of hits, in key order (two issuers'
   * statements lock the rows in one order); the hits on a key then get the
   * counts between the old and the new value, as if counted one by one.
   */
  private readonly rateLimitHits = tickBatch(async (hits: { key: string; windowMs: number; now: number }[]) => {
    this.soft ??= pgPool(this.url, { poolSize: 4, synchronousCommit: false });
    const soft = this.soft;
    if ((this.sinceSweep += hits.length) >= 10_000) {
      this.sinceSweep = 0;
      void soft.query('DELETE FROM rate_limits WHERE window_start < $1', [hits[0]!.now - 3600_000]).catch(() => {});
    }
    const groups = new Map<string, { key: string; windowMs: number; now: number; n: number }>();
    for (const h of hits) {
      const id = `${h.windowMs}|${h.key}`;
      const g = groups.get(id);
      if (g) {
        g.n++;
        g.now = Math.max(g.now, h.now);
      } else groups.set(id, { ...h, n: 1 });
    }
    const byWindow = new Map<number, (typeof groups extends Map<string, infer G> ? G : never)[]>();
    for (const g of groups.values()) byWindow.set(g.windowMs, [...(byWindow.get(g.windowMs) ?? []), g]);
    const after = new Map<string, { count: number; windowStart: number }>();
    for (const [windowMs, gs] of byWindow) {
      gs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const { rows } = await soft.query({
        name: 'rate_limit_hits',
        text: `INSERT INTO rate_limits (key, window_start, count)
               SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) ORDER BY 1
               ON CONFLICT (key) DO UPDATE SET
                 count = CASE WHEN rate_limits.window_start + $4 <= excluded.window_start THEN excluded.count
                              ELSE rate_limits.count + excluded.count END,
                 window_start = CASE WHEN rate_limits.window_start + $4 <= excluded.window_start
                                     THEN excluded.window_start ELSE rate_limits.window_start END
               RETURNING key, count, window_start`,
        values: [gs.map((g) => g.key), gs.map((g) => g.now), gs.map((g) => g.n), windowMs],
      });
      for (const r of rows as { key: string; count: number; window_start: number }[])
        after.set(`${windowMs}|${r.key}`, { count: r.count, windowStart: r.window_start });
    }
    // The n hits on one key take the last n counts, the earliest hit the lowest.
    const taken = new Map<string, number>();
    return hits.map((h) => {
      const id = `${h.windowMs}|${h.key}`;
      const total = after.get(id);
      if (!total) throw new Error(`rate limit key ${h.key} was not counted`);
      const k = taken.get(id) ?? 0;
      taken.set(id, k + 1);
      return { count: total.count - groups.get(id)!.n + 1 + k, windowStart: total.windowStart };
    });
  });
}

/** Brings the schema up to date; safe when several issuers start at once (advisory lock, one transaction). */
export async function migratePg(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version');
    let current = Number((rows[0] as { v: number }).v);
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
      current = m.version;
    }
    await client.query('COMMIT');
    return current;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function openPgStore(url: string, opts: PgOptions = {}): Promise<PgStore> {
  const pool = pgPool(url, opts);
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PgStore(pool, url);
}
