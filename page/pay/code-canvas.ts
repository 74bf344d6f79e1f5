// The payment code as ONE CANVAS widget (API 3.0, the app's minVersion; docs: ui/widget/CANVAS.mdx):
// the code's box filled white (its quiet zone), then each dark rectangle of the layout with drawRect
// ("Draw rectangle fill"). One widget instead of one FILL_RECT per rectangle (an EMV code has ~200),
// and, being the top-most widget over the whole code, it takes every tap on it.
import { createWidget, event, widget } from '@zos/ui';
import type { Rect } from '../../lib/codes/rects';

/**
 * drawRect as the docs give it: {x1, y1, x2, y2, color}, corners relative to the canvas.
 * @zeppos/device-types 4.0.0 types it as {x, y, w, h}, which the docs do not list; the simulator's
 * fake follows the docs (sim/zos/widget-spec.ts CANVAS_OPS). x2 / y2 are taken as the edge after the
 * last pixel (x1 + width): the docs do not say (sim/README.md "Assumed, not verified").
 */
interface CodeCanvas {
  drawRect(rect: { x1: number; y1: number; x2: number; y2: number; color: number }): void;
  addEventListener(ev: number, fn: () => void): void;
}

/** Draws the code (dark `rects` on a light `bounds`, screen pixels) and calls onTap on a tap anywhere on it. */
export function createCodeCanvas(
  bounds: Rect,
  rects: readonly Rect[],
  colors: { dark: number; light: number },
  onTap: () => void,
): unknown {
  const canvas = createWidget(widget.CANVAS, { ...bounds }) as unknown as CodeCanvas;
  canvas.drawRect({ x1: 0, y1: 0, x2: bounds.w, y2: bounds.h, color: colors.light });
  for (const r of rects) {
    const x1 = r.x - bounds.x,
      y1 = r.y - bounds.y;
    canvas.drawRect({ x1, y1, x2: x1 + r.w, y2: y1 + r.h, color: colors.dark });
  }
  canvas.addEventListener(event.CLICK_UP, onTap);
  return canvas;
}
