// Transit cards: balances, top-ups from the wallet, and trips the operator records.
import type { AutoTopUpResult, SyncTrip, TapResponse, TopUpResponse, TransitCard } from '../../lib/issuer-api/types';
import type { Queries } from '../db/store';
import { IssuerError, notFound } from './errors';
import type { Ctx } from './context';
import { bookBalance, partyBook, post } from './ledger';
import { newId } from './ids';
import { afterFare, FARE_CARD_COLUMNS, type FareCard } from './auto-top-up';

/** A card as the issuer keeps it: the API's TransitCard and its low-balance and automatic top-up options. */
export interface CardRecord extends TransitCard {
  low: number;
  autoTopUp: number | null;
  autoAt: number | null;
  autoResult: AutoTopUpResult | null;
}

export async function listCards(ctx: Ctx, accountId: string, q: Queries = ctx.db): Promise<CardRecord[]> {
  const asOf = ctx.now();
  const rows = await q.all<{
    id: string;
    name: string;
    balance: number;
    currency: string;
    low_balance: number;
    auto_top_up: number | null;
    auto_at: number | null;
    auto_result: AutoTopUpResult | null;
  }>(
    `SELECT c.id, c.name, b.balance, b.currency, c.low_balance, c.auto_top_up, c.auto_at, c.auto_result
       FROM cards c JOIN books b ON b.id = c.id
      WHERE c.account_id = ? ORDER BY c.created_at, c.rowid`,
    accountId,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    balance: r.balance,
    currency: r.currency,
    asOf,
    low: r.low_balance,
    autoTopUp: r.auto_top_up,
    autoAt: r.auto_at,
    autoResult: r.auto_result,
  }));
}

/** Newest first. */
export async function recentTrips(q: Queries, cardId: string, limit: number): Promise<SyncTrip[]> {
  const rows = await q.all<{ at: number; fare: number; line: string }>(
    'SELECT at, fare, line FROM trips WHERE card_id = ? ORDER BY at DESC, rowid DESC LIMIT ?',
    cardId,
    limit,
  );
  return rows.map((r) => [r.at, r.fare, r.line]);
}

export async function topUp(
  ctx: Ctx,
  accountId: string,
  cardId: string,
  input: { amount: number; idempotencyKey: string },
): Promise<TopUpResponse> {
  const now = ctx.now();
  return ctx.db.tx(async (tx): Promise<TopUpResponse> => {
    // The account row guards the wallet's balance (charges lock it too).
    await tx.get(`SELECT id FROM accounts WHERE id = ?${tx.forUpdate}`, accountId);
    const card = await tx.get('SELECT id FROM cards WHERE id = ? AND account_id = ?', cardId, accountId);
    if (!card) throw notFound('card');
    const prior = await tx.get<{ id: string; card_id: string; amount: number }>(
      'SELECT id, card_id, amount FROM top_ups WHERE account_id = ? AND idempotency_key = ?',
      accountId,
      input.idempotencyKey,
    );
    if (prior) {
      if (prior.card_id !== cardId || prior.amount !== input.amount)
        throw new IssuerError(409, 'idempotency-conflict', 'idempotencyKey was already used for another top-up');
      return {
        topUpId: prior.id,
        cardId,
        amount: prior.amount,
        cardBalance: await bookBalance(tx, cardId),
        walletBalance: await bookBalance(tx, accountId),
      };
    }
    if ((await bookBalance(tx, accountId)) < input.amount)
      throw new IssuerError(409, 'insufficient-funds', 'the wallet balance is lower than the top-up');
    const topUpId = newId('tu');
    await tx.run(
      'INSERT INTO top_ups (id, account_id, card_id, idempotency_key, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      topUpId,
      accountId,
      cardId,
      input.idempotencyKey,
      input.amount,
      now,
    );
    await post(tx, topUpId, 'top-up', now, [
      { book: accountId, amount: -input.amount },
      { book: cardId, amount: input.amount },
    ]);
    return {
      topUpId,
      cardId,
      amount: input.amount,
      cardBalance: await bookBalance(tx, cardId),
      walletBalance: await bookBalance(tx, accountId),
    };
  });
}

export async function tap(
  ctx: Ctx,
  operatorId: string,
  input: { cardId: string; fare: number; line: string; idempotencyKey: string; at?: number },
): Promise<TapResponse> {
  const now = ctx.now();
  return ctx.db.tx(async (tx): Promise<TapResponse> => {
    const prior = await tx.get<{ id: string; card_id: string; fare: number }>(
      'SELECT id, card_id, fare FROM trips WHERE operator_id = ? AND idempotency_key = ?',
      operatorId,
      input.idempotencyKey,
    );
    if (prior) {
      if (prior.card_id !== input.cardId || prior.fare !== input.fare)
        throw new IssuerError(409, 'idempotency-conflict', 'idempotencyKey was already used for another trip');
      return {
        tripId: prior.id,
        cardId: prior.card_id,
        fare: prior.fare,
        balance: await bookBalance(tx, prior.card_id),
      };
    }
    // The card's row guards its balance: two taps of one card (on two issuers) are judged one after the other.
    const card = await tx.get<FareCard & { balance: number }>(
      `SELECT c.id, b.currency, b.balance, ${FARE_CARD_COLUMNS} FROM cards c JOIN books b ON b.id = c.id WHERE c.id = ?${tx.forUpdate}`,
      input.cardId,
    );
    if (!card) throw notFound('card');
    if (card.balance < input.fare)
      throw new IssuerError(409, 'insufficient-funds', 'the card balance is lower than the fare');
    const tripId = newId('tr');
    await tx.run(
      'INSERT INTO trips (id, card_id, operator_id, idempotency_key, fare, line, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      tripId,
      input.cardId,
      operatorId,
      input.idempotencyKey,
      input.fare,
      input.line,
      input.at ?? now,
    );
    await post(tx, tripId, 'fare', now, [
      { book: input.cardId, amount: -input.fare },
      {
        book: partyBook(operatorId, card.currency, tripId),
        amount: input.fare,
        open: { kind: 'operator', currency: card.currency },
      },
    ]);
    await afterFare(tx, card, card.balance, input.fare, tripId, now);
    return { tripId, cardId: input.cardId, fare: input.fare, balance: await bookBalance(tx, input.cardId) };
  });
}
