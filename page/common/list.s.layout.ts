// Square screens for the text-list pages (transit, limits): full-width rows, the title below the status bar.
import type { ListLayout } from './list-layout';
import { STATUS_BAR_HEIGHT } from './status-bar';

export const layout: ListLayout = {
  geometry(width) {
    const u = width / 390;
    const side = Math.round(16 * u);
    return {
      title: { x: 0, y: STATUS_BAR_HEIGHT, w: width, h: Math.round(44 * u) },
      titleSize: Math.round(28 * u),
      row: (y, h) => ({ x: side, y, w: width - 2 * side, h }),
      top: STATUS_BAR_HEIGHT + Math.round(52 * u),
      bigSize: Math.round(40 * u),
      textSize: Math.round(24 * u),
      smallSize: Math.round(20 * u),
      gap: Math.round(6 * u),
    };
  },
};
