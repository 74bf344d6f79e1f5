// Round screens: the card sits mid-screen, wide as the screen minus margins; its corners come near
// the circle's edge, so rows keep 12% of the card's width clear on each side and text is centered.
import type { CardLayout } from './layout-types';

export const layout: CardLayout = {
  geometry({ w, h }) {
    const side = Math.round(w * 0.12);
    const rowW = w - 2 * side;
    const unit = h / 240;
    const row = (y: number, rh: number) => ({ x: side, y: Math.round(y * unit), w: rowW, h: Math.round(rh * unit) });
    return {
      centered: true,
      label: row(22, 34),
      big: row(56, 62),
      line: row(124, 40),
      note: row(166, 44),
      labelSize: Math.round(24 * unit),
      bigSize: Math.round(48 * unit),
      lineSize: Math.round(26 * unit),
      noteSize: Math.round(22 * unit),
    };
  },
};
