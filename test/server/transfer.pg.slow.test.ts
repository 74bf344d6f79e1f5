// Moving a wallet from the SQLite file to PostgreSQL with the operator's CLI:
// `issuer -- export > wallet.json` on one, `issuer -- import < wallet.json` on
// the other; the books reconcile on both sides, the same balances, and the
// moved wallet keeps working (a used code stays used, a key replays).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { buildServer } from '../../server/app';
import { reconcile } from '../../server/domain/ledger';
import { openSqliteStore } from '../../server/db/sqlite-store';
import { call, card, customer, type Harness, idem, merchant, operator, startIssuer } from './helpers';
import { describePg, freshPgDatabase } from './pg-cluster';

/** The CLI with stdin and stdout tied to files, as a shell redirection does. */
function cli(
  env: Record<string, string>,
  args: string[],
  io: { stdin?: string; stdout: string },
): Promise<number | null> {
  const inFd = io.stdin ? openSync(io.stdin, 'r') : 'ignore';
  const outFd = openSync(io.stdout, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: [inFd, outFd, 'inherit'],
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      if (typeof inFd === 'number') closeSync(inFd);
      closeSync(outFd);
      resolve(code);
    });
  });
}

describePg('export from SQLite, import into PostgreSQL', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'transfer-'));
  beforeAll(async () => {
    h = await startIssuer({ store: 'sqlite', realClock: true });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'moves every table; the books reconcile on both sides and the wallet goes on working',
    { timeout: 120_000 },
    async () => {
      // A wallet with some history: charges, a refund, a top-up, trips, a used code.
      const c = await customer(h, 50_000);
      const m = await merchant(h);
      const o = await operator(h);
      const cardId = await card(h, c.accountId, 1_000);
      const code = generateCode(c.lease, Date.now());
      const key = idem();
      const charged = await call(h, 'POST', '/v1/merchant/charges', {
        token: m.merchantKey,
        body: { code, amount: 2_500, currency: 'CNY', idempotencyKey: key },
      });
      expect(charged.body.status).toBe('approved');
      await call(h, 'POST', '/v1/merchant/refunds', {
        token: m.merchantKey,
        body: { chargeId: charged.body.chargeId, amount: 500, idempotencyKey: idem() },
      });
      await call(h, 'POST', `/v1/transit/cards/${cardId}/top-up`, {
        token: c.credential,
        body: { amount: 700, idempotencyKey: idem() },
      });
      await call(h, 'POST', '/v1/transit/taps', {
        token: o.operatorKey,
        body: { cardId, fare: 300, line: 'Line 2', idempotencyKey: idem() },
      });
      const before = await reconcile(h.ctx.db);
      expect(before.problems).toEqual([]);
      await h.app.close(); // the server stops; the file stays

      const sqliteEnv = { WALLET_DB: join(h.dir, 'issuer.sqlite'), DATABASE_URL: '' };
      const exported = join(dir, 'wallet.json');
      expect(await cli(sqliteEnv, ['export'], { stdout: exported })).toBe(0);

      const target = await freshPgDatabase();
      try {
        const report = join(dir, 'import.json');
        expect(await cli({ DATABASE_URL: target.url }, ['import'], { stdin: exported, stdout: report })).toBe(0);
        const reconciled = join(dir, 'reconcile.json');
        expect(await cli({ DATABASE_URL: target.url }, ['reconcile'], { stdout: reconciled })).toBe(0);
        const imported = JSON.parse(readFileSync(report, 'utf8')) as {
          imported: Record<string, number>;
          reconcile: { ok: boolean };
        };
        expect(imported.reconcile.ok).toBe(true);
        expect(imported.imported.charges).toBe(1);
        const after = JSON.parse(readFileSync(reconciled, 'utf8')) as { ok: boolean; books: number; entries: number };
        expect(after).toMatchObject({ ok: true, books: before.books, entries: before.entries });

        // The same balances, book for book.
        const src = openSqliteStore(join(h.dir, 'issuer.sqlite'));
        const books = (q: { all<T>(t: string): Promise<T[]> }) =>
          q.all<{ id: string; balance: number }>('SELECT id, balance FROM books ORDER BY id');
        expect(await books(target.store)).toEqual(await books(src));
        await src.close();

        // An issuer on the PostgreSQL copy: the key replays, the code stays used, the credential works.
        const { app } = await buildServer({
          db: target.store,
          config: { rateLimits: { charges: { max: 1000, windowMs: 60_000 } } },
        });
        const url = await app.listen({ host: '127.0.0.1', port: 0 });
        try {
          const replay = await call({ url }, 'POST', '/v1/merchant/charges', {
            token: m.merchantKey,
            body: { code, amount: 2_500, currency: 'CNY', idempotencyKey: key },
          });
          expect(replay.body).toEqual(charged.body);
          const again = await call({ url }, 'POST', '/v1/merchant/charges', {
            token: m.merchantKey,
            body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() },
          });
          expect(again.body).toMatchObject({ status: 'declined', reason: 'used' });
          const cards = await call({ url }, 'GET', '/v1/transit/cards', { token: c.credential });
          expect(cards.body.cards[0].balance).toBe(1_000 + 700 - 300);
        } finally {
          await app.close();
        }
        // A second import into a database that has a wallet is refused.
        expect(await cli({ DATABASE_URL: target.url }, ['import'], { stdin: exported, stdout: report })).toBe(1);
        expect(JSON.parse(readFileSync(report, 'utf8')).error).toBe('not-empty');
      } finally {
        await target.drop();
      }
    },
  );
});
