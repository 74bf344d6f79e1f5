// What happened to a device's codes lately (GET /v1/activity: the pay page's confirmation) and an
// account's last payments and refunds (the history in GET /v1/sync). Reads only.
import {
  ACTIVITY_MAX_AGE_MS,
  ACTIVITY_MAX_ITEMS,
  MERCHANT_NAME_MAX_LENGTH,
  SYNC_HISTORY_ITEMS,
} from '../../lib/issuer-api/constants';
import type { ActivityItem, ActivityResponse, DeclineReason, SyncHistoryItem } from '../../lib/issuer-api/types';
import type { Queries } from '../db/store';
import type { Ctx } from './context';

/** A merchant's name as the watch shows it: one line, at most MERCHANT_NAME_MAX_LENGTH code points. */
export function shortName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= MERCHANT_NAME_MAX_LENGTH ? name : chars.slice(0, MERCHANT_NAME_MAX_LENGTH - 1).join('') + '…';
}

interface ChargeActivityRow {
  id: string;
  at: number;
  status: 'approved' | 'declined';
  reason: DeclineReason | null;
  amount: number;
  currency: string;
  merchant: string;
  lease_id: string | null;
  step: number | null;
}

/**
 * Charges of this device's codes (approved, or declined once the code named one of its leases) and
 * refunds of them, made at or after `since` (issuer clock; at most ACTIVITY_MAX_AGE_MS back), newest
 * first. A declined charge whose code matched no lease of the device is not the device's business.
 */
export async function activity(ctx: Ctx, deviceId: string, since: number): Promise<ActivityResponse> {
  const now = ctx.now();
  const from = Math.max(since, now - ACTIVITY_MAX_AGE_MS);
  const q = ctx.db;
  const [charges, refunds] = await Promise.all([
    q.all<ChargeActivityRow>(
      `SELECT c.id, c.created_at AS at, c.status, c.reason, c.amount, c.currency, m.name AS merchant,
              c.lease_id, u.step
         FROM leases l
         JOIN charges c ON c.lease_id = l.id AND c.created_at >= ?
         JOIN merchants m ON m.id = c.merchant_id
         LEFT JOIN used_codes u ON u.lease_id = c.lease_id AND u.charge_id = c.id
        WHERE l.device_id = ?
        ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      from,
      deviceId,
      ACTIVITY_MAX_ITEMS,
    ),
    q.all<Omit<ChargeActivityRow, 'status' | 'reason' | 'step'>>(
      `SELECT r.id, r.created_at AS at, r.amount, c.currency, m.name AS merchant, c.lease_id
         FROM leases l
         JOIN charges c ON c.lease_id = l.id
         JOIN refunds r ON r.charge_id = c.id AND r.created_at >= ?
         JOIN merchants m ON m.id = r.merchant_id
        WHERE l.device_id = ?
        ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
      from,
      deviceId,
      ACTIVITY_MAX_ITEMS,
    ),
  ]);
  const items: ActivityItem[] = [
    ...charges.map((r): ActivityItem => ({
      id: r.id,
      kind: 'charge',
      at: r.at,
      status: r.status,
      reason: r.status === 'declined' ? (r.reason ?? 'unknown-code') : null,
      amount: r.amount,
      currency: r.currency,
      merchant: shortName(r.merchant),
      leaseId: r.lease_id,
      step: r.step ?? null,
    })),
    ...refunds.map((r): ActivityItem => ({
      id: r.id,
      kind: 'refund',
      at: r.at,
      status: 'approved',
      reason: null,
      amount: r.amount,
      currency: r.currency,
      merchant: shortName(r.merchant),
      leaseId: r.lease_id,
      step: null,
    })),
  ];
  items.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { now: ctx.now(), items: items.slice(0, ACTIVITY_MAX_ITEMS) };
}

/** The account's last SYNC_HISTORY_ITEMS approved payments and refunds, newest first. */
export async function history(q: Queries, accountId: string): Promise<SyncHistoryItem[]> {
  const [paid, refunded] = await Promise.all([
    q.all<{ at: number; amount: number; merchant: string; id: string }>(
      `SELECT c.created_at AS at, c.amount, m.name AS merchant, c.id FROM charges c JOIN merchants m ON m.id = c.merchant_id
        WHERE c.account_id = ? AND c.status = 'approved'
        ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      accountId,
      SYNC_HISTORY_ITEMS,
    ),
    q.all<{ at: number; amount: number; merchant: string; id: string }>(
      `SELECT r.created_at AS at, r.amount, m.name AS merchant, r.id FROM charges c
         JOIN refunds r ON r.charge_id = c.id JOIN merchants m ON m.id = r.merchant_id
        WHERE c.account_id = ?
        ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
      accountId,
      SYNC_HISTORY_ITEMS,
    ),
  ]);
  const all = [
    ...paid.map((r) => ({ ...r, kind: 'p' as const })),
    ...refunded.map((r) => ({ ...r, kind: 'r' as const })),
  ];
  all.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return all.slice(0, SYNC_HISTORY_ITEMS).map((r): SyncHistoryItem => [r.at, r.amount, shortName(r.merchant), r.kind]);
}

/** The wallet's own book (its id is the account's). */
export async function walletBalance(q: Queries, accountId: string): Promise<number> {
  const row = await q.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', accountId);
  return row?.balance ?? 0;
}
