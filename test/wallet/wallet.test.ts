import { describe, expect, it } from 'vitest';
import { applySync, codeState, EMPTY_WALLET, limitsLeft, parseWallet } from '../../lib/wallet/wallet';
import { parseSyncReply, parseSyncRequest, syncRequest } from '../../lib/wallet/watch-phone';
import { limitsView, statusKey, transitView } from '../../lib/wallet/views';
import type { SyncResponse } from '../../lib/issuer-api/types';
import { parseSyncResponse } from '../../lib/issuer-api/parse';
import { lease, sync, T0 } from '../../sim/fixtures/wallet';

const trustSync = (x: unknown) => x as SyncResponse;

describe('wallet record', () => {
  it('keeps its lease when a sync brings none, and takes a new one when it does', () => {
    const first = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    expect(first.lease?.leaseId).toBe('lease-1');
    expect(first.last?.lease).toBeNull();
    const second = applySync(first, sync(), T0 + 60_000);
    expect(second.lease?.leaseId).toBe('lease-1');
    const third = applySync(second, sync({ lease: lease({ leaseId: 'lease-2' }) }), T0 + 120_000);
    expect(third.lease?.leaseId).toBe('lease-2');
    expect(third.syncedAt).toBe(T0 + 120_000);
  });

  it('says when codes can be made', () => {
    expect(codeState(EMPTY_WALLET, T0)).toBe('no-lease');
    const w = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    expect(codeState(w, T0)).toBe('ready');
    expect(codeState(w, w.lease!.expiresAt)).toBe('expired');
    expect(codeState(w, w.lease!.notBefore - 1)).toBe('not-yet-valid');
  });

  it('counts limits left today, and a new UTC day as nothing spent', () => {
    const w = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    expect(limitsLeft(w, T0)).toMatchObject({ today: 200_000 - 12_345, perPayment: 50_000, spent: 12_345 });
    expect(limitsLeft(w, T0 + 86_400_000)).toMatchObject({ today: 200_000, spent: 0 });
    const nearlySpent = applySync(
      EMPTY_WALLET,
      sync({ lim: { cur: 'CNY', pp: 50_000, day: 200_000, spent: 190_000 } }),
      T0,
    );
    expect(limitsLeft(nearlySpent, T0)).toMatchObject({ today: 10_000, perPayment: 10_000 });
  });

  it("learns how far the watch clock is from the issuer's at each sync, and checks the lease and the UTC day on the issuer's clock", () => {
    // The watch's clock is 2 hours behind: the lease (from T0 - 1 h) is live on the issuer's clock.
    const behind = applySync(EMPTY_WALLET, sync({ lease: lease(), now: T0 }), T0 - 7_200_000);
    expect(behind.clockOffsetMs).toBe(7_200_000);
    expect(behind.last).not.toHaveProperty('now');
    expect(codeState(behind, T0 - 7_200_000)).toBe('ready');
    expect(codeState({ ...behind, clockOffsetMs: 0 }, T0 - 7_200_000)).toBe('not-yet-valid');
    // A watch 15 h ahead reads 00:30 the next UTC day while the issuer's day (and what it counted) goes on.
    const ahead = applySync(EMPTY_WALLET, sync({ now: T0 }), T0 + 15 * 3600_000);
    expect(limitsLeft(ahead, T0 + 15 * 3600_000)).toMatchObject({ spent: 12_345 });
    expect(limitsLeft({ ...ahead, clockOffsetMs: 0 }, T0 + 15 * 3600_000)).toMatchObject({ spent: 0 });
    expect(applySync(behind, sync({ now: T0 + 1000 }), T0 + 1000).clockOffsetMs).toBe(0);
  });

  it('reads a record stored before the offset was kept as "clocks agree"', () => {
    const w = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    const { clockOffsetMs: _, ...old } = JSON.parse(JSON.stringify(w)) as Record<string, unknown>;
    expect(parseWallet(old, parseSyncResponse)).toEqual({ ...w, clockOffsetMs: 0 });
    expect(parseWallet({ ...old, clockOffsetMs: 'soon' }, parseSyncResponse).clockOffsetMs).toBe(0);
    expect(parseWallet({ ...old, clockOffsetMs: -90_000 }, parseSyncResponse)).toEqual({
      ...w,
      clockOffsetMs: -90_000,
    });
  });

  it('round-trips through storage and drops a record that does not check out', () => {
    const w = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    expect(parseWallet(JSON.parse(JSON.stringify(w)), trustSync)).toEqual(w);
    expect(parseWallet({ ...w, lease: { ...w.lease, secret: 'short' } }, trustSync)).toEqual(EMPTY_WALLET);
    expect(parseWallet({ ...w, v: 2 }, trustSync)).toEqual(EMPTY_WALLET);
    expect(parseWallet('junk', trustSync)).toEqual(EMPTY_WALLET);
  });
});

describe('watch <-> phone messages', () => {
  it('checks requests and replies at each end', () => {
    expect(parseSyncRequest(syncRequest('lease-1'))).toEqual(syncRequest('lease-1'));
    expect(parseSyncRequest({ method: 'wallet.sync' })).toEqual(syncRequest(null));
    expect(() => parseSyncRequest({ method: 'other' })).toThrow(/wallet.sync/);
    expect(parseSyncReply({ ok: false, failure: 'not-bound', message: 'x' }, trustSync)).toEqual({
      ok: false,
      failure: 'not-bound',
      message: 'x',
    });
    expect(() => parseSyncReply({ ok: false, failure: 'boom' }, trustSync)).toThrow(/unknown failure/);
    expect(() => parseSyncReply(null, trustSync)).toThrow();
  });
});

describe('screens', () => {
  const clock = { now: T0, offsetMinutes: 480, language: 'en-US' as const };

  it('formats limits and transit in the user language', () => {
    const w = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    expect(limitsView(w, clock)).toEqual({
      leftToday: '¥1,876.55',
      perPayment: '¥500.00',
      spent: '¥123.45',
      daily: '¥2,000.00',
      asOf: '17:30',
    });
    const transit = transitView(w, { ...clock, language: 'ru-RU' });
    expect(transit.cards[0]).toMatchObject({ name: 'Metro', balance: '88,20\u00a0₽'.replace('₽', '¥') });
    expect(transit.cards[0]!.trips[0]).toEqual({ when: '17:20', line: 'Line 2', fare: '-3,00\u00a0¥' });
    expect(transit.cards[0]!.trips[1]!.when).toBe('23 ноя 17:30');
    expect(limitsView(EMPTY_WALLET, clock)).toBeNull();
    expect(transitView(EMPTY_WALLET, clock)).toEqual({ cards: [], asOf: null });
  });

  it('says how fresh the data is', () => {
    const w = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    expect(statusKey(EMPTY_WALLET, null).key).toBe('status.notBound');
    expect(statusKey(w, null)).toEqual({ key: 'status.synced', arg: 'syncedAt' });
    expect(statusKey(w, 'link').key).toBe('status.offline');
    expect(statusKey(w, 'issuer-unreachable').key).toBe('status.issuerDown');
    expect(statusKey(w, 'unbound').key).toBe('status.unbound');
  });
});
