// lib/issuer-api/parse: what the phone accepts from the issuer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IssuerApiError,
  parseApiError,
  parseBindResponse,
  parseCardsResponse,
  parseChargeResponse,
  parseLimits,
  parseSyncResponse,
  SYNC_MAX_CARDS,
} from '../../lib/issuer-api/parse';
import type { SyncResponse } from '../../lib/issuer-api/types';
import { DECLINE_REASONS } from '../../lib/issuer-api/types';
import { call, card, customer, type Harness, merchant, startIssuer } from './helpers';

const safeNat = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const leaseArb = fc
  .record({
    v: fc.constant(1 as const),
    leaseId: fc.stringMatching(/^l_[0-9a-z]{12}$/),
    leaseNumber: fc.stringMatching(/^\d{8}$/),
    secret: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url')),
    step: fc.constant(60),
    notBefore: fc.integer({ min: 0, max: 2e12 }),
    expiresAt: fc.constant(0),
    issuerPrefix: fc.constant('88'),
    limits: fc.record({ currency: fc.constantFrom('CNY', 'EUR'), perPayment: safeNat, daily: safeNat }),
  })
  .map((l) => ({ ...l, expiresAt: l.notBefore + 72 * 3600_000 }));
const syncArb: fc.Arbitrary<SyncResponse> = fc.record({
  v: fc.constant(1 as const),
  asOf: safeNat,
  now: safeNat,
  lease: fc.option(leaseArb, { nil: null }),
  lim: fc.record({ cur: fc.constantFrom('CNY', 'RUB'), pp: safeNat, day: safeNat, spent: safeNat }),
  cards: fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 20 }),
      name: fc.string({ minLength: 1, maxLength: 30 }),
      bal: fc.maxSafeInteger(),
      trips: fc.array(fc.tuple(safeNat, safeNat, fc.string({ minLength: 1, maxLength: 16 })), { maxLength: 5 }),
    }),
    { maxLength: 5 },
  ),
});

describe('parseSyncResponse', () => {
  it('returns exactly what a valid response holds', () => {
    fc.assert(
      fc.property(syncArb, (s) => {
        expect(parseSyncResponse(JSON.parse(JSON.stringify(s)))).toEqual(s);
      }),
    );
  });

  it('drops unknown fields', () => {
    fc.assert(
      fc.property(syncArb, (s) => {
        const extra = { ...s, extra: 1, lim: { ...s.lim, x: 2 } };
        expect(parseSyncResponse(extra)).toEqual(s);
      }),
    );
  });

  it('throws IssuerApiError, and nothing else, for any other value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        try {
          parseSyncResponse(x);
        } catch (e) {
          expect(e).toBeInstanceOf(IssuerApiError);
        }
      }),
    );
  });

  it('rejects one broken field, naming it', () => {
    const breakers: [string, (s: any) => void][] = [
      ['sync.v', (s) => (s.v = 2)],
      ['sync.asOf', (s) => (s.asOf = -1)],
      ['sync.now', (s) => (s.now = -1)],
      ['sync.lim.cur', (s) => (s.lim.cur = 'cny')],
      ['sync.lim.spent', (s) => (s.lim.spent = 1.5)],
      ['sync.lease', (s) => (s.lease = { ...(s.lease ?? {}), secret: 'short' })],
      ['sync.cards', (s) => (s.cards = {})],
    ];
    fc.assert(
      fc.property(syncArb, fc.nat({ max: breakers.length - 1 }), (s, i) => {
        const [path, brk] = breakers[i]!;
        const copy = JSON.parse(JSON.stringify(s));
        brk(copy);
        expect(() => parseSyncResponse(copy)).toThrow(new RegExp(`^${path.replace(/\./g, '\\.')}`));
      }),
    );
  });

  it('refuses more than 5 trips on a card', () => {
    fc.assert(
      fc.property(syncArb, (s) => {
        const copy = {
          ...s,
          cards: [{ id: 'c', name: 'n', bal: 0, trips: Array.from({ length: 6 }, () => [0, 0, 'x']) }],
        };
        expect(() => parseSyncResponse(copy)).toThrow(IssuerApiError);
      }),
    );
  });
});

describe('other parsers', () => {
  it('accept exactly the decline reasons', () => {
    fc.assert(
      fc.property(fc.string(), (reason) => {
        const ok = (DECLINE_REASONS as readonly string[]).includes(reason);
        const run = () => parseChargeResponse({ status: 'declined', chargeId: 'ch_1', reason });
        if (ok) expect(run()).toEqual({ status: 'declined', chargeId: 'ch_1', reason });
        else expect(run).toThrow(IssuerApiError);
      }),
    );
  });

  it('read error bodies, and only those', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const r = parseApiError(x);
        const o = x as Record<string, unknown> | null;
        const isErr =
          typeof o === 'object' && o !== null && typeof o.error === 'string' && typeof o.message === 'string';
        expect(r !== undefined).toBe(isErr);
      }),
    );
  });
});

describe('against the real issuer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startIssuer();
  });
  afterAll(async () => {
    await h.close();
  });

  it('parses bind, limits, cards and sync answers unchanged', async () => {
    const c = await customer(h);
    await card(h, c.accountId, 1000, 'Metro');
    expect(parseBindResponse({ deviceId: c.deviceId, credential: c.credential, lease: c.lease }).lease).toEqual(
      c.lease,
    );
    for (const [path, parse] of [
      ['/v1/limits', parseLimits],
      ['/v1/transit/cards', parseCardsResponse],
      ['/v1/sync', parseSyncResponse],
    ] as const) {
      const r = await call(h, 'GET', path, { token: c.credential });
      expect(parse(r.body)).toEqual(r.body);
    }
    const { merchantKey } = await merchant(h);
    const ch = await call(h, 'POST', '/v1/merchant/charges', {
      token: merchantKey,
      body: { code: '1', amount: 1, currency: 'CNY', idempotencyKey: 'a' },
    });
    expect(parseChargeResponse(ch.body)).toEqual(ch.body);
  });

  it('sends at most SYNC_MAX_CARDS cards in a sync, the first ones, so the phone never refuses it', async () => {
    const c = await customer(h);
    const ids: string[] = [];
    for (let i = 0; i <= SYNC_MAX_CARDS; i++) ids.push(await card(h, c.accountId, 100, `Card ${i}`));
    const r = await call(h, 'GET', '/v1/sync', { token: c.credential });
    expect(r.body.cards.map((x: { id: string }) => x.id)).toEqual(ids.slice(0, SYNC_MAX_CARDS));
    expect(parseSyncResponse(r.body)).toEqual(r.body);
  });
});
