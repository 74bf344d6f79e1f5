import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { barRuns, coverRects, rowRunRects, stackedRunRects, type ModuleGrid, type Rect } from '../../lib/codes/rects';
import { encodeQr } from '../../lib/codes/qr';

const grid = fc.record({ width: fc.integer({ min: 0, max: 30 }), height: fc.integer({ min: 0, max: 30 }) })
  .chain(({ width, height }) => fc.uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height })
    .map((modules): ModuleGrid => ({ width, height, modules })));

/** Paints the rectangles; fails if one leaves the grid or touches a light module. */
function paint(g: ModuleGrid, rects: Rect[]): Uint8Array {
  const out = new Uint8Array(g.width * g.height);
  for (const r of rects) {
    expect(r.w).toBeGreaterThan(0);
    expect(r.h).toBeGreaterThan(0);
    expect(r.x >= 0 && r.y >= 0 && r.x + r.w <= g.width && r.y + r.h <= g.height).toBe(true);
    for (let y = r.y; y < r.y + r.h; y++) {
      for (let x = r.x; x < r.x + r.w; x++) {
        expect(g.modules[y * g.width + x], `light module ${x},${y} painted`).toBe(1);
        out[y * g.width + x] = 1;
      }
    }
  }
  return out;
}

describe('coverRects', () => {
  it('covers exactly the dark modules and nothing else (property)', () => {
    fc.assert(fc.property(grid, (g) => {
      expect([...paint(g, coverRects(g))]).toEqual([...g.modules]);
    }), { numRuns: 400 });
  });

  it("never uses more rectangles than row runs (property)", () => {
    fc.assert(fc.property(grid, (g) => coverRects(g).length <= rowRunRects(g).length), { numRuns: 300 });
  });

  it('stackedRunRects covers exactly the dark modules without overlap (property)', () => {
    fc.assert(fc.property(grid, (g) => {
      const rects = stackedRunRects(g);
      const area = rects.reduce((a, r) => a + r.w * r.h, 0);
      expect([...paint(g, rects)]).toEqual([...g.modules]);
      expect(area).toBe(g.modules.reduce((a, b) => a + b, 0));
    }), { numRuns: 300 });
  });

  it('a solid block is one rectangle; a checkerboard is one per module', () => {
    expect(coverRects({ width: 5, height: 4, modules: new Uint8Array(20).fill(1) })).toEqual([{ x: 0, y: 0, w: 5, h: 4 }]);
    const checker = new Uint8Array(36).map((_, i) => ((i % 6) + Math.floor(i / 6)) % 2);
    expect(coverRects({ width: 6, height: 6, modules: checker })).toHaveLength(18);
  });

  const ratio = (digits: string) => {
    const qr = encodeQr(digits);
    const g = { width: qr.size, height: qr.size, modules: qr.modules };
    const rects = coverRects(g);
    return { g, rects, ratio: rects.length / qr.modules.reduce((a, b) => a + b, 0) };
  };

  it('on 20-digit payment codes: exactly the dark modules, fewer rectangles than row runs, never above 45%', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{20}$/), (digits) => {
      const { g, rects, ratio: r } = ratio(digits);
      expect([...paint(g, rects)]).toEqual([...g.modules]);
      expect(rects.length).toBeLessThan(rowRunRects(g).length);
      expect(r).toBeLessThanOrEqual(0.45);
    }), { numRuns: 100 });
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
    fc.assert(fc.property(fc.uint8Array({ min: 0, max: 1, maxLength: 200 }), (m) => {
      const out = new Uint8Array(m.length);
      const runs = barRuns(m);
      for (const [i, r] of runs.entries()) {
        out.fill(1, r.x, r.x + r.w);
        if (i > 0) expect(r.x).toBeGreaterThan(runs[i - 1]!.x + runs[i - 1]!.w); // separated by a space
      }
      expect([...out]).toEqual([...m]);
    }), { numRuns: 300 });
  });
});
