// Places a QR symbol or a Code 128 barcode on a watch screen: the largest whole number of pixels
// per module at which the code, its quiet zone and the digits line under it fit the screen.
//
// Input: the screen as a rounded rectangle (a round screen is one whose corner radius is half
// its width), an optional available box inside it (e.g. below a title), and the size of the
// digits line to keep free under the code. Output: dark rectangles in screen pixels (draw them
// black on white), the code's bounds including its quiet zone (must be white), the pixels per
// module, the rotation and where the digits line goes.

import { QR_QUIET_ZONE, type QrMatrix } from './qr';
import type { Barcode } from './code128';
import { barRuns, coverRects, type Rect } from './rects';

/** The visible screen: width x height with rounded corners (round screens: radius = width / 2). */
export interface Screen {
  width: number;
  height: number;
  cornerRadius: number;
}

/** Screen from device facts (lib/devices): round screens are circles; others use screenRadius as corner radius. */
export function screenOf(d: { shape: string; width: number; height: number; screenRadius: number }): Screen {
  return {
    width: d.width,
    height: d.height,
    cornerRadius: d.shape === 'round' ? Math.min(d.width, d.height) / 2 : d.screenRadius,
  };
}

export interface LayoutOptions {
  /** Available box in screen pixels (default: the whole screen); the code also stays inside the screen's outline. */
  area?: Rect;
  /** Pixels kept clear inside the screen outline (default 0). */
  margin?: number;
  /** The digits line under the code, centred, in screen orientation (default: none). */
  below?: { width: number; height: number; gap?: number };
}

export interface BarcodeOptions extends LayoutOptions {
  /** Bar height as a share of the barcode's length: at least `minBarRatio` (default 0.15), at most `maxBarRatio` (default 0.5). */
  minBarRatio?: number;
  maxBarRatio?: number;
  /** Allow turning the barcode 90 degrees when that gives wider bars (default true). */
  allowRotation?: boolean;
}

export interface CodeLayout {
  /** Dark areas in screen pixels. */
  rects: Rect[];
  /** The code including its quiet zone, in screen pixels: keep it white. */
  bounds: Rect;
  pxPerModule: number;
  /** 90: turned clockwise, the barcode's start at the top. QR codes are never turned. */
  rotation: 0 | 90;
  /** Where the digits line goes (null if none was asked for). */
  below: Rect | null;
}

/** Range of y (pixel edges) inside the rounded rectangle at the vertical line x, or null. */
function columnSpan(s: Screen, margin: number, x: number): [number, number] | null {
  const w = s.width - 2 * margin;
  const h = s.height - 2 * margin;
  const r = Math.max(0, Math.min(s.cornerRadius - margin, w / 2, h / 2));
  const lx = x - margin;
  if (lx < 0 || lx > w) return null;
  const dx = Math.max(r - lx, lx - (w - r), 0);
  if (dx > r) return null;
  const inset = r - Math.sqrt(r * r - dx * dx);
  return [margin + inset, margin + h - inset];
}

interface Placement {
  x: number; // code box left
  y: number; // code box top
  below: Rect | null;
}

/**
 * Places a box of boxW x boxH (plus the digits line under it) centred horizontally in the area,
 * as near the vertical centre as the outline allows. Null if it does not fit.
 */
