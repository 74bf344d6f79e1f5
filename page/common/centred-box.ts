import type { Rect } from '../../lib/codes/rects';

/**
 * A box centred across the screen: `inset` (a fraction of the width) clear on each side, its top at `top`
 * (a fraction of the height), `h` px tall. Round screens narrow towards the top and the bottom, so their
 * layouts (lock, PIN keypad, pay, text lists) place text and buttons on a chord by insetting both sides
 * alike; one place computes it, so x and w stay symmetric wherever the numbers change.
 */
export function centredBox(width: number, height: number, inset: number, top: number, h: number): Rect {
  return {
    x: Math.round(width * inset),
    y: Math.round(height * top),
    w: Math.round(width * (1 - 2 * inset)),
    h,
  };
}
