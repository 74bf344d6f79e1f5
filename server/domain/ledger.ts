// Double-entry book-keeping: every money movement is one transaction of ledger
// rows that sum to zero; books.balance caches each book's sum.
import { createHash } from 'node:crypto';
import type { Queries, Tx } from '../db/store';

export type BookKind = 'wallet' | 'card' | 'merchant' | 'operator' | 'issuer';

export interface Entry {
  book: string;
  amount: number;
  /** Open the book on first use (merchant and operator books), instead of a separate ensureBook. */
  open?: { kind: BookKind; currency: string };
}

export const issuerBook = (currency: string): string => `issuer:${currency}`;

/**
 * A merchant's or transit operator's money sits in PARTY_BOOK_SLOTS books
 * ("m_x:CNY", "m_x:CNY:1", ...); each posting picks one by its transaction id.
 * Every charge of a merchant credits its book, and a row being updated is
 * locked until commit: with one book, a merchant's charges would queue behind
 * each other's commits (one WAL flush each on PostgreSQL, about 5 ms on this
 * machine's disk: 200 charges/s per merchant however many issuers run).
 * Party books only receive and are never checked for funds, so splitting
 * them costs nothing; the party's balance is the sum of its slots.
 */
export const PARTY_BOOK_SLOTS = 16;
export function partyBook(partyId: string, currency: string, txn?: string): string {
  const slot = txn === undefined ? 0 : createHash('sha256').update(txn).digest()[0]! % PARTY_BOOK_SLOTS;
  return slot === 0 ? `${partyId}:${currency}` : `${partyId}:${currency}:${slot}`;
}

/** A party's balance over all its slots. */
export async function partyBalance(q: Queries, partyId: string, currency: string): Promise<number> {
  const base = `${partyId}:${currency}`;
  const row = await q.get<{ s: number | null }>(
    'SELECT SUM(balance) AS s FROM books WHERE id = ? OR (id > ? AND id < ?)',
    base,
    `${base}:`,
    `${base};`,
  );
  return Number(row?.s ?? 0);
}

export async function ensureBook(tx: Tx, id: string, kind: BookKind, currency: string): Promise<void> {
  await tx.run(
    'INSERT INTO books (id, kind, currency, balance) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING',
    id,
    kind,
    currency,
  );
}

export async function bookBalance(q: Queries, id: string): Promise<number> {
  const row = await q.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', id);
  return row?.balance ?? 0;
}

/** Must run inside a transaction; the caller has already checked funds (and locked the row that guards them). */
export async function post(tx: Tx, txn: string, kind: string, at: number, entries: readonly Entry[]): Promise<void> {
  let sum = 0;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount)) throw new Error(`ledger amount must be a safe integer, got ${e.amount}`);
    sum += e.amount;
  }
  if (sum !== 0) throw new Error(`unbalanced ledger transaction ${txn}: sums to ${sum}`);
  for (const e of entries) {
    // The books first: ledger rows reference them.
    const changed = e.open
      ? // Opened on first use; two processes opening one book at once both land (ON CONFLICT).
        await tx.run(
          `INSERT INTO books (id, kind, currency, balance) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET balance = books.balance + excluded.balance`,
          e.book,
          e.open.kind,
          e.open.currency,
          e.amount,
        )
      : await tx.run('UPDATE books SET balance = balance + ? WHERE id = ?', e.amount, e.book);
    if (changed !== 1) throw new Error(`ledger posting to unknown book ${e.book}`);
  }
  // One statement for the transaction's rows (a round trip saved on PostgreSQL).
  await tx.run(
    `INSERT INTO ledger (txn, book_id, amount, kind, at) VALUES ${entries.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    ...entries.flatMap((e) => [txn, e.book, e.amount, kind, at]),
  );
}

export interface Reconciliation {
  ok: boolean;
  books: number;
  entries: number;
  problems: string[];
}

/**
 * Checks what must always hold: each balance is the sum of its entries, each
 * transaction sums to zero within one currency, no wallet or card is
 * negative, each approved charge's net ledger effect matches its amount
 * minus refunds, and each top-up moved its amount from wallet to card. The same SQL on both stores.
 */
export async function reconcile(q: Queries): Promise<Reconciliation> {
  const problems: string[] = [];
  const drift = await q.all<{ id: string; balance: number; total: number }>(
    `SELECT b.id, b.balance, COALESCE(SUM(l.amount), 0) AS total
       FROM books b LEFT JOIN ledger l ON l.book_id = b.id
      GROUP BY b.id, b.balance HAVING b.balance != COALESCE(SUM(l.amount), 0)`,
  );
  for (const d of drift) problems.push(`book ${d.id}: balance ${d.balance} but entries sum to ${d.total}`);
  const unbalanced = await q.all<{ txn: string; total: number; currencies: number }>(
    `SELECT l.txn, SUM(l.amount) AS total, COUNT(DISTINCT b.currency) AS currencies
       FROM ledger l JOIN books b ON b.id = l.book_id
      GROUP BY l.txn HAVING SUM(l.amount) != 0 OR COUNT(DISTINCT b.currency) != 1`,
  );
  for (const u of unbalanced) problems.push(`transaction ${u.txn}: sums to ${u.total} over ${u.currencies} currencies`);
  const negative = await q.all<{ id: string; balance: number }>(
    `SELECT id, balance FROM books WHERE kind IN ('wallet', 'card') AND balance < 0`,
  );
  for (const n of negative) problems.push(`book ${n.id} is negative: ${n.balance}`);
  const charges = await q.all<{
    id: string;
    amount: number;
    refunded: number;
    account_id: string;
    debited: number;
    codes: number;
  }>(
    `SELECT c.id, c.amount, c.refunded, c.account_id,
            COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.txn = c.id AND l.book_id = c.account_id), 0) AS debited,
            (SELECT COUNT(*) FROM used_codes u WHERE u.charge_id = c.id) AS codes
       FROM charges c WHERE c.status = 'approved'`,
  );
  for (const c of charges) {
    if (c.debited !== -c.amount) problems.push(`charge ${c.id}: amount ${c.amount} but wallet debited ${-c.debited}`);
    if (c.codes !== 1) problems.push(`charge ${c.id}: ${c.codes} used-code rows`);
  }
  const refunds = await q.all<{ id: string; refunded: number; total: number }>(
    `SELECT c.id, c.refunded, COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.charge_id = c.id), 0) AS total
       FROM charges c WHERE c.refunded != 0 OR EXISTS (SELECT 1 FROM refunds r WHERE r.charge_id = c.id)`,
  );
  for (const r of refunds) {
    if (r.refunded !== r.total) problems.push(`charge ${r.id}: refunded ${r.refunded} but refunds sum to ${r.total}`);
  }
  // Every top-up (from the phone or automatic) moved its amount from its wallet to its card, in one transaction.
  const topUps = await q.all<{ id: string; amount: number; credited: number; debited: number }>(
    `SELECT t.id, t.amount,
            COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.txn = t.id AND l.book_id = t.card_id), 0) AS credited,
            COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.txn = t.id AND l.book_id = t.account_id), 0) AS debited
       FROM top_ups t`,
  );
  for (const t of topUps) {
    if (t.credited !== t.amount || t.debited !== -t.amount)
      problems.push(`top-up ${t.id}: amount ${t.amount} but card credited ${t.credited}, wallet debited ${-t.debited}`);
  }
  const books = (await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM books'))!.n;
  const entries = (await q.get<{ n: number }>('SELECT COUNT(*) AS n FROM ledger'))!.n;
  return { ok: problems.length === 0, books, entries, problems };
}
