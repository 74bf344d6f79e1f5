// GET /v1/sync: everything the watch needs, built in one transaction.
import { SYNC_MAX_CARDS, SYNC_TRIPS_PER_CARD } from '../../lib/issuer-api/constants';
import type { SyncCard, SyncResponse } from '../../lib/issuer-api/types';
import { history, walletBalance } from './activity';
import { type Ctx } from './context';
import { getLimits, spentToday } from './limits';
import { mintLease, newestLease } from './leases';
import { listCards, recentTrips } from './transit';

export async function sync(ctx: Ctx, device: { id: string; accountId: string }): Promise<SyncResponse> {
  const doc = await ctx.db.tx(async (tx): Promise<Omit<SyncResponse, 'now'>> => {
    const now = ctx.now();
    const current = await newestLease(tx, device.id);
    // A new lease once the current one is past half its life, so the watch
    // always holds one with hours left even if the phone stays away a while.
    const stale = !current || now >= current.notBefore + (current.expiresAt - current.notBefore) / 2;
    const lease = stale ? await mintLease(ctx, tx, device.id) : null;
    const limits = await getLimits(ctx, device.accountId, tx);
    const cards = (await listCards(ctx, device.accountId, tx)).slice(0, SYNC_MAX_CARDS);
    return {
      v: 1,
      asOf: now,
      lease,
      lim: {
        cur: limits.currency,
        pp: limits.perPayment,
        day: limits.daily,
        spent: await spentToday(tx, device.accountId, now),
      },
      // The phone refuses a sync with more cards than the watch can hold, so send the first ones.
      cards: await Promise.all(
        cards.map(async (c): Promise<SyncCard> => {
          const card: SyncCard = {
            id: c.id,
            name: c.name,
            bal: c.balance,
            trips: await recentTrips(tx, c.id, SYNC_TRIPS_PER_CARD),
          };
          // Only what is set: most cards have neither, and every byte crosses BLE.
          if (c.low > 0) card.low = c.low;
          if (c.autoTopUp !== null) {
            card.auto = { amt: c.autoTopUp };
            if (c.autoAt !== null) card.auto.at = c.autoAt;
            if (c.autoResult !== null) card.auto.r = c.autoResult;
          }
          return card;
        }),
      ),
      bal: await walletBalance(tx, device.accountId),
      hist: await history(tx, device.accountId),
    };
  });
  // Taken last, after any wait for the write lock: the watch sets its clock by it.
  return { ...doc, now: ctx.now() };
}
