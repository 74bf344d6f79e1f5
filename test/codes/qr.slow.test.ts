// Slow lane: the oracle comparison on the versions qr.test.ts leaves out, and its penalty properties at full strength.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fullCapacityMatchesOracle,
  matchesOracle,
  penaltyBitsMatchesScan,
  penaltyScanMatchesReference,
} from './qr-oracle';

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
    penaltyScanMatchesReference({ grids: 1000, symbols: 100 });
  });

  it('the 32-bit penalty equals the module-by-module penalty (property, random grids and real symbols)', () => {
    penaltyBitsMatchesScan({ grids: 500, symbols: 200 });
  });
});
