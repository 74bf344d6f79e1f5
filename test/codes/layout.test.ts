import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeQr, QR_QUIET_ZONE } from '../../lib/codes/qr';
import { encodeCode128 } from '../../lib/codes/code128';
import { layoutBarcode, layoutQr, screenOf, type CodeLayout, type Screen } from '../../lib/codes/layout';
import type { Rect } from '../../lib/codes/rects';
import { loadTargetDevices } from '../../reference/devices';

/** Is the point (pixel edge coordinates) inside the screen's rounded outline? */
function inside(s: Screen, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x > s.width || y > s.height) return false;
  const r = s.cornerRadius;
  const cx = Math.min(Math.max(x, r), s.width - r);
  const cy = Math.min(Math.max(y, r), s.height - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r + 1e-9;
}

function rectInside(s: Screen, r: Rect): boolean {
  return (
    inside(s, r.x, r.y) && inside(s, r.x + r.w, r.y) && inside(s, r.x, r.y + r.h) && inside(s, r.x + r.w, r.y + r.h)
  );
}

function within(outer: Rect, r: Rect): boolean {
  return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w && r.y + r.h <= outer.y + outer.h;
}

function disjoint(a: Rect, b: Rect): boolean {
  return a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
}

function checkLayout(s: Screen, l: CodeLayout): void {
  expect(rectInside(s, l.bounds)).toBe(true);
  for (const r of l.rects) expect(within(l.bounds, r)).toBe(true);
  if (l.below) {
    expect(rectInside(s, l.below)).toBe(true);
    expect(disjoint(l.below, l.bounds)).toBe(true);
  }
}

const CODE = '12345678901234567890';

describe('layout on every API 3.0+ device', () => {
  const devices = loadTargetDevices();
  it('covers the target devices of the reference list', () => {
    expect(devices.length).toBeGreaterThan(20);
  });
  for (const d of devices) {
    it(`${d.name}: QR >= 4 px per module, barcode >= 2, inside the screen with the digits line`, () => {
      const s = screenOf(d);
      const below = { width: Math.round(d.width * 0.6), height: 36, gap: 8 };
      for (const digits of [CODE, CODE.slice(0, 18)]) {
        const qr = layoutQr(encodeQr(digits), s, { below });
        expect(qr.pxPerModule).toBeGreaterThanOrEqual(4);
        expect(qr.bounds.w).toBe((21 + 2 * QR_QUIET_ZONE) * qr.pxPerModule);
        checkLayout(s, qr);
        const bar = layoutBarcode(encodeCode128(digits), s, { below });
        expect(bar.pxPerModule).toBeGreaterThanOrEqual(2);
        checkLayout(s, bar);
        // the bars are at least 15% of the length tall
        const len = Math.max(bar.bounds.w, bar.bounds.h);
        expect(Math.min(bar.bounds.w, bar.bounds.h)).toBeGreaterThanOrEqual(Math.ceil(len * 0.15));
      }
    });
  }
});

describe('layoutQr', () => {
  it('picks the largest px per module: one more does not fit a plain square screen', () => {
    const qr = encodeQr(CODE);
    const l = layoutQr(qr, { width: 300, height: 300, cornerRadius: 0 });
    expect(l.pxPerModule).toBe(Math.floor(300 / 29));
    expect(l.bounds).toEqual({ x: 5, y: 5, w: 290, h: 290 });
  });

  it('on a round screen the whole square with its quiet zone is inside the circle', () => {
    const qr = encodeQr(CODE);
    const s = { width: 480, height: 480, cornerRadius: 240 };
    const l = layoutQr(qr, s);
    checkLayout(s, l);
    // the next size would put a corner outside the circle: side * sqrt(2) > diameter
    expect((l.pxPerModule + 1) * 29 * Math.SQRT2 > 480).toBe(true);
  });

  it('any screen, area and digits line: inside, or a clear error (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 600 }),
        fc.integer({ min: 20, max: 600 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 80 }),
        (w, h, round, bw, bh) => {
          const s: Screen = { width: w, height: h, cornerRadius: round ? Math.min(w, h) / 2 : Math.min(w, h) / 5 };
          const below = { width: bw, height: bh, gap: 4 };
          try {
            checkLayout(s, layoutQr(encodeQr(CODE), s, { below }));
          } catch (e) {
            expect(String(e)).toMatch(/does not fit/);
          }
          try {
            const l = layoutBarcode(encodeCode128(CODE), s, { below });
            checkLayout(s, l);
          } catch (e) {
            expect(String(e)).toMatch(/does not fit/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('respects the available area', () => {
    const s = { width: 390, height: 450, cornerRadius: 86 };
    const area = { x: 0, y: 100, w: 390, h: 350 };
    const l = layoutQr(encodeQr(CODE), s, { area });
    expect(within(area, l.bounds)).toBe(true);
  });
});

describe('layoutBarcode', () => {
  it('turns 90 degrees where that gives wider bars, not otherwise', () => {
    const code = encodeCode128(CODE); // 165 modules
    const tall = layoutBarcode(code, { width: 320, height: 380, cornerRadius: 69 });
    expect(tall.rotation).toBe(90);
    expect(tall.pxPerModule).toBe(2);
    const round = layoutBarcode(code, { width: 480, height: 480, cornerRadius: 240 });
    expect(round.rotation).toBe(0);
    expect(
      layoutBarcode(code, { width: 320, height: 380, cornerRadius: 69 }, { allowRotation: false }).pxPerModule,
    ).toBe(1);
  });

  it('each bar is one full-height rectangle, at its module position', () => {
    const code = encodeCode128(CODE);
    const l = layoutBarcode(code, { width: 480, height: 480, cornerRadius: 240 });
    const p = l.pxPerModule;
    const painted = new Uint8Array(code.modules.length);
    for (const r of l.rects) {
      expect(r.y).toBe(l.bounds.y);
      expect(r.h).toBe(l.bounds.h);
      painted.fill(1, (r.x - l.bounds.x) / p, (r.x - l.bounds.x + r.w) / p);
    }
    expect([...painted]).toEqual([...code.modules]);
  });

  it('uses the widest chord on a round screen: centred vertically when nothing is below', () => {
    const l = layoutBarcode(encodeCode128(CODE), { width: 480, height: 480, cornerRadius: 240 });
    expect(Math.abs(l.bounds.y + l.bounds.h / 2 - 240)).toBeLessThanOrEqual(1);
  });

  it('rejects bad ratios', () => {
    expect(() =>
      layoutBarcode(
        encodeCode128(CODE),
        { width: 480, height: 480, cornerRadius: 240 },
        { minBarRatio: 0.5, maxBarRatio: 0.1 },
      ),
    ).toThrow(/ratio/i);
  });
});
