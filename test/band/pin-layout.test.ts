// The band keypad's geometry (band/page/pin/layout.ts): eleven keys a finger can hit on both bands, inside
// the rounded outline (the Mi Band 7's ends are half circles), clear of the title, the dots and the note;
// and cornerClearance, the rule the keypad and the lock's button use, against the outline itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandLayout } from '../../band/page/common/layout';
import { bandPinGeometry, cornerClearance } from '../../band/page/pin/layout';
import type { Rect } from '../../lib/codes/rects';
import { loadBandDevices } from '../../reference/devices';

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** How far the outline of a w x h screen with corners of radius r is in from each side at row y. */
function inset(r: number, h: number, y: number): number {
  const d = y < r ? r - y : y > h - r ? y - (h - r) : 0;
  return r - Math.sqrt(Math.max(0, r * r - d * d));
}

describe('band keypad', () => {
  for (const d of loadBandDevices()) {
    it(`${d.name}: 11 keys of at least 52 x 50 px, in 3 columns and 4 rows, inside the outline`, () => {
      const l = bandLayout(d.width, d.height);
      const g = bandPinGeometry(l);
      expect(g.keys).toHaveLength(11);
      for (const k of g.keys) {
        expect(k.w).toBeGreaterThanOrEqual(52);
        expect(k.h).toBeGreaterThanOrEqual(50);
        for (const y of [k.y, k.y + k.h]) {
          const i = inset(l.screen.cornerRadius, d.height, y);
          expect(k.x, `${JSON.stringify(k)} at y ${y}`).toBeGreaterThanOrEqual(i);
          expect(k.x + k.w).toBeLessThanOrEqual(d.width - i);
        }
      }
      for (let i = 0; i < g.keys.length; i++)
        for (let j = i + 1; j < g.keys.length; j++) expect(overlaps(g.keys[i]!, g.keys[j]!)).toBe(false);
      // Under the title, the dots and the note, in that order.
      const dotsTop = g.dots[0]!.y - g.dotRadius;
      expect(dotsTop).toBeGreaterThanOrEqual(l.title.y + l.title.h);
      expect(g.note.y).toBeGreaterThanOrEqual(g.dots[0]!.y + g.dotRadius);
      for (const k of g.keys) expect(k.y).toBeGreaterThanOrEqual(g.note.y + g.note.h);
      // The dots fit the width, centred.
      expect(g.dots[0]!.x - g.dotRadius).toBeGreaterThan(0);
      expect(g.dots[3]!.x + g.dotRadius).toBeLessThan(d.width);
      expect(g.dots[0]!.x + g.dots[3]!.x).toBeCloseTo(d.width, -1);
    });
  }

  it('cornerClearance: from that far above the edge, a row `inset` in from each side is inside the outline', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), (r, side) => {
        const h = 2 * r + 100;
        const c = cornerClearance(r, side);
        expect(c).toBeGreaterThanOrEqual(0);
        // At c from the bottom edge the outline is at most `side` in; one pixel lower it is more (unless 0).
        expect(inset(r, h, h - c)).toBeLessThanOrEqual(side + 1e-9);
        if (c > 0) expect(inset(r, h, h - c + 1)).toBeGreaterThan(side);
      }),
    );
  });
});
