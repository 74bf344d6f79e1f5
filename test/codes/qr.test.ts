// Fast lane: oracle comparison on versions 1-10 and the penalty properties at modest numRuns;
// qr.slow.test.ts covers versions 11-40 and runs the penalty properties at full strength.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  encodeQr,
  encodeQrWithMask,
  qrPenalty,
  qrPenaltyBits,
  withQuietZone,
  QR_QUIET_ZONE,
  type QrMatrix,
} from '../../lib/codes/qr';
import {
  BYTE_M,
  fullCapacityMatchesOracle,
  matchesOracle,
  NUMERIC_M,
  penaltyBitsMatchesScan,
  penaltyScanMatchesReference,
} from './qr-oracle';

describe('encodeQr', () => {
  it('picks the smallest version at level M: capacity boundaries of every version', () => {
    for (let v = 1; v <= 40; v++) {
      expect(encodeQr('7'.repeat(NUMERIC_M[v - 1]!)).version).toBe(v);
      expect(encodeQr('A'.repeat(BYTE_M[v - 1]!), 'byte').version).toBe(v);
      if (v < 40) {
        expect(encodeQr('7'.repeat(NUMERIC_M[v - 1]! + 1)).version).toBe(v + 1);
        expect(encodeQr('A'.repeat(BYTE_M[v - 1]! + 1), 'byte').version).toBe(v + 1);
      }
    }
    expect(() => encodeQr('7'.repeat(5597))).toThrow(/do not fit/);
    expect(() => encodeQr('A'.repeat(2332), 'byte')).toThrow(/do not fit/);
  });

  it('equals qrcode-generator module for module in versions 1-10 (numeric and byte, full capacity; 11-40: qr.slow.test.ts)', () => {
    for (let v = 1; v <= 10; v++) expect(fullCapacityMatchesOracle(v), `v${v}`).toEqual({ numeric: true, byte: true });
  });

  it('equals qrcode-generator for random digit strings and random ASCII (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,120}$/), (d) => matchesOracle(d, 'Numeric')),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (t) => matchesOracle(t, 'Byte')),
      { numRuns: 50 },
    );
  });

  it('a 20-digit payment code is version 1 (21 x 21), and 18 digits too', () => {
    expect(encodeQr('12345678901234567890').size).toBe(21);
    expect(encodeQr('123456789012345678').version).toBe(1);
  });

  it('chooses the mask with the lowest penalty', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{18,20}$/), (d) => {
        const chosen = encodeQr(d);
        for (let mask = 0; mask < 8; mask++) {
          const m = encodeQrWithMask(d, mask);
          expect(qrPenalty(m.modules, m.size)).toBeGreaterThanOrEqual(qrPenalty(chosen.modules, chosen.size));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the run-length penalty equals the sliding-window reference (property, random grids and real symbols)', () => {
    penaltyScanMatchesReference({ grids: 150, symbols: 25 });
  });

  it('the 32-bit penalty equals the module-by-module penalty (property, random grids and real symbols)', () => {
    penaltyBitsMatchesScan({ grids: 100, symbols: 50 });
    // a known case: all dark 21 x 21 = 42 lines of one run of 21 (3 + 16 each), 400 2x2 blocks, 100% dark
    expect(qrPenaltyBits(new Uint8Array(441).fill(1), 21)).toBe(42 * 19 + 400 * 3 + 90);
    expect(() => qrPenaltyBits(new Uint8Array(625), 25)).toThrow(/too large/);
  });

  it('rejects bad input clearly', () => {
    expect(() => encodeQr('12a', 'numeric')).toThrow(/digits/);
    expect(() => encodeQr('héllo', 'byte')).toThrow(/ASCII/);
    expect(() => encodeQrWithMask('1', 8)).toThrow(/mask/);
  });

  it('byte mode takes raw bytes', () => {
    const bytes = new Uint8Array([0, 255, 128, 10]);
    const m: QrMatrix = encodeQr(bytes);
    expect(m.version).toBe(1);
  });
});

describe('withQuietZone', () => {
  it('surrounds the symbol with 4 light modules and keeps it intact', () => {
    const qr = encodeQr('12345678901234567890');
    const z = withQuietZone(qr);
    expect(z.size).toBe(qr.size + 2 * QR_QUIET_ZONE);
    for (let y = 0; y < z.size; y++) {
      for (let x = 0; x < z.size; x++) {
        const inside = x >= 4 && y >= 4 && x < 4 + qr.size && y < 4 + qr.size;
        expect(z.modules[y * z.size + x]).toBe(inside ? qr.modules[(y - 4) * qr.size + x - 4] : 0);
      }
    }
  });
});
