// The pay page's memory (lib/wallet/pay-memory.ts): the format used last, and the rule that a code
// shown as paid is never shown again, within the issuer's window of one step either side.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaseStepAt } from '../../lib/payment/lease';
import { verifyCode } from '../../lib/payment/verify';
import { codeForStep } from '../../lib/payment/code';
import {
  canSkip,
  EMPTY_PAY_MEMORY,
  parsePayMemory,
  spent,
  stepToShow,
  withMode,
  type PayMemory,
} from '../../lib/wallet/pay-memory';
import { CODE_MODES } from '../../lib/wallet/pay-view';
import { arbLease, makeLease, T0 } from '../../sim/fixtures/lease';

describe('parsePayMemory', () => {
  it('keeps a good record and reads anything else as the defaults', () => {
    const good: PayMemory = { v: 1, mode: 'emv', leaseId: 'lease-1', next: 29_000_000 };
    expect(parsePayMemory(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parsePayMemory(null)).toEqual(EMPTY_PAY_MEMORY);
    expect(parsePayMemory({ v: 2, mode: 'qr' })).toEqual(EMPTY_PAY_MEMORY);
    expect(parsePayMemory({ v: 1, mode: 'qr', leaseId: 5, next: 1 })).toEqual({ ...EMPTY_PAY_MEMORY, mode: 'qr' });
    expect(parsePayMemory({ v: 1, mode: 'pdf417', leaseId: 'x', next: 1 })).toEqual({
      v: 1,
      mode: 'barcode',
      leaseId: 'x',
      next: 1,
    });
  });

  it('never throws and always returns a record it would keep as it is (any JSON)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const m = parsePayMemory(x);
        expect(CODE_MODES).toContain(m.mode);
        expect(parsePayMemory(JSON.parse(JSON.stringify(m)))).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the format across a write and a read', () => {
    for (const mode of CODE_MODES)
      expect(parsePayMemory(JSON.parse(JSON.stringify(withMode(EMPTY_PAY_MEMORY, mode)))).mode).toBe(mode);
  });
});

describe('the step to show', () => {
  const lease = makeLease();
  const now = T0 + 10_000;
  const current = leaseStepAt(lease, now);

  it('is the current step until a payment, then the next one; a second payment within the step waits', () => {
    expect(stepToShow(EMPTY_PAY_MEMORY, lease, now)).toEqual({ step: current });
    const once = spent(EMPTY_PAY_MEMORY, lease.leaseId, current);
    expect(stepToShow(once, lease, now)).toEqual({ step: current + 1 });
    const twice = spent(once, lease.leaseId, current + 1);
    expect(stepToShow(twice, lease, now)).toEqual({ wait: current + 1 });
    // A step later the clock has caught up.
    expect(stepToShow(twice, lease, now + lease.step * 1000)).toEqual({ step: current + 2 });
  });

  it('forgets the steps of another lease', () => {
    const m = spent(EMPTY_PAY_MEMORY, 'other-lease', current + 5);
    expect(stepToShow(m, lease, now)).toEqual({ step: current });
  });

  it('"New code" moves on only inside the window', () => {
    expect(canSkip(current, lease, now)).toBe(true);
    expect(canSkip(current + 1, lease, now)).toBe(false);
  });

  it('any sequence of payments and new codes: never a spent step, always one the issuer accepts', () => {
    fc.assert(
      fc.property(
        arbLease,
        fc.array(
          fc.record({ action: fc.constantFrom('pay', 'new', 'wait'), ms: fc.integer({ min: 0, max: 90_000 }) }),
          {
            maxLength: 12,
          },
        ),
        (l, actions) => {
          let memory = EMPTY_PAY_MEMORY;
          let t = Math.max(T0, l.notBefore);
          const used = new Set<number>();
          for (const a of actions) {
            t += a.ms;
            if (t >= l.expiresAt - 2 * l.step * 1000) return;
            const show = stepToShow(memory, l, t);
            if ('wait' in show) {
              expect(show.wait).toBeGreaterThan(leaseStepAt(l, t));
              continue;
            }
            expect(used.has(show.step)).toBe(false);
            // The issuer, on its clock at this moment, accepts the code shown.
            const verdict = verifyCode(codeForStep(l, show.step), t, () => ({ lease: l, revoked: false }), {
              isUsed: (_id, s) => used.has(s),
              issuerPrefix: l.issuerPrefix,
            });
            expect(verdict).toEqual({ ok: true, leaseId: l.leaseId, step: show.step });
            if (a.action === 'pay') {
              used.add(show.step);
              memory = spent(memory, l.leaseId, show.step);
            } else if (a.action === 'new' && canSkip(show.step, l, t)) {
              memory = spent(memory, l.leaseId, show.step);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
