import type { Rect } from '../../lib/codes/rects';

export interface HomeLayout {
  geometry(
    width: number,
    height: number,
  ): {
    title: Rect;
    titleSize: number;
    /** The menu buttons, top to bottom: pay, transit, limits, history. */
    buttons: [Rect, Rect, Rect, Rect];
    buttonSize: number;
    status: Rect;
    statusSize: number;
  };
}
