// Pixel helpers for renderer tests.
import type { RgbaImage } from '../../render/render';
import type { ScreenSnapshot, WidgetNode } from '../../render/screen-model';

export function px(img: RgbaImage, x: number, y: number): number {
  const i = (y * img.width + x) * 4;
  return ((img.data[i] ?? 0) << 16) | ((img.data[i + 1] ?? 0) << 8) | (img.data[i + 2] ?? 0);
}

/** Bounding box of pixels differing from bg, or null when there are none. */
export function inkBox(img: RgbaImage, bg: number, region = { x: 0, y: 0, w: img.width, h: img.height }) {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity,
    count = 0;
  for (let y = region.y; y < region.y + region.h; y++) {
    for (let x = region.x; x < region.x + region.w; x++) {
      if (px(img, x, y) !== bg) {
        count++;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return count === 0 ? null : { minX, minY, maxX, maxY, count };
}

let nextId = 1;
export function node(type: string, props: Record<string, unknown>, extra: Partial<WidgetNode> = {}): WidgetNode {
  return { id: nextId++, type, props, visible: true, children: [], ...extra };
}

/** A square screen with square corners (screenRadius 0 is passed by the tests) unless told otherwise. */
export function screen(widgets: WidgetNode[], over: Partial<ScreenSnapshot> = {}): ScreenSnapshot {
  return { width: 200, height: 200, shape: 'square', background: 0x000000, widgets, ...over };
}

/** The pixel bytes as a Buffer, for equality checks. */
export function bytes(d: Uint8ClampedArray | Uint8Array): Buffer {
  return Buffer.from(d.buffer as ArrayBuffer, d.byteOffset, d.byteLength);
}
