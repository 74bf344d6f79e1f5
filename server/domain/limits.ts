// An account's spending limits (set from the phone, within the issuer's caps)
// and what it has spent today.
import type { Limits, LimitsUpdate } from '../../lib/issuer-api/types';
import type { Queries } from '../db/store';
import { IssuerError, notFound } from './errors';
import { type Ctx, utcDay } from './context';

export async function getLimits(ctx: Ctx, accountId: string, q: Queries = ctx.db): Promise<Limits> {
  const row = await q.get<{ currency: string; per_payment: number; daily: number }>(
    'SELECT currency, per_payment, daily FROM accounts WHERE id = ?',
    accountId,
  );
  if (!row) throw notFound('account');
  return { currency: row.currency, perPayment: row.per_payment, daily: row.daily, caps: { ...ctx.config.caps } };
}

export async function setLimits(ctx: Ctx, accountId: string, update: LimitsUpdate): Promise<Limits> {
  const { caps } = ctx.config;
  if (update.perPayment > caps.perPayment || update.daily > caps.daily)
    throw new IssuerError(
      400,
      'over-cap',
      `limits may not exceed perPayment ${caps.perPayment} and daily ${caps.daily}`,
    );
  if (update.perPayment > update.daily) throw new IssuerError(400, 'bad-request', 'perPayment may not exceed daily');
  // The account row is what charges lock: a new limit applies from the next charge on, on every issuer.
  return ctx.db.tx(async (tx) => {
    await tx.run(
      'UPDATE accounts SET per_payment = ?, daily = ? WHERE id = ?',
      update.perPayment,
      update.daily,
      accountId,
    );
    return getLimits(ctx, accountId, tx);
  });
}

/** Approved charges today (UTC day); refunds do not give the limit back. */
export async function spentToday(q: Queries, accountId: string, now: number): Promise<number> {
  const row = await q.get<{ spent: number }>(
    'SELECT spent FROM daily_spend WHERE account_id = ? AND day = ?',
    accountId,
    utcDay(now),
  );
  return row?.spent ?? 0;
}