function place(s: Screen, o: LayoutOptions, boxW: number, boxH: number): Placement | null {
  const margin = o.margin ?? 0;
  const area = o.area ?? { x: 0, y: 0, w: s.width, h: s.height };
  const bw = o.below ? Math.ceil(o.below.width) : 0;
  const bh = o.below ? Math.ceil(o.below.height) : 0;
  const gap = o.below ? Math.ceil(o.below.gap ?? 0) : 0;
  const total = boxH + (o.below ? gap + bh : 0);
  const x = Math.floor(area.x + (area.w - boxW) / 2);
  const bx = Math.floor(area.x + (area.w - bw) / 2);
  if (x < area.x || x + boxW > area.x + area.w || bx < area.x || bx + bw > area.x + area.w) return null;
  let lo = area.y;
  let hi = area.y + area.h - total; // range of the code box's top
  // Each rectangle's left and right edges must lie within the outline from its top to its bottom.
  const limit = (left: number, right: number, top: number, bottom: number): void => {
    for (const edge of [left, right]) {
      const span = columnSpan(s, margin, edge);
      if (!span) {
        hi = -Infinity;
        return;
      }
      lo = Math.max(lo, span[0] - top);
      hi = Math.min(hi, span[1] - bottom);
    }
  };
  limit(x, x + boxW, 0, boxH);
  if (o.below) limit(bx, bx + bw, boxH + gap, total);
  const top = Math.ceil(lo);
  const bottom = Math.floor(hi);
  if (top > bottom) return null;
  const ideal = Math.round(area.y + (area.h - total) / 2);
  const y = Math.min(bottom, Math.max(top, ideal));
  return { x, y, below: o.below ? { x: bx, y: y + boxH + gap, w: bw, h: bh } : null };
}

/** Lays out a QR symbol (quiet zone of 4 modules included) at the largest whole px per module that fits. */
export function layoutQr(qr: QrMatrix, screen: Screen, options: LayoutOptions = {}): CodeLayout {
  const modules = qr.size + 2 * QR_QUIET_ZONE;
  for (let p = Math.floor(Math.min(screen.width, screen.height) / modules); p >= 1; p--) {
    const side = modules * p;
    const at = place(screen, options, side, side);
    if (!at) continue;
    const ox = at.x + QR_QUIET_ZONE * p;
    const oy = at.y + QR_QUIET_ZONE * p;
    const rects = coverRects({ width: qr.size, height: qr.size, modules: qr.modules }).map((r) => ({
      x: ox + r.x * p,
      y: oy + r.y * p,
      w: r.w * p,
      h: r.h * p,
    }));
    return { rects, bounds: { x: at.x, y: at.y, w: side, h: side }, pxPerModule: p, rotation: 0, below: at.below };
  }
  throw new Error(`QR code of ${qr.size} modules does not fit a ${screen.width}x${screen.height} screen`);
}

/**
 * Lays out a barcode (its quiet zones included) at the largest whole px per module that fits,
 * turned 90 degrees only if that gives wider bars; bars as tall as fit, within the ratio limits.
 */
export function layoutBarcode(code: Barcode, screen: Screen, options: BarcodeOptions = {}): CodeLayout {
  const n = code.modules.length;
  const minRatio = options.minBarRatio ?? 0.15;
  const maxRatio = options.maxBarRatio ?? 0.5;
  if (!(minRatio > 0 && maxRatio >= minRatio)) throw new Error('barcode layout: need 0 < minBarRatio <= maxBarRatio');
  const orientations: Array<0 | 90> = options.allowRotation === false ? [0] : [0, 90];
  let best: { p: number; rot: 0 | 90; height: number; at: Placement } | null = null;
  for (const rot of orientations) {
    const along = rot === 0 ? screen.width : screen.height;
    for (let p = Math.floor(along / n); p >= 1; p--) {
      if (best && p <= best.p) break; // turning only when it gives wider bars
      const len = n * p;
      const fits = (h: number): Placement | null =>
        rot === 0 ? place(screen, options, len, h) : place(screen, options, h, len);
      let lo = Math.ceil(len * minRatio);
      let hi = Math.floor(len * maxRatio);
      if (!fits(lo)) continue;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
      }
      best = { p, rot, height: lo, at: fits(lo)! };
      break;
    }
  }
  if (!best) throw new Error(`barcode of ${n} modules does not fit a ${screen.width}x${screen.height} screen`);
  const { p, rot, height, at } = best;
  const rects = barRuns(code.modules).map((b) =>
    rot === 0
      ? { x: at.x + b.x * p, y: at.y, w: b.w * p, h: height }
      : { x: at.x, y: at.y + b.x * p, w: height, h: b.w * p },
  );
  const bounds = rot === 0 ? { x: at.x, y: at.y, w: n * p, h: height } : { x: at.x, y: at.y, w: height, h: n * p };
  return { rects, bounds, pxPerModule: p, rotation: rot, below: at.below };
}
