// The ride credential a lease carries for each transit card (no cryptography here, so the pay page,
// which validates leases, does not pull @noble/curves in): which card, the certificate's serial, the
// issuer key that signed it and the signature. The card's private key is not in it: the watch and
// the issuer derive it from the lease secret (./code.ts deriveRideKey).
import { isRecord } from '../guards';

export interface RideCredential {
  card: string; // the card's id, as sync names it
  serial: number; // certificate serial, unique per (lease, card), 1..2^32-1
  key: number; // issuer key id, 0..7
  cert: string; // the issuer's P-256 signature (r || s, 64 bytes), base64url without padding (86 chars)
}

/** Cards per lease that may carry a credential (as many as sync lists). */
export const RIDE_MAX_CREDENTIALS = 16;
export const RIDE_KEY_IDS = 8;
const CERT_PATTERN = /^[A-Za-z0-9_-]{85}[AQgw]$/; // 64 bytes: the last character carries 2 bits

export function isRideCredential(x: unknown): x is RideCredential {
  return (
    isRecord(x) &&
    typeof x.card === 'string' &&
    /^[\x21-\x7e]{1,64}$/.test(x.card) &&
    typeof x.serial === 'number' &&
    Number.isInteger(x.serial) &&
    x.serial >= 1 &&
    x.serial <= 0xffffffff &&
    typeof x.key === 'number' &&
    Number.isInteger(x.key) &&
    x.key >= 0 &&
    x.key < RIDE_KEY_IDS &&
    typeof x.cert === 'string' &&
    CERT_PATTERN.test(x.cert)
  );
}

/** A clean copy of a lease's `ride` list, or null naming nothing if it is not one. */
export function cleanRideCredentials(x: unknown): RideCredential[] | null {
  if (!Array.isArray(x) || x.length > RIDE_MAX_CREDENTIALS) return null;
  const out: RideCredential[] = [];
  for (const c of x) {
    if (!isRideCredential(c)) return null;
    out.push({ card: c.card, serial: c.serial, key: c.key, cert: c.cert });
  }
  return out;
}
