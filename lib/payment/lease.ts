// Token leases: what the issuer hands a bound device, and the checks every side runs on one.
import { decodeBase64Url } from '../encoding/base64';
import { totpCounter } from './hotp';
import type { LimitsSnapshot, TokenLease } from './types';
import { isCurrencyCode, isNonNegativeInt, isRecord } from '../guards';
import { cleanRideCredentials } from '../ride/credential';

export class LeaseError extends Error {
  override name = 'LeaseError';
}

export const LEASE_VERSION = 1;
export const SECRET_BYTES = 32;
/** Steps from 30 s to 5 min. 30 s keeps 2^16 steps (the EMV ATC range) above the longest lease. */
export const MIN_STEP_SECONDS = 30;
export const MAX_STEP_SECONDS = 300;
/** Longest lease we accept: 14 days (2^16 steps of 30 s last 22.7 days). */
export const MAX_LEASE_LIFETIME_MS = 14 * 24 * 3600 * 1000;
/** Lease number lengths: 8 digits give the 20-digit code, 7 digits the 18-digit code. */
export const LEASE_NUMBER_LENGTHS: readonly number[] = [7, 8];
export const DEFAULT_LEASE_NUMBER_LENGTH = 8;

/**
 * Issuer prefixes that must not be used: 10-15 (WeChat Pay), 25-30 (Alipay) and 62 (UnionPay)
 * payment codes start with these, and registers route on the first two digits.
 */
export function isIssuerPrefixAllowed(prefix: string): boolean {
  if (typeof prefix !== 'string' || !/^\d\d$/.test(prefix)) return false;
  const n = Number(prefix);
  return !((n >= 10 && n <= 15) || (n >= 25 && n <= 30) || n === 62);
}

function fail(msg: string): never {
  throw new LeaseError(`invalid lease: ${msg}`);
}

function time(x: unknown, what: string): number {
  if (!isNonNegativeInt(x)) fail(`${what} must be UTC milliseconds (a non-negative integer)`);
  return x;
}

function amount(x: unknown, what: string): number {
  if (!isNonNegativeInt(x)) fail(`${what} must be a non-negative integer of minor units`);
  return x;
}

function validateLimits(x: unknown): LimitsSnapshot {
  if (!isRecord(x)) fail('limits must be an object');
  if (!isCurrencyCode(x.currency)) fail('limits.currency must be an ISO 4217 code like "CNY"');
  return {
    currency: x.currency,
    perPayment: amount(x.perPayment, 'limits.perPayment'),
    daily: amount(x.daily, 'limits.daily'),
  };
}

/**
 * Checks an untrusted value (from the network or storage) and returns a clean TokenLease
 * holding only the known fields. Throws LeaseError naming the first bad field.
 */
export function validateLease(x: unknown): TokenLease {
  if (!isRecord(x)) fail('not an object');
  if (x.v !== LEASE_VERSION) fail(`unsupported version ${JSON.stringify(x.v)} (expected ${LEASE_VERSION})`);
  const { leaseId, leaseNumber, secret, step, issuerPrefix } = x;
  if (typeof leaseId !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(leaseId))
    fail('leaseId must be 1-128 printable ASCII characters');
  if (
    typeof leaseNumber !== 'string' ||
    !/^\d+$/.test(leaseNumber) ||
    !LEASE_NUMBER_LENGTHS.includes(leaseNumber.length)
  ) {
    fail(`leaseNumber must be ${LEASE_NUMBER_LENGTHS.join(' or ')} digits`);
  }
  if (typeof secret !== 'string') fail('secret must be a base64url string');
  let key: Uint8Array;
  try {
    key = decodeBase64Url(secret);
  } catch {
    fail('secret is not unpadded base64url');
  }
  if (key.length !== SECRET_BYTES) fail(`secret must be ${SECRET_BYTES} bytes, got ${key.length}`);
  if (typeof step !== 'number' || !Number.isInteger(step) || step < MIN_STEP_SECONDS || step > MAX_STEP_SECONDS) {
    fail(`step must be whole seconds from ${MIN_STEP_SECONDS} to ${MAX_STEP_SECONDS}`);
  }
  const notBefore = time(x.notBefore, 'notBefore');
  const expiresAt = time(x.expiresAt, 'expiresAt');
  if (expiresAt <= notBefore) fail('expiresAt must be after notBefore');
  if (expiresAt - notBefore > MAX_LEASE_LIFETIME_MS) fail(`lifetime exceeds ${MAX_LEASE_LIFETIME_MS / 3600000} h`);
  if (typeof issuerPrefix !== 'string' || !/^\d\d$/.test(issuerPrefix)) fail('issuerPrefix must be 2 digits');
  if (!isIssuerPrefixAllowed(issuerPrefix))
    fail(`issuerPrefix ${issuerPrefix} is reserved (10-15 WeChat Pay, 25-30 Alipay)`);
  const lease: TokenLease = {
    v: LEASE_VERSION,
    leaseId,
    leaseNumber,
    secret,
    step,
    notBefore,
    expiresAt,
    issuerPrefix,
    limits: validateLimits(x.limits),
  };
  if (x.ride !== undefined) {
    const ride = cleanRideCredentials(x.ride);
    if (!ride) fail('ride must be a list of at most 16 ride credentials {card, serial, key, cert}');
    lease.ride = ride;
  }
  return lease;
}

/** The lease's 32-byte secret. Throws LeaseError if it is not valid base64url of that size. */
export function leaseSecretBytes(lease: TokenLease): Uint8Array {
  let key: Uint8Array;
  try {
    key = decodeBase64Url(lease.secret);
  } catch {
    throw new LeaseError('invalid lease: secret is not unpadded base64url');
  }
  if (key.length !== SECRET_BYTES) throw new LeaseError(`invalid lease: secret must be ${SECRET_BYTES} bytes`);
  return key;
}

/** The TOTP step counter (Unix time / step, T0 = 0) at nowMs. */
export function leaseStepAt(lease: TokenLease, nowMs: number): number {
  return totpCounter(nowMs, lease.step);
}

/** True from notBefore (inclusive) to expiresAt (exclusive). Revocation is the issuer's to know. */
export function leaseIsLive(lease: TokenLease, nowMs: number): boolean {
  return nowMs >= lease.notBefore && nowMs < lease.expiresAt;
}

/**
 * A uniformly random lease number of `digits` digits, from a source of random bytes
 * (node:crypto randomBytes on the issuer). Rejection sampling keeps each digit unbiased.
 * The issuer must still check it is unused among live leases and draw again if not.
 */
export function newLeaseNumber(randomBytes: (n: number) => Uint8Array, digits = DEFAULT_LEASE_NUMBER_LENGTH): string {
  if (!LEASE_NUMBER_LENGTHS.includes(digits))
    throw new RangeError(`lease numbers have ${LEASE_NUMBER_LENGTHS.join(' or ')} digits`);
  let out = '';
  while (out.length < digits) {
    const bytes = randomBytes(digits * 2);
    if (!(bytes instanceof Uint8Array) || bytes.length === 0)
      throw new TypeError('randomBytes must return a non-empty Uint8Array');
    for (let i = 0; i < bytes.length && out.length < digits; i++) {
      const b = bytes[i] as number;
      if (b < 250) out += String(b % 10); // 250 = 25 * 10: drop 250-255 to avoid bias
    }
  }
  return out;
}
