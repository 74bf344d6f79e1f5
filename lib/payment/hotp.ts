// HOTP (RFC 4226) and TOTP (RFC 6238) over HMAC-SHA256, with dynamic truncation.
//
// The HMAC is a parameter: @noble/hashes (pure JS, runs in QuickJS) on the watch, node:crypto
// may be passed on the issuer. One HMAC a minute costs the watch about 0.5 ms (BENCHMARKS.md).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** HMAC-SHA256 of msg under key; must return the 32-byte tag. */
export type HmacSha256 = (key: Uint8Array, msg: Uint8Array) => Uint8Array;

export const nobleHmacSha256: HmacSha256 = (key, msg) => hmac(sha256, key, msg);

/**
 * Widest code we can reduce exactly with Number arithmetic: the remainder r < 10^13
 * times 256 plus a byte stays below 2^53.
 */
export const MAX_HOTP_DIGITS = 13;

const TWO_POW_32 = 4294967296;

/** The 8-byte big-endian counter block of RFC 4226. counter: a safe non-negative integer. */
export function counterBytes(counter: number): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError(`HOTP counter must be a non-negative safe integer, got ${counter}`);
  }
  const out = new Uint8Array(8);
  let hi = Math.floor(counter / TWO_POW_32);
  let lo = counter % TWO_POW_32;
  for (let i = 7; i >= 4; i--) {
    out[i] = lo & 0xff;
    lo = Math.floor(lo / 256);
  }
  for (let i = 3; i >= 0; i--) {
    out[i] = hi & 0xff;
    hi = Math.floor(hi / 256);
  }
  return out;
}

/**
 * Dynamic truncation of an HMAC tag to `digits` decimal digits.
 *
 * Up to 8 digits this is exactly RFC 4226 section 5.3: 31 bits from the offset given by
 * the low nibble of the last byte, reduced mod 10^digits. A 31-bit value carries only
 * 9.3 decimal digits of entropy (and 10^9 does not divide 2^31, so a 9th digit would be
 * skewed by up to 1.5x), so for 9..13 digits we widen the same dynamic window to 8 bytes
 * (63 bits after masking the sign bit) and reduce it exactly, byte by byte. The skew is
 * then below 2^63 / 10^13, i.e. under one part in 900 000.
 */
export function truncate(tag: Uint8Array, digits: number): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_HOTP_DIGITS) {
    throw new RangeError(`HOTP digits must be an integer from 1 to ${MAX_HOTP_DIGITS}, got ${digits}`);
  }
  const width = digits <= 8 ? 4 : 8;
  // The offset is at most 15, so the window must fit in tag[0 .. 15 + width - 1].
  if (tag.length < 16 + width) {
    throw new RangeError(`HMAC tag too short for ${digits} digits: ${tag.length} bytes`);
  }
  const offset = (tag[tag.length - 1] as number) & 0x0f;
  const modulus = 10 ** digits;
  let r = (tag[offset] as number) & 0x7f;
  for (let i = 1; i < width; i++) {
    r = (r * 256 + (tag[offset + i] as number)) % modulus;
  }
  r %= modulus;
  return String(r).padStart(digits, '0');
}

/** HOTP(key, counter) with `digits` digits (RFC 4226, HMAC-SHA256). */
export function hotp(key: Uint8Array, counter: number, digits: number, mac: HmacSha256 = nobleHmacSha256): string {
  return truncate(mac(key, counterBytes(counter)), digits);
}

/** The TOTP time step counter T = floor((now - T0) / X), RFC 6238 section 4.2. */
export function totpCounter(nowMs: number, stepSeconds: number, t0Ms = 0): number {
  if (!Number.isFinite(nowMs)) throw new RangeError(`time must be a finite number of milliseconds, got ${nowMs}`);
  if (!Number.isSafeInteger(stepSeconds) || stepSeconds < 1) {
    throw new RangeError(`TOTP step must be a positive whole number of seconds, got ${stepSeconds}`);
  }
  const t = Math.floor((nowMs - t0Ms) / (stepSeconds * 1000));
  if (t < 0) throw new RangeError('time is before T0');
  return t;
}
