// An issuer ride key and a lease carrying ride credentials for two cards, made as the issuer makes
// them (lib/ride/issuer), for the ride tests.
import { encodeBase64Url } from '../../lib/encoding/base64';
import type { TokenLease } from '../../lib/payment/types';
import { deriveRideKey, rideNotAfter, ridePublicKey } from '../../lib/ride/code';
import { issuerKeyFromSeed, issuerPublicKey, signRideCert } from '../../lib/ride/issuer';

export const NOW = Date.UTC(2026, 10, 29, 22, 0, 0);
export const ISSUER_KEY_ID = 1;
export const ISSUER_SECRET = issuerKeyFromSeed(Uint8Array.from({ length: 48 }, (_, i) => i * 7 + 3));
export const ISSUER_KEYS = new Map([[ISSUER_KEY_ID, issuerPublicKey(ISSUER_SECRET)]]);
export const OTHER_ISSUER_SECRET = issuerKeyFromSeed(Uint8Array.from({ length: 48 }, (_, i) => i * 11 + 5));

export const CARD_A = 'c_aaaaaaaaaaaa';
export const CARD_B = 'c_bbbbbbbbbbbb';

export function rideLease(
  seed = 1,
  cards: Array<[string, number]> = [
    [CARD_A, 1000 + seed],
    [CARD_B, 2000 + seed],
  ],
): TokenLease {
  const secret = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + seed * 13) & 255);
  const lease: TokenLease = {
    v: 1,
    leaseId: `l_ride${seed}`,
    leaseNumber: '12345678',
    secret: encodeBase64Url(secret),
    step: 60,
    notBefore: NOW - 3_600_000,
    expiresAt: NOW + 24 * 3_600_000,
    issuerPrefix: '88',
    limits: { currency: 'CNY', perPayment: 10_000, daily: 50_000 },
  };
  lease.ride = cards.map(([card, serial]) => ({
    card,
    serial,
    key: ISSUER_KEY_ID,
    cert: signRideCert(
      ISSUER_SECRET,
      ISSUER_KEY_ID,
      serial,
      rideNotAfter(lease),
      ridePublicKey(deriveRideKey(secret, card)),
    ),
  }));
  return lease;
}
