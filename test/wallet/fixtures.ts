// Leases and sync documents for wallet tests.
import { createHash } from 'node:crypto';
import type { SyncResponse } from '../../lib/issuer-api/types';
import type { TokenLease } from '../../lib/payment/types';

export const T0 = Date.UTC(2026, 10, 25, 9, 30, 12);

export function lease(overrides: Partial<TokenLease> = {}): TokenLease {
  return {
    v: 1,
    leaseId: 'lease-1',
    leaseNumber: '48213377',
    secret: createHash('sha256').update(overrides.leaseId ?? 'lease-1').digest('base64url'), // fixed: tests repeat exactly
    step: 60,
    notBefore: T0 - 3600_000,
    expiresAt: T0 + 72 * 3600_000,
    issuerPrefix: '88',
    limits: { currency: 'CNY', perPayment: 50_000, daily: 200_000 },
    ...overrides,
  };
}

export function sync(overrides: Partial<SyncResponse> = {}): SyncResponse {
  return {
    v: 1,
    asOf: T0,
    lease: null,
    lim: { cur: 'CNY', pp: 50_000, day: 200_000, spent: 12_345 },
    cards: [
      { id: 'c1', name: 'Metro', bal: 8_820, trips: [[T0 - 600_000, 300, 'Line 2'], [T0 - 86_400_000 * 2, 200, 'Bus 37']] },
    ],
    ...overrides,
  };
}
