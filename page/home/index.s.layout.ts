// Square screens: full-width buttons under the title, which sits below the system status bar.
import { STATUS_BAR_HEIGHT } from '../common/status-bar';
import type { HomeLayout } from './layout-types';

export const layout: HomeLayout = {
  geometry(width, height) {
    const u = width / 390;
    const h = Math.round(60 * u);
    const gap = Math.round(8 * u);
    const top = STATUS_BAR_HEIGHT + Math.round(46 * u);
    const side = Math.round(16 * u);
    const button = (i: number) => ({ x: side, y: top + i * (h + gap), w: width - 2 * side, h });
    return {
      title: { x: 0, y: STATUS_BAR_HEIGHT, w: width, h: Math.round(40 * u) },
      titleSize: Math.round(32 * u),
      buttons: [button(0), button(1), button(2), button(3)],
      buttonSize: Math.round(30 * u),
      status: {
        x: side,
        y: top + 4 * (h + gap),
        w: width - 2 * side,
        h: height - (top + 4 * (h + gap)) - Math.round(8 * u),
      },
      statusSize: Math.round(20 * u),
    };
  },
};
