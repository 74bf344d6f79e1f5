// Shared by rects.test.ts (fast lane, modest numRuns) and rects.slow.test.ts (the same properties at full strength).
import { expect } from 'vitest';
import fc from 'fast-check';
import { coverRects, rowRunRects, stackedRunRects, type ModuleGrid, type Rect } from '../../lib/codes/rects';
import { encodeQr } from '../../lib/codes/qr';

export const grid = fc
  .record({ width: fc.integer({ min: 0, max: 30 }), height: fc.integer({ min: 0, max: 30 }) })
  .chain(({ width, height }) =>
    fc
      .uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height })
      .map((modules): ModuleGrid => ({ width, height, modules })),
  );

/** Paints the rectangles; fails if one leaves the grid or touches a light module. */
export function paint(g: ModuleGrid, rects: Rect[]): Uint8Array {
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

/** coverRects covers exactly the dark modules and nothing else. */
export function coversExactly(g: ModuleGrid): void {
  expect([...paint(g, coverRects(g))]).toEqual([...g.modules]);
}

/** coverRects never uses more rectangles than row runs. */
export const noMoreThanRowRuns = (g: ModuleGrid): boolean => coverRects(g).length <= rowRunRects(g).length;

/** stackedRunRects covers exactly the dark modules without overlap. */
export function stackedCoversExactly(g: ModuleGrid): void {
  const rects = stackedRunRects(g);
  const area = rects.reduce((a, r) => a + r.w * r.h, 0);
  expect([...paint(g, rects)]).toEqual([...g.modules]);
  expect(area).toBe(g.modules.reduce((a, b) => a + b, 0));
}

export const ratio = (digits: string) => {
  const qr = encodeQr(digits);
  const g = { width: qr.size, height: qr.size, modules: qr.modules };
  const rects = coverRects(g);
  return { g, rects, ratio: rects.length / qr.modules.reduce((a, b) => a + b, 0) };
};

/** On a 20-digit payment code: exactly the dark modules, fewer rectangles than row runs, never above 45%. */
export function paymentCodeCover(digits: string): void {
  const { g, rects, ratio: r } = ratio(digits);
  expect([...paint(g, rects)]).toEqual([...g.modules]);
  expect(rects.length).toBeLessThan(rowRunRects(g).length);
  expect(r).toBeLessThanOrEqual(0.45);
}

export const paymentCode = fc.stringMatching(/^[0-9]{20}$/);
