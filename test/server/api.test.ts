// The issuer's API end to end on loopback: binding, leases, limits, sync,
// transit, charges, refunds, errors, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeForStep, generateCode } from '../../lib/payment/code';
import { leaseStepAt } from '../../lib/payment/lease';
import { encodeEmvCpm } from '../../lib/emv/cpm';
import type { TokenLease } from '../../lib/payment/types';
import { createBindingCode } from '../../server/domain/admin';
import { reconcile } from '../../server/domain/ledger';
import { call, card, customer, type Harness, idem, merchant, operator, startIssuer } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer({ config: { maxLiveLeasesPerDevice: 10 } });
});
afterAll(async () => {
  expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  await h.close();
});

const charge = (key: string, code: string, amount: number, currency = 'CNY', idempotencyKey = idem()) =>
  call(h, 'POST', '/v1/merchant/charges', { token: key, body: { code, amount, currency, idempotencyKey } });

async function freshLease(credential: string): Promise<TokenLease> {
  const res = await call(h, 'POST', '/v1/leases', { token: credential });
  expect(res.status).toBe(201);
  return res.body.lease;
}

describe('binding', () => {
  it('binds with a code once and hands out a credential and a lease', async () => {
    const c = await customer(h);
    expect(c.credential).toMatch(/^wd_[A-Za-z0-9_-]{43}$/);
    expect(c.lease.leaseNumber).toMatch(/^\d{8}$/);
    expect(c.lease.expiresAt - c.lease.notBefore).toBe(72 * 3600_000);
    expect(c.lease.limits).toEqual({ currency: 'CNY', perPayment: 50_000, daily: 200_000 });
  });

  it('refuses a used code, accepts lower case, and burns a code after 5 wrong tries', async () => {
    const c = await customer(h);
    const { code } = await createBindingCode(h.ctx, c.accountId);
    const ok = await call(h, 'POST', '/v1/devices/bind', {
      body: { bindingCode: code.toLowerCase(), deviceName: 'Balance 2' },
    });
    expect(ok.status).toBe(201);
    const again = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: code, deviceName: 'x' } });
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('bad-binding-code');

    const second = (await createBindingCode(h.ctx, c.accountId)).code;
    const wrong = second.slice(0, 3) + (second.slice(3) === '00000' ? '11111' : '00000');
    for (let i = 0; i < 5; i++) {
      const r = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: wrong, deviceName: 'x' } });
      expect(r.status).toBe(401);
    }
    const late = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: second, deviceName: 'x' } });
    expect(late.status).toBe(401);
  });

  it('four wrong tries leave the code usable', async () => {
    const c = await customer(h);
    const code = (await createBindingCode(h.ctx, c.accountId)).code;
    const wrong = code.slice(0, 3) + (code.slice(3) === '00000' ? '11111' : '00000');
    for (let i = 0; i < 4; i++)
      await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: wrong, deviceName: 'x' } });
    const r = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: code, deviceName: 'x' } });
    expect(r.status).toBe(201);
  });

  it('expires a binding code after 10 minutes', async () => {
    const c = await customer(h);
    const { code, expiresAt } = await createBindingCode(h.ctx, c.accountId);
    expect(expiresAt - h.clock.now).toBe(10 * 60_000);
    const saved = h.clock.now;
    h.clock.now = expiresAt;
    const r = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: code, deviceName: 'x' } });
    h.clock.now = saved;
    expect(r.status).toBe(401);
  });

  it('unbinding stops the credential and every lease at once', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    const second = await freshLease(c.credential);
    const del = await call(h, 'DELETE', '/v1/devices/self', { token: c.credential });
    expect(del.status).toBe(204);
    expect((await call(h, 'GET', '/v1/sync', { token: c.credential })).status).toBe(401);
    expect((await call(h, 'POST', '/v1/leases', { token: c.credential })).status).toBe(401);
    for (const lease of [c.lease, second]) {
      const r = await charge(merchantKey, generateCode(lease, h.clock.now), 100);
      expect(r.body).toMatchObject({ status: 'declined', reason: 'revoked' });
    }
  });
});

