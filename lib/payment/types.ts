// The contract between the watch (generates codes), the phone (carries leases)
// and the issuer (verifies codes). Implementations live beside this file.
import type { RideCredential } from '../ride/credential';

/** Spending limits as the issuer snapshots them into a lease. Integer minor units. */
export interface LimitsSnapshot {
  currency: string; // ISO 4217, e.g. "CNY"
  perPayment: number;
  daily: number;
}

/** What the issuer hands a bound device (version 1). All times are UTC milliseconds. */
export interface TokenLease {
  v: 1;
  leaseId: string; // opaque id, used by the phone and issuer (never inside a code)
  leaseNumber: string; // decimal digits, random, unique among live leases; goes into the code
  secret: string; // 32 bytes, base64url without padding
  step: number; // seconds per code, 60 by default
  notBefore: number;
  expiresAt: number;
  issuerPrefix: string; // 2 digits
  limits: LimitsSnapshot;
  /** Per transit card: the issuer's certificate of the card's ride key (lib/ride, docs/ride-codes.md). */
  ride?: RideCredential[];
}

/** What the issuer knows about a lease when it verifies a code. */
export interface LeaseRecord {
  lease: TokenLease;
  revoked: boolean;
}

export type VerifyFailure =
  | 'malformed' // not digits, wrong length, wrong prefix
  | 'bad-check-digit'
  | 'unknown-lease'
  | 'expired'
  | 'revoked'
  | 'outside-window'
  | 'used';

export type VerifyResult = { ok: true; leaseId: string; step: number } | { ok: false; reason: VerifyFailure };
