// The operator's view and control of who may use the issuer: merchants and transit operators
// (list, show, revoke, rotate their key), accounts (list, show with balance and devices) and
// devices (revoke one). Each returns what the CLI prints. SQL for both stores (server/db/store.ts).
import { IssuerError, notFound } from './errors';
import type { Ctx } from './context';
import type { Queries } from '../db/store';
import { unbindDevice } from './devices';
import { hashSecret, newCredential } from './ids';

export type PartyKind = 'merchant' | 'operator';
const TABLE: Record<PartyKind, string> = { merchant: 'merchants', operator: 'operators' };

export interface PartyView {
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  /** What the party's books hold, per currency (minor units). */
  balances: Record<string, number>;
}

async function balancesOf(q: Queries, partyId: string): Promise<Record<string, number>> {
  // Party books are named "<id>:<currency>" and "<id>:<currency>:<slot>" (ledger.partyBook); summed per currency.
  const prefix = `${partyId}:`;
  const rows = await q.all<{ currency: string; balance: number }>(
    'SELECT currency, SUM(balance) AS balance FROM books WHERE substr(id, 1, ?) = ? GROUP BY currency ORDER BY currency',
    prefix.length,
    prefix,
  );
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.balance)]));
}

interface PartyRow {
  id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

const view = async (q: Queries, r: PartyRow): Promise<PartyView> => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  balances: await balancesOf(q, r.id),
});

export async function listParties(ctx: Ctx, kind: PartyKind): Promise<{ [k: string]: PartyView[] }> {
  const rows = await ctx.db.all<PartyRow>(
    `SELECT id, name, created_at, revoked_at FROM ${TABLE[kind]} ORDER BY created_at, id`,
  );
  const views: PartyView[] = [];
  for (const r of rows) views.push(await view(ctx.db, r));
  return { [`${kind}s`]: views };
}

async function partyRow(q: Queries, kind: PartyKind, id: string, lock = ''): Promise<PartyRow> {
  const row = await q.get<PartyRow>(
    `SELECT id, name, created_at, revoked_at FROM ${TABLE[kind]} WHERE id = ?${lock}`,
    id,
  );
  if (!row) throw notFound(kind);
  return row;
}

export async function showParty(ctx: Ctx, kind: PartyKind, id: string): Promise<PartyView> {
  return view(ctx.db, await partyRow(ctx.db, kind, id));
}

/**
 * Stops the key at once: the next request with it is a 401 (keys are looked up on every
 * request, in every issuer process), and the till's sessions of a merchant end too (each
 * session request re-checks the key it was opened with). Idempotent.
 */