describe('credentials', () => {
  it('answers 401 {error, message} for a missing, malformed, wrong or wrong-kind credential', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    const cases: [string, Record<string, string>][] = [
      ['/v1/sync', {}],
      ['/v1/sync', { authorization: 'Basic abc' }],
      ['/v1/sync', { authorization: `Bearer ${c.credential}x` }],
      ['/v1/sync', { authorization: `Bearer ${merchantKey}` }],
    ];
    for (const [path, headers] of cases) {
      const r = await call(h, 'GET', path, { headers });
      expect(r.status).toBe(401);
      expect(Object.keys(r.body).sort()).toEqual(['error', 'message']);
    }
    const r = await charge(c.credential, '1', 1);
    expect(r.status).toBe(401);
  });
});

describe('limits', () => {
  it('reads and sets limits within the caps, and refuses more', async () => {
    const c = await customer(h);
    const got = await call(h, 'GET', '/v1/limits', { token: c.credential });
    expect(got.body).toEqual({
      currency: 'CNY',
      perPayment: 50_000,
      daily: 200_000,
      caps: { perPayment: 200_000, daily: 500_000 },
    });
    const put = await call(h, 'PUT', '/v1/limits', { token: c.credential, body: { perPayment: 1000, daily: 5000 } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ perPayment: 1000, daily: 5000 });
    for (const body of [
      { perPayment: 200_001, daily: 300_000 },
      { perPayment: 100, daily: 500_001 },
      { perPayment: 600, daily: 500 },
    ]) {
      const r = await call(h, 'PUT', '/v1/limits', { token: c.credential, body });
      expect(r.status).toBe(400);
    }
    expect((await call(h, 'GET', '/v1/limits', { token: c.credential })).body.perPayment).toBe(1000);
  });
});

describe('sync', () => {
  it('is 1.5 KB or less for one lease and 5 cards with 5 trips each, plus the ride credentials', async () => {
    const c = await customer(h);
    const { operatorKey } = await operator(h);
    const names = ['Shanghai Metro', 'Beijing Subway', 'Campus shuttle', 'City bus', 'Ferry'];
    for (const name of names) {
      const cardId = await card(h, c.accountId, 20_000, name);
      for (let i = 0; i < 6; i++) {
        const r = await call(h, 'POST', '/v1/transit/taps', {
          token: operatorKey,
          body: {
            cardId,
            fare: 300 + i,
            line: `Line ${10 + i}`,
            idempotencyKey: idem(),
            at: h.clock.now - i * 3600_000,
          },
        });
        expect(r.status).toBe(200);
      }
    }
    const saved = h.clock.now;
    h.clock.now += 37 * 3600_000; // past half the lease's life: sync carries a new lease
    const r = await call(h, 'GET', '/v1/sync', { token: c.credential });
    h.clock.now = saved;
    expect(r.status).toBe(200);
    expect(r.body.lease).not.toBeNull();
    expect(r.body.cards).toHaveLength(5);
    for (const cd of r.body.cards) expect(cd.trips).toHaveLength(5);
    expect(r.body.cards[0].trips[0]).toEqual([h.clock.now, 300, 'Line 10']);
    // The lease's ride credentials (docs/ride-codes.md) come on top: at most 150 bytes per card.
    const { ride, ...lease } = r.body.lease;
    expect(ride).toHaveLength(5);
    for (const c of ride) expect(Buffer.byteLength(JSON.stringify(c), 'utf8')).toBeLessThanOrEqual(150);
    const bytes = Buffer.byteLength(JSON.stringify({ ...r.body, lease }), 'utf8');
    expect(bytes).toBeLessThanOrEqual(1500);
    expect(Buffer.byteLength(r.text, 'utf8')).toBeLessThanOrEqual(1500 + 5 * 151);
  });

  it('sends a new lease only once the newest is past half its life', async () => {
    const c = await customer(h);
    const half = (c.lease.expiresAt - c.lease.notBefore) / 2;
    const saved = h.clock.now;
    h.clock.now = c.lease.notBefore + half - 1;
    const before = await call(h, 'GET', '/v1/sync', { token: c.credential });
    h.clock.now = c.lease.notBefore + half;
    const after = await call(h, 'GET', '/v1/sync', { token: c.credential });
    const next = await call(h, 'GET', '/v1/sync', { token: c.credential });
    h.clock.now = saved;
    expect(before.body.lease).toBeNull();
    expect(after.body.lease.leaseId).not.toBe(c.lease.leaseId);
    expect(next.body.lease).toBeNull();
  });

  it('reports spent today and the limits', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    await charge(merchantKey, generateCode(c.lease, h.clock.now), 1234);
    const r = await call(h, 'GET', '/v1/sync', { token: c.credential });
    expect(r.body.lim).toEqual({ cur: 'CNY', pp: 50_000, day: 200_000, spent: 1234 });
  });
});

