import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeForStep, generateCode } from '../../lib/payment/code';
import { luhnCheckDigit } from '../../lib/payment/luhn';
import { leaseStepAt } from '../../lib/payment/lease';
import type { LeaseRecord, TokenLease } from '../../lib/payment/types';
import { verifyCode } from '../../lib/payment/verify';
import { arbLease, makeLease, T0 } from '../../sim/fixtures/lease';

const lookupOf =
  (lease: TokenLease, revoked = false) =>
  (n: string): LeaseRecord | undefined =>
    n === lease.leaseNumber ? { lease, revoked } : undefined;

/** Replace digit i and re-fix the Luhn digit, so only the body changed. */
function withDigit(code: string, i: number, bump: number): string {
  const body = code.slice(0, -1);
  const changed = body.slice(0, i) + String((Number(body[i]) + bump) % 10) + body.slice(i + 1);
  return changed + luhnCheckDigit(changed);
}

describe('verifyCode', () => {
  it('accepts a code within +-drift steps of the issuer clock and refuses it outside', () => {
    fc.assert(
      fc.property(
        arbLease,
        fc.integer({ min: 0, max: 3600_000 }),
        fc.integer({ min: -4 * 300_000, max: 4 * 300_000 }),
        fc.integer({ min: 0, max: 3 }),
        (lease, dt, skew, drift) => {
          const watchNow = Math.min(T0 + dt, lease.expiresAt - 1);
          const issuerNow = watchNow + skew;
          fc.pre(issuerNow >= lease.notBefore && issuerNow < lease.expiresAt);
          const code = generateCode(lease, watchNow);
          const gap = Math.abs(leaseStepAt(lease, issuerNow) - leaseStepAt(lease, watchNow));
          const r = verifyCode(code, issuerNow, lookupOf(lease), { driftSteps: drift });
          if (gap <= drift) expect(r).toEqual({ ok: true, leaseId: lease.leaseId, step: leaseStepAt(lease, watchNow) });
          else expect(r).toEqual({ ok: false, reason: 'outside-window' });
        },
      ),
    );
  });

  it('default drift is one step', () => {
    const lease = makeLease();
    const s = leaseStepAt(lease, T0);
    for (const [d, ok] of [
      [-2, false],
      [-1, true],
      [0, true],
      [1, true],
      [2, false],
    ] as const) {
      expect(verifyCode(codeForStep(lease, s + d), T0, lookupOf(lease)).ok).toBe(ok);
    }
  });

  it('a changed digit fails: check digit, or lease/otp when the check digit is fixed', () => {
    fc.assert(
      fc.property(arbLease, fc.nat(), fc.integer({ min: 1, max: 9 }), (lease, at, bump) => {
        const code = generateCode(lease, T0);
        const i = at % code.length;
        const raw = code.slice(0, i) + String((Number(code[i]) + bump) % 10) + code.slice(i + 1);
        expect(verifyCode(raw, T0, lookupOf(lease)).ok).toBe(false);
        expect((verifyCode(raw, T0, lookupOf(lease)) as { reason: string }).reason).toMatch(
          /bad-check-digit|malformed/,
        );
        const j = at % (code.length - 1);
        const fixed = withDigit(code, j, bump);
        const r = verifyCode(fixed, T0, lookupOf(lease));
        expect(r.ok).toBe(false);
        const where =
          j < 2 ? /malformed|unknown-lease/ : j < 2 + lease.leaseNumber.length ? /unknown-lease/ : /outside-window/;
        expect((r as { reason: string }).reason).toMatch(where);
      }),
    );
  });

  it('reasons: unknown, revoked, expired, not yet valid, used, prefix', () => {
    const lease = makeLease();
    const code = generateCode(lease, T0);
    const s = leaseStepAt(lease, T0);
    expect(verifyCode(code, T0, () => undefined)).toEqual({ ok: false, reason: 'unknown-lease' });
    expect(verifyCode(code, T0, () => ({ lease: { ...lease, leaseNumber: '11111111' }, revoked: false }))).toEqual({
      ok: false,
      reason: 'unknown-lease',
    });
    expect(verifyCode(code, T0, () => ({ lease: { ...lease, issuerPrefix: '77' }, revoked: false }))).toEqual({
      ok: false,
      reason: 'unknown-lease',
    });
    expect(verifyCode(code, T0, lookupOf(lease, true))).toEqual({ ok: false, reason: 'revoked' });
    expect(verifyCode(code, T0, lookupOf({ ...lease, expiresAt: T0 }))).toEqual({ ok: false, reason: 'expired' });
    // A wrong one-time value says nothing about the lease's state: revoked and expired read like a stale code.
    const wrong = codeForStep(lease, s - 5);
    expect(verifyCode(wrong, T0, lookupOf(lease, true))).toEqual({ ok: false, reason: 'outside-window' });
    expect(verifyCode(wrong, T0, lookupOf({ ...lease, expiresAt: T0 }))).toEqual({
      ok: false,
      reason: 'outside-window',
    });
    expect(verifyCode(code, T0, lookupOf({ ...lease, notBefore: T0 + 1 }))).toEqual({
      ok: false,
      reason: 'outside-window',
    });
    expect(verifyCode(code, T0, lookupOf(lease), { isUsed: (id, st) => id === lease.leaseId && st === s })).toEqual({
      ok: false,
      reason: 'used',
    });
    expect(verifyCode(code, T0, lookupOf(lease), { isUsed: (_id, st) => st !== s })).toEqual({
      ok: true,
      leaseId: lease.leaseId,
      step: s,
    });
    expect(verifyCode(code, T0, lookupOf(lease), { issuerPrefix: '77' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyCode(code, T0, lookupOf(lease), { issuerPrefix: '88' }).ok).toBe(true);
    expect(verifyCode(code.slice(1), T0, lookupOf(lease))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('uses the HMAC it is given', () => {
    const lease = makeLease();
    const code = generateCode(lease, T0);
    expect(verifyCode(code, T0, lookupOf(lease), { hmac: () => new Uint8Array(32) })).toEqual({
      ok: false,
      reason: 'outside-window',
    });
  });

  it('rejects bad drift options loudly', () => {
    const lease = makeLease();
    for (const d of [-1, 1.5, 11])
      expect(() => verifyCode(generateCode(lease, T0), T0, lookupOf(lease), { driftSteps: d })).toThrow(RangeError);
  });
});
