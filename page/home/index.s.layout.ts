// Square screens: full-width buttons under the title.
import type { HomeLayout } from './layout-types';

export const layout: HomeLayout = {
  geometry(width, height) {
    const u = width / 390;
    const h = Math.round(76 * u);
    const gap = Math.round(12 * u);
    const top = Math.round(70 * u);
    const side = Math.round(16 * u);
    const button = (i: number) => ({ x: side, y: top + i * (h + gap), w: width - 2 * side, h });
    return {
      title: { x: 0, y: Math.round(14 * u), w: width, h: Math.round(48 * u) },
      titleSize: Math.round(32 * u),
      buttons: [button(0), button(1), button(2)],
      buttonSize: Math.round(30 * u),
      status: { x: side, y: top + 3 * (h + gap), w: width - 2 * side, h: height - (top + 3 * (h + gap)) - Math.round(8 * u) },
      statusSize: Math.round(20 * u),
    };
  },
};