describe('transit', () => {
  it('lists cards, tops up from the wallet idempotently, refuses more than the wallet holds', async () => {
    const c = await customer(h, 5000);
    const cardId = await card(h, c.accountId, 100);
    const list = await call(h, 'GET', '/v1/transit/cards', { token: c.credential });
    expect(list.body.cards).toEqual([
      { id: cardId, name: 'Metro card', balance: 100, currency: 'CNY', asOf: h.clock.now },
    ]);
    const key = idem();
    const first = await call(h, 'POST', `/v1/transit/cards/${cardId}/top-up`, {
      token: c.credential,
      body: { amount: 2000, idempotencyKey: key },
    });
    const replay = await call(h, 'POST', `/v1/transit/cards/${cardId}/top-up`, {
      token: c.credential,
      body: { amount: 2000, idempotencyKey: key },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ cardBalance: 2100, walletBalance: 3000 });
    expect(replay.body).toEqual(first.body);
    const over = await call(h, 'POST', `/v1/transit/cards/${cardId}/top-up`, {
      token: c.credential,
      body: { amount: 3001, idempotencyKey: idem() },
    });
    expect(over.status).toBe(409);
    expect(over.body.error).toBe('insufficient-funds');
  });

  it("does not top up another account's card", async () => {
    const a = await customer(h);
    const b = await customer(h);
    const cardId = await card(h, b.accountId, 0);
    const r = await call(h, 'POST', `/v1/transit/cards/${cardId}/top-up`, {
      token: a.credential,
      body: { amount: 1, idempotencyKey: idem() },
    });
    expect(r.status).toBe(404);
  });

  it('records taps with an operator key only, and refuses a fare above the balance', async () => {
    const c = await customer(h);
    const cardId = await card(h, c.accountId, 500);
    const { operatorKey } = await operator(h);
    const { merchantKey } = await merchant(h);
    const body = { cardId, fare: 300, line: 'Line 2', idempotencyKey: idem() };
    expect((await call(h, 'POST', '/v1/transit/taps', { token: merchantKey, body })).status).toBe(401);
    expect((await call(h, 'POST', '/v1/transit/taps', { token: c.credential, body })).status).toBe(401);
    const ok = await call(h, 'POST', '/v1/transit/taps', { token: operatorKey, body });
    expect(ok.body).toMatchObject({ cardId, fare: 300, balance: 200 });
    const replay = await call(h, 'POST', '/v1/transit/taps', { token: operatorKey, body });
    expect(replay.body).toEqual(ok.body);
    const over = await call(h, 'POST', '/v1/transit/taps', {
      token: operatorKey,
      body: { ...body, idempotencyKey: idem() },
    });
    expect(over.status).toBe(409);
  });
});

