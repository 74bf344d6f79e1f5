// GET /v1/activity (the pay page's confirmation) and the history in GET /v1/sync (issue 10), end to
// end on loopback. activity.pg.slow.test.ts runs the same file against PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseActivityResponse, parseSyncResponse } from '../../lib/issuer-api/parse';
import { ACTIVITY_MAX_AGE_MS, MERCHANT_NAME_MAX_LENGTH, SYNC_HISTORY_ITEMS } from '../../lib/issuer-api/constants';
import { codeForStep } from '../../lib/payment/code';
import { leaseStepAt } from '../../lib/payment/lease';
import type { TokenLease } from '../../lib/payment/types';
import { createMerchant } from '../../server/domain/admin';
import { reconcile } from '../../server/domain/ledger';
import { shortName } from '../../server/domain/activity';
import { call, card, customer, type Harness, idem, merchant, operator, startIssuer } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => {
  expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  await h.close();
});

const charge = (key: string, code: string, amount: number) =>
  call(h, 'POST', '/v1/merchant/charges', {
    token: key,
    body: { code, amount, currency: 'CNY', idempotencyKey: idem() },
  });
const activity = (credential: string, since: number) =>
  call(h, 'GET', `/v1/activity?since=${since}`, { token: credential });
const stepNow = (lease: TokenLease) => leaseStepAt(lease, h.clock.now);
const codeAt = (lease: TokenLease, step: number) => codeForStep(lease, step);

