// Leases and sync documents for wallet tests.
import { makeLease } from '../payment/fixtures';
import type { SyncResponse } from '../../lib/issuer-api/types';
import type { TokenLease } from '../../lib/payment/types';

export const T0 = Date.UTC(2026, 10, 25, 9, 30, 12);

/** A live lease around T0 (the payment tests' lease, with this file's clock). */
export function lease(overrides: Partial<TokenLease> = {}): TokenLease {
  return makeLease({ notBefore: T0 - 3600_000, expiresAt: T0 + 72 * 3600_000, ...overrides });
}

export function sync(overrides: Partial<SyncResponse> = {}): SyncResponse {
  return {
    v: 1,
    asOf: T0,
    now: T0,
    lease: null,
    lim: { cur: 'CNY', pp: 50_000, day: 200_000, spent: 12_345 },
    cards: [
      { id: 'c1', name: 'Metro', bal: 8_820, trips: [[T0 - 600_000, 300, 'Line 2'], [T0 - 86_400_000 * 2, 200, 'Bus 37']] },
    ],
    ...overrides,
  };
}
