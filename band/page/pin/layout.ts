// The keypad on a band (pure: tests read it in Node). Both bands are about 192 px wide: three keys of
// about 56 px a row, 4 rows (1-9, then delete and 0) under the title, the 4 dots and a two-line note.
// The Mi Band 7's ends are half circles (corner radius 96): the rows stop where the screen is still
// wide enough for them (keypadBottom).
import type { Rect } from '../../../lib/codes/rects';
import type { BandLayout } from '../common/layout';

export interface BandPinGeometry {
  dots: Array<{ x: number; y: number }>;
  dotRadius: number;
  /** Two lines under the dots: "Wrong PIN. Tries left: 3", "The two PINs differ. Again". */
  note: Rect;
  noteSize: number;
  /** 1-9 in rows of three, then delete and 0: eleven keys. */
  keys: Rect[];
  keySize: number;
}

const GAP = 6;

/**
 * How far above the screen's bottom edge a row `inset` px in from each side is clear of the rounded
 * corners (radius r): where the corner's circle is at least as wide as the row.
 */
export function cornerClearance(r: number, inset: number): number {
  if (inset >= r) return 0;
  return Math.ceil(r - Math.sqrt(r * r - (r - inset) ** 2));
}

export function bandPinGeometry(l: BandLayout): BandPinGeometry {
  const { width, height, cornerRadius } = l.screen;
  const dotsY = l.title.y + l.title.h + 14;
  const dotGap = 30;
  const noteLine = Math.round(l.size.small * 1.35);
  const note = { x: l.side, y: dotsY + 14, w: width - 2 * l.side, h: 2 * noteLine };
  const top = note.y + note.h + GAP;
  const bottom = height - Math.max(8, cornerClearance(cornerRadius, l.side) + 4);
  const kw = Math.floor((width - 2 * l.side - 2 * GAP) / 3);
  const kh = Math.floor((bottom - top - 3 * GAP) / 4);
  const left = Math.round((width - 3 * kw - 2 * GAP) / 2);
  const at = (row: number, col: number): Rect => ({
    x: left + col * (kw + GAP),
    y: top + row * (kh + GAP),
    w: kw,
    h: kh,
  });
  const keys: Rect[] = [];
  for (let i = 0; i < 9; i++) keys.push(at(Math.floor(i / 3), i % 3));
  keys.push(at(3, 0), at(3, 1)); // delete, 0
  return {
    dots: [0, 1, 2, 3].map((i) => ({ x: Math.round(width / 2 + (i - 1.5) * dotGap), y: dotsY })),
    dotRadius: 7,
    note,
    noteSize: l.size.small,
    keys,
    keySize: l.size.big,
  };
}