describe('GET /v1/activity', () => {
  it("tells a device its code was charged: amount, merchant, lease and step; the phone's parser takes it", async () => {
    const c = await customer(h);
    const { merchantKey } = await createMerchant(h.ctx, { name: 'Campus canteen' });
    const since = h.clock.now;
    expect((await activity(c.credential, since)).body).toEqual({ now: h.clock.now, items: [] });
    const step = stepNow(c.lease);
    h.clock.now += 1000;
    const r = await charge(merchantKey, codeAt(c.lease, step), 2350);
    expect(r.body.status).toBe('approved');
    const a = await activity(c.credential, since);
    expect(a.status).toBe(200);
    const parsed = parseActivityResponse(a.body);
    expect(parsed.items).toEqual([
      {
        id: r.body.chargeId,
        kind: 'charge',
        at: h.clock.now,
        status: 'approved',
        reason: null,
        amount: 2350,
        currency: 'CNY',
        merchant: 'Campus canteen',
        leaseId: c.lease.leaseId,
        step,
      },
    ]);
    // Nothing since after the charge.
    expect((await activity(c.credential, h.clock.now + 1)).body.items).toEqual([]);
  });

  it("declines in the user's words: over the daily limit, not enough money, code already used (with its lease)", async () => {
    const c = await customer(h, 1_000); // ¥10.00 in the wallet
    const { merchantKey } = await merchant(h);
    const since = h.clock.now;
    const s = stepNow(c.lease);
    const poor = await charge(merchantKey, codeAt(c.lease, s), 5_000);
    expect(poor.body).toMatchObject({ status: 'declined', reason: 'insufficient-funds' });
    const again = await charge(merchantKey, codeAt(c.lease, s), 500);
    expect(again.body).toMatchObject({ status: 'declined', reason: 'used' });
    const over = await charge(merchantKey, codeAt(c.lease, s + 1), 300_000);
    expect(over.body.status).toBe('declined');
    expect(['over-daily', 'over-per-payment']).toContain(over.body.reason);
    const items = parseActivityResponse((await activity(c.credential, since)).body).items;
    expect(items.map((i) => [i.status, i.reason, i.step])).toEqual(
      expect.arrayContaining([
        ['declined', 'insufficient-funds', s],
        ['declined', 'used', null],
        ['declined', over.body.reason, s + 1],
      ]),
    );
    for (const i of items) expect(i.leaseId).toBe(c.lease.leaseId);
  });

  it("a wrong code is nobody's activity; another device's charge is not this one's", async () => {
    const a = await customer(h);
    const b = await customer(h);
    const { merchantKey } = await merchant(h);
    const since = h.clock.now;
    const s = stepNow(a.lease);
    const good = codeAt(a.lease, s);
    const wrong = good.slice(0, -3) + String((Number(good.slice(-3, -1)) + 1) % 100).padStart(2, '0') + good.slice(-1);
    await charge(merchantKey, wrong, 100);
    expect((await activity(a.credential, since)).body.items).toEqual([]);
    await charge(merchantKey, codeAt(b.lease, stepNow(b.lease)), 100);
    expect((await activity(a.credential, since)).body.items).toEqual([]);
    expect((await activity(b.credential, since)).body.items).toHaveLength(1);
  });

  it('lists refunds of its charges, newest first, and looks back 15 minutes at most', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    const start = h.clock.now;
    const paid = await charge(merchantKey, codeAt(c.lease, stepNow(c.lease)), 1200);
    h.clock.now += 2000;
    const refund = await call(h, 'POST', '/v1/merchant/refunds', {
      token: merchantKey,
      body: { chargeId: paid.body.chargeId, amount: 200, idempotencyKey: idem() },
    });
    expect(refund.status).toBe(200);
    const items = (await activity(c.credential, 0)).body.items;
    expect(items.map((i: { kind: string; amount: number }) => [i.kind, i.amount])).toEqual([
      ['refund', 200],
      ['charge', 1200],
    ]);
    h.clock.now = start + ACTIVITY_MAX_AGE_MS + 2001;
    expect((await activity(c.credential, 0)).body.items).toEqual([]);
    h.clock.now = start + 2000;
  });

  it('needs a device credential and a time; has its own rate limit', async () => {
    const c = await customer(h);
    expect((await call(h, 'GET', '/v1/activity?since=0')).status).toBe(401);
    const { merchantKey } = await merchant(h);
    expect((await activity(merchantKey, 0)).status).toBe(401);
    expect((await call(h, 'GET', '/v1/activity', { token: c.credential })).status).toBe(400);
    expect((await call(h, 'GET', '/v1/activity?since=-5', { token: c.credential })).status).toBe(400);
    expect((await call(h, 'GET', '/v1/activity?since=1&x=2', { token: c.credential })).status).toBe(400);

    const limited = await startIssuer({ config: { rateLimits: { activity: { max: 3, windowMs: 60_000 } } } });
    try {
      const d = await customer(limited);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await call(limited, 'GET', '/v1/activity?since=0', { token: d.credential })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('history in GET /v1/sync', () => {
  it('carries the balance and the last 10 payments and refunds, newest first', async () => {
    const c = await customer(h, 100_000);
    const { merchantKey } = await createMerchant(h.ctx, { name: 'Campus canteen' });
    const empty = parseSyncResponse((await call(h, 'GET', '/v1/sync', { token: c.credential })).body);
    expect(empty.bal).toBe(100_000);
    expect(empty.hist).toEqual([]);
    let first = '';
    for (let i = 0; i < 12; i++) {
      const r = await charge(merchantKey, codeAt(c.lease, stepNow(c.lease)), 100 + i);
      expect(r.body.status).toBe('approved');
      if (i === 0) first = r.body.chargeId;
      h.clock.now += c.lease.step * 1000;
    }
    // A declined charge is no payment.
    await charge(merchantKey, codeAt(c.lease, stepNow(c.lease)), 10_000_000);
    await call(h, 'POST', '/v1/merchant/refunds', {
      token: merchantKey,
      body: { chargeId: first, amount: 100, idempotencyKey: idem() },
    });
    const got = await call(h, 'GET', '/v1/sync', { token: c.credential });
    expect(got.status, got.text).toBe(200);
    const s = parseSyncResponse(got.body);
    const spent = [...Array(12).keys()].reduce((a, i) => a + 100 + i, 0);
    expect(s.bal).toBe(100_000 - spent + 100);
    expect(s.hist).toHaveLength(SYNC_HISTORY_ITEMS);
    expect(s.hist![0]).toEqual([h.clock.now, 100, 'Campus canteen', 'r']);
    expect(s.hist!.slice(1).map((x) => [x[1], x[3]])).toEqual([...Array(9).keys()].map((i) => [111 - i, 'p']));
  });

  it('cuts long merchant names to one line', () => {
    expect(shortName('Canteen')).toBe('Canteen');
    const long = 'Ü'.repeat(MERCHANT_NAME_MAX_LENGTH + 5);
    expect(Array.from(shortName(long))).toHaveLength(MERCHANT_NAME_MAX_LENGTH);
    expect(shortName(long).endsWith('…')).toBe(true);
    expect(shortName('\u{1F687}'.repeat(MERCHANT_NAME_MAX_LENGTH))).toBe('\u{1F687}'.repeat(MERCHANT_NAME_MAX_LENGTH));
  });

  it('is 3 KB or less with a new lease, 5 cards of 5 trips and 10 payments at 24-character merchants, ride credentials included', async () => {
    const c = await customer(h, 1_000_000);
    const { operatorKey } = await operator(h);
    for (const name of ['Shanghai Metro', 'Beijing Subway', 'Campus shuttle', 'City bus', 'Ferry']) {
      const cardId = await card(h, c.accountId, 20_000, name);
      for (let i = 0; i < 5; i++)
        await call(h, 'POST', '/v1/transit/taps', {
          token: operatorKey,
          body: { cardId, fare: 300 + i, line: `Line ${10 + i}`, idempotencyKey: idem(), at: h.clock.now - i * 60_000 },
        });
    }
    for (let i = 0; i < 10; i++) {
      // The longest name the watch is sent, and a long one in Chinese (3 bytes a character in UTF-8).
      const name = i % 2 ? 'M'.repeat(MERCHANT_NAME_MAX_LENGTH) : '上海交通大学闵行校区第一食堂'.repeat(3);
      const { merchantKey } = await createMerchant(h.ctx, { name });
      const r = await charge(merchantKey, codeAt(c.lease, stepNow(c.lease)), 19_999 - i);
      expect(r.body.status).toBe('approved');
      h.clock.now += c.lease.step * 1000;
    }
    const saved = h.clock.now;
    h.clock.now = c.lease.expiresAt - 3600_000; // past half the lease's life: a new lease too
    const r = await call(h, 'GET', '/v1/sync', { token: c.credential });
    h.clock.now = saved;
    const s = parseSyncResponse(r.body);
    expect(s.lease).not.toBeNull();
    expect(s.cards).toHaveLength(5);
    expect(s.hist).toHaveLength(10);
    // The lease carries the ride credentials of the 5 cards (docs/ride-codes.md): counted in.
    expect(r.body.lease.ride).toHaveLength(5);
    const bytes = Buffer.byteLength(r.text, 'utf8');
    // Measured 2026-11-29: see BENCHMARKS.md ("sync answer size").
    console.log(`sync answer, lease with ride credentials + 5x5 trips + 10 history items: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(3072);
  });
});
