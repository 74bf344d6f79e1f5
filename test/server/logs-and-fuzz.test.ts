// No secret in any log line; no 500 for any body.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { createBindingCode } from '../../server/domain/admin';
import { reconcile } from '../../server/domain/ledger';
import { call, card, customer, type Harness, idem, merchant, operator, startIssuer } from './helpers';

describe('logs', () => {
  it('never print a credential, key, lease secret, binding code or payment code', async () => {
    const lines: string[] = [];
    const h = await startIssuer({ logStream: { write: (line: string) => void lines.push(line) } });
    try {
      const c = await customer(h);
      const { code: bindingCode } = await createBindingCode(h.ctx, c.accountId);
      const bound = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode, deviceName: 'x' } });
      const { merchantKey } = await merchant(h);
      const code = generateCode(c.lease, h.clock.now);
      await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() } });
      await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() } });
      // Broken JSON quoting the code: parsers like to echo what they choke on.
      await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, rawBody: `{"code":"${code}", amount: }` });
      await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, body: { code, amount: -1, currency: 'CNY', idempotencyKey: 'k' } });
      await call(h, 'GET', '/v1/sync', { token: `${c.credential}x` });
      await call(h, 'GET', '/v1/sync', { token: c.credential });
      const secrets = [c.credential, c.lease.secret, merchantKey, bindingCode, code, bound.body.credential, bound.body.lease.secret];
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10); // the logger did run at debug
      for (const s of secrets) expect(log).not.toContain(s);
      // The broken-JSON answer itself must not echo the code either.
      const broken = await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, rawBody: `{"code":"${code}", amount: }` });
      expect(broken.status).toBe(400);
      expect(broken.text).not.toContain(code);
    } finally {
      await h.close();
    }
  });
});

describe('fuzzed bodies', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  let cardId = '';
  beforeAll(async () => {
    h = await startIssuer();
    const c = await customer(h);
    tokens.device = c.credential;
    tokens.merchant = (await merchant(h)).merchantKey;
    tokens.operator = (await operator(h)).operatorKey;
    cardId = await card(h, c.accountId, 1000);
  });
  afterAll(async () => {
    expect((await reconcile(h.ctx.db)).problems).toEqual([]);
    await h.close();
  });

  const routes = (): [string, string, string | undefined][] => [
    ['POST', '/v1/devices/bind', undefined],
    ['PUT', '/v1/limits', tokens.device],
    ['POST', `/v1/transit/cards/${cardId}/top-up`, tokens.device],
    ['POST', '/v1/transit/taps', tokens.operator],
    ['POST', '/v1/merchant/charges', tokens.merchant],
    ['POST', '/v1/merchant/refunds', tokens.merchant],
  ];

  // Values near the fields' types and boundaries, so fuzzing reaches the handlers.
  const field = fc.oneof(
    fc.integer({ min: -2, max: 3 }),
    fc.constantFrom(0, 1, 1_000_000_000_000, 1_000_000_000_001, Number.MAX_SAFE_INTEGER, 1e300, -0, 0.5),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('CNY', 'cny', 'A1B2C3D4', '62000000000000000000', '', 'ch_000000000000', 'c_000000000000', '\u0000', 'k'),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  const keys = fc.constantFrom(
    'code', 'amount', 'currency', 'idempotencyKey', 'chargeId', 'bindingCode', 'deviceName', 'perPayment', 'daily', 'cardId', 'fare', 'line', 'at', '__proto__', 'constructor',
  );
  const body = fc.oneof(
    fc.dictionary(keys, field, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    fc.json(),
    fc.string({ maxLength: 60 }),
    fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
  );

  it('never answer 500, and every error has {error, message}', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), body, async (i, raw) => {
        const [method, path, token] = routes()[i]!;
        const r = await call(h, method, path, { token, rawBody: raw });
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(Object.keys(r.body ?? {}).sort()).toEqual(['error', 'message']);
      }),
      { numRuns: 400 },
    );
  });

  it('never answer 500 to odd headers, paths and methods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.constantFrom('/v1/sync', '/v1/limits', '/v1/transit/cards', '/v1/transit/cards/%00/top-up', '/v1/leases', '/v1/devices/self', '/healthz'),
        fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
        async (method, path, auth) => {
          const r = await call(h, method, path, { headers: { authorization: auth } });
          expect(r.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
