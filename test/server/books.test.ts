// Config checks, migrations, and that await reconcile() really notices broken books.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFromEnv, makeConfig } from '../../server/config';
import type { Ctx } from '../../server/domain/context';
import { addCard, createAccount } from '../../server/domain/admin';
import { normalizeBindingCode } from '../../lib/issuer-api/binding-code';
import { post, reconcile } from '../../server/domain/ledger';
import { MIGRATIONS } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/open';
import { sqliteStore } from '../../server/db/sqlite-store';
import { currentStore, freshStore } from './helpers';

// The store under test: SQLite here, PostgreSQL in books.pg.slow.test.ts.
let dir: string;
let ctx: Ctx;
let drop: () => Promise<void>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'books-'));
  const fresh = await freshStore(currentStore(), dir);
  drop = fresh.drop;
  ctx = { db: fresh.store, config: makeConfig(), now: () => 1_800_000_000_000 };
});
afterEach(async () => {
  await ctx.db.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('reconcile', () => {
  it('passes for any sequence of openings and notices a tampered balance or a one-sided entry', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 99 }),
        async (balances, delta) => {
          await ctx.db.exec('DELETE FROM ledger; DELETE FROM cards; DELETE FROM books; DELETE FROM accounts;');
          const ids: string[] = [];
          for (const b of balances)
            ids.push((await createAccount(ctx, { name: 'a', balance: b, currency: 'CNY' })).accountId);
          await addCard(ctx, { accountId: ids[0]!, name: 'c', balance: 5 });
          expect((await reconcile(ctx.db)).problems).toEqual([]);
          await ctx.db.run('UPDATE books SET balance = balance + ? WHERE id = ?', delta, ids[0]!);
          expect((await reconcile(ctx.db)).problems.join()).toContain(`book ${ids[0]}`);
          await ctx.db.run('UPDATE books SET balance = balance - ? WHERE id = ?', delta, ids[0]!);
          await ctx.db.run(
            `INSERT INTO ledger (txn, book_id, amount, kind, at) VALUES ('forged', ?, ?, 'x', 0)`,
            ids[0]!,
            delta,
          );
          await ctx.db.run('UPDATE books SET balance = balance + ? WHERE id = ?', delta, ids[0]!);
          expect((await reconcile(ctx.db)).problems.join()).toContain('transaction forged');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses to post an unbalanced transaction or to an unknown book', async () => {
    const { accountId } = await createAccount(ctx, { name: 'a', balance: 100, currency: 'CNY' });
    for (const [entries, error] of [
      [[{ book: accountId, amount: -1 }], /unbalanced/],
      [
        [
          { book: accountId, amount: -1 },
          { book: 'nope', amount: 1 },
        ],
        /unknown book/,
      ],
      [
        [
          { book: accountId, amount: 0.5 },
          { book: accountId, amount: -0.5 },
        ],
        /safe integer/,
      ],
    ] as const) {
      await expect(ctx.db.tx((tx) => post(tx, 't', 'x', 0, entries))).rejects.toThrow(error);
    }
    expect((await reconcile(ctx.db)).problems).toEqual([]);
  });
});

describe('database', () => {
  it.skipIf(currentStore() !== 'sqlite')(
    'migrates once: reopening the file keeps data and the schema version',
    async () => {
      const { accountId } = await createAccount(ctx, { name: 'a', balance: 7, currency: 'EUR' });
      await ctx.db.close();
      const again = openDatabase(join(dir, 'issuer.sqlite')); // freshStore's file
      expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(again.prepare('SELECT balance FROM books WHERE id = ?').get(accountId)).toEqual({ balance: 7 });
      ctx.db = sqliteStore(again);
    },
  );
});

describe('config', () => {
  it('rejects malformed environment values with the variable named', () => {
    for (const [name, value] of [
      ['ISSUER_LEASE_HOURS', 'abc'],
      ['ISSUER_CAP_DAILY', '-5'],
      ['ISSUER_RATE_CHARGES_PER_SEC', '1.5'],
      ['ISSUER_RATE_BIND_PER_MIN', '0'],
    ]) {
      expect(() => configFromEnv({ [name!]: value })).toThrow(name);
    }
    expect(() => configFromEnv({ ISSUER_PREFIX: '26' })).toThrow(/issuerPrefix/);
    expect(() => configFromEnv({ ISSUER_LEASE_HOURS: '400' })).toThrow(/leaseLifetimeMs/);
  });

  it('lowered caps pull the default limits down', () => {
    const c = configFromEnv({ ISSUER_CAP_PER_PAYMENT: '1000', ISSUER_CAP_DAILY: '3000' });
    expect(c.defaultLimits).toEqual({ perPayment: 1000, daily: 3000 });
  });
});

describe('binding codes', () => {
  it('normalise case and look-alike letters, and reject anything else', () => {
    expect(normalizeBindingCode('abcd-efg')).toBeUndefined();
    expect(normalizeBindingCode(' 0o1il2ab ')).toBe('001112AB');
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const n = normalizeBindingCode(s);
        if (n !== undefined) expect(n).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      }),
    );
  });
});
