// Round screens for the text-list pages (transit, limits). The list scrolls, so a row is not read at
// one height: every row gets the width of the circle's chord at the edges of a band from `top` to
// height - `top` (80% of the diameter at 20% / 80% of the height), and fits anywhere inside it; `end`
// lets the last row scroll up into the band.
import { centredBox } from './centred-box';
import { chordRow, type ListLayout } from './list-layout';

export const layout: ListLayout = {
  geometry(width, height) {
    const u = width / 480;
    const top = Math.round(height * 0.2);
    const band = chordRow(width, Math.round(20 * u), top, height - 2 * top);
    return {
      view: { x: 0, y: 0, w: width, h: height },
      title: centredBox(width, height, 0.2, 0.08, Math.round(48 * u)),
      titleSize: Math.round(32 * u),
      row: (y, h) => ({ x: band.x, y, w: band.w, h }),
      top,
      end: top,
      bigSize: Math.round(44 * u),
      textSize: Math.round(26 * u),
      smallSize: Math.round(22 * u),
      gap: Math.round(8 * u),
    };
  },
};
