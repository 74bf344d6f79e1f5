// The watch's side: the card key from the lease secret, and this step's ride code.
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64Url } from '../encoding/base64';
import type { TokenLease } from '../payment/types';
import type { RideCredential } from './credential';
import { encodeRideBytes, RIDE_FORMAT_VERSION, RIDE_STEP_SECONDS, rideBytesToDigits } from './format';
import { stepMessage } from './messages';

export class RideCodeError extends Error {
  override name = 'RideCodeError';
}

const KEY_SALT = Uint8Array.from('WW-RIDE-KEY-1', (c) => c.charCodeAt(0));

/**
 * The card's P-256 private key: HKDF-SHA256 of the lease secret with the card id as info, 48 bytes
 * reduced mod n (FIPS 186-5 A.2.1 through noble's randomSecretKey(seed)). The watch and the issuer
 * derive the same key, so the lease carries no second secret.
 */
export function deriveRideKey(leaseSecret: Uint8Array, cardId: string): Uint8Array {
  const info = Uint8Array.from(cardId, (c) => c.charCodeAt(0) & 255);
  return p256.utils.randomSecretKey(hkdf(sha256, leaseSecret, KEY_SALT, info, 48));
}

/** The compressed (33-byte) public key of a card key. */
export function ridePublicKey(secretKey: Uint8Array): Uint8Array {
  return p256.getPublicKey(secretKey, true);
}

/** The ride step at a time (Unix seconds / 30). */
export function rideStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / RIDE_STEP_SECONDS);
}

/** notAfter of the certificates in a lease: its expiry in whole Unix seconds. */
export function rideNotAfter(lease: { expiresAt: number }): number {
  return Math.floor(lease.expiresAt / 1000);
}

/**
 * Smaller fixed-base tables for the watch: noble's default (8-bit windows) keeps 4 096 points of
 * the base in memory and takes ~250 ms to build in QuickJS; 4-bit windows keep 512 and cost a few
 * ms more per signature. Call once before the first code.
 */
export function useSmallTables(): void {
  p256.Point.BASE.precompute(4, true);
}

export function rideCredentialFor(lease: TokenLease, cardId: string): RideCredential | undefined {
  return lease.ride?.find((c) => c.card === cardId);
}

/** This step's ride code (340 digits) for a card, or RideCodeError if the lease has no credential for it. */
export function makeRideCode(lease: TokenLease, cardId: string, nowMs: number): { text: string; step: number } {
  const cred = rideCredentialFor(lease, cardId);
  if (!cred) throw new RideCodeError('this lease has no ride credential for the card');
  const notAfter = rideNotAfter(lease);
  const step = rideStepAt(nowMs);
  const key = deriveRideKey(decodeBase64Url(lease.secret), cardId);
  const sig = p256.sign(stepMessage(RIDE_FORMAT_VERSION, cred.key, cred.serial, notAfter, step), key, {
    format: 'recovered',
    lowS: true,
  });
  // Recovery ids 2 and 3 (r overflowed n) occur with odds near 2^-128 on P-256; the format keeps one bit.
  if (sig[0]! > 1) throw new RideCodeError('signature recovery id out of range');
  const bytes = encodeRideBytes({
    version: RIDE_FORMAT_VERSION,
    recovery: sig[0]!,
    keyId: cred.key,
    serial: cred.serial,
    notAfter,
    certSig: decodeBase64Url(cred.cert),
    step,
    stepSig: sig.subarray(1),
  });
  return { text: rideBytesToDigits(bytes), step };
}
