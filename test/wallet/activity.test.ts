// The confirmation's message contract and its decision "was the code on screen charged?"
// (lib/wallet/activity.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECLINE_REASONS } from '../../lib/issuer-api/constants';
import type { ActivityItem } from '../../lib/issuer-api/types';
import {
  activityRequest,
  declineKey,
  outcomeFor,
  parseActivityReply,
  parseActivityRequest,
} from '../../lib/wallet/activity';
import { MessageError } from '../../lib/wallet/watch-phone';

const item = (over: Partial<ActivityItem>): ActivityItem => ({
  id: 'ch_1',
  kind: 'charge',
  at: 1000,
  status: 'approved',
  reason: null,
  amount: 2350,
  currency: 'CNY',
  merchant: 'Campus canteen',
  leaseId: 'lease-1',
  step: 7,
  ...over,
});
const shown = { leaseId: 'lease-1', step: 7, shownSince: 900 };

describe('outcomeFor', () => {
  it('a charge of the step on screen is "paid", with amount and merchant', () => {
    expect(outcomeFor([item({})], shown, new Set())).toEqual({
      kind: 'paid',
      id: 'ch_1',
      amount: 2350,
      currency: 'CNY',
      merchant: 'Campus canteen',
    });
  });

  it('a declined one carries its reason; a code used again counts only after it was shown', () => {
    expect(outcomeFor([item({ status: 'declined', reason: 'over-daily' })], shown, new Set())).toMatchObject({
      kind: 'declined',
      reason: 'over-daily',
    });
    const used = item({ status: 'declined', reason: 'used', step: null });
    expect(outcomeFor([used], shown, new Set())).toMatchObject({ kind: 'declined', reason: 'used' });
    expect(outcomeFor([{ ...used, at: 899 }], shown, new Set())).toBeNull();
  });

  it('ignores other steps, other leases, refunds and what was shown already', () => {
    expect(outcomeFor([item({ step: 6 })], shown, new Set())).toBeNull();
    expect(outcomeFor([item({ leaseId: 'lease-2' })], shown, new Set())).toBeNull();
    expect(outcomeFor([item({ kind: 'refund', step: null })], shown, new Set())).toBeNull();
    expect(outcomeFor([item({})], shown, new Set(['ch_1']))).toBeNull();
  });

  it('every reason has words for the user; the ones the issue names have their own', () => {
    const keys = DECLINE_REASONS.map(declineKey);
    for (const k of keys) expect(k).toMatch(/^paid\.declined\./);
    expect(new Set([declineKey('over-daily'), declineKey('insufficient-funds'), declineKey('used')]).size).toBe(3);
  });
});

describe('wallet.activity messages', () => {
  it('a request survives the trip and a bad one is refused', () => {
    expect(parseActivityRequest(JSON.parse(JSON.stringify(activityRequest(1234.7))))).toEqual({
      method: 'wallet.activity',
      params: { since: 1234 },
    });
    for (const bad of [null, {}, { method: 'wallet.sync' }, { method: 'wallet.activity', params: { since: -1 } }])
      expect(() => parseActivityRequest(bad)).toThrow(MessageError);
  });

  it('replies: parsed, or refused with a MessageError / IssuerApiError, never anything else (any JSON)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        try {
          const r = parseActivityReply(x);
          expect(typeof r.ok).toBe('boolean');
        } catch (e) {
          expect((e as Error).name).toMatch(/^(MessageError|IssuerApiError)$/);
        }
      }),
      { numRuns: 300 },
    );
    expect(parseActivityReply({ ok: true, activity: { now: 5, items: [item({})] } })).toEqual({
      ok: true,
      activity: { now: 5, items: [item({})] },
    });
    expect(parseActivityReply({ ok: false, failure: 'issuer-unreachable' })).toEqual({
      ok: false,
      failure: 'issuer-unreachable',
    });
  });
});

describe('outcomeFor, a payment and a re-scan in one answer', () => {
  it('reads as the payment, whatever order the issuer lists them in', () => {
    const paid = item({ id: 'ch_a' });
    const again = item({ id: 'ch_b', status: 'declined', reason: 'used', step: null });
    for (const items of [
      [paid, again],
      [again, paid],
    ])
      expect(outcomeFor(items, shown, new Set())).toMatchObject({ kind: 'paid', id: 'ch_a' });
  });
});
