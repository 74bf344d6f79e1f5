// Several issuer processes on one PostgreSQL: one code charged on all of them at
// once, an issuer SIGKILLed mid-burst, PostgreSQL itself stopped hard
// (pg_ctl stop -m immediate) mid-burst and started again. Through all of it:
// every charge answered "approved" is in the books once, no code pays twice,
// the ledger reconciles, and the issuers reconnect by themselves (/readyz).
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import type { TokenLease } from '../../lib/payment/types';
import { makeConfig } from '../../server/config';
import type { Ctx } from '../../server/domain/context';
import { createAccount, createBindingCode, createMerchant } from '../../server/domain/admin';
import { bindDevice } from '../../server/domain/devices';
import { mintLease } from '../../server/domain/leases';
import { reconcile } from '../../server/domain/ledger';
import { openPgStore, type PgStore } from '../../server/db/pg-store';
import { type Cluster, describePg, startCluster } from './pg-cluster';

const LEASES = 301;
const BALANCE = 100_000_000;

describePg('issuers on PostgreSQL under faults', () => {
  // Its own cluster: stopping the run's shared one would break the other files.
  let cluster: Cluster;
  let url: string;
  let store: PgStore;
  let ctx: Ctx;
  let accountId: string;
  let merchantKey: string;
  const leases: TokenLease[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    url = cluster.url();
    const config = makeConfig({
      maxLiveLeasesPerDevice: LEASES + 1,
      caps: { perPayment: 200_000, daily: BALANCE },
      defaultLimits: { perPayment: 200_000, daily: BALANCE },
    });
    store = await openPgStore(url, { poolSize: 2 });
    ctx = { db: store, config, now: Date.now };
    accountId = (await createAccount(ctx, { name: 'Faults', balance: BALANCE, currency: 'CNY' })).accountId;
    merchantKey = (await createMerchant(ctx, { name: 'Till' })).merchantKey;
    const bound = await bindDevice(ctx, {
      bindingCode: (await createBindingCode(ctx, accountId)).code,
      deviceName: 'x',
    });
    leases.push(bound.lease);
    await store.tx(async (tx) => {
      for (let i = 1; i < LEASES; i++) leases.push(await mintLease(ctx, tx, bound.deviceId));
    });
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await store?.close();
    cluster?.stop();
    if (cluster) rmSync(cluster.dir, { recursive: true, force: true });
  });

  function startIssuer(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATABASE_POOL: '4',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ISSUER_RATE_CHARGES_PER_SEC: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr!.on('data', (d) => {
        err += String(d);
        if (process.env.FAULTS_DEBUG) process.stderr.write(d);
      });
      child.stdout!.on('data', (d) => {
        out += String(d);
        const m = /\{"listening":"([^"]+)"/.exec(out);
        if (m) resolve({ child, url: m[1]! });
      });
      child.on('exit', (code) => reject(new Error(`issuer exited ${code}: ${err}`)));
    });
  }

  async function post(
    base: string,
    body: unknown,
  ): Promise<{ status: number; body: { status?: string; chargeId?: string; reason?: string; error?: string } }> {
    const res = await fetch(`${base}/v1/merchant/charges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchantKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json()) as never };
  }

  const readyz = async (base: string): Promise<number> => {
    try {
      return (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(3000) })).status;
    } catch {
      return 0;
    }
  };

  let issuers: { child: ChildProcess; url: string }[] = [];
  /** Every charge any issuer answered "approved", by idempotency key. */
  const approved = new Map<string, { chargeId: string; amount: number; lease: string }>();

  /**
   * Sends each request until some live issuer answers it (200), as a till
   * would: the same idempotency key on every try, a dead or unready issuer
   * skipped for the next one.
   */
  async function burst(
    reqs: { key: string; lease: TokenLease; amount: number }[],
    opts: { onAnswer?: (n: number) => void; deadlineMs?: number } = {},
  ) {
    let next = 0;
    let answered = 0;
    const unexpected: string[] = [];
    const codes = new Map<string, string>();
    const deadline = Date.now() + (opts.deadlineMs ?? 60_000);
    const worker = async (w: number) => {
      while (next < reqs.length) {
        const r = reqs[next++]!;
        // A lease's code is made once, when first sent, and presented under both keys: had each
        // request made its own, two falling either side of a minute would be two codes, both good.
        let code = codes.get(r.lease.leaseId);
        if (code === undefined) codes.set(r.lease.leaseId, (code = generateCode(r.lease, Date.now())));
        const body = { code, amount: r.amount, currency: 'CNY', idempotencyKey: r.key };
        let last = '';
        for (let attempt = 0; ; attempt++) {
          if (Date.now() > deadline) throw new Error(`request ${r.key} unanswered at the deadline; last: ${last}`);
          const live = issuers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
          const target = live[(w + attempt) % live.length]!;
          try {
            const res = await post(target.url, body);
            last = `${res.status} ${JSON.stringify(res.body)}`;
            if (res.status === 200) {
              answered++;
              if (res.body.status === 'approved')
                approved.set(r.key, { chargeId: res.body.chargeId!, amount: r.amount, lease: r.lease.leaseId });
              opts.onAnswer?.(answered);
              break;
            }
          } catch (err) {
            // connection refused or reset: that issuer died; try another
            last = String(err);
          }
          // Anything but 503 (the database is away) is a wrong answer to a till's retry.
          if (last.startsWith('5') && !last.startsWith('503')) unexpected.push(`${r.key}: ${last}`);
          await new Promise((ok) => setTimeout(ok, 50 + attempt * 10));
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
    // A request cut by the outage may answer 500 once (its connection died mid-statement); never twice.
    expect(unexpected.length).toBeLessThan(20);
    return answered;
  }

  async function checkBooks(): Promise<void> {
    const rec = await reconcile(store);
    expect(rec.problems).toEqual([]);
    for (const [key, a] of approved) {
      const row = await store.get<{ id: string; status: string; amount: number; idempotency_key: string }>(
        'SELECT id, status, amount, idempotency_key FROM charges WHERE id = ?',
        a.chargeId,
      );
      expect(row, key).toEqual({ id: a.chargeId, status: 'approved', amount: a.amount, idempotency_key: key });
    }
    const doubles = await store.all(
      `SELECT lease_id, COUNT(*) AS n FROM charges WHERE status = 'approved' GROUP BY lease_id HAVING COUNT(*) > 1`,
    );
    expect(doubles).toEqual([]);
    const total = (await store.get<{ s: number }>(
      `SELECT COALESCE(SUM(amount), 0) AS s FROM charges WHERE status = 'approved'`,
    ))!.s;
    const balance = (await store.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', accountId))!
      .balance;
    expect(balance).toBe(BALANCE - total);
    // Every approval an issuer answered is one of the database's, and the database has no approval nobody asked for twice.
    expect(new Set([...approved.values()].map((a) => a.chargeId)).size).toBe(approved.size);
  }

  it('starts 4 issuers at once (migrations under the advisory lock); 64 concurrent charges of one code over them: one approval', async () => {
    issuers = await Promise.all([startIssuer(), startIssuer(), startIssuer(), startIssuer()]);
    for (const s of issuers) expect(await readyz(s.url)).toBe(200);
    const code = generateCode(leases[0]!, Date.now());
    const answers = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        post(issuers[i % 4]!.url, { code, amount: 100, currency: 'CNY', idempotencyKey: `one-${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(64).fill(200));
    const ok = answers.filter((a) => a.body.status === 'approved');
    expect(ok).toHaveLength(1);
    expect(answers.filter((a) => a.body.reason === 'used')).toHaveLength(63);
    approved.set(`one-${answers.indexOf(ok[0]!)}`, {
      chargeId: ok[0]!.body.chargeId!,
      amount: 100,
      lease: leases[0]!.leaseId,
    });
    // One idempotency key sent to all four at once: one charge, one answer.
    const code2 = generateCode(leases[1]!, Date.now());
    const same = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        post(issuers[i % 4]!.url, { code: code2, amount: 100, currency: 'CNY', idempotencyKey: 'same' }),
      ),
    );
    expect(new Set(same.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(same[0]!.body.status).toBe('approved');
    approved.set('same', { chargeId: same[0]!.body.chargeId!, amount: 100, lease: leases[1]!.leaseId });
    await checkBooks();
  }, 120_000);

  it('keeps serving when one issuer is SIGKILLed mid-burst', async () => {
    // Each code twice under different keys: a double charge would show up.
    const reqs = leases
      .slice(2, 152)
      .flatMap((lease, i) => [0, 1].map((k) => ({ key: `kill-${i}-${k}`, lease, amount: 100 + (i % 7) })));
    let killed = false;
    const answered = await burst(reqs, {
      onAnswer: (n) => {
        if (n === 60 && !killed) {
          killed = true;
          issuers[0]!.child.kill('SIGKILL');
        }
      },
    });
    expect(killed).toBe(true);
    expect(answered).toBe(reqs.length); // the other three answered everything
    expect([...approved.keys()].filter((k) => k.startsWith('kill-')).length).toBe(150);
    await checkBooks();
  }, 120_000);

  it('survives PostgreSQL stopped hard mid-burst and started again; issuers reconnect and /readyz follows', async () => {
    const live = issuers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
    expect(live).toHaveLength(3);
    const reqs = leases
      .slice(152, 301)
      .flatMap((lease, i) => [0, 1].map((k) => ({ key: `pg-${i}-${k}`, lease, amount: 200 + (i % 5) })));
    let stopped: Promise<void> | undefined;
    const sawNotReady: number[] = [];
    const done = burst(reqs, {
      deadlineMs: 120_000,
      onAnswer: (n) => {
        if (n === 80 && !stopped) {
          stopped = (async () => {
            cluster.stopHard();
            for (const s of live) sawNotReady.push(await readyz(s.url));
            await new Promise((ok) => setTimeout(ok, 1500));
            cluster.start();
          })();
        }
      },
    });
    const answered = await done;
    await stopped;
    expect(sawNotReady).toEqual([503, 503, 503]);
    // Back by themselves: no issuer was restarted.
    for (const s of live) {
      const t0 = Date.now();
      while ((await readyz(s.url)) !== 200) {
        if (Date.now() - t0 > 20_000) throw new Error('an issuer did not become ready again');
        await new Promise((ok) => setTimeout(ok, 200));
      }
    }
    expect(answered).toBe(reqs.length);
    expect([...approved.keys()].filter((k) => k.startsWith('pg-')).length).toBe(149);
    await checkBooks();
  }, 180_000);
});
