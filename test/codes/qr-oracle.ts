// Shared by qr.test.ts (fast lane) and qr.slow.test.ts: qrcode-generator as the oracle, the
// reference penalty, the capacity table, and the penalty properties (run at each lane's strength).
import fc from 'fast-check';
import qrcode from 'qrcode-generator';
import { expect } from 'vitest';
import { encodeQr, encodeQrWithMask, qrPenaltyBits, qrPenaltyScan } from '../../lib/codes/qr';

/** qrcode-generator's symbol (level M, smallest version) as a flat 0/1 array. */
export function oracle(data: string, mode: 'Numeric' | 'Byte'): { size: number; modules: Uint8Array } {
  const q = qrcode(0, 'M');
  q.addData(data, mode);
  q.make();
  const size = q.getModuleCount();
  const modules = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) modules[r * size + c] = q.isDark(r, c) ? 1 : 0;
  return { size, modules };
}

/** Our symbol equals the oracle's under one of the eight masks (the masks' choice may differ: penalty variants). */
export function matchesOracle(data: string, mode: 'Numeric' | 'Byte'): boolean {
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
export function penaltyWindowReference(m: Uint8Array, size: number): number {
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
export const NUMERIC_M = [
  34, 63, 101, 149, 202, 255, 293, 365, 432, 513, 604, 691, 796, 871, 991, 1082, 1212, 1346, 1500, 1600, 1708, 1872,
  2059, 2188, 2395, 2544, 2701, 2857, 3035, 3289, 3486, 3693, 3909, 4134, 4343, 4588, 4775, 5039, 5313, 5596,
];
export const BYTE_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
  997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

/** Random grids, and grids whose lines are built from runs of 1, 3, 4 and 5 (finder look-alikes and long runs). */
export const penaltyGrids = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.oneof(
      fc.uint8Array({ min: 0, max: 1, minLength: n * n, maxLength: n * n }),
      // lines built from runs of 1, 3, 4 and 5 make finder look-alikes and long runs common
      fc
        .array(
          fc.tuple(
            fc.boolean(),
            fc.array(fc.constantFrom(1, 1, 1, 1, 3, 3, 4, 4, 5, 2), { minLength: n, maxLength: n }),
          ),
          { minLength: n, maxLength: n },
        )
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
    ),
  ),
);

/** Every version at full capacity, numeric and byte, equals the oracle's symbol under one of the masks. */
export function fullCapacityMatchesOracle(v: number): { numeric: boolean; byte: boolean } {
  const digits = Array.from({ length: NUMERIC_M[v - 1]! }, (_, i) => String((i * 7 + v) % 10)).join('');
  const text = Array.from({ length: BYTE_M[v - 1]! }, (_, i) => String.fromCharCode(33 + ((i * 13 + v) % 90))).join('');
  return { numeric: matchesOracle(digits, 'Numeric'), byte: matchesOracle(text, 'Byte') };
}

/** Runs of the penalty properties, per lane: qr.test.ts runs them modestly, qr.slow.test.ts at full strength. */
export interface PenaltyRuns {
  grids: number;
  symbols: number;
}

/** The run-length penalty equals the sliding-window reference, on random grids and on real symbols. */
export function penaltyScanMatchesReference(runs: PenaltyRuns): void {
  fc.assert(
    fc.property(penaltyGrids, ([n, m]) => {
      expect(qrPenaltyScan(m, n)).toBe(penaltyWindowReference(m, n));
    }),
    { numRuns: runs.grids },
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
    { numRuns: runs.symbols },
  );
}

/** The 32-bit penalty equals the module-by-module one, on random grids and on real symbols. */
export function penaltyBitsMatchesScan(runs: PenaltyRuns): void {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 5, max: 23 })
        .chain((n) => fc.tuple(fc.constant(n), fc.uint8Array({ min: 0, max: 1, minLength: n * n, maxLength: n * n }))),
      ([n, m]) => {
        expect(qrPenaltyBits(m, n)).toBe(qrPenaltyScan(m, n));
      },
    ),
    { numRuns: runs.grids },
  );
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{1,34}$/), fc.integer({ min: 0, max: 7 }), (d, mask) => {
      const m = encodeQrWithMask(d, mask);
      expect(qrPenaltyBits(m.modules, m.size)).toBe(qrPenaltyScan(m.modules, m.size));
    }),
    { numRuns: runs.symbols },
  );
}
