// No 500 for any body, header, path or method: the fuzzed-bodies suite, run at a third of its runs
// by logs-and-fuzz.test.ts (fast lane) and at full strength by fuzzed-bodies.slow.test.ts (slow lane).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../server/domain/ledger';
import { call, card, customer, type Harness, merchant, operator, startIssuer } from './helpers';

/** Full strength: 400 fuzzed bodies, 150 odd header/path/method requests. */
export const FULL_FUZZ_RUNS = { bodies: 400, headers: 150 };

export function fuzzedBodiesSuite(runs: { bodies: number; headers: number }): void {
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
      fc.constantFrom(
        'CNY',
        'cny',
        'A1B2C3D4',
        '62000000000000000000',
        '',
        'ch_000000000000',
        'c_000000000000',
        '\u0000',
        'k',
      ),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    const keys = fc.constantFrom(
      'code',
      'amount',
      'currency',
      'idempotencyKey',
      'chargeId',
      'bindingCode',
      'deviceName',
      'perPayment',
      'daily',
      'cardId',
      'fare',
      'line',
      'at',
      '__proto__',
      'constructor',
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
        { numRuns: runs.bodies },
      );
    });

    it('never answer 500 to odd headers, paths and methods', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          fc.constantFrom(
            '/v1/sync',
            '/v1/limits',
            '/v1/transit/cards',
            '/v1/transit/cards/%00/top-up',
            '/v1/leases',
            '/v1/devices/self',
            '/healthz',
          ),
          fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
          async (method, path, auth) => {
            const r = await call(h, method, path, { headers: { authorization: auth } });
            expect(r.status).toBeLessThan(500);
          },
        ),
        { numRuns: runs.headers },
      );
    });
  });
}
