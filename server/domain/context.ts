// What every domain operation works on: the store (SQLite or PostgreSQL,
// server/db/store.ts), the settings and a clock (injectable so tests can move time).
import type { IssuerConfig } from '../config';
import type { Store } from '../db/store';

export interface Ctx {
  db: Store;
  config: IssuerConfig;
  now: () => number;
}

/** The UTC calendar day of a time, used for daily limits. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
