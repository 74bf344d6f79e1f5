import type { Rect } from '../../lib/codes/rects';

/**
 * Geometry shared by the text-list pages (transit, limits): a title and rows below it, all in one
 * scrolling container (`view`), so a list longer than the screen is read by swiping.
 */
export interface ListGeometry {
  /** The scrolling container's box on screen (the whole screen). */
  view: Rect;
  title: Rect;
  titleSize: number;
  /**
   * The box of a row of height h at content height y. Its width fits the screen wherever the row
   * sits between `top` and `view.h - end` on screen, so every row reads whole once scrolled there.
   */
  row(y: number, h: number): Rect;
  /** Content height of the first row. */
  top: number;
  /** Blank space under the last row: enough to scroll it up into the band rows are made to fit. */
  end: number;
  bigSize: number;
  textSize: number;
  smallSize: number;
  gap: number;
}

export interface ListLayout {
  geometry(width: number, height: number): ListGeometry;
}

/** The widest box of height h starting at y that fits in a circle of diameter `size`, less a margin. */
export function chordRow(size: number, margin: number, y: number, h: number): Rect {
  const r = size / 2;
  const far = Math.max(Math.abs(y - r), Math.abs(y + h - r));
  const half = far >= r ? 0 : Math.sqrt(r * r - far * far);
  const w = Math.max(0, Math.floor(2 * half - 2 * margin));
  return { x: Math.round(r - w / 2), y, w, h };
}
