// Shared test data for payment tests: leases built from seeds, never hard-coded results.
import fc from 'fast-check';
import { encodeBase64Url } from '../../lib/encoding/base64';
import type { TokenLease } from '../../lib/payment/types';

export const T0 = Date.UTC(2026, 10, 25, 21, 0, 0);

export function makeLease(over: Partial<TokenLease> = {}): TokenLease {
  return {
    v: 1,
    leaseId: 'lease-1',
    leaseNumber: '48213906',
    secret: encodeBase64Url(new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff)),
    step: 60,
    notBefore: T0 - 3600_000,
    expiresAt: T0 + 72 * 3600_000,
    issuerPrefix: '88',
    limits: { currency: 'CNY', perPayment: 50_000, daily: 200_000 },
    ...over,
  };
}

const allowedPrefix = fc
  .integer({ min: 0, max: 99 })
  .filter((n) => !((n >= 10 && n <= 15) || (n >= 25 && n <= 30) || n === 62))
  .map((n) => String(n).padStart(2, '0'));

/** Random valid leases, live around T0 (notBefore <= T0 < expiresAt). */
export const arbLease: fc.Arbitrary<TokenLease> = fc
  .record({
    secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    leaseDigits: fc.constantFrom(7, 8),
    leaseSeed: fc.nat({ max: 99_999_999 }),
    step: fc.constantFrom(30, 60, 60, 120, 300),
    prefix: allowedPrefix,
    back: fc.integer({ min: 0, max: 48 * 3600_000 }),
    ahead: fc.integer({ min: 1, max: 72 * 3600_000 }),
    id: fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
  })
  .map((r) => ({
    v: 1 as const,
    leaseId: r.id,
    leaseNumber: String(r.leaseSeed % 10 ** r.leaseDigits).padStart(r.leaseDigits, '0'),
    secret: encodeBase64Url(r.secret),
    step: r.step,
    notBefore: T0 - r.back,
    expiresAt: T0 + r.ahead,
    issuerPrefix: r.prefix,
    limits: { currency: 'CNY', perPayment: 1000, daily: 5000 },
  }));
