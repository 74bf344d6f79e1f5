// Square screens: the card's corners are inside the screen, so rows use the card's width less a
// small padding, left-aligned like the system's own cards.
import type { CardLayout } from './layout-types';

export const layout: CardLayout = {
  geometry({ w, h }) {
    const pad = Math.round(w * 0.06);
    const unit = h / 240;
    const row = (y: number, rh: number) => ({
      x: pad,
      y: Math.round(y * unit),
      w: w - 2 * pad,
      h: Math.round(rh * unit),
    });
    return {
      centered: false,
      label: row(18, 34),
      big: row(52, 62),
      line: row(122, 40),
      note: row(166, 44),
      labelSize: Math.round(24 * unit),
      bigSize: Math.round(48 * unit),
      lineSize: Math.round(26 * unit),
      noteSize: Math.round(22 * unit),
    };
  },
};
