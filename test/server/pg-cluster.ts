// A throwaway PostgreSQL 15 cluster for the slow lane's PostgreSQL suites.
// vitest's globalSetup (pg-global-setup.ts) names a folder for the run; the
// first test file that needs PostgreSQL starts the cluster there (a mkdir lock
// keeps the others waiting for it) and the global teardown stops it. Without
// the global setup a file starts its own cluster and stops it on exit.
// initdb refuses to run as root: as root the cluster runs as the `postgres`
// user on a folder it owns. Loopback only, trust authentication.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openPgStore, type PgStore } from '../../server/db/pg-store';

const CANDIDATE_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];

/** The folder holding initdb/pg_ctl, or why PostgreSQL cannot be used here. */
export function pgBinDir(): { dir: string } | { missing: string } {
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  if (onPath) return { dir: onPath.replace(/\/initdb$/, '') };
  for (const d of CANDIDATE_BIN_DIRS) if (existsSync(join(d, 'initdb'))) return { dir: d };
  return { missing: 'PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin); apt-get install postgresql-15' };
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[], opts: { allowFail?: boolean } = {}): string {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return execFileSync(cmd, argv as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (opts.allowFail) return '';
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  port: number;
  dir: string;
  /** postgres://postgres@127.0.0.1:port/<db> */
  url(db?: string): string;
  /** pg_ctl stop -m immediate: the server dies as in a crash (no checkpoint). */
  stopHard(): void;
  stop(): void;
  start(): void;
}

function clusterAt(dir: string, port: number, bin: string, fsync = false): Cluster {
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  const ctl = join(bin, 'pg_ctl');
  const start = () =>
    void run(ctl, ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'log'),
      '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${sock} -c max_connections=200 ${fsync ? '' : '-c fsync=off -c full_page_writes=off'}`]);
  return {
    port,
    dir,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    stopHard: () => void run(ctl, ['stop', '-m', 'immediate', '-w', '-D', data]),
    stop: () => void run(ctl, ['stop', '-m', 'fast', '-w', '-D', data], { allowFail: true }),
    start,
  };
}

/**
 * Creates and starts a cluster in `dir`. fsync is off in this throwaway
 * cluster: a commit still writes its WAL to the kernel before it returns
 * (synchronous_commit stays on), which is what surviving a killed PostgreSQL
 * needs; only a power cut, which no test makes, would need the flush.
 */
export async function startCluster(dir = mkdtempSync(join(tmpdir(), 'wallet-pg-')), opts: { fsync?: boolean } = {}): Promise<Cluster> {
  const found = pgBinDir();
  if ('missing' in found) throw new Error(found.missing);
  mkdirSync(join(dir, 'sock'), { recursive: true });
  if (asRoot) {
    for (const d of [dir, join(dir, 'sock')]) chownSync(d, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
    chmodSync(dir, 0o755);
  }
  run(join(found.dir, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const port = await freePort();
  const cluster = clusterAt(dir, port, found.dir, opts.fsync);
  cluster.start();
  writeFileSync(join(dir, 'port'), String(port));
  return cluster;
}

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
    let mine = false;
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

/** One statement on its own connection (CREATE / DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, migrated database in the run's cluster. */
export async function freshPgDatabase(opts: { poolSize?: number } = {}): Promise<{ url: string; store: PgStore; drop(): Promise<void> }> {
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
