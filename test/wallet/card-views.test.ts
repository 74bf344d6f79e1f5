// A card's low-balance and automatic top-up state, the card page's view model and params, and the
// settings page's card options input: examples, then fast-check properties over their boundaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTO_TOP_UP_RESULTS } from '../../lib/issuer-api/constants';
import type { SyncCard } from '../../lib/issuer-api/types';
import { InputError, parseAmount, parseCardOptions, plainAmount } from '../../lib/wallet/settings-input';
import { cardKeys, parseAction } from '../../lib/wallet/settings-keys';
import { cardIdFromParams, cardPageView, cardState, transitView } from '../../lib/wallet/views';
import { applySync, EMPTY_WALLET } from '../../lib/wallet/wallet';
import { lease, sync, T0 } from '../../sim/fixtures/wallet';

const ctx = { now: T0, offsetMinutes: 480, language: 'en-US' as const };
const walletWith = (cards: SyncCard[]) => applySync(EMPTY_WALLET, { ...sync({ lease: lease() }), cards }, T0);
const metro = (over: Partial<SyncCard> = {}): SyncCard => ({
  id: 'c1',
  name: 'Metro',
  bal: 1_700,
  trips: [[T0 - 600_000, 300, 'Line 2']],
  ...over,
});

describe('card state', () => {
  it('is low under its threshold only, and tells an automatic top-up failure only while low', () => {
    expect(cardState(metro())).toEqual({ low: false, threshold: 0, auto: null });
    expect(cardState(metro({ low: 1_700 })).low).toBe(false); // at the threshold is not under it
    expect(cardState(metro({ low: 1_701 })).low).toBe(true);
    const failed = { amt: 5_000, at: T0, r: 'insufficient-funds' as const };
    expect(cardState(metro({ low: 2_000, auto: failed })).auto).toEqual({
      amount: 5_000,
      lastAt: T0,
      failure: 'insufficient-funds',
    });
    // Back above the threshold (a manual top-up): the failure is history.
    expect(cardState(metro({ bal: 9_000, low: 2_000, auto: failed })).auto?.failure).toBeNull();
  });

  it('property: low exactly when a threshold is set and the balance is under it; a failure only when low', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.option(fc.nat(1e9), { nil: undefined }),
        fc.option(
          fc.record(
            { amt: fc.nat(), at: fc.nat(), r: fc.constantFrom(...AUTO_TOP_UP_RESULTS) },
            { requiredKeys: ['amt'] },
          ),
          { nil: undefined },
        ),
        (bal, low, auto) => {
          const s = cardState({ bal, ...(low !== undefined ? { low } : {}), ...(auto ? { auto } : {}) });
          expect(s.low).toBe(low !== undefined && low > 0 && bal < low);
          expect(s.auto === null).toBe(auto === undefined);
          if (s.auto?.failure) {
            expect(s.low).toBe(true);
            expect(s.auto.failure).toBe(auto!.r);
          }
        },
      ),
    );
  });
});

describe('transit and card page views', () => {
  it('the transit page names the threshold of a low card', () => {
    const view = transitView(walletWith([metro({ low: 2_000 }), metro({ id: 'c2', name: 'Bus', low: 1_000 })]), ctx);
    expect(view.cards.map((c) => [c.id, c.lowUnder])).toEqual([
      ['c1', '¥20.00'],
      ['c2', null],
    ]);
  });

  it('the card page offers the ride code only for a card the lease certifies', () => {
    const wallet = walletWith([metro(), metro({ id: 'c2', name: 'Bus' })]);
    const cert = 'A'.repeat(86);
    const withRide = { ...wallet, lease: { ...wallet.lease!, ride: [{ card: 'c2', serial: 7, key: 0, cert }] } };
    expect(cardPageView(withRide, 'c2', ctx)!.actions).toEqual([
      { key: 'card.ride', url: 'page/ride/index.page', params: { card: 'c2' } },
    ]);
    expect(cardPageView(withRide, 'c1', ctx)!.actions).toEqual([]);
  });

  it('the card page: balance, as-of, notes in order, trips, and no actions without a ride credential', () => {
    const wallet = walletWith([
      metro({ low: 2_000, auto: { amt: 5_000, at: T0 - 60_000, r: 'over-daily' } }),
      metro({ id: 'c2', name: 'Bus', bal: 9_000, low: 2_000, auto: { amt: 5_000, at: T0 - 60_000, r: 'ok' } }),
    ]);
    const low = cardPageView(wallet, 'c1', ctx)!;
    expect(low).toMatchObject({ id: 'c1', name: 'Metro', balance: '¥17.00', lowUnder: '¥20.00', actions: [] });
    expect(low.asOf).toMatch(/^\d\d:\d\d$/);
    expect(low.notes).toEqual([
      { key: 'card.low', args: ['¥20.00'], warn: true },
      { key: 'card.autoFailDaily', args: [], warn: true },
      { key: 'card.autoOn', args: ['¥50.00'], warn: false },
    ]);
    expect(low.trips).toEqual([{ when: '17:20', line: 'Line 2', fare: '-¥3.00' }]);
    const fine = cardPageView(wallet, 'c2', ctx)!;
    expect(fine.notes).toEqual([
      { key: 'card.warnsUnder', args: ['¥20.00'], warn: false },
      { key: 'card.autoDone', args: ['¥50.00', '17:29'], warn: false },
      { key: 'card.autoOn', args: ['¥50.00'], warn: false },
    ]);
    expect(cardPageView(wallet, 'gone', ctx)).toBeNull();
    expect(cardPageView(EMPTY_WALLET, 'c1', ctx)).toBeNull();
  });

  it('reads the card id from the params push hands over, and nothing from anything else', () => {
    expect(cardIdFromParams(JSON.stringify({ card: 'c_0123456789ab' }))).toBe('c_0123456789ab');
    for (const bad of [undefined, null, '', 'c1', '{"card":1}', '[]', 'null', '{'])
      expect(cardIdFromParams(bad)).toBe('');
    fc.assert(
      fc.property(fc.string(), (id) => {
        expect(cardIdFromParams(JSON.stringify({ card: id }))).toBe(id);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          expect(typeof cardIdFromParams(text)).toBe('string');
        },
      ),
    );
  });
});

