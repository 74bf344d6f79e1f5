// `npm run bench:issuer [part]`: charges per second and latency of the issuer.
// Parts: micro (inside one charge, SQLite, no HTTP), sqlite (one issuer process
// on the SQLite file), pg1 / pg2 (one / two issuer processes on PostgreSQL, a
// throwaway cluster of its own with fsync on), side (sqlite, pg1, pg2 one
// after the other, BENCH_RUNS rounds), all (micro + side).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { codeForStep } from '../lib/payment/code';
import { leaseStepAt } from '../lib/payment/lease';
import type { TokenLease } from '../lib/payment/types';
import { verifyCode } from '../lib/payment/verify';
import { makeConfig } from '../server/config';
import { charge, chargeInTransaction, codeVerifier, nodeHmacSha256 } from '../server/domain/charges';
import type { Ctx } from '../server/domain/context';
import { createAccount, createBindingCode, createMerchant } from '../server/domain/admin';
import { bindDevice } from '../server/domain/devices';
import { leaseByNumber, mintLease } from '../server/domain/leases';
import { reconcile } from '../server/domain/ledger';
import { openSqliteStore } from '../server/db/sqlite-store';
import { openPgStore } from '../server/db/pg-store';
import type { Store } from '../server/db/store';
import { exportWallet, importWallet } from '../server/db/transfer';
import { adminQuery, type Cluster, startCluster } from '../sim/fixtures/pg-cluster';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40_000); // distinct codes made ready per run
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 16); // PostgreSQL connections per issuer process
const MICRO_ITER = Number(process.env.BENCH_MICRO_ITER ?? 4000);
const LEASES_PER_ACCOUNT = 50; // one device each: 2 codes per lease (this step and the next)
const BIG = 1_000_000_000_000;

const config = makeConfig({
  maxLiveLeasesPerDevice: LEASES_PER_ACCOUNT,
  caps: { perPayment: BIG, daily: BIG },
  defaultLimits: { perPayment: BIG, daily: BIG },
  rateLimits: { charges: { max: 1_000_000_000, windowMs: 1000 } },
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Fixture {
  dir: string;
  dbPath: string;
  merchantKey: string;
  merchantId: string;
  /** leases[account][i] */
  leases: TokenLease[][];
}

/**
 * An SQLite file with enough leases for `codes` distinct valid codes, spread
 * over many accounts (one device each): a wallet is a hot row, and a bench
 * that charged a few wallets would measure their row locks, not the issuer.
 */
async function fixture(codes: number): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'issuer-bench-'));
  const dbPath = join(dir, 'issuer.sqlite');
  const db = openSqliteStore(dbPath);
  const ctx: Ctx = { db, config, now: Date.now };
  const { merchantKey, merchantId } = await createMerchant(ctx, { name: 'Bench till' });
  const leases: TokenLease[][] = [];
  let count = 0;
  const needed = Math.ceil(codes / 2);
  while (count < needed) {
    const { accountId } = await createAccount(ctx, { name: 'Bench', balance: BIG, currency: 'CNY' });
    const { deviceId, lease } = await bindDevice(ctx, {
      bindingCode: (await createBindingCode(ctx, accountId)).code,
      deviceName: 'bench',
    });
    const mine = [lease];
    count++;
    await db.tx(async (tx) => {
      for (let i = 1; i < LEASES_PER_ACCOUNT && count < needed; i++, count++)
        mine.push(await mintLease(ctx, tx, deviceId));
    });
    leases.push(mine);
  }
  await db.close();
  return { dir, dbPath, merchantKey, merchantId, leases };
}

