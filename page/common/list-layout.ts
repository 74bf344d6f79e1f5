import type { Rect } from '../../lib/codes/rects';

/** Geometry shared by the text-list pages (transit, limits): a title and rows below it. */
export interface ListGeometry {
  title: Rect;
  titleSize: number;
  /** Left edge and width of the rows at height y (round screens narrow toward the edges). */
  row(y: number, h: number): Rect;
  top: number;
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
