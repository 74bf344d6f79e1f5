// What the pay page remembers between openings (one LocalStorage record, issue 10): the code format
// used last, and the lowest step it may still show for the current lease, so a code the watch has
// shown as paid (or as declined: the issuer spends a code whatever the outcome) is never shown again.
//
// The rule (docs/payment-codes.md "A new code when needed"): the page shows step
// max(current, next). After a payment on step s, next = s + 1; "New code" on step s sets next = s + 1
// too. The issuer accepts steps current - 1 .. current + 1, so the page never shows a step beyond
// current + 1: when next is further ahead (a second payment within one step after a first "new code"),
// it shows "next code in N s" until the clock catches up (at most one step).
import { isRecord } from '../guards';
import { leaseStepAt } from '../payment/lease';
import type { TokenLease } from '../payment/types';
import { CODE_MODES, type CodeMode } from './pay-view';

export const PAY_MEMORY_KEY = 'pay.v1';

export interface PayMemory {
  v: 1;
  /** The format the page opens in. */
  mode: CodeMode;
  /** The lease `next` belongs to; null before the first payment. */
  leaseId: string | null;
  /** The lowest step of that lease the page may show. */
  next: number;
}

export const EMPTY_PAY_MEMORY: PayMemory = { v: 1, mode: 'barcode', leaseId: null, next: 0 };

/** Anything else (another version, a broken record) reads as the defaults: nothing worse than a barcode. */
export function parsePayMemory(x: unknown): PayMemory {
  if (!isRecord(x) || x.v !== 1) return EMPTY_PAY_MEMORY;
  const mode = (CODE_MODES as readonly unknown[]).includes(x.mode) ? (x.mode as CodeMode) : 'barcode';
  const leaseOk = typeof x.leaseId === 'string' && x.leaseId.length >= 1 && x.leaseId.length <= 128;
  const nextOk = Number.isSafeInteger(x.next) && (x.next as number) >= 0;
  return leaseOk && nextOk
    ? { v: 1, mode, leaseId: x.leaseId as string, next: x.next as number }
    : { v: 1, mode, leaseId: null, next: 0 };
}

export function withMode(memory: PayMemory, mode: CodeMode): PayMemory {
  return { ...memory, mode };
}

/** The step's code to show now, or `wait` (the step the clock must reach first) when none may be shown. */
export function stepToShow(
  memory: PayMemory,
  lease: TokenLease,
  issuerNowMs: number,
): { step: number } | { wait: number } {
  const current = leaseStepAt(lease, issuerNowMs);
  const next = memory.leaseId === lease.leaseId ? memory.next : 0;
  const step = Math.max(current, next);
  return step <= current + 1 ? { step } : { wait: step - 1 };
}

/** Step `step` was charged (approved or declined): never show it, or any before it, again. */
export function spent(memory: PayMemory, leaseId: string, step: number): PayMemory {
  const next = memory.leaseId === leaseId ? Math.max(memory.next, step + 1) : step + 1;
  return { ...memory, leaseId, next };
}

/** Whether "New code" can move on from `shown` now: only while the next step is inside the issuer's window. */
export function canSkip(shown: number, lease: TokenLease, issuerNowMs: number): boolean {
  return shown + 1 <= leaseStepAt(lease, issuerNowMs) + 1;
}
