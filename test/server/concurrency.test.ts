// Concurrent requests: single use of a code, the daily limit, rate limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeForStep } from '../../lib/payment/code';
import { leaseStepAt } from '../../lib/payment/lease';
import type { TokenLease } from '../../lib/payment/types';
import { reconcile } from '../../server/domain/ledger';
import { call, customer, type Harness, idem, merchant, startIssuer } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer({ config: { maxLiveLeasesPerDevice: 100 } });
});
afterAll(async () => {
  await h.close();
});

describe('under concurrency', () => {
  it('approves exactly one of 64 concurrent charges of one code', async () => {
    const c = await customer(h, 1_000_000);
    const { merchantKey } = await merchant(h);
    const code = codeForStep(c.lease, leaseStepAt(c.lease, h.clock.now));
    const answers = await Promise.all(
      Array.from({ length: 64 }, () =>
        call(h, 'POST', '/v1/merchant/charges', {
          token: merchantKey,
          body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() },
        }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const approved = answers.filter((a) => a.body.status === 'approved');
    expect(approved).toHaveLength(1);
    expect(answers.filter((a) => a.body.reason === 'used')).toHaveLength(63);
    const bal = (await h.ctx.db.get<{ balance: number }>('SELECT balance FROM books WHERE id = ?', c.accountId))!;
    expect(bal.balance).toBe(1_000_000 - 100);
    expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  });

  it('holds the daily limit under concurrent charges of different codes', async () => {
    const c = await customer(h, 1_000_000);
    const { merchantKey } = await merchant(h);
    await call(h, 'PUT', '/v1/limits', { token: c.credential, body: { perPayment: 1000, daily: 10_000 } });
    const leases: TokenLease[] = [c.lease];
    for (let i = 0; i < 39; i++) leases.push((await call(h, 'POST', '/v1/leases', { token: c.credential })).body.lease);
    const codes = leases.map((l) => codeForStep(l, leaseStepAt(l, h.clock.now)));
    const answers = await Promise.all(
      codes.map((code) =>
        call(h, 'POST', '/v1/merchant/charges', {
          token: merchantKey,
          body: { code, amount: 700, currency: 'CNY', idempotencyKey: idem() },
        }),
      ),
    );
    const approved = answers.filter((a) => a.body.status === 'approved');
    expect(approved).toHaveLength(14); // 14 * 700 = 9800 <= 10000 < 15 * 700
    expect(answers.filter((a) => a.body.reason === 'over-daily')).toHaveLength(26);
    const sync = await call(h, 'GET', '/v1/sync', { token: c.credential });
    expect(sync.body.lim.spent).toBe(9800);
    expect((await reconcile(h.ctx.db)).problems).toEqual([]);
  });

  it('replays one answer for one idempotency key sent concurrently', async () => {
    const c = await customer(h, 10_000);
    const { merchantKey } = await merchant(h);
    const code = codeForStep(c.lease, leaseStepAt(c.lease, h.clock.now));
    const key = idem();
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        call(h, 'POST', '/v1/merchant/charges', {
          token: merchantKey,
          body: { code, amount: 100, currency: 'CNY', idempotencyKey: key },
        }),
      ),
    );
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0]!.body.status).toBe('approved');
  });
});

describe('rate limits', () => {
  it('limits charges per merchant key, binding per address and leases per device', async () => {
    const tight = await startIssuer({
      config: {
        rateLimits: {
          bind: { max: 3, windowMs: 60_000 },
          leases: { max: 2, windowMs: 60_000 },
          charges: { max: 5, windowMs: 60_000 },
          other: { max: 1000, windowMs: 60_000 },
        },
      },
    });
    try {
      const c = await customer(tight); // one bind used
      const a = await merchant(tight);
      const b = await merchant(tight);
      const body = () => ({ code: '1', amount: 1, currency: 'CNY', idempotencyKey: idem() });
      const statuses = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (await call(tight, 'POST', '/v1/merchant/charges', { token: a.merchantKey, body: body() })).status,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await call(tight, 'POST', '/v1/merchant/charges', { token: a.merchantKey, body: body() });
      expect(limited.body.error).toBe('rate-limited');
      // Another merchant has its own budget.
      expect((await call(tight, 'POST', '/v1/merchant/charges', { token: b.merchantKey, body: body() })).status).toBe(
        200,
      );

      const leases = [];
      for (let i = 0; i < 3; i++)
        leases.push((await call(tight, 'POST', '/v1/leases', { token: c.credential })).status);
      expect(leases).toEqual([201, 201, 429]);

      const binds = [];
      for (let i = 0; i < 3; i++)
        binds.push(
          (await call(tight, 'POST', '/v1/devices/bind', { body: { bindingCode: 'AAAAAAAA', deviceName: 'x' } }))
            .status,
        );
      expect(binds).toEqual([401, 401, 429]);
    } finally {
      await tight.close();
    }
  });
});
