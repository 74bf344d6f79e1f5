// The numeric payment code: format (field lengths), generation (watch) and parsing (issuer).
//
//   20 digits: PP LLLLLLLL OOOOOOOOO C   (lease number of 8 digits, 9 one-time digits)
//   18 digits: PP LLLLLLL  OOOOOOOO  C   (lease number of 7 digits, 8 one-time digits)
//
// PP issuer prefix, L lease number, O TOTP of the lease secret for the current step,
// C Luhn check digit over the 19 (17) digits before it. Even lengths keep Code 128
// set C free of a trailing odd digit. See docs/payment-codes.md for the odds.
import { hotp, nobleHmacSha256 } from './hotp';
import type { HmacSha256 } from './hotp';
import { isIssuerPrefixAllowed, LeaseError, leaseIsLive, leaseSecretBytes, leaseStepAt } from './lease';
import { luhnCheckDigit, luhnValid } from './luhn';
import type { TokenLease } from './types';

export interface CodeFormat {
  length: number;
  leaseDigits: number;
  otpDigits: number;
}

export const CODE_FORMATS: readonly CodeFormat[] = [
  { length: 20, leaseDigits: 8, otpDigits: 9 },
  { length: 18, leaseDigits: 7, otpDigits: 8 },
];

export const PREFIX_DIGITS = 2;

function formatForLength(length: number): CodeFormat | undefined {
  return CODE_FORMATS.find((l) => l.length === length);
}

function formatForLeaseNumber(leaseNumber: string): CodeFormat | undefined {
  return CODE_FORMATS.find((l) => l.leaseDigits === leaseNumber.length);
}

export interface ParsedCode {
  prefix: string;
  leaseNumber: string;
  otp: string;
  checkDigit: string;
  format: CodeFormat;
}

export type ParseCodeResult = { ok: true; code: ParsedCode } | { ok: false; reason: 'malformed' | 'bad-check-digit' };

/** Splits a scanned code into its fields. Only ASCII digits of a known length are accepted. */
export function parseCode(code: string): ParseCodeResult {
  if (typeof code !== 'string' || !/^\d+$/.test(code)) return { ok: false, reason: 'malformed' };
  const format = formatForLength(code.length);
  if (!format) return { ok: false, reason: 'malformed' };
  if (!luhnValid(code)) return { ok: false, reason: 'bad-check-digit' };
  const prefix = code.slice(0, PREFIX_DIGITS);
  if (!isIssuerPrefixAllowed(prefix)) return { ok: false, reason: 'malformed' };
  const otpStart = PREFIX_DIGITS + format.leaseDigits;
  return {
    ok: true,
    code: {
      prefix,
      leaseNumber: code.slice(PREFIX_DIGITS, otpStart),
      otp: code.slice(otpStart, otpStart + format.otpDigits),
      checkDigit: code.slice(-1),
      format,
    },
  };
}

/** The one-time digits of `lease` for TOTP step `step`. */
function otpForStep(secret: Uint8Array, step: number, format: CodeFormat, mac: HmacSha256 = nobleHmacSha256): string {
  return hotp(secret, step, format.otpDigits, mac);
}

/** Assembles the code of `lease` for `step`. `secret` may be passed to skip re-decoding it. */
export function codeForStep(
  lease: TokenLease,
  step: number,
  mac: HmacSha256 = nobleHmacSha256,
  secret: Uint8Array = leaseSecretBytes(lease),
): string {
  const format = formatForLeaseNumber(lease.leaseNumber);
  if (!format || !/^\d+$/.test(lease.leaseNumber))
    throw new LeaseError('invalid lease: leaseNumber must be 7 or 8 digits');
  if (!isIssuerPrefixAllowed(lease.issuerPrefix))
    throw new LeaseError(`invalid lease: issuerPrefix ${lease.issuerPrefix} is not allowed`);
  const body = lease.issuerPrefix + lease.leaseNumber + otpForStep(secret, step, format, mac);
  return body + luhnCheckDigit(body);
}

/**
 * The payment code for `nowMs` (the watch's clock). Throws LeaseError when the lease is
 * not live at nowMs: the page should check leaseIsLive first and ask for a sync.
 */
export function generateCode(lease: TokenLease, nowMs: number, mac: HmacSha256 = nobleHmacSha256): string {
  if (!leaseIsLive(lease, nowMs)) {
    throw new LeaseError(nowMs < lease.notBefore ? 'lease is not valid yet' : 'lease has expired');
  }
  return codeForStep(lease, leaseStepAt(lease, nowMs), mac);
}
