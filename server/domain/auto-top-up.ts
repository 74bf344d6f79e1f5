// A transit card's low-balance threshold and automatic top-up.
//
// The rule: when a fare takes a card from at or above its threshold to under it (a crossing), and
// automatic top-up is on, the issuer moves the chosen amount from the wallet to the card in the
// fare's own transaction: one `top_ups` row (idempotency key 'auto:' + the trip, so one per
// crossing even if something ran twice) and one ledger transaction (wallet -> card) that
// reconcile() checks like any top-up. The amount counts against the wallet's daily limit, as a
// payment does (it leaves the wallet with nobody at the phone). When the wallet cannot pay (its
// balance, or today's limit), nothing moves and the card keeps why (auto_result), which sync
// carries to the watch and the settings page. A card already under its threshold is not crossing:
// later rides in the same dip do not try again; the next try is after the balance is back at or
// above the threshold (a manual top-up) and a ride crosses once more.
//
// Locks (PostgreSQL): the fare holds the card's row and book; the top-up then locks the account
// row, as charges and manual top-ups do. A manual top-up takes account then card book: the two
// orders can deadlock, which PostgreSQL detects and the store re-runs (store.ts tx()).
import type { AutoTopUpResult, CardOptions, CardOptionsUpdate } from '../../lib/issuer-api/types';
import type { Tx } from '../db/store';
import { IssuerError, notFound } from './errors';
import { type Ctx, utcDay } from './context';
import { post } from './ledger';
import { newId } from './ids';

/** The card's row as the fare read it (locked). */
export interface FareCard {
  id: string;
  account_id: string;
  currency: string;
  low_balance: number;
  auto_top_up: number | null;
}

/** The columns a fare's SELECT of the card adds for afterFare (qualified by the cards alias `c`). */
export const FARE_CARD_COLUMNS = 'c.account_id, c.low_balance, c.auto_top_up';

export function crossesThreshold(low: number, before: number, after: number): boolean {
  return low > 0 && before >= low && after < low;
}

/**
 * Runs in the fare's transaction, after the fare was posted: tops the card up if this fare crossed
 * its threshold and automatic top-up is on. `before`: the card's balance before the fare.
 * Returns what happened, or null when nothing was due.
 */
export async function afterFare(
  tx: Tx,
  card: FareCard,
  before: number,
  fare: number,
  tripId: string,
  now: number,
): Promise<AutoTopUpResult | null> {
  const amount = card.auto_top_up;
  if (amount === null || !crossesThreshold(card.low_balance, before, before - fare)) return null;
  await tx.get(`SELECT id FROM accounts WHERE id = ?${tx.forUpdate}`, card.account_id);
  const day = utcDay(now);
  const account = await tx.get<{ daily: number; balance: number; spent: number }>(
    `SELECT a.daily, b.balance, COALESCE(s.spent, 0) AS spent
       FROM accounts a JOIN books b ON b.id = a.id
       LEFT JOIN daily_spend s ON s.account_id = a.id AND s.day = ?
      WHERE a.id = ?`,
    day,
    card.account_id,
  );
  if (!account) throw new Error(`card ${card.id} points at a missing account`);
  let result: AutoTopUpResult = 'ok';
  if (account.spent + amount > account.daily) result = 'over-daily';
  else if (account.balance < amount) result = 'insufficient-funds';
  else {
    const topUpId = newId('tu');
    await tx.run(
      'INSERT INTO top_ups (id, account_id, card_id, idempotency_key, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      topUpId,
      card.account_id,
      card.id,
      `auto:${tripId}`,
      amount,
      now,
    );
    await post(tx, topUpId, 'auto-top-up', now, [
      { book: card.account_id, amount: -amount },
      { book: card.id, amount },
    ]);
    await tx.run(
      `INSERT INTO daily_spend (account_id, day, spent) VALUES (?, ?, ?)
       ON CONFLICT (account_id, day) DO UPDATE SET spent = daily_spend.spent + excluded.spent`,
      card.account_id,
      day,
      amount,
    );
  }
  await tx.run('UPDATE cards SET auto_at = ?, auto_result = ? WHERE id = ?', now, result, card.id);
  return result;
}

/** Sets a card's threshold (0: none) and automatic top-up (null: off). */
export async function setCardOptions(
  ctx: Ctx,
  accountId: string,
  cardId: string,
  update: CardOptionsUpdate,
): Promise<CardOptions> {
  if (update.autoTopUp !== null && update.low === 0)
    throw new IssuerError(400, 'bad-request', 'automatic top-up needs a low-balance threshold above 0');
  if (update.autoTopUp !== null && update.autoTopUp > ctx.config.caps.daily)
    throw new IssuerError(400, 'over-cap', `an automatic top-up may not exceed ${ctx.config.caps.daily}`);
  return ctx.db.tx(async (tx) => {
    // Turning it off forgets how the last one went: the card has nothing more to say about it.
    const changed = await tx.run(
      `UPDATE cards SET low_balance = ?, auto_top_up = ?,
              auto_at = CASE WHEN ? = 1 THEN NULL ELSE auto_at END,
              auto_result = CASE WHEN ? = 1 THEN NULL ELSE auto_result END
        WHERE id = ? AND account_id = ?`,
      update.low,
      update.autoTopUp,
      update.autoTopUp === null ? 1 : 0,
      update.autoTopUp === null ? 1 : 0,
      cardId,
      accountId,
    );
    if (changed !== 1) throw notFound('card');
    return { cardId, low: update.low, autoTopUp: update.autoTopUp };
  });
}