describe('charges', () => {
  it('approves a valid code once; the same key replays the answer, another key is declined as used', async () => {
    const c = await customer(h, 10_000);
    const { merchantKey } = await merchant(h);
    const code = generateCode(c.lease, h.clock.now);
    const key = idem();
    const first = await charge(merchantKey, code, 2500, 'CNY', key);
    expect(first.body).toMatchObject({ status: 'approved', amount: 2500, currency: 'CNY' });
    expect(await charge(merchantKey, code, 2500, 'CNY', key)).toMatchObject({ body: first.body });
    expect((await charge(merchantKey, code, 2500)).body).toMatchObject({ status: 'declined', reason: 'used' });
    const limits = await call(h, 'GET', '/v1/transit/cards', { token: c.credential });
    expect(limits.status).toBe(200);
    const bal = (await h.ctx.db.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', c.accountId))!;
    expect(bal.balance).toBe(7500);
  });

  it('declines each reason, and a declined valid code is spent', async () => {
    const c = await customer(h, 3000);
    const { merchantKey } = await merchant(h);
    await call(h, 'PUT', '/v1/limits', { token: c.credential, body: { perPayment: 2000, daily: 2500 } });
    const leases = [c.lease];
    for (let i = 0; i < 5; i++) leases.push(await freshLease(c.credential));
    const code = (i: number) => generateCode(leases[i]!, h.clock.now);

    expect((await charge(merchantKey, '88' + '0'.repeat(18), 1)).body.reason).toBe('unknown-code');
    expect((await charge(merchantKey, 'hello', 1)).body.reason).toBe('unknown-code');
    const overPp = code(0);
    expect((await charge(merchantKey, overPp, 2001)).body.reason).toBe('over-per-payment');
    expect((await charge(merchantKey, overPp, 1)).body.reason).toBe('used');
    expect((await charge(merchantKey, code(1), 100, 'EUR')).body.reason).toBe('currency-mismatch');
    expect((await charge(merchantKey, code(2), 2000)).body.status).toBe('approved');
    expect((await charge(merchantKey, code(3), 501)).body.reason).toBe('over-daily');
    await call(h, 'PUT', '/v1/limits', { token: c.credential, body: { perPayment: 2000, daily: 10_000 } });
    expect((await charge(merchantKey, code(4), 1001)).body.reason).toBe('insufficient-funds');
    expect((await charge(merchantKey, code(5), 1000)).body.status).toBe('approved');

    const saved = h.clock.now;
    h.clock.now = c.lease.expiresAt;
    const late = await charge(merchantKey, generateCode(c.lease, c.lease.expiresAt - 1), 1);
    h.clock.now = saved;
    expect(late.body.reason).toBe('expired');
    // A stale code of a live lease reads as unknown: no hint that the lease number is live.
    const stale = await charge(merchantKey, codeForStep(leases[1]!, leaseStepAt(leases[1]!, h.clock.now) - 5), 1);
    expect(stale.body.reason).toBe('unknown-code');
  });

  it('charges an EMV CPM payload, which shares the single-use slot with the numeric code', async () => {
    const c = await customer(h, 10_000);
    const { merchantKey } = await merchant(h);
    const emv = encodeEmvCpm(c.lease, h.clock.now);
    expect((await charge(merchantKey, emv, 700)).body).toMatchObject({ status: 'approved', amount: 700 });
    expect((await charge(merchantKey, generateCode(c.lease, h.clock.now), 700)).body.reason).toBe('used');
    const track2 = encodeEmvCpm(c.lease, h.clock.now + 60_000, { account: '57' });
    expect((await charge(merchantKey, track2, 700)).body.status).toBe('approved');
    expect((await charge(merchantKey, 'hQVDUFYwMQ==', 1)).body.reason).toBe('unknown-code');
  });

  it("stops evaluating a lease's codes after 5 failures in 10 minutes, then recovers", async () => {
    const c = await customer(h, 10_000);
    const { merchantKey } = await merchant(h);
    const saved = h.clock.now;
    h.clock.now = Math.ceil(h.clock.now / 600_000) * 600_000 + 60_000; // start of a 10-minute window
    const step = leaseStepAt(c.lease, h.clock.now);
    for (let i = 0; i < 5; i++) {
      const wrong = codeForStep(c.lease, step - 10 - i); // right lease, wrong one-time digits
      expect((await charge(merchantKey, wrong, 100)).body.reason).toBe('unknown-code');
    }
    const good = generateCode(c.lease, h.clock.now);
    expect((await charge(merchantKey, good, 100)).body.reason).toBe('unknown-code');
    h.clock.now += 10 * 60_000;
    expect((await charge(merchantKey, generateCode(c.lease, h.clock.now), 100)).body.status).toBe('approved');
    h.clock.now = saved;
  });

  it('refuses a merchant key after 100 failed codes in an hour', async () => {
    const { merchantKey } = await merchant(h);
    const c = await customer(h);
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++)
      statuses.push((await charge(merchantKey, `62${String(i).padStart(18, '0')}`, 1)).status);
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
    const blocked = await charge(merchantKey, generateCode(c.lease, h.clock.now), 1);
    expect(blocked.body.error).toBe('too-many-failures');
  });

  it('accepts a code from the neighbouring minute (watch clock drift)', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    const r = await charge(merchantKey, generateCode(c.lease, h.clock.now + 60_000), 100);
    expect(r.body.status).toBe('approved');
  });

  it('refunds up to the charged amount, idempotently, only for the merchant that charged', async () => {
    const c = await customer(h, 10_000);
    const m = await merchant(h);
    const other = await merchant(h);
    const ch = await charge(m.merchantKey, generateCode(c.lease, h.clock.now), 4000);
    const chargeId = ch.body.chargeId as string;
    const key = idem();
    const refund = (token: string, amount: number, idempotencyKey = idem()) =>
      call(h, 'POST', '/v1/merchant/refunds', { token, body: { chargeId, amount, idempotencyKey } });
    expect((await refund(other.merchantKey, 100)).status).toBe(404);
    const r1 = await refund(m.merchantKey, 1500, key);
    expect(r1.body).toMatchObject({ chargeId, amount: 1500, refundedTotal: 1500 });
    expect((await refund(m.merchantKey, 1500, key)).body.refundId).toBe(r1.body.refundId);
    expect((await refund(m.merchantKey, 2501)).status).toBe(409);
    expect((await refund(m.merchantKey, 2500)).body.refundedTotal).toBe(4000);
    const bal = (await h.ctx.db.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', c.accountId))!;
    expect(bal.balance).toBe(10_000);
  });
});