describe('card options input', () => {
  it('examples: empty threshold is none, automatic top-up needs a threshold and fits the daily limit', () => {
    expect(parseCardOptions({ low: '', auto: false, autoAmount: '' }, 'CNY')).toEqual({ low: 0, autoTopUp: null });
    expect(parseCardOptions({ low: '0.00', auto: false, autoAmount: 'x' }, 'CNY')).toEqual({ low: 0, autoTopUp: null });
    expect(parseCardOptions({ low: '18', auto: true, autoAmount: '50' }, 'CNY', 200_000)).toEqual({
      low: 1_800,
      autoTopUp: 5_000,
    });
    expect(() => parseCardOptions({ low: '', auto: true, autoAmount: '50' }, 'CNY')).toThrow(/low-balance amount/);
    expect(() => parseCardOptions({ low: '18', auto: true, autoAmount: '' }, 'CNY')).toThrow(InputError);
    expect(() => parseCardOptions({ low: '18', auto: true, autoAmount: '50' }, 'CNY', 4_000)).toThrow(/daily limit/);
    expect(() => parseCardOptions({ low: '-1', auto: false, autoAmount: '' }, 'CNY')).toThrow(InputError);
  });

  it('property: plainAmount is what parseAmount reads back, in every currency exponent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), fc.constantFrom('CNY', 'JPY', 'RUB'), (minor, cur) => {
        const amount = cur === 'JPY' ? Math.min(minor, 999_999_999) : minor;
        expect(parseAmount(plainAmount(amount, cur), cur)).toBe(amount);
      }),
    );
  });

  it('property: any typed input gives options the issuer accepts, or an InputError', () => {
    fc.assert(
      fc.property(
        fc.record({ low: fc.oneof(fc.string(), fc.nat().map(String)), auto: fc.boolean(), autoAmount: fc.string() }),
        fc.option(fc.nat(), { nil: null }),
        (input, daily) => {
          let out;
          try {
            out = parseCardOptions(input, 'CNY', daily);
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            return;
          }
          // What PUT /v1/transit/cards/:id/options takes (lib/issuer-api/schema CardOptionsUpdateSchema).
          expect(Number.isSafeInteger(out.low) && out.low >= 0 && out.low <= 1e12).toBe(true);
          if (out.autoTopUp !== null) {
            expect(input.auto).toBe(true);
            expect(out.low).toBeGreaterThan(0);
            expect(Number.isSafeInteger(out.autoTopUp) && out.autoTopUp >= 1 && out.autoTopUp <= 1e12).toBe(true);
            if (daily !== null) expect(out.autoTopUp).toBeLessThanOrEqual(daily);
          } else expect(input.auto).toBe(false);
        },
      ),
    );
  });

  it('the side service understands a card-options action only when it is well formed', () => {
    const ok = { type: 'card-options', id: '1', cardId: 'c', low: 1_800, autoTopUp: 5_000 };
    expect(parseAction(JSON.stringify(ok))).toEqual(ok);
    expect(parseAction(JSON.stringify({ ...ok, autoTopUp: null }))).toEqual({ ...ok, autoTopUp: null });
    for (const bad of [
      { low: -1 },
      { low: 1.5 },
      { autoTopUp: 0 },
      { autoTopUp: '5' },
      { cardId: '' },
      { low: undefined },
    ])
      expect(parseAction(JSON.stringify({ ...ok, ...bad }))).toBeNull();
    expect(cardKeys('c1')).toEqual({ low: 'card.c1.low', auto: 'card.c1.auto', autoAmount: 'card.c1.autoAmount' });
  });
});
