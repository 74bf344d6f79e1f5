import type { Rect } from '../../lib/codes/rects';

/** Geometry of the keypad page for one screen shape (index.r.layout.ts, index.s.layout.ts). */
export interface PinLayout {
  geometry(
    width: number,
    height: number,
  ): {
    title: Rect;
    titleSize: number;
    /** The centres of the 4 dots that fill as digits are typed, and their radius. */
    dots: Array<{ x: number; y: number }>;
    dotRadius: number;
    message: Rect;
    messageSize: number;
    /** 1-9 in rows of three, then delete and 0: eleven keys. */
    keys: Rect[];
    keySize: number;
    /** The erase screen after too many wrong PINs: its message and its one button. */
    erasedMessage: Rect;
    erasedButton: Rect;
  };
}

/** A 3-column keypad of 4 rows starting at `top`, keys `kw` x `kh` with `gap` between, centred on `width`. */
export function keypad(width: number, top: number, kw: number, kh: number, gap: number): Rect[] {
  const left = Math.round((width - 3 * kw - 2 * gap) / 2);
  const at = (row: number, col: number): Rect => ({
    x: left + col * (kw + gap),
    y: top + row * (kh + gap),
    w: kw,
    h: kh,
  });
  const keys: Rect[] = [];
  for (let i = 0; i < 9; i++) keys.push(at(Math.floor(i / 3), i % 3));
  keys.push(at(3, 0), at(3, 1)); // delete, 0
  return keys;
}
