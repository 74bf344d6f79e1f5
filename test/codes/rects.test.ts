// Fast lane: the properties at modest numRuns; rects.slow.test.ts runs them at full strength.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { barRuns, coverRects, rowRunRects } from '../../lib/codes/rects';
import {
  coversExactly,
  grid,
  noMoreThanRowRuns,
  paymentCode,
  paymentCodeCover,
  ratio,
  stackedCoversExactly,
} from './rects-properties';

describe('coverRects', () => {
  it('covers exactly the dark modules and nothing else (property)', () => {
    fc.assert(fc.property(grid, coversExactly), { numRuns: 60 });
  });

  it('never uses more rectangles than row runs (property)', () => {
    fc.assert(fc.property(grid, noMoreThanRowRuns), { numRuns: 60 });
  });

  it('stackedRunRects covers exactly the dark modules without overlap (property)', () => {
    fc.assert(fc.property(grid, stackedCoversExactly), { numRuns: 60 });
  });

  it('a solid block is one rectangle; a checkerboard is one per module', () => {
    expect(coverRects({ width: 5, height: 4, modules: new Uint8Array(20).fill(1) })).toEqual([
      { x: 0, y: 0, w: 5, h: 4 },
    ]);
    const checker = new Uint8Array(36).map((_, i) => ((i % 6) + Math.floor(i / 6)) % 2);
    expect(coverRects({ width: 6, height: 6, modules: checker })).toHaveLength(18);
  });

  it('on 20-digit payment codes: exactly the dark modules, fewer rectangles than row runs, never above 45%', () => {
    fc.assert(fc.property(paymentCode, paymentCodeCover), { numRuns: 20 });
  });

  it('the goal: at most 40% of the dark modules for the median 20-digit code (a fixed sample of 300)', () => {
    // Per code the share varies with the data (one in a few hundred is just above 40%); the goal is on
    // the typical code, so it is checked on a seeded sample, the way BENCHMARKS.md measures it.
    const sample = fc.sample(fc.stringMatching(/^[0-9]{20}$/), { numRuns: 300, seed: 20261125 });
    const ratios = sample.map((d) => ratio(d).ratio).sort((a, b) => a - b);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThanOrEqual(0.4);
  });

  it('rejects a grid whose module count does not match', () => {
    expect(() => coverRects({ width: 3, height: 3, modules: new Uint8Array(8) })).toThrow(/expected 9/);
    expect(() => rowRunRects({ width: -1, height: 3, modules: new Uint8Array(0) })).toThrow(/whole/);
  });
});

describe('barRuns', () => {
  it('the runs are exactly the bars (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ min: 0, max: 1, maxLength: 200 }), (m) => {
        const out = new Uint8Array(m.length);
        const runs = barRuns(m);
        for (const [i, r] of runs.entries()) {
          out.fill(1, r.x, r.x + r.w);
          if (i > 0) expect(r.x).toBeGreaterThan(runs[i - 1]!.x + runs[i - 1]!.w); // separated by a space
        }
        expect([...out]).toEqual([...m]);
      }),
      { numRuns: 300 },
    );
  });
});
