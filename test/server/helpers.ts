// A real issuer on loopback with a temporary SQLite file (or, with
// `store: 'postgres'`, a fresh database in the throwaway PostgreSQL cluster of
// pg-cluster.ts), plus the calls the tests repeat. Every test file gets its
// own database and port.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ConfigOverrides } from '../../server/config';
import type { Ctx } from '../../server/domain/context';
import { addCard, createMerchant, createOperator } from '../../server/domain/admin';
import { openSqliteStore } from '../../server/db/sqlite-store';
import type { Store } from '../../server/db/store';
import { seedAccount, startLocalIssuer } from '../../server/world';
import { freshPgDatabase } from './pg-cluster';
import type { BindResponse } from '../../lib/issuer-api/types';

export interface Harness {
  app: FastifyInstance;
  ctx: Ctx;
  url: string;
  dir: string;
  clock: { now: number };
  /** PostgreSQL only: the database's URL, for spawned issuers and the CLI. */
  databaseUrl?: string;
  close(): Promise<void>;
}

/** A generous rate limit so only the rate-limit tests hit one. */
export const OPEN_LIMITS = {
  bind: { max: 10_000, windowMs: 60_000 },
  leases: { max: 10_000, windowMs: 60_000 },
  charges: { max: 100_000, windowMs: 60_000 },
  other: { max: 100_000, windowMs: 60_000 },
  activity: { max: 100_000, windowMs: 60_000 },
};

export type StoreKind = 'sqlite' | 'postgres';

// The store startIssuer() uses when a test does not name one. A *.pg.slow.test.ts
// file sets it to 'postgres' and then imports a suite, which runs unchanged.
let defaultStore: StoreKind = 'sqlite';
export function useStore(kind: StoreKind): void {
  defaultStore = kind;
}
export function currentStore(): StoreKind {
  return defaultStore;
}

/** A migrated, empty store of either kind; `url` is set for PostgreSQL, `dir` holds the SQLite file. */
export async function freshStore(
  kind: StoreKind,
  dir: string,
): Promise<{ store: Store; url?: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') return { store: openSqliteStore(join(dir, 'issuer.sqlite')), drop: async () => {} };
  const { url, store, drop } = await freshPgDatabase();
  return { store, url, drop };
}

export async function startIssuer(
  opts: {
    config?: ConfigOverrides;
    realClock?: boolean;
    logStream?: { write(line: string): void };
    store?: StoreKind;
  } = {},
): Promise<Harness> {
  let databaseUrl: string | undefined;
  // A settable clock starting at a fixed minute boundary, unless the test wants real time.
  const clock = { now: Date.UTC(2026, 10, 25, 12, 0, 0) };
  const issuer = await startLocalIssuer({
    tmpPrefix: 'issuer-test-',
    config: { rateLimits: OPEN_LIMITS, ...opts.config },
    now: opts.realClock ? Date.now : () => clock.now,
    logger: opts.logStream ? { level: 'debug', stream: opts.logStream } : false,
    openStore: async (dir) => {
      const fresh = await freshStore(opts.store ?? defaultStore, dir);
      databaseUrl = fresh.url;
      return { store: fresh.store, drop: fresh.drop };
    },
  });
  return { ...issuer, clock, databaseUrl };
}

export async function call(
  h: { url: string },
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(h.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

export interface Customer {
  accountId: string;
  deviceId: string;
  credential: string;
  lease: BindResponse['lease'];
}

/** An account with a wallet balance, bound to a device through the real API. */
export async function customer(h: Harness, balance = 100_000, currency = 'CNY'): Promise<Customer> {
  const { accountId, bindingCode: code } = await seedAccount(h.ctx, {
    name: 'Test customer',
    balance,
    currency,
    card: null,
  });
  const res = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: code, deviceName: 'GTR 4' } });
  if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${res.text}`);
  return { accountId, ...(res.body as BindResponse) };
}

export function merchant(h: Harness): Promise<{ merchantId: string; merchantKey: string }> {
  return createMerchant(h.ctx, { name: 'Canteen' });
}

export function operator(h: Harness): Promise<{ operatorId: string; operatorKey: string }> {
  return createOperator(h.ctx, { name: 'Metro' });
}

export async function card(h: Harness, accountId: string, balance: number, name = 'Metro card'): Promise<string> {
  return (await addCard(h.ctx, { accountId, name, balance })).cardId;
}

let keyCounter = 0;
export const idem = (): string => `k-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;