/** Charge bodies, consecutive ones on different accounts: the codes of this step and the next. */
function bodies(leases: TokenLease[][], now: number, count: number): string[] {
  const out: string[] = [];
  for (const offset of [0, 1]) {
    for (let i = 0; i < LEASES_PER_ACCOUNT; i++) {
      for (const account of leases) {
        const l = account[i];
        if (!l) continue;
        if (out.length === count) return out;
        const code = codeForStep(l, leaseStepAt(l, now) + offset, nodeHmacSha256);
        out.push(JSON.stringify({ code, amount: 100, currency: 'CNY', idempotencyKey: `b-${out.length}` }));
      }
    }
  }
  return out;
}

async function perOp(fn: (i: number) => Promise<void> | void, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / n; // µs
}

async function micro(): Promise<void> {
  const f = await fixture(MICRO_ITER * 4 * RUNS);
  const db = openSqliteStore(f.dbPath);
  const ctx: Ctx = { db, config, now: Date.now };
  const now = Date.now();
  const all = bodies(f.leases, now, MICRO_ITER * 4 * RUNS);
  const rows: Record<string, number[]> = { parse: [], verify: [], charge: [], grouped: [] };
  const verifier = codeVerifier(ctx);
  let next = 0;
  for (let r = 0; r < RUNS; r++) {
    const slice = all.slice(next, (next += MICRO_ITER * 3));
    rows.parse!.push(await perOp((i) => void JSON.parse(slice[i]!), MICRO_ITER));
    const parsed = slice.map(
      (b) => JSON.parse(b) as { code: string; amount: number; currency: string; idempotencyKey: string },
    );
    // The lookup alone, as the charge does it (one statement), then the HMAC window.
    rows.verify!.push(
      await perOp(async (i) => {
        const code = parsed[i]!.code;
        let n = '';
        verifyCode(code, now, (x) => ((n = x), undefined), { hmac: nodeHmacSha256 });
        const found = await leaseByNumber(db, n);
        const v = verifyCode(code, now, () => found, { hmac: nodeHmacSha256, isUsed: () => false });
        if (!v.ok) throw new Error(`bench code did not verify: ${v.reason}`);
      }, MICRO_ITER),
    );
    rows.charge!.push(
      await perOp(async (i) => {
        // Awaited one by one: each is its own transaction (nothing else is queued to share it).
        const a = await charge(ctx, f.merchantId, parsed[MICRO_ITER + i]!);
        if (a.status !== 'approved') throw new Error(`bench charge declined: ${a.reason}`);
      }, MICRO_ITER),
    );
    // What the group commit does under load: 32 charges share one transaction.
    rows.grouped!.push(
      await perOp(async (i) => {
        if (i % 32 !== 0) return;
        const group = parsed.slice(2 * MICRO_ITER + i, 2 * MICRO_ITER + Math.min(i + 32, MICRO_ITER));
        const answers = await Promise.all(
          group.map((p) => db.tx((tx) => chargeInTransaction(ctx, tx, f.merchantId, p, verifier), { group: true })),
        );
        for (const a of answers) if (a.status !== 'approved') throw new Error('bench charge declined');
      }, MICRO_ITER),
    );
  }
  const rec = await reconcile(db);
  await db.close();
  rmSync(f.dir, { recursive: true, force: true });
  console.log(`\n## inside one charge, SQLite (µs per op, median of ${RUNS} runs of ${MICRO_ITER})`);
  for (const [k, v] of Object.entries(rows))
    console.log(
      `${k.padEnd(8)} ${median(v).toFixed(1).padStart(7)} µs   runs: ${v.map((x) => x.toFixed(1)).join(', ')}`,
    );
  console.log(`ledger reconciles: ${rec.ok}`);
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_SERVER_ARGS, e.g. "--cpu-prof", profiles the server under load.
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ISSUER_RATE_CHARGES_PER_SEC: '1000000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let shown = 0;
    child.stdout!.on('data', (d) => {
      // The issuer's own errors (level 50+), the first few, so a non-2xx answer has a cause.
      for (const line of String(d).split('\n'))
        if (/"level":[56]0/.test(line) && shown++ < 5) console.error(`  issuer: ${line.slice(0, 400)}`);
      if (out.length > 10_000) return;
      out += String(d);
      const m = /\{"listening":"([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** The postmaster of a cluster and its children (backends, WAL writer, ...). */
function clusterPids(dir: string): number[] {
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** CPU used during `work` by the issuers, PostgreSQL and this process (the load generator). */
async function cpuDuring<T>(
  servers: number[],
  pgDir: string | undefined,
  work: () => Promise<T>,
): Promise<{ value: T; issuer: number; db: number; generator: number }> {
  const sum = (pids: number[]) => pids.reduce((s, p) => s + cpuSeconds(p), 0);
  const dbPids = pgDir ? clusterPids(pgDir) : [];
  const [i0, d0, g0] = [sum(servers), sum(dbPids), process.cpuUsage()];
  const value = await work();
  const g = process.cpuUsage(g0);
  return { value, issuer: sum(servers) - i0, db: sum(dbPids) - d0, generator: (g.user + g.system) / 1e6 };
}

type Setup = 'sqlite' | 'pg1' | 'pg2';
interface Result {
  rps: number;
  p50: number;
  p99: number;
  approved: number;
  answered: number;
  errors: number;
  ceiling: number;
  /** CPU µs per answered charge: issuer processes, PostgreSQL, load generator. */
  cpu: { issuer: number; db: number; generator: number };
  /** Non-2xx status codes and their counts, if any. */
  statuses: string;
  /** PostgreSQL transactions committed per answered charge. */
  commits?: number;
}

let cluster: Cluster | undefined;
async function pgCluster(): Promise<Cluster> {
  // BENCH_PG_SETTINGS: more server options, e.g. "-c commit_delay=200" or
  // "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" (then the
  // run prints PostgreSQL's time per statement).
  cluster ??= await startCluster(undefined, { fsync: true, settings: process.env.BENCH_PG_SETTINGS ?? '' });
  return cluster;
}

async function load(urls: string[], merchantKey: string, list: string[], opts: { duration?: number; amount?: number }) {
  // One autocannon per issuer process, each with its share of connections and of the codes.
  const per = Math.ceil(list.length / urls.length);
  const runs = urls.map((url, k) => {
    const mine = list.slice(k * per, (k + 1) * per);
    let i = 0;
    return autocannon({
      url,
      connections: Math.max(1, Math.round(CONNECTIONS / urls.length)),
      ...(opts.duration ? { duration: opts.duration } : { amount: opts.amount ?? mine.length }),
      requests: [
        {
          method: 'POST',
          path: '/v1/merchant/charges',
          headers: { authorization: `Bearer ${merchantKey}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: mine[i++ % mine.length] }),
        },
      ],
    });
  });
  return Promise.all(runs);
}

async function httpRun(setup: Setup): Promise<Result> {
  const f = await fixture(REQUESTS);
  let store: Store;
  let env: Record<string, string>;
  let dropPg: (() => Promise<void>) | undefined;
  if (setup === 'sqlite') {
    store = openSqliteStore(f.dbPath);
    env = { WALLET_DB: f.dbPath, DATABASE_URL: '' };
  } else {
    // The same wallet moved into a fresh PostgreSQL database (export/import, as an operator would).
    const c = await pgCluster();
    const name = `bench_${Date.now()}`;
    await adminQuery(c.url(), `CREATE DATABASE ${name}`);
    const src = openSqliteStore(f.dbPath);
    const doc = await exportWallet(src);
    await src.close();
    store = await openPgStore(c.url(name), { poolSize: 2 });
    const imported = await importWallet(store, doc);
    if (!imported.reconcile.ok) throw new Error('imported wallet does not reconcile');
    await store.run('ANALYZE');
    // BENCH_PG_SOCKET=1: the issuers reach PostgreSQL over its Unix socket instead of loopback TCP.
    const url = process.env.BENCH_PG_SOCKET === '1' ? `${c.url(name)}?host=${join(c.dir, 'sock')}` : c.url(name);
    env = { DATABASE_URL: url, DATABASE_POOL: String(POOL) };
    dropPg = async () => {
      await adminQuery(c.url(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }
  const processes = setup === 'pg2' ? 2 : 1;
  const servers = await Promise.all(Array.from({ length: processes }, () => startServer(env)));
  const urls = servers.map((s) => s.url);
  // The codes are made now, not before the setup: on a loaded machine building and importing
  // the wallet can take longer than a code stays valid (this step and the next), and stale
  // codes would be declined and soon trip the merchant key's guessing limit (429).
  const list = bodies(f.leases, Date.now(), REQUESTS);
  // Warm-up (JIT, statement caches, pools) on codes that are then spent; not counted.
  const warm = list.splice(0, 2000);
  await load(urls, f.merchantKey, warm, { amount: warm.length / processes });
  // Statistics with the warm-up's rows in them: planned on the empty tables of the import,
  // the charge's statements would keep (cached per connection) plans that scan whole tables
  // until autovacuum's next ANALYZE, minutes later; a running wallet has statistics.
  if (setup !== 'sqlite') await store.run('ANALYZE');
  // BENCH_WAITS=1: sample what PostgreSQL's sessions wait on during the run (pg_stat_activity).
  const waits = new Map<string, number>();
  let sampling = setup !== 'sqlite' && process.env.BENCH_WAITS === '1';
  const sampler = (async () => {
    while (sampling) {
      const rows = await store.all<{ w: string }>(
        `SELECT COALESCE(wait_event_type || ':' || wait_event, state) AS w FROM pg_stat_activity WHERE application_name = 'wrist-wallet-issuer' AND pid != pg_backend_pid()`,
      );
      for (const r of rows) waits.set(r.w, (waits.get(r.w) ?? 0) + 1);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  const commitCount = async () =>
    setup === 'sqlite'
      ? 0
      : (await store.get<{ n: number }>(
          'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
        ))!.n;
  const commits0 = await commitCount();
  const used = await cpuDuring(
    servers.map((s) => s.child.pid!),
    setup === 'sqlite' ? undefined : cluster!.dir,
    () => load(urls, f.merchantKey, list, { duration: SECONDS }),
  );
  const commits = (await commitCount()) - commits0;
  if (setup !== 'sqlite' && /pg_stat_statements/.test(process.env.BENCH_PG_SETTINGS ?? '')) {
    await store.run('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const top = await store.all<{ calls: number; ms: number; mean: number; q: string }>(
      `SELECT calls, round(total_exec_time)::bigint AS ms, round((total_exec_time / calls * 1000)::numeric) AS mean,
              regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS q
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC LIMIT 20`,
    );
    for (const t of top)
      console.log(
        `  ${String(t.ms).padStart(7)} ms ${String(t.calls).padStart(7)} calls ${String(t.mean).padStart(6)} µs  ${t.q}`,
      );
  }
  const answers = used.value;
  sampling = false;
  await sampler;
  if (waits.size > 0)
    console.log(
      '  waits:',
      [...waits]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    );
  // The same load generator on GET /healthz: the HTTP + loopback ceiling of this machine.
  const ceiling = await Promise.all(
    urls.map((url) =>
      autocannon({ url: `${url}/healthz`, connections: Math.round(CONNECTIONS / processes), duration: 3 }),
    ),
  );
  await Promise.all(
    servers.map(({ child }) => {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      return exited;
    }),
  );
  const approved =
    (await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM charges WHERE status = 'approved'`))!.n - warm.length;
  const rec = await reconcile(store);
  await store.close();
  await dropPg?.();
  rmSync(f.dir, { recursive: true, force: true });
  if (!rec.ok) throw new Error(`ledger does not reconcile: ${rec.problems.slice(0, 3).join('; ')}`);
  const answered = answers.reduce((s, a) => s + a['2xx'] + a.non2xx, 0);
  const perCharge = (seconds: number) => (seconds * 1e6) / answered;
  const duration = Math.max(...answers.map((a) => a.duration));
  return {
    rps: answered / duration,
    // Two generators: p50 their mean, p99 the worse one (no merged histogram).
    p50: answers.reduce((s, a) => s + a.latency.p50, 0) / answers.length,
    p99: Math.max(...answers.map((a) => a.latency.p99)),
    approved,
    answered,
    errors: answers.reduce((s, a) => s + a.errors + a.non2xx, 0),
    statuses: answers
      .flatMap((a) => Object.entries(a.statusCodeStats ?? {}))
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, v]) => `${code}: ${v.count}`)
      .join(', '),
    ceiling: ceiling.reduce((s, c) => s + (c['2xx'] + c.non2xx) / c.duration, 0),
    cpu: { issuer: perCharge(used.issuer), db: perCharge(used.db), generator: perCharge(used.generator) },
    ...(setup === 'sqlite' ? {} : { commits: commits / answered }),
  };
}

/** Median CPU per charge by part, and what 2 cores (all of this machine) would allow at that cost. */
function cpuRow(rs: Result[]): string {
  const m = (f: (r: Result) => number) => median(rs.map(f));
  const [i, d, g] = [m((r) => r.cpu.issuer), m((r) => r.cpu.db), m((r) => r.cpu.generator)];
  const total = i + d + g;
  return `${i.toFixed(0)} + ${d.toFixed(0)} + ${g.toFixed(0)} = ${total.toFixed(0)} | ${((cpus().length * 1e6) / total).toFixed(0)}`;
}

async function side(setups: Setup[]): Promise<void> {
  const results: Record<string, Result[]> = {};
  for (let r = 0; r < RUNS; r++) {
    for (const setup of setups) {
      const res = await httpRun(setup);
      (results[setup] ??= []).push(res);
      console.log(
        `run ${r + 1} ${setup.padEnd(6)}: ${res.rps.toFixed(0)} charges/s, p50 ${res.p50} ms, p99 ${res.p99} ms, approved ${res.approved} of ${res.answered} answered, errors+non2xx ${res.errors}${res.statuses ? ` (${res.statuses})` : ''}; healthz ${res.ceiling.toFixed(0)} req/s; CPU µs/charge issuer ${res.cpu.issuer.toFixed(0)} + db ${res.cpu.db.toFixed(0)} + generator ${res.cpu.generator.toFixed(0)}${res.commits === undefined ? '' : `; ${res.commits.toFixed(2)} commits/charge`}; load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  console.log(
    `\n## over loopback (${CONNECTIONS} connections in all, ${SECONDS} s a run, PostgreSQL pool ${POOL} per process, median of ${RUNS})`,
  );
  console.log(
    '| setup | charges/s | p50 | p99 | GET /healthz | CPU µs per charge: issuer + db + generator = total | charges/s the 2 cores allow |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [setup, rs] of Object.entries(results)) {
    console.log(
      `| ${setup} | ${median(rs.map((x) => x.rps)).toFixed(0)} | ${median(rs.map((x) => x.p50))} ms | ${median(rs.map((x) => x.p99))} ms | ${median(rs.map((x) => x.ceiling)).toFixed(0)} req/s | ${cpuRow(rs)} |`,
    );
  }
}

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const mode = process.argv[2] ?? 'all';
try {
  if (mode === 'micro' || mode === 'all') await micro();
  if (mode === 'http' || mode === 'sqlite') await side(['sqlite']);
  if (mode === 'pg1') await side(['pg1']);
  if (mode === 'pg2') await side(['pg2']);
  if (mode === 'side' || mode === 'all') await side(['sqlite', 'pg1', 'pg2']);
} finally {
  if (cluster) {
    cluster.stop();
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}
