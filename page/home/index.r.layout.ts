// Round screens: buttons narrow toward the top and bottom of the circle.
import type { HomeLayout } from './layout-types';

export const layout: HomeLayout = {
  geometry(width, height) {
    const u = width / 480;
    // Four buttons (issue 10 added History): a little lower and tighter than three were.
    const h = Math.round(56 * u);
    const gap = Math.round(8 * u);
    const top = Math.round(height * 0.22);
    const button = (i: number, w: number) => ({ x: Math.round((width - w) / 2), y: top + i * (h + gap), w, h });
    return {
      title: {
        x: Math.round(width * 0.2),
        y: Math.round(height * 0.1),
        w: Math.round(width * 0.6),
        h: Math.round(56 * u),
      },
      titleSize: Math.round(36 * u),
      buttons: [
        button(0, Math.round(width * 0.7)),
        button(1, Math.round(width * 0.76)),
        button(2, Math.round(width * 0.76)),
        button(3, Math.round(width * 0.66)),
      ],
      buttonSize: Math.round(30 * u),
      status: {
        x: Math.round(width * 0.19),
        y: top + 4 * (h + gap),
        w: Math.round(width * 0.62),
        h: Math.round(64 * u),
      },
      statusSize: Math.round(20 * u),
    };
  },
};
