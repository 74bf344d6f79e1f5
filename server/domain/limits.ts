// An account's spending limits (set from the phone, within the issuer's caps)
// and what it has spent today.
import type { Limits, LimitsUpdate } from '../../lib/issuer-api/types';
import { IssuerError, notFound } from './errors';
import { type Ctx, sql, utcDay } from './context';

export function getLimits(ctx: Ctx, accountId: string): Limits {
  const row = sql(ctx.db, 'SELECT currency, per_payment, daily FROM accounts WHERE id = ?').get(accountId) as
    | { currency: string; per_payment: number; daily: number }
    | undefined;
  if (!row) throw notFound('account');
  return { currency: row.currency, perPayment: row.per_payment, daily: row.daily, caps: { ...ctx.config.caps } };
}

export function setLimits(ctx: Ctx, accountId: string, update: LimitsUpdate): Limits {
  const { caps } = ctx.config;
  if (update.perPayment > caps.perPayment || update.daily > caps.daily)
    throw new IssuerError(400, 'over-cap', `limits may not exceed perPayment ${caps.perPayment} and daily ${caps.daily}`);
  if (update.perPayment > update.daily) throw new IssuerError(400, 'bad-request', 'perPayment may not exceed daily');
  sql(ctx.db, 'UPDATE accounts SET per_payment = ?, daily = ? WHERE id = ?').run(update.perPayment, update.daily, accountId);
  return getLimits(ctx, accountId);
}

/** Approved charges today (UTC day); refunds do not give the limit back. */
export function spentToday(ctx: Ctx, accountId: string, now: number): number {
  const row = sql(ctx.db, 'SELECT spent FROM daily_spend WHERE account_id = ? AND day = ?').get(accountId, utcDay(now)) as
    | { spent: number }
    | undefined;
  return row?.spent ?? 0;
}
