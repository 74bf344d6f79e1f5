// The slow lane's PostgreSQL suites on a throwaway PostgreSQL 15 cluster (sim/fixtures/pg-cluster.ts).
// vitest's globalSetup (pg-global-setup.ts) names a folder for the run; the
// first test file that needs PostgreSQL starts the cluster there (a mkdir lock
// keeps the others waiting for it) and the global teardown stops it. Without
// the global setup a file starts its own cluster and stops it on exit.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { openPgStore, type PgStore } from '../../server/db/pg-store';
import { adminQuery, type Cluster, clusterAt, pgBinDir, startCluster } from '../../sim/fixtures/pg-cluster';

export { adminQuery, type Cluster, pgBinDir, startCluster };

/** Where the global setup wants this run's cluster (env set before workers start). */
export const SHARED_ENV = 'WALLET_TEST_PG_HOME';

let shared: Promise<Cluster> | undefined;

/** The run's cluster, started by the first caller of the run. */
export function sharedCluster(): Promise<Cluster> {
  shared ??= (async () => {
    const home = process.env[SHARED_ENV];
    const found = pgBinDir();
    if ('missing' in found) throw new Error(found.missing);
    if (!home) {
      const c = await startCluster();
      process.once('exit', () => {
        c.stop();
        rmSync(c.dir, { recursive: true, force: true });
      });
      return c;
    }
    const dir = join(home, 'cluster');
    let mine: boolean;
    try {
      mkdirSync(join(home, 'lock'));
      mine = true;
    } catch {
      mine = false;
    }
    if (mine) {
      chmodSync(home, 0o755); // the postgres user must reach the cluster's folder
      mkdirSync(dir, { recursive: true });
      try {
        await startCluster(dir);
      } catch (err) {
        writeFileSync(join(home, 'failed'), String(err));
        throw err;
      }
      writeFileSync(join(home, 'ready'), '1');
    } else {
      const t0 = Date.now();
      while (!existsSync(join(home, 'ready'))) {
        if (existsSync(join(home, 'failed'))) throw new Error(readFileSync(join(home, 'failed'), 'utf8'));
        if (Date.now() - t0 > 90_000) throw new Error('timed out waiting for the test cluster');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return clusterAt(dir, Number(readFileSync(join(dir, 'port'), 'utf8')), found.dir);
  })();
  return shared;
}

/** A new, migrated database in the run's cluster. */
export async function freshPgDatabase(
  opts: { poolSize?: number } = {},
): Promise<{ url: string; store: PgStore; drop(): Promise<void> }> {
  const cluster = await sharedCluster();
  const name = `w_${randomBytes(6).toString('hex')}`;
  await adminQuery(cluster.url(), `CREATE DATABASE ${name}`);
  const url = cluster.url(name);
  const store = await openPgStore(url, opts);
  return {
    url,
    store,
    async drop() {
      await store.close();
      try {
        await adminQuery(cluster.url(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch {
        // the cluster may be down at the end of a fault test; it is thrown away anyway
      }
    },
  };
}

/**
 * For a file that re-runs a suite on PostgreSQL: true when PostgreSQL is
 * here; otherwise registers the failing (CI) or skipped test that says why.
 */
export function pgSuite(name: string): boolean {
  const found = pgBinDir();
  if (!('missing' in found)) return true;
  describePg(name, () => {
    it('runs', () => {});
  });
  return false;
}

/**
 * describe() for a PostgreSQL suite. Where PostgreSQL is missing the suite
 * says so: it fails under CI (CI set), and is skipped with the reason elsewhere.
 */
export function describePg(name: string, fn: () => void): void {
  const found = pgBinDir();
  if (!('missing' in found)) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error(`${found.missing} (CI is set, so this is a failure, not a skip)`);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${found.missing}`);
  describe.skip(`${name} (skipped: ${found.missing})`, fn);
}
