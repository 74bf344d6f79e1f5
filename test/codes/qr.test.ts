import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import qrcode from 'qrcode-generator';
import { encodeQr, encodeQrWithMask, qrPenalty, qrPenaltyBits, qrPenaltyScan, withQuietZone, QR_QUIET_ZONE, type QrMatrix } from '../../lib/codes/qr';

/** qrcode-generator's symbol (level M, smallest version) as a flat 0/1 array. */
function oracle(data: string, mode: 'Numeric' | 'Byte'): { size: number; modules: Uint8Array } {
  const q = qrcode(0, 'M');
  q.addData(data, mode);
  q.make();
  const size = q.getModuleCount();
  const modules = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) modules[r * size + c] = q.isDark(r, c) ? 1 : 0;
  return { size, modules };
}

/** Our symbol equals the oracle's under one of the eight masks (the masks' choice may differ: penalty variants). */
function matchesOracle(data: string, mode: 'Numeric' | 'Byte'): boolean {
  const ref = oracle(data, mode);
  const ours = encodeQr(data, mode === 'Numeric' ? 'numeric' : 'byte');
  if (ours.size !== ref.size) return false;
  for (let mask = 0; mask < 8; mask++) {
    const m = encodeQrWithMask(data, mask, mode === 'Numeric' ? 'numeric' : 'byte');
    if (m.modules.every((v, i) => v === ref.modules[i])) return true;
  }
  return false;
}

/** Reference penalty: an 11-module window slid over each line padded by 4 light modules each side. */
function penaltyWindowReference(m: Uint8Array, size: number): number {
  let score = 0;
  let dark = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < size; a++) {
      const at = (b: number) => (pass === 0 ? m[a * size + b]! : m[b * size + a]!);
      let run = 0;
      let prev = -1;
      let window = 0;
      for (let b = -4; b < size + 4; b++) {
        const inside = b >= 0 && b < size;
        const v = inside ? at(b) : 0;
        if (inside) {
          if (pass === 0) dark += v;
          if (v === prev) run++;
          else {
            if (run >= 5) score += run - 2;
            run = 1;
            prev = v;
          }
        }
        window = ((window << 1) | v) & 0x7ff;
        if (b >= 6 && (window === 0x5d0 || window === 0x05d)) score += 40;
      }
      if (run >= 5) score += run - 2;
    }
  }
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0; x + 1 < size; x++) {
      const v = m[y * size + x];
      if (v === m[y * size + x + 1] && v === m[(y + 1) * size + x] && v === m[(y + 1) * size + x + 1]) score += 3;
    }
  }
  const total = size * size;
  return score + (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
}

// Capacity at level M in numeric digits and bytes per version (ISO/IEC 18004 table 7), for the
// smallest-version boundary: n fits version v, n + 1 does not.
const NUMERIC_M = [34, 63, 101, 149, 202, 255, 293, 365, 432, 513, 604, 691, 796, 871, 991, 1082, 1212, 1346, 1500, 1600,
  1708, 1872, 2059, 2188, 2395, 2544, 2701, 2857, 3035, 3289, 3486, 3693, 3909, 4134, 4343, 4588, 4775, 5039, 5313, 5596];
const BYTE_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
  711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331];

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

  it('equals qrcode-generator module for module in every version (numeric and byte, full capacity)', () => {
    for (let v = 1; v <= 40; v++) {
      const digits = Array.from({ length: NUMERIC_M[v - 1]! }, (_, i) => String((i * 7 + v) % 10)).join('');
      const text = Array.from({ length: BYTE_M[v - 1]! }, (_, i) => String.fromCharCode(33 + ((i * 13 + v) % 90))).join('');
      expect(matchesOracle(digits, 'Numeric'), `numeric v${v}`).toBe(true);
      expect(matchesOracle(text, 'Byte'), `byte v${v}`).toBe(true);
    }
  });

  it('equals qrcode-generator for random digit strings and random ASCII (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{0,120}$/), (d) => matchesOracle(d, 'Numeric')), { numRuns: 150 });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (t) => matchesOracle(t, 'Byte')), { numRuns: 150 });
  });

  it('a 20-digit payment code is version 1 (21 x 21), and 18 digits too', () => {
    expect(encodeQr('12345678901234567890').size).toBe(21);
    expect(encodeQr('123456789012345678').version).toBe(1);
  });

  it('chooses the mask with the lowest penalty', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{18,20}$/), (d) => {
      const chosen = encodeQr(d);
      for (let mask = 0; mask < 8; mask++) {
        const m = encodeQrWithMask(d, mask);
        expect(qrPenalty(m.modules, m.size)).toBeGreaterThanOrEqual(qrPenalty(chosen.modules, chosen.size));
      }
    }), { numRuns: 30 });
  });

  it('the run-length penalty equals the sliding-window reference (property, random grids and real symbols)', () => {
    const grids = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.constant(n),
      fc.oneof(
        fc.uint8Array({ min: 0, max: 1, minLength: n * n, maxLength: n * n }),
        // lines built from runs of 1, 3, 4 and 5 make finder look-alikes and long runs common
        fc.array(fc.tuple(fc.boolean(), fc.array(fc.constantFrom(1, 1, 1, 1, 3, 3, 4, 4, 5, 2), { minLength: n, maxLength: n })),
          { minLength: n, maxLength: n })
          .map((lines) => {
            const out = new Uint8Array(n * n);
            lines.forEach(([startDark, lens], y) => {
              let x = 0;
              let colour = startDark ? 1 : 0;
              for (const len of lens) {
                for (let k = 0; k < len && x < n; k++) out[y * n + x++] = colour;
                colour ^= 1;
              }
            });
            return out;
          }),
      )));
    fc.assert(fc.property(grids, ([n, m]) => {
      expect(qrPenaltyScan(m, n)).toBe(penaltyWindowReference(m, n));
    }), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', minLength: 20, maxLength: 300 }), fc.integer({ min: 0, max: 7 }), (t, mask) => {
      const m = encodeQrWithMask(t, mask, 'byte');
      expect(qrPenaltyScan(m.modules, m.size)).toBe(penaltyWindowReference(m.modules, m.size));
    }), { numRuns: 100 });
  });

  it('the 32-bit penalty equals the module-by-module penalty (property, random grids and real symbols)', () => {
    fc.assert(fc.property(fc.integer({ min: 5, max: 23 }).chain((n) => fc.tuple(fc.constant(n),
      fc.uint8Array({ min: 0, max: 1, minLength: n * n, maxLength: n * n }))), ([n, m]) => {
      expect(qrPenaltyBits(m, n)).toBe(qrPenaltyScan(m, n));
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,34}$/), fc.integer({ min: 0, max: 7 }), (d, mask) => {
      const m = encodeQrWithMask(d, mask);
      expect(qrPenaltyBits(m.modules, m.size)).toBe(qrPenaltyScan(m.modules, m.size));
    }), { numRuns: 200 });
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
