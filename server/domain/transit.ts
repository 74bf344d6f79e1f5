// Transit cards: balances, top-ups from the wallet, and trips the operator records.
import type { SyncTrip, TapResponse, TopUpResponse, TransitCard } from '../../lib/issuer-api/types';
import { IssuerError, notFound } from './errors';
import { type Ctx, sql } from './context';
import { bookBalance, ensureBook, partyBook, post } from './ledger';
import { newId } from './ids';

export function listCards(ctx: Ctx, accountId: string): TransitCard[] {
  const asOf = ctx.now();
  const rows = sql(
    ctx.db,
    `SELECT c.id, c.name, b.balance, b.currency FROM cards c JOIN books b ON b.id = c.id
      WHERE c.account_id = ? ORDER BY c.created_at, c.rowid`,
  ).all(accountId) as { id: string; name: string; balance: number; currency: string }[];
  return rows.map((r) => ({ id: r.id, name: r.name, balance: r.balance, currency: r.currency, asOf }));
}

/** Newest first. */
export function recentTrips(ctx: Ctx, cardId: string, limit: number): SyncTrip[] {
  const rows = sql(ctx.db, 'SELECT at, fare, line FROM trips WHERE card_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(
    cardId,
    limit,
  ) as { at: number; fare: number; line: string }[];
  return rows.map((r) => [r.at, r.fare, r.line]);
}

export function topUp(
  ctx: Ctx,
  accountId: string,
  cardId: string,
  input: { amount: number; idempotencyKey: string },
): TopUpResponse {
  const { db } = ctx;
  const now = ctx.now();
  return db.transaction((): TopUpResponse => {
    const card = sql(db, 'SELECT id FROM cards WHERE id = ? AND account_id = ?').get(cardId, accountId);
    if (!card) throw notFound('card');
    const prior = sql(db, 'SELECT id, card_id, amount FROM top_ups WHERE account_id = ? AND idempotency_key = ?').get(
      accountId,
      input.idempotencyKey,
    ) as { id: string; card_id: string; amount: number } | undefined;
    if (prior) {
      if (prior.card_id !== cardId || prior.amount !== input.amount)
        throw new IssuerError(409, 'idempotency-conflict', 'idempotencyKey was already used for another top-up');
      return { topUpId: prior.id, cardId, amount: prior.amount, cardBalance: bookBalance(db, cardId), walletBalance: bookBalance(db, accountId) };
    }
    if (bookBalance(db, accountId) < input.amount)
      throw new IssuerError(409, 'insufficient-funds', 'the wallet balance is lower than the top-up');
    const topUpId = newId('tu');
    sql(db, 'INSERT INTO top_ups (id, account_id, card_id, idempotency_key, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      topUpId, accountId, cardId, input.idempotencyKey, input.amount, now,
    );
    post(db, topUpId, 'top-up', now, [
      { book: accountId, amount: -input.amount },
      { book: cardId, amount: input.amount },
    ]);
    return { topUpId, cardId, amount: input.amount, cardBalance: bookBalance(db, cardId), walletBalance: bookBalance(db, accountId) };
  }).immediate();
}

export function tap(
  ctx: Ctx,
  operatorId: string,
  input: { cardId: string; fare: number; line: string; idempotencyKey: string; at?: number },
): TapResponse {
  const { db } = ctx;
  const now = ctx.now();
  return db.transaction((): TapResponse => {
    const prior = sql(db, 'SELECT id, card_id, fare FROM trips WHERE operator_id = ? AND idempotency_key = ?').get(
      operatorId,
      input.idempotencyKey,
    ) as { id: string; card_id: string; fare: number } | undefined;
    if (prior) {
      if (prior.card_id !== input.cardId || prior.fare !== input.fare)
        throw new IssuerError(409, 'idempotency-conflict', 'idempotencyKey was already used for another trip');
      return { tripId: prior.id, cardId: prior.card_id, fare: prior.fare, balance: bookBalance(db, prior.card_id) };
    }
    const card = sql(db, 'SELECT b.currency FROM cards c JOIN books b ON b.id = c.id WHERE c.id = ?').get(input.cardId) as
      | { currency: string }
      | undefined;
    if (!card) throw notFound('card');
    if (bookBalance(db, input.cardId) < input.fare)
      throw new IssuerError(409, 'insufficient-funds', 'the card balance is lower than the fare');
    const tripId = newId('tr');
    sql(db, 'INSERT INTO trips (id, card_id, operator_id, idempotency_key, fare, line, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      tripId, input.cardId, operatorId, input.idempotencyKey, input.fare, input.line, input.at ?? now,
    );
    const operatorBook = partyBook(operatorId, card.currency);
    ensureBook(db, operatorBook, 'operator', card.currency);
    post(db, tripId, 'fare', now, [
      { book: input.cardId, amount: -input.fare },
      { book: operatorBook, amount: input.fare },
    ]);
    return { tripId, cardId: input.cardId, fare: input.fare, balance: bookBalance(db, input.cardId) };
  }).immediate();
}