describe('errors and documents', () => {
  it('answers bad input with 4xx {error, message}', async () => {
    const { merchantKey } = await merchant(h);
    const bodies = [
      '{"code":',
      '[]',
      '{"code":"1","amount":"100","currency":"CNY","idempotencyKey":"k"}',
      '{"code":"1","amount":1.5,"currency":"CNY","idempotencyKey":"k"}',
      '{"code":"1","amount":0,"currency":"CNY","idempotencyKey":"k"}',
      '{"code":"1","amount":1,"currency":"cny","idempotencyKey":"k"}',
      '{"code":"1","amount":1,"currency":"CNY","idempotencyKey":"k","extra":1}',
    ];
    for (const rawBody of bodies) {
      const r = await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, rawBody });
      expect(r.status, rawBody).toBe(400);
      expect(Object.keys(r.body).sort()).toEqual(['error', 'message']);
    }
    const ct = await call(h, 'POST', '/v1/merchant/charges', {
      token: merchantKey,
      rawBody: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(ct.status).toBe(415);
    const nf = await call(h, 'GET', '/v1/nothing');
    expect(nf.status).toBe(404);
    expect(nf.body.error).toBe('not-found');
  });

  it('serves health and an OpenAPI document listing every route', async () => {
    expect((await call(h, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const doc = (await call(h, 'GET', '/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/healthz',
        '/readyz',
        '/v1/activity',
        '/v1/devices/bind',
        '/v1/devices/self',
        '/v1/leases',
        '/v1/limits',
        '/v1/merchant/charges',
        '/v1/merchant/refunds',
        '/v1/sync',
        '/v1/transit/cards',
        '/v1/transit/cards/{id}/options',
        '/v1/transit/cards/{id}/top-up',
        '/v1/transit/taps',
        '/v1/transit/ride-keys',
        '/v1/transit/ride-revocations',
        '/v1/transit/ride-taps',
        '/v1/transit/ride-taps/exceptions',
      ].sort(),
    );
    expect(doc.paths['/v1/merchant/charges'].post.requestBody.content['application/json'].schema.required).toContain(
      'idempotencyKey',
    );
  });
});
