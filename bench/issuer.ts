// Issuer benchmark: `npm run bench:issuer`. Not a test: prints figures for BENCHMARKS.md.
//  1. Inside one charge (in process, no HTTP): JSON parse of the body, code verification
//     (lease lookup + HMAC over the drift window + used check), the whole charge in its own
//     transaction, and charges 32 to a transaction as the server's group commit runs them.
//  2. Over loopback: autocannon drives POST /v1/merchant/charges against `npm run server`
//     running as its own process; every request carries a distinct valid code.
// The load generator and the server share this machine's cores.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { codeForStep } from '../lib/payment/code';
import { leaseStepAt } from '../lib/payment/lease';
import type { TokenLease } from '../lib/payment/types';
import { verifyCode } from '../lib/payment/verify';
import { makeConfig } from '../server/config';
import { charge, chargeInTransaction, codeVerifier, nodeHmacSha256 } from '../server/domain/charges';
import { sql } from '../server/domain/context';
import type { Ctx } from '../server/domain/context';
import { createBindingCode } from '../server/domain/admin';
import { bindDevice } from '../server/domain/devices';
import { leaseByNumber, mintLease } from '../server/domain/leases';
import { reconcile } from '../server/domain/ledger';
import { openDatabase } from '../server/db/open';
import { seedAccount, seedWorld } from '../server/world';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50_000); // distinct codes made ready per run
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const MICRO_ITER = Number(process.env.BENCH_MICRO_ITER ?? 4000);
const LEASES_PER_DEVICE = 100;
const DEVICES_PER_ACCOUNT = 10;
const BIG = 1_000_000_000_000;

const config = makeConfig({
  maxLiveLeasesPerDevice: LEASES_PER_DEVICE,
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
  leases: TokenLease[];
}

/** A database with enough leases for `codes` distinct valid codes (2 per lease: this step and the next). */
function fixture(codes: number): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'issuer-bench-'));
  const dbPath = join(dir, 'issuer.sqlite');
  const db = openDatabase(dbPath);
  const ctx: Ctx = { db, config, now: Date.now };
  const account = { name: 'Bench', balance: BIG, card: null };
  const leases: TokenLease[] = [];
  const needed = Math.ceil(codes / 2);
  const { merchantKey, merchantId } = db.transaction(() => {
    const world = seedWorld(ctx, { ...account, merchantName: 'Bench till' });
    for (let a = 0; leases.length < needed; a++) {
      // The world's account first, then more, each with a binding code per device.
      const { accountId, bindingCode } = a === 0 ? world : seedAccount(ctx, account);
      for (let d = 0; d < DEVICES_PER_ACCOUNT && leases.length < needed; d++) {
        const code = d === 0 ? bindingCode : createBindingCode(ctx, accountId).code;
        const { deviceId, lease } = bindDevice(ctx, { bindingCode: code, deviceName: 'bench' });
        leases.push(lease);
        for (let i = 1; i < LEASES_PER_DEVICE && leases.length < needed; i++) leases.push(mintLease(ctx, deviceId));
      }
    }
    return world;
  })();
  db.close();
  return { dir, dbPath, merchantKey, merchantId, leases };
}

/** Charge bodies: the codes of this step and the next, valid for the coming minute at least. */
function bodies(leases: TokenLease[], now: number, count: number): string[] {
  const out: string[] = [];
  for (const offset of [0, 1]) {
    for (const l of leases) {
      if (out.length === count) return out;
      const code = codeForStep(l, leaseStepAt(l, now) + offset, nodeHmacSha256);
      out.push(JSON.stringify({ code, amount: 100, currency: 'CNY', idempotencyKey: `b-${out.length}` }));
    }
  }
  return out;
}

function perOp(fn: (i: number) => void, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1000 / n; // µs
}

