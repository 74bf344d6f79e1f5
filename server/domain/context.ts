// What every domain operation works on: the database, the settings and a clock
// (injectable so tests can move time).
import type { Statement } from 'better-sqlite3';
import type { IssuerConfig } from '../config';
import type { Db } from '../db/open';

export interface Ctx {
  db: Db;
  config: IssuerConfig;
  now: () => number;
}

// Preparing a statement costs more than running a small one, so each database
// keeps its prepared statements; the cache dies with the connection.
const statements = new WeakMap<Db, Map<string, Statement>>();

export function sql(db: Db, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = db.prepare(text)));
  return stmt;
}

/** The UTC calendar day of a time, used for daily limits. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
