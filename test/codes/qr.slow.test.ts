// Slow lane: the oracle comparison on the versions qr.test.ts leaves out, and its penalty properties at full strength.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeQrWithMask, qrPenaltyBits, qrPenaltyScan } from '../../lib/codes/qr';
import { fullCapacityMatchesOracle, matchesOracle, penaltyGrids, penaltyWindowReference } from './qr-oracle';

describe('encodeQr at full strength', () => {
  it('equals qrcode-generator module for module in versions 11-40 (numeric and byte, full capacity)', () => {
    for (let v = 11; v <= 40; v++) expect(fullCapacityMatchesOracle(v), `v${v}`).toEqual({ numeric: true, byte: true });
  });

  it('equals qrcode-generator for random digit strings and random ASCII (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,120}$/), (d) => matchesOracle(d, 'Numeric')),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (t) => matchesOracle(t, 'Byte')),
      { numRuns: 150 },
    );
  });

  it('the run-length penalty equals the sliding-window reference (property, random grids and real symbols)', () => {
    fc.assert(
      fc.property(penaltyGrids, ([n, m]) => {
        expect(qrPenaltyScan(m, n)).toBe(penaltyWindowReference(m, n));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', minLength: 20, maxLength: 300 }),
        fc.integer({ min: 0, max: 7 }),
        (t, mask) => {
          const m = encodeQrWithMask(t, mask, 'byte');
          expect(qrPenaltyScan(m.modules, m.size)).toBe(penaltyWindowReference(m.modules, m.size));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the 32-bit penalty equals the module-by-module penalty (property, random grids and real symbols)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 5, max: 23 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.uint8Array({ min: 0, max: 1, minLength: n * n, maxLength: n * n })),
          ),
        ([n, m]) => {
          expect(qrPenaltyBits(m, n)).toBe(qrPenaltyScan(m, n));
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,34}$/), fc.integer({ min: 0, max: 7 }), (d, mask) => {
        const m = encodeQrWithMask(d, mask);
        expect(qrPenaltyBits(m.modules, m.size)).toBe(qrPenaltyScan(m.modules, m.size));
      }),
      { numRuns: 200 },
    );
  });
});
