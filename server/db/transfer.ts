// Moving a wallet between stores: `issuer -- export > wallet.json` on one,
// `issuer -- import < wallet.json` on another (an empty one), e.g. from the
// SQLite file to PostgreSQL. Every table the issuer keeps, rows in insertion
// order; serial columns (ledger and binding-code ids, PostgreSQL's rowid) are
// left out and made anew in the same order. Rate-limit counters are not moved.
import { IssuerError } from '../domain/errors';
import { reconcile, type Reconciliation } from '../domain/ledger';
import type { Param, Store } from './store';

export const EXPORT_FORMAT = 'wrist-wallet-export';
export const EXPORT_VERSION = 1;

/** Parents before children (foreign keys), each with its order for both dialects. */
const TABLES: readonly { name: string; order: { sqlite: string; postgres: string }; drop?: readonly string[] }[] = [
  { name: 'accounts', order: { sqlite: 'rowid', postgres: 'created_at, id' } },
  { name: 'books', order: { sqlite: 'rowid', postgres: 'id' } },
  { name: 'ledger', order: { sqlite: 'id', postgres: 'id' }, drop: ['id'] },
  { name: 'cards', order: { sqlite: 'rowid', postgres: 'rowid' }, drop: ['rowid'] },
  { name: 'merchants', order: { sqlite: 'rowid', postgres: 'created_at, id' } },
  { name: 'operators', order: { sqlite: 'rowid', postgres: 'created_at, id' } },
  { name: 'binding_codes', order: { sqlite: 'id', postgres: 'id' }, drop: ['id'] },
  { name: 'devices', order: { sqlite: 'rowid', postgres: 'created_at, id' } },
  { name: 'leases', order: { sqlite: 'rowid', postgres: 'rowid' }, drop: ['rowid'] },
  { name: 'charges', order: { sqlite: 'rowid', postgres: 'rowid' }, drop: ['rowid'] },
  { name: 'used_codes', order: { sqlite: 'lease_id, step', postgres: 'lease_id, step' } },
  { name: 'daily_spend', order: { sqlite: 'account_id, day', postgres: 'account_id, day' } },
  { name: 'refunds', order: { sqlite: 'rowid', postgres: 'created_at, id' } },
  { name: 'top_ups', order: { sqlite: 'rowid', postgres: 'created_at, id' } },
  { name: 'trips', order: { sqlite: 'rowid', postgres: 'rowid' }, drop: ['rowid'] },
  { name: 'verify_failures', order: { sqlite: 'subject, period', postgres: 'subject, period' } },
];

type Cell = string | number | null | { b64: string };
export interface WalletExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  from: 'sqlite' | 'postgres';
  tables: Record<string, { columns: string[]; rows: Cell[][] }>;
}

export async function exportWallet(store: Store): Promise<WalletExport> {
  // One transaction: a consistent picture even while issuers keep charging.
  return store.tx(async (tx) => {
    const tables: WalletExport['tables'] = {};
    for (const t of TABLES) {
      const rows = await tx.all<Record<string, unknown>>(`SELECT * FROM ${t.name} ORDER BY ${t.order[store.kind]}`);
      const columns = rows.length > 0 ? Object.keys(rows[0]!).filter((c) => !t.drop?.includes(c)) : [];
      tables[t.name] = {
        columns,
        rows: rows.map((r) =>
          columns.map((c) => {
            const v = r[c];
            if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { b64: Buffer.from(v).toString('base64') };
            if (typeof v === 'bigint') return Number(v);
            return v as Cell;
          }),
        ),
      };
    }
    return { format: EXPORT_FORMAT, version: EXPORT_VERSION, from: store.kind, tables };
  });
}

/** Loads an export into an empty store; the books must reconcile before and after. */
export async function importWallet(
  store: Store,
  data: unknown,
): Promise<{ imported: Record<string, number>; reconcile: Reconciliation }> {
  const doc = data as Partial<WalletExport>;
  if (
    doc?.format !== EXPORT_FORMAT ||
    doc.version !== EXPORT_VERSION ||
    typeof doc.tables !== 'object' ||
    doc.tables === null
  )
    throw new IssuerError(400, 'bad-export', `not a ${EXPORT_FORMAT} version ${EXPORT_VERSION} document`);
  const tables = doc.tables;
  const imported: Record<string, number> = {};
  await store.tx(async (tx) => {
    const existing = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM accounts');
    if ((existing?.n ?? 0) > 0) throw new IssuerError(409, 'not-empty', 'import needs an empty database');
    for (const t of TABLES) {
      const table = tables[t.name];
      imported[t.name] = 0;
      if (!table || table.rows.length === 0) continue;
      const columns = table.columns.filter((c) => /^[a-z_]+$/.test(c) && !t.drop?.includes(c));
      if (columns.length !== table.columns.length)
        throw new IssuerError(400, 'bad-export', `unexpected columns in ${t.name}`);
      const text = `INSERT INTO ${t.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      for (const row of table.rows) {
        const params: Param[] = row.map((v) =>
          v !== null && typeof v === 'object' ? Buffer.from(v.b64, 'base64') : v,
        );
        await tx.run(text, ...params);
      }
      imported[t.name] = table.rows.length;
    }
  });
  return { imported, reconcile: await reconcile(store) };
}
