// GET /v1/sync: everything the watch needs, built in one read transaction.
import { SYNC_MAX_CARDS, SYNC_TRIPS_PER_CARD } from '../../lib/issuer-api/constants';
import type { SyncResponse } from '../../lib/issuer-api/types';
import { type Ctx } from './context';
import { getLimits, spentToday } from './limits';
import { mintLease, newestLease } from './leases';
import { listCards, recentTrips } from './transit';

export function sync(ctx: Ctx, device: { id: string; accountId: string }): SyncResponse {
  const { db } = ctx;
  const doc = db.transaction((): Omit<SyncResponse, 'now'> => {
    const now = ctx.now();
    const current = newestLease(ctx, device.id);
    // A new lease once the current one is past half its life, so the watch
    // always holds one with hours left even if the phone stays away a while.
    const stale = !current || now >= current.notBefore + (current.expiresAt - current.notBefore) / 2;
    const lease = stale ? mintLease(ctx, device.id) : null;
    const limits = getLimits(ctx, device.accountId);
    return {
      v: 1,
      asOf: now,
      lease,
      lim: { cur: limits.currency, pp: limits.perPayment, day: limits.daily, spent: spentToday(ctx, device.accountId, now) },
      // The phone refuses a sync with more cards than the watch can hold, so send the first ones.
      cards: listCards(ctx, device.accountId).slice(0, SYNC_MAX_CARDS).map((c) => ({
        id: c.id,
        name: c.name,
        bal: c.balance,
        trips: recentTrips(ctx, c.id, SYNC_TRIPS_PER_CARD),
      })),
    };
  }).immediate();
  // Taken last, after any wait for the write lock: the watch sets its clock by it.
  return { ...doc, now: ctx.now() };
}
