// Issuer-side verification of a payment code: code + time + lease lookup -> step or reason.
// The caller must then record (leaseId, step) as used atomically (a unique key), even when
// the payment itself is declined: a code is single-use.
import { constantTimeEqual } from '../encoding/bytes';
import { codeForStep, parseCode } from './code';
import type { HmacSha256 } from './hotp';
import { nobleHmacSha256 } from './hotp';
import { leaseSecretBytes, leaseStepAt } from './lease';
import type { LeaseRecord, VerifyResult } from './types';

export interface VerifyOptions {
  /** Steps accepted either side of the issuer's current step, for watch clock drift. Default 1. */
  driftSteps?: number;
  /** Whether (leaseId, step) was already spent. Without it nothing counts as used. */
  isUsed?: (leaseId: string, step: number) => boolean;
  hmac?: HmacSha256;
  /** If set, codes with another prefix are 'malformed' before any lookup. */
  issuerPrefix?: string;
}

export const DEFAULT_DRIFT_STEPS = 1;
export const MAX_DRIFT_STEPS = 10;

export function driftOf(opts: VerifyOptions | undefined): number {
  const d = opts?.driftSteps ?? DEFAULT_DRIFT_STEPS;
  if (!Number.isInteger(d) || d < 0 || d > MAX_DRIFT_STEPS) {
    throw new RangeError(`driftSteps must be an integer from 0 to ${MAX_DRIFT_STEPS}, got ${d}`);
  }
  return d;
}

/**
 * The part shared by the numeric code and EMV CPM: the window of steps, then lease state.
 * `matches(step)` says whether the presented one-time value belongs to that step; it is
 * called for every step of the window (no early exit), nearest the current step first.
 */
export function verifyInWindow(
  record: LeaseRecord,
  nowMs: number,
  opts: VerifyOptions | undefined,
  matches: (step: number) => boolean,
): VerifyResult {
  const { lease } = record;
  const drift = driftOf(opts);
  if (nowMs < lease.notBefore) return { ok: false, reason: 'outside-window' };
  // The window is checked before the lease's state: a wrong or stale one-time value reads
  // 'outside-window' on a revoked or expired lease too, so only the holder of a right code
  // learns that a lease is revoked or expired, and a guesser cannot tell dead lease numbers
  // from never-issued ones.
  const current = leaseStepAt(lease, nowMs);
  const hits: number[] = [];
  for (let k = 0; k <= drift; k++) {
    for (const step of k === 0 ? [current] : [current - k, current + k]) {
      if (step >= 0 && matches(step)) hits.push(step);
    }
  }
  if (hits.length === 0) return { ok: false, reason: 'outside-window' };
  if (record.revoked) return { ok: false, reason: 'revoked' };
  if (nowMs >= lease.expiresAt) return { ok: false, reason: 'expired' };
  // Two steps can share a one-time value by chance (about 1 in 10^8); take an unspent one.
  for (const step of hits) {
    if (!opts?.isUsed?.(lease.leaseId, step)) return { ok: true, leaseId: lease.leaseId, step };
  }
  return { ok: false, reason: 'used' };
}

export function verifyCode(
  code: string,
  nowMs: number,
  lookup: (leaseNumber: string) => LeaseRecord | undefined,
  opts?: VerifyOptions,
): VerifyResult {
  driftOf(opts); // bad options are a programming error: fail before looking at the code
  const parsed = parseCode(code);
  if (!parsed.ok) return parsed;
  const { prefix, leaseNumber } = parsed.code;
  if (opts?.issuerPrefix !== undefined && prefix !== opts.issuerPrefix) return { ok: false, reason: 'malformed' };
  const record = lookup(leaseNumber);
  if (!record || record.lease.leaseNumber !== leaseNumber || record.lease.issuerPrefix !== prefix) {
    return { ok: false, reason: 'unknown-lease' };
  }
  const mac = opts?.hmac ?? nobleHmacSha256;
  const secret = leaseSecretBytes(record.lease);
  return verifyInWindow(record, nowMs, opts, (step) =>
    constantTimeEqual(codeForStep(record.lease, step, mac, secret), code),
  );
}