export async function revokeParty(ctx: Ctx, kind: PartyKind, id: string): Promise<{ id: string; revokedAt: number }> {
  return ctx.db.tx(async (tx) => {
    await partyRow(tx, kind, id, tx.forUpdate);
    await tx.run(`UPDATE ${TABLE[kind]} SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, ctx.now(), id);
    return { id, revokedAt: (await partyRow(tx, kind, id)).revoked_at! };
  });
}

/** A new key, shown once; the old one stops at once. A revoked party stays revoked. */
export async function rotatePartyKey(ctx: Ctx, kind: PartyKind, id: string): Promise<{ id: string; key: string }> {
  return ctx.db.tx(async (tx) => {
    const row = await partyRow(tx, kind, id, tx.forUpdate);
    if (row.revoked_at !== null) throw new IssuerError(409, 'revoked', `${kind} ${id} is revoked; create a new one`);
    const key = newCredential(kind);
    await tx.run(`UPDATE ${TABLE[kind]} SET key_hash = ? WHERE id = ?`, hashSecret(key), id);
    return { id, key };
  });
}

export interface DeviceView {
  id: string;
  name: string;
  createdAt: number;
  unboundAt: number | null;
  liveLeases: number;
}

export interface AccountView {
  id: string;
  name: string;
  currency: string;
  balance: number;
  limits: { perPayment: number; daily: number };
  createdAt: number;
  cards: { id: string; name: string; balance: number }[];
  devices: DeviceView[];
}

export async function listAccounts(
  ctx: Ctx,
): Promise<{ accounts: { id: string; name: string; currency: string; balance: number; devices: number }[] }> {
  const rows = await ctx.db.all<{ id: string; name: string; currency: string; balance: number; devices: number }>(
    `SELECT a.id, a.name, a.currency, b.balance,
            (SELECT COUNT(*) FROM devices d WHERE d.account_id = a.id AND d.unbound_at IS NULL) AS devices
       FROM accounts a JOIN books b ON b.id = a.id ORDER BY a.created_at, a.id`,
  );
  return { accounts: rows.map((r) => ({ ...r, balance: Number(r.balance), devices: Number(r.devices) })) };
}

export async function showAccount(ctx: Ctx, id: string): Promise<AccountView> {
  const a = await ctx.db.get<{
    id: string;
    name: string;
    currency: string;
    per_payment: number;
    daily: number;
    created_at: number;
    balance: number;
  }>(
    'SELECT a.id, a.name, a.currency, a.per_payment, a.daily, a.created_at, b.balance FROM accounts a JOIN books b ON b.id = a.id WHERE a.id = ?',
    id,
  );
  if (!a) throw notFound('account');
  const now = ctx.now();
  const cards = await ctx.db.all<{ id: string; name: string; balance: number }>(
    'SELECT c.id, c.name, b.balance FROM cards c JOIN books b ON b.id = c.id WHERE c.account_id = ? ORDER BY c.created_at, c.id',
    id,
  );
  const devices = (
    await ctx.db.all<{ id: string; name: string; created_at: number; unbound_at: number | null; live: number }>(
      `SELECT d.id, d.name, d.created_at, d.unbound_at,
              (SELECT COUNT(*) FROM leases l WHERE l.device_id = d.id AND l.revoked = 0 AND l.expires_at > ?) AS live
         FROM devices d WHERE d.account_id = ? ORDER BY d.created_at, d.id`,
      now,
      id,
    )
  ).map((d) => ({
    id: d.id,
    name: d.name,
    createdAt: d.created_at,
    unboundAt: d.unbound_at,
    liveLeases: Number(d.live),
  }));
  return {
    id: a.id,
    name: a.name,
    currency: a.currency,
    balance: a.balance,
    limits: { perPayment: a.per_payment, daily: a.daily },
    createdAt: a.created_at,
    cards,
    devices,
  };
}

export async function listDevices(
  ctx: Ctx,
  accountId?: string,
): Promise<{ devices: (DeviceView & { accountId: string })[] }> {
  const now = ctx.now();
  const rows = await ctx.db.all<{
    id: string;
    account_id: string;
    name: string;
    created_at: number;
    unbound_at: number | null;
    live: number;
  }>(
    `SELECT d.id, d.account_id, d.name, d.created_at, d.unbound_at,
            (SELECT COUNT(*) FROM leases l WHERE l.device_id = d.id AND l.revoked = 0 AND l.expires_at > ?) AS live
       FROM devices d${accountId === undefined ? '' : ' WHERE d.account_id = ?'} ORDER BY d.created_at, d.id`,
    ...(accountId === undefined ? [now] : [now, accountId]),
  );
  return {
    devices: rows.map((d) => ({
      id: d.id,
      accountId: d.account_id,
      name: d.name,
      createdAt: d.created_at,
      unboundAt: d.unbound_at,
      liveLeases: Number(d.live),
    })),
  };
}

/** Unbinds one device as if it had unbound itself: its credential and every lease stop at once. */
export async function revokeDevice(ctx: Ctx, id: string): Promise<{ id: string; unboundAt: number }> {
  const row = await ctx.db.get<{ id: string }>('SELECT id FROM devices WHERE id = ?', id);
  if (!row) throw notFound('device');
  await unbindDevice(ctx, id);
  const after = await ctx.db.get<{ unbound_at: number }>('SELECT unbound_at FROM devices WHERE id = ?', id);
  return { id, unboundAt: after!.unbound_at };
}