async function micro(): Promise<void> {
  const f = fixture(MICRO_ITER * 4 * RUNS);
  const db = openDatabase(f.dbPath);
  const ctx: Ctx = { db, config, now: Date.now };
  const now = Date.now();
  const all = bodies(f.leases, now, MICRO_ITER * 4 * RUNS);
  const rows: Record<string, number[]> = { parse: [], verify: [], charge: [], grouped: [] };
  const verifier = codeVerifier(ctx);
  let next = 0;
  for (let r = 0; r < RUNS; r++) {
    const slice = all.slice(next, (next += MICRO_ITER * 3));
    rows.parse!.push(perOp((i) => JSON.parse(slice[i]!), MICRO_ITER));
    const parsed = slice.map((b) => JSON.parse(b) as { code: string; amount: number; currency: string; idempotencyKey: string });
    rows.verify!.push(
      perOp((i) => {
        const v = verifyCode(parsed[i]!.code, now, (n) => leaseByNumber(ctx, n), {
          hmac: nodeHmacSha256,
          isUsed: (id, step) => sql(db, 'SELECT 1 FROM used_codes WHERE lease_id = ? AND step = ?').get(id, step) !== undefined,
        });
        if (!v.ok) throw new Error(`bench code did not verify: ${v.reason}`);
      }, MICRO_ITER),
    );
    rows.charge!.push(
      perOp((i) => {
        const a = charge(ctx, f.merchantId, parsed[MICRO_ITER + i]!);
        if (a.status !== 'approved') throw new Error(`bench charge declined: ${a.reason}`);
      }, MICRO_ITER),
    );
    // What the group commit does under load: 32 charges share one transaction.
    rows.grouped!.push(
      perOp((i) => {
        if (i % 32 === 0) db.prepare('BEGIN IMMEDIATE').run();
        const a = chargeInTransaction(ctx, f.merchantId, parsed[2 * MICRO_ITER + i]!, verifier);
        if (a.status !== 'approved') throw new Error(`bench charge declined: ${a.status === 'declined' ? a.reason : ''}`);
        if (i % 32 === 31 || i === MICRO_ITER - 1) db.prepare('COMMIT').run();
      }, MICRO_ITER),
    );
  }
  const rec = reconcile(db);
  db.close();
  rmSync(f.dir, { recursive: true, force: true });
  console.log(`\n## inside one charge (µs per op, median of ${RUNS} runs of ${MICRO_ITER})`);
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(8)} ${median(v).toFixed(1).padStart(7)} µs   runs: ${v.map((x) => x.toFixed(1)).join(', ')}`);
  console.log(`ledger reconciles: ${rec.ok}`);
}

function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_SERVER_ARGS, e.g. "--cpu-prof", profiles the server under load.
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, WALLET_DB: dbPath, PORT: '0', LOG_LEVEL: 'warn', ISSUER_RATE_CHARGES_PER_SEC: '1000000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /\{"listening":"([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function http(): Promise<void> {
  const results: { rps: number; p50: number; p99: number; approved: number; sent: number; errors: number }[] = [];
  const ceilings: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const f = fixture(REQUESTS);
    const list = bodies(f.leases, Date.now(), REQUESTS);
    const { child, url } = await startServer(f.dbPath);
    // Warm-up (JIT, statement cache) on codes that are then spent; not counted.
    const warm = list.splice(0, 2000);
    let w = 0;
    await autocannon({
      url, connections: CONNECTIONS, amount: warm.length,
      requests: [{ method: 'POST', path: '/v1/merchant/charges', headers: { authorization: `Bearer ${f.merchantKey}`, 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: warm[w++ % warm.length] }) }],
    });
    let i = 0;
    // A fixed duration, not a fixed amount: autocannon notices the end of an
    // `amount` run only on its next 1 s tick, which would understate the rate.
    const res = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/v1/merchant/charges',
          headers: { authorization: `Bearer ${f.merchantKey}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: list[i++ % list.length] }),
        },
      ],
    });
    // The same load generator on GET /healthz: the HTTP + loopback ceiling of this machine.
    const ceiling = await autocannon({ url: `${url}/healthz`, connections: CONNECTIONS, duration: 3 });
    ceilings.push((ceiling['2xx'] + ceiling.non2xx) / ceiling.duration);
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
    const db = openDatabase(f.dbPath);
    const approved = (db.prepare(`SELECT COUNT(*) AS n FROM charges WHERE status = 'approved'`).get() as { n: number }).n - warm.length;
    const rec = reconcile(db);
    db.close();
    rmSync(f.dir, { recursive: true, force: true });
    if (!rec.ok) throw new Error(`ledger does not reconcile: ${rec.problems.slice(0, 3).join('; ')}`);
    // Completed requests over the run's wall time.
    const rps = (res['2xx'] + res.non2xx) / res.duration;
    results.push({ rps, p50: res.latency.p50, p99: res.latency.p99, approved, sent: res['2xx'] + res.non2xx, errors: res.errors + res.non2xx });
    if (i > list.length) console.log(`  (ran out of distinct codes: ${i - list.length} repeats were declined as used)`);
    console.log(`run ${r + 1}: healthz ${ceilings.at(-1)?.toFixed(0)} req/s; ${rps.toFixed(0)} charges/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms, approved ${approved} of ${res['2xx']} answered, errors+non2xx ${res.errors + res.non2xx}`);
  }
  console.log(`\n## over loopback (${CONNECTIONS} connections, ${SECONDS} s a run, median of ${RUNS})`);
  console.log(`charges/s ${median(results.map((x) => x.rps)).toFixed(0)}, p50 ${median(results.map((x) => x.p50))} ms, p99 ${median(results.map((x) => x.p99))} ms`);
  console.log(`GET /healthz with the same generator: ${median(ceilings).toFixed(0)} req/s (runs: ${ceilings.map((c) => c.toFixed(0)).join(', ')})`);
}

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
const mode = process.argv[2] ?? 'all';
if (mode === 'micro' || mode === 'all') await micro();
if (mode === 'http' || mode === 'all') await http();
