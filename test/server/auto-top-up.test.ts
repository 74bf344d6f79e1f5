// Low-balance thresholds and automatic top-up, through the issuer's routes (app.inject): the options
// route, the crossing rule (once per crossing, within the daily limit, one ledger transaction that
// reconciles), the reasons a wallet cannot pay, and two rides crossing at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSyncResponse } from '../../lib/issuer-api/parse';
import { reconcile } from '../../server/domain/ledger';
import { card, customer, type Customer, type Harness, idem, operator, startIssuer } from './helpers';

let h: Harness;
let operatorKey: string;
beforeAll(async () => {
  h = await startIssuer();
  operatorKey = (await operator(h)).operatorKey;
});
afterAll(async () => {
  expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  await h.close();
});

async function inject(method: 'GET' | 'PUT' | 'POST', url: string, token?: string, body?: unknown) {
  const res = await h.app.inject({
    method,
    url,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

const setOptions = (c: Customer, cardId: string, low: number, autoTopUp: number | null) =>
  inject('PUT', `/v1/transit/cards/${cardId}/options`, c.credential, { low, autoTopUp });

const ride = (cardId: string, fare: number, idempotencyKey = idem()) =>
  inject('POST', '/v1/transit/taps', operatorKey, { cardId, fare, line: 'Line 2', idempotencyKey });

async function syncCard(c: Customer, cardId: string) {
  const res = await inject('GET', '/v1/sync', c.credential);
  expect(res.status).toBe(200);
  // What the phone would accept: the same validator the side service runs.
  return parseSyncResponse(res.body).cards.find((x) => x.id === cardId)!;
}

async function autoTopUps(cardId: string): Promise<Array<{ amount: number; idempotency_key: string }>> {
  return h.ctx.db.all(
    "SELECT amount, idempotency_key FROM top_ups WHERE card_id = ? AND idempotency_key LIKE 'auto:%'",
    cardId,
  );
}

async function balanceOf(book: string): Promise<number> {
  return (await h.ctx.db.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', book))!.balance;
}

describe('card options', () => {
  it('stores a threshold and an automatic top-up and sync carries them; off leaves them out', async () => {
    const c = await customer(h);
    const cardId = await card(h, c.accountId, 3000);
    expect((await syncCard(c, cardId)).low).toBeUndefined();
    const res = await setOptions(c, cardId, 1000, 5000);
    expect(res).toEqual({ status: 200, body: { cardId, low: 1000, autoTopUp: 5000 } });
    const synced = await syncCard(c, cardId);
    expect(synced.low).toBe(1000);
    expect(synced.auto).toEqual({ amt: 5000 });
    await setOptions(c, cardId, 0, null);
    const off = await syncCard(c, cardId);
    expect(off.low).toBeUndefined();
    expect(off.auto).toBeUndefined();
  });

  it('refuses bad options with 400, a stranger with 401 and another account’s card with 404', async () => {
    const c = await customer(h);
    const other = await customer(h);
    const cardId = await card(h, c.accountId, 3000);
    const bad = [
      { low: 0, autoTopUp: 500 }, // nothing to cross
      { low: -1, autoTopUp: null },
      { low: 1.5, autoTopUp: null },
      { low: 100, autoTopUp: 0 },
      { low: 100 },
      { low: 100, autoTopUp: null, extra: 1 },
      { low: 100, autoTopUp: 10_000_000_000 }, // above the daily cap
    ];
    for (const body of bad) {
      const res = await inject('PUT', `/v1/transit/cards/${cardId}/options`, c.credential, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await inject('PUT', `/v1/transit/cards/${cardId}/options`, undefined, { low: 1, autoTopUp: null })).status,
    ).toBe(401);
    expect((await setOptions(other, cardId, 100, null)).status).toBe(404);
    expect((await syncCard(c, cardId)).low).toBeUndefined();
  });
});

describe('automatic top-up', () => {
  it('tops up once when a ride crosses the threshold, as one ledger transaction within the daily limit', async () => {
    const c = await customer(h, 100_000);
    const cardId = await card(h, c.accountId, 1500);
    await setOptions(c, cardId, 1000, 5000);
    // 1500 -> 1200: still above, nothing happens.
    expect((await ride(cardId, 300)).body.balance).toBe(1200);
    expect(await autoTopUps(cardId)).toHaveLength(0);
    h.clock.now += 60_000;
    // 1200 -> 900: crosses; the card gets 5000 in the same answer.
    const crossing = await ride(cardId, 300);
    expect(crossing.body.balance).toBe(900 + 5000);
    const rows = await autoTopUps(cardId);
    expect(rows).toEqual([{ amount: 5000, idempotency_key: `auto:${crossing.body.tripId}` }]);
    expect(await balanceOf(c.accountId)).toBe(100_000 - 5000);
    const synced = await syncCard(c, cardId);
    expect(synced.auto).toEqual({ amt: 5000, at: h.clock.now, r: 'ok' });
    expect(synced.bal).toBe(5900);
    // It counts against today's spending, as a payment does.
    expect((await inject('GET', '/v1/sync', c.credential)).body.lim.spent).toBe(5000);
    // One transaction, wallet -> card, that sums to zero.
    const entries = await h.ctx.db.all<{ book_id: string; amount: number; kind: string }>(
      "SELECT book_id, amount, kind FROM ledger WHERE kind = 'auto-top-up' AND (book_id = ? OR book_id = ?) ORDER BY amount",
      cardId,
      c.accountId,
    );
    expect(entries).toEqual([
      { book_id: c.accountId, amount: -5000, kind: 'auto-top-up' },
      { book_id: cardId, amount: 5000, kind: 'auto-top-up' },
    ]);
    expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  });

  it('tries once per crossing: not again in the same dip, again after the balance came back', async () => {
    const c = await customer(h, 100_000);
    const cardId = await card(h, c.accountId, 1100);
    // A top-up too small to lift the card over its threshold: the card stays in its dip.
    await setOptions(c, cardId, 1000, 200);
    await ride(cardId, 300); // 1100 -> 800 crosses; 800 + 200 = 1000, just back at the threshold
    expect(await autoTopUps(cardId)).toHaveLength(1);
    await setOptions(c, cardId, 2000, 200); // now 1000 is under the new threshold, without a ride
    await ride(cardId, 100); // 1000 -> 900: already under, no crossing
    await ride(cardId, 100);
    expect(await autoTopUps(cardId)).toHaveLength(1);
    // A manual top-up lifts it over the threshold; the next crossing tops up again.
    const manual = await inject('POST', `/v1/transit/cards/${cardId}/top-up`, c.credential, {
      amount: 1300,
      idempotencyKey: idem(),
    });
    expect(manual.body.cardBalance).toBe(2100);
    await ride(cardId, 200); // 2100 -> 1900: crosses 2000
    expect(await autoTopUps(cardId)).toHaveLength(2);
    expect((await syncCard(c, cardId)).bal).toBe(2100);
  });

  it('a replayed ride tops up nothing more', async () => {
    const c = await customer(h, 100_000);
    const cardId = await card(h, c.accountId, 1000);
    await setOptions(c, cardId, 1000, 3000);
    const key = idem();
    const first = await ride(cardId, 400, key);
    const again = await ride(cardId, 400, key);
    expect(again.body.tripId).toBe(first.body.tripId);
    expect(await autoTopUps(cardId)).toHaveLength(1);
    expect(await balanceOf(cardId)).toBe(3600);
  });

  it('when the wallet cannot pay, moves nothing and the card says why', async () => {
    const poor = await customer(h, 1000);
    const poorCard = await card(h, poor.accountId, 500);
    await setOptions(poor, poorCard, 400, 2000);
    const before = await balanceOf(poor.accountId);
    expect((await ride(poorCard, 200)).body.balance).toBe(300);
    expect(await autoTopUps(poorCard)).toHaveLength(0);
    expect(await balanceOf(poor.accountId)).toBe(before);
    expect((await syncCard(poor, poorCard)).auto).toEqual({ amt: 2000, at: h.clock.now, r: 'insufficient-funds' });

    const capped = await customer(h, 1_000_000);
    await inject('PUT', '/v1/limits', capped.credential, { perPayment: 1000, daily: 3000 });
    const cappedCard = await card(h, capped.accountId, 500);
    await setOptions(capped, cappedCard, 400, 5000);
    await ride(cappedCard, 200);
    expect(await autoTopUps(cappedCard)).toHaveLength(0);
    expect((await syncCard(capped, cappedCard)).auto?.r).toBe('over-daily');
    // Turning it off forgets the failure.
    await setOptions(capped, cappedCard, 400, null);
    expect((await syncCard(capped, cappedCard)).auto).toBeUndefined();
    expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  });

  it('two rides crossing at once top up once', async () => {
    const c = await customer(h, 1_000_000);
    const cardId = await card(h, c.accountId, 1000);
    await setOptions(c, cardId, 1000, 4000);
    // Each of these rides alone would take the card under its threshold; manual top-ups of the same card
    // run among them (they lock the account, then the card's book: the other order from a ride's top-up).
    const [rides, manual] = await Promise.all([
      Promise.all(Array.from({ length: 8 }, () => ride(cardId, 100))),
      Promise.all(
        Array.from({ length: 4 }, () =>
          inject('POST', `/v1/transit/cards/${cardId}/top-up`, c.credential, { amount: 10, idempotencyKey: idem() }),
        ),
      ),
    ]);
    expect([...rides, ...manual].map((r) => r.status)).toEqual(Array(12).fill(200));
    // However they interleave, one ride crosses: the 4000 keeps every later one above the threshold.
    expect(await autoTopUps(cardId)).toHaveLength(1);
    expect(await balanceOf(cardId)).toBe(1000 + 4 * 10 - 8 * 100 + 4000);
    expect(await balanceOf(c.accountId)).toBe(1_000_000 - 4000 - 4 * 10);
    expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  });
});
