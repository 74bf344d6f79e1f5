// Square screens for the text-list pages (transit, limits): full-width rows in a scrolling container
// that starts below the status bar, so no row scrolls under it; `end` lets the last row scroll up clear
// of the rounded bottom corners.
import type { ListLayout } from './list-layout';
import { STATUS_BAR_HEIGHT } from './status-bar';

export const layout: ListLayout = {
  geometry(width, height) {
    const u = width / 390;
    const side = Math.round(16 * u);
    return {
      view: { x: 0, y: STATUS_BAR_HEIGHT, w: width, h: height - STATUS_BAR_HEIGHT },
      title: { x: 0, y: Math.round(4 * u), w: width, h: Math.round(44 * u) },
      titleSize: Math.round(28 * u),
      row: (y, h) => ({ x: side, y, w: width - 2 * side, h }),
      top: Math.round(56 * u),
      end: Math.round(64 * u),
      bigSize: Math.round(40 * u),
      textSize: Math.round(24 * u),
      smallSize: Math.round(20 * u),
      gap: Math.round(6 * u),
    };
  },
};
