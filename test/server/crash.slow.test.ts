// SIGKILL in the middle of a burst of charges, restart on the same file:
// the ledger reconciles, nothing is charged twice, every approval survived.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import type { TokenLease } from '../../lib/payment/types';
import { makeConfig } from '../../server/config';
import type { Ctx } from '../../server/domain/context';
import { seedWorld } from '../../server/world';
import { bindDevice } from '../../server/domain/devices';
import { mintLease } from '../../server/domain/leases';
import { reconcile } from '../../server/domain/ledger';
import { openDatabase } from '../../server/db/open';
import { openSqliteStore, sqliteStore } from '../../server/db/sqlite-store';

const dir = mkdtempSync(join(tmpdir(), 'issuer-crash-'));
const dbPath = join(dir, 'issuer.sqlite');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, WALLET_DB: dbPath, PORT: '0', LOG_LEVEL: 'silent', ISSUER_RATE_CHARGES_PER_MIN: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /\{"listening":"([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

describe('crash safety', () => {
  // Two issuer starts (tsx) and ~1 200 requests: on a loaded 2-core machine this takes 30 s or more.
  it('keeps every approved charge and a reconciling ledger across SIGKILL', { timeout: 120_000 }, async () => {
    const LEASES = 300;
    const BALANCE = 10_000_000;
    const config = makeConfig({
      maxLiveLeasesPerDevice: LEASES + 1,
      caps: { perPayment: 200_000, daily: 100_000_000 },
      defaultLimits: { perPayment: 200_000, daily: 100_000_000 },
    });
    const setup = openSqliteStore(dbPath);
    const ctx: Ctx = { db: setup, config, now: Date.now };
    const { accountId, merchantKey, bindingCode } = await seedWorld(ctx, {
      name: 'Crash',
      balance: BALANCE,
      card: null,
      merchantName: 'Till',
    });
    const bound = await bindDevice(ctx, { bindingCode, deviceName: 'x' });
    const leases: TokenLease[] = [bound.lease];
    await setup.tx(async (tx) => {
      for (let i = 1; i < LEASES; i++) leases.push(await mintLease(ctx, tx, bound.deviceId));
    });
    await setup.close();

    // Each code twice under different keys: a double charge would show up.
    const now = Date.now();
    const requests = leases.flatMap((l, i) => {
      const code = generateCode(l, now);
      return [0, 1].map((k) => ({ code, amount: 100 + (i % 7), currency: 'CNY', idempotencyKey: `crash-${i}-${k}` }));
    });

    const { child, url } = await startServer();
    const approved = new Map<string, { chargeId: string; amount: number }>();
    let answered = 0;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < requests.length) {
        const body = requests[next++]!;
        try {
          const res = await fetch(`${url}/v1/merchant/charges`, {
            method: 'POST',
            headers: { authorization: `Bearer ${merchantKey}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const answer = (await res.json()) as { status: string; chargeId: string };
          answered++;
          if (answer.status === 'approved')
            approved.set(body.idempotencyKey, { chargeId: answer.chargeId, amount: body.amount });
          if (answered === 150 && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        } catch {
          // connection died with the server: the request's fate is unknown to the client
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(killed).toBe(true);
    expect(approved.size).toBeGreaterThan(50);
    expect(answered).toBeLessThan(requests.length); // the kill really cut the burst short

    const restarted = await startServer();
    const db = openDatabase(dbPath);
    try {
      const rec = await reconcile(sqliteStore(db));
      expect(rec.problems).toEqual([]);
      for (const [key, a] of approved) {
        const row = db
          .prepare('SELECT id, status, amount, idempotency_key FROM charges WHERE id = ?')
          .get(a.chargeId) as { id: string; status: string; amount: number; idempotency_key: string } | undefined;
        expect(row, key).toEqual({ id: a.chargeId, status: 'approved', amount: a.amount, idempotency_key: key });
      }
      const doubles = db
        .prepare(`SELECT lease_id, COUNT(*) AS n FROM charges WHERE status = 'approved' GROUP BY lease_id HAVING n > 1`)
        .all();
      expect(doubles).toEqual([]);
      const total = (
        db.prepare(`SELECT COALESCE(SUM(amount), 0) AS s FROM charges WHERE status = 'approved'`).get() as { s: number }
      ).s;
      const balance = (db.prepare('SELECT balance FROM books WHERE id = ?').get(accountId) as { balance: number })
        .balance;
      expect(balance).toBe(BALANCE - total);

      // Retrying every request after the restart: an approved key replays its
      // answer, and the code's other key can never be approved as well.
      for (const body of requests) {
        const res = await fetch(`${restarted.url}/v1/merchant/charges`, {
          method: 'POST',
          headers: { authorization: `Bearer ${merchantKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { status: string; chargeId: string };
        const before = approved.get(body.idempotencyKey);
        if (before) expect(answer).toMatchObject({ status: 'approved', chargeId: before.chargeId });
      }
      const perCode = db.prepare(`SELECT COUNT(*) AS n FROM charges WHERE status = 'approved'`).get() as { n: number };
      expect(perCode.n).toBeLessThanOrEqual(LEASES);
      expect((await reconcile(sqliteStore(db))).problems).toEqual([]);
    } finally {
      db.close();
      // Graceful shutdown on SIGTERM: a clean exit.
      const exited = new Promise<number | null>((r) => restarted.child.once('exit', (code) => r(code)));
      restarted.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
