// The operator's view and control of who may use the issuer: merchants and transit operators
// (list, show, revoke, rotate their key), accounts (list, show with balance and devices) and
// devices (revoke one). Each returns what the CLI prints.
import { IssuerError, notFound } from './errors';
import { type Ctx, sql } from './context';
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

function balancesOf(ctx: Ctx, partyId: string): Record<string, number> {
  // Party books are named "<id>:<currency>" (ledger.partyBook).
  const rows = sql(ctx.db, "SELECT currency, balance FROM books WHERE substr(id, 1, length(?) + 1) = ? || ':'").all(partyId, partyId) as { currency: string; balance: number }[];
  return Object.fromEntries(rows.map((r) => [r.currency, r.balance]));
}

interface PartyRow {
  id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

const view = (ctx: Ctx, r: PartyRow): PartyView => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  balances: balancesOf(ctx, r.id),
});

export function listParties(ctx: Ctx, kind: PartyKind): { [k: string]: PartyView[] } {
  const rows = sql(ctx.db, `SELECT id, name, created_at, revoked_at FROM ${TABLE[kind]} ORDER BY created_at, id`).all() as PartyRow[];
  return { [`${kind}s`]: rows.map((r) => view(ctx, r)) };
}

function partyRow(ctx: Ctx, kind: PartyKind, id: string): PartyRow {
  const row = sql(ctx.db, `SELECT id, name, created_at, revoked_at FROM ${TABLE[kind]} WHERE id = ?`).get(id) as PartyRow | undefined;
  if (!row) throw notFound(kind);
  return row;
}

export function showParty(ctx: Ctx, kind: PartyKind, id: string): PartyView {
  return view(ctx, partyRow(ctx, kind, id));
}

/**
 * Stops the key at once: the next request with it is a 401, and the till's sessions of a
 * merchant end too (each session request re-checks the key it was opened with). Idempotent.
 */
export function revokeParty(ctx: Ctx, kind: PartyKind, id: string): { id: string; revokedAt: number } {
  partyRow(ctx, kind, id);
  sql(ctx.db, `UPDATE ${TABLE[kind]} SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`).run(ctx.now(), id);
  return { id, revokedAt: partyRow(ctx, kind, id).revoked_at! };
}

/** A new key, shown once; the old one stops at once. A revoked party stays revoked. */
export function rotatePartyKey(ctx: Ctx, kind: PartyKind, id: string): { id: string; key: string } {
  const row = partyRow(ctx, kind, id);
  if (row.revoked_at !== null) throw new IssuerError(409, 'revoked', `${kind} ${id} is revoked; create a new one`);
  const key = newCredential(kind);
  sql(ctx.db, `UPDATE ${TABLE[kind]} SET key_hash = ? WHERE id = ?`).run(hashSecret(key), id);
  return { id, key };
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

export function listAccounts(ctx: Ctx): { accounts: { id: string; name: string; currency: string; balance: number; devices: number }[] } {
  const rows = sql(
    ctx.db,
    `SELECT a.id, a.name, a.currency, b.balance,
            (SELECT COUNT(*) FROM devices d WHERE d.account_id = a.id AND d.unbound_at IS NULL) AS devices
       FROM accounts a JOIN books b ON b.id = a.id ORDER BY a.created_at, a.id`,
  ).all() as { id: string; name: string; currency: string; balance: number; devices: number }[];
  return { accounts: rows };
}

export function showAccount(ctx: Ctx, id: string): AccountView {
  const a = sql(
    ctx.db,
    'SELECT a.id, a.name, a.currency, a.per_payment, a.daily, a.created_at, b.balance FROM accounts a JOIN books b ON b.id = a.id WHERE a.id = ?',
  ).get(id) as { id: string; name: string; currency: string; per_payment: number; daily: number; created_at: number; balance: number } | undefined;
  if (!a) throw notFound('account');
  const now = ctx.now();
  const cards = sql(ctx.db, 'SELECT c.id, c.name, b.balance FROM cards c JOIN books b ON b.id = c.id WHERE c.account_id = ? ORDER BY c.created_at, c.id').all(id) as {
    id: string;
    name: string;
    balance: number;
  }[];
  const devices = (
    sql(
      ctx.db,
      `SELECT d.id, d.name, d.created_at, d.unbound_at,
              (SELECT COUNT(*) FROM leases l WHERE l.device_id = d.id AND l.revoked = 0 AND l.expires_at > ?) AS live
         FROM devices d WHERE d.account_id = ? ORDER BY d.created_at, d.id`,
    ).all(now, id) as { id: string; name: string; created_at: number; unbound_at: number | null; live: number }[]
  ).map((d) => ({ id: d.id, name: d.name, createdAt: d.created_at, unboundAt: d.unbound_at, liveLeases: d.live }));
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

export function listDevices(ctx: Ctx, accountId?: string): { devices: (DeviceView & { accountId: string })[] } {
  const now = ctx.now();
  const rows = sql(
    ctx.db,
    `SELECT d.id, d.account_id, d.name, d.created_at, d.unbound_at,
            (SELECT COUNT(*) FROM leases l WHERE l.device_id = d.id AND l.revoked = 0 AND l.expires_at > ?) AS live
       FROM devices d WHERE (? IS NULL OR d.account_id = ?) ORDER BY d.created_at, d.id`,
  ).all(now, accountId ?? null, accountId ?? null) as { id: string; account_id: string; name: string; created_at: number; unbound_at: number | null; live: number }[];
  return {
    devices: rows.map((d) => ({ id: d.id, accountId: d.account_id, name: d.name, createdAt: d.created_at, unboundAt: d.unbound_at, liveLeases: d.live })),
  };
}

/** Unbinds one device as if it had unbound itself: its credential and every lease stop at once. */
export function revokeDevice(ctx: Ctx, id: string): { id: string; unboundAt: number } {
  const row = sql(ctx.db, 'SELECT id FROM devices WHERE id = ?').get(id);
  if (!row) throw notFound('device');
  unbindDevice(ctx, id);
  const after = sql(ctx.db, 'SELECT unbound_at FROM devices WHERE id = ?').get(id) as { unbound_at: number };
  return { id, unboundAt: after.unbound_at };
}
