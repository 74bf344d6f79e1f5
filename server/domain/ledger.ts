// Double-entry book-keeping: every money movement is one transaction of ledger
// rows that sum to zero; books.balance caches each book's sum.
import type { Db } from '../db/open';
import { sql } from './context';

export type BookKind = 'wallet' | 'card' | 'merchant' | 'operator' | 'issuer';

export interface Entry {
  book: string;
  amount: number;
  /** Open the book on first use (merchant and operator books), instead of a separate ensureBook. */
  open?: { kind: BookKind; currency: string };
}

export const issuerBook = (currency: string): string => `issuer:${currency}`;
export const partyBook = (partyId: string, currency: string): string => `${partyId}:${currency}`;

export function ensureBook(db: Db, id: string, kind: BookKind, currency: string): void {
  sql(db, 'INSERT OR IGNORE INTO books (id, kind, currency, balance) VALUES (?, ?, ?, 0)').run(id, kind, currency);
}

export function bookBalance(db: Db, id: string): number {
  const row = sql(db, 'SELECT balance FROM books WHERE id = ?').get(id) as { balance: number } | undefined;
  return row?.balance ?? 0;
}

/** Must run inside a transaction; the caller has already checked funds. */
export function post(db: Db, txn: string, kind: string, at: number, entries: readonly Entry[]): void {
  let sum = 0;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amount)) throw new Error(`ledger amount must be a safe integer, got ${e.amount}`);
    sum += e.amount;
  }
  if (sum !== 0) throw new Error(`unbalanced ledger transaction ${txn}: sums to ${sum}`);
  for (const e of entries) {
    // The book first: ledger rows reference it.
    const changed = sql(db, 'UPDATE books SET balance = balance + ? WHERE id = ?').run(e.amount, e.book).changes;
    if (changed !== 1) {
      if (!e.open) throw new Error(`ledger posting to unknown book ${e.book}`);
      sql(db, 'INSERT INTO books (id, kind, currency, balance) VALUES (?, ?, ?, ?)').run(e.book, e.open.kind, e.open.currency, e.amount);
    }
    sql(db, 'INSERT INTO ledger (txn, book_id, amount, kind, at) VALUES (?, ?, ?, ?, ?)').run(txn, e.book, e.amount, kind, at);
  }
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
 * negative, and each approved charge's net ledger effect matches its amount
 * minus refunds.
 */
export function reconcile(db: Db): Reconciliation {
  const problems: string[] = [];
  const drift = db
    .prepare(
      `SELECT b.id, b.balance, COALESCE(SUM(l.amount), 0) AS total
         FROM books b LEFT JOIN ledger l ON l.book_id = b.id
        GROUP BY b.id HAVING b.balance != total`,
    )
    .all() as { id: string; balance: number; total: number }[];
  for (const d of drift) problems.push(`book ${d.id}: balance ${d.balance} but entries sum to ${d.total}`);
  const unbalanced = db
    .prepare(
      `SELECT l.txn, SUM(l.amount) AS total, COUNT(DISTINCT b.currency) AS currencies
         FROM ledger l JOIN books b ON b.id = l.book_id
        GROUP BY l.txn HAVING total != 0 OR currencies != 1`,
    )
    .all() as { txn: string; total: number; currencies: number }[];
  for (const u of unbalanced) problems.push(`transaction ${u.txn}: sums to ${u.total} over ${u.currencies} currencies`);
  const negative = db
    .prepare(`SELECT id, balance FROM books WHERE kind IN ('wallet', 'card') AND balance < 0`)
    .all() as { id: string; balance: number }[];
  for (const n of negative) problems.push(`book ${n.id} is negative: ${n.balance}`);
  const charges = db
    .prepare(
      `SELECT c.id, c.amount, c.refunded, c.account_id,
              COALESCE((SELECT SUM(l.amount) FROM ledger l WHERE l.txn = c.id AND l.book_id = c.account_id), 0) AS debited,
              (SELECT COUNT(*) FROM used_codes u WHERE u.charge_id = c.id) AS codes
         FROM charges c WHERE c.status = 'approved'`,
    )
    .all() as { id: string; amount: number; refunded: number; account_id: string; debited: number; codes: number }[];
  for (const c of charges) {
    if (c.debited !== -c.amount) problems.push(`charge ${c.id}: amount ${c.amount} but wallet debited ${-c.debited}`);
    if (c.codes !== 1) problems.push(`charge ${c.id}: ${c.codes} used-code rows`);
  }
  const refunds = db
    .prepare(
      `SELECT c.id, c.refunded, COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.charge_id = c.id), 0) AS total
         FROM charges c WHERE c.refunded != 0 OR EXISTS (SELECT 1 FROM refunds r WHERE r.charge_id = c.id)`,
    )
    .all() as { id: string; refunded: number; total: number }[];
  for (const r of refunds) {
    if (r.refunded !== r.total) problems.push(`charge ${r.id}: refunded ${r.refunded} but refunds sum to ${r.total}`);
  }
  const books = (db.prepare('SELECT COUNT(*) AS n FROM books').get() as { n: number }).n;
  const entries = (db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;
  return { ok: problems.length === 0, books, entries, problems };
}
