// Round screens: the code sits in the middle band of the circle; title and hint on the shorter chords.
import type { PayLayout } from './layout-types';

export const layout: PayLayout = {
  geometry(width, height) {
    const u = width / 480;
    return {
      title: {
        x: Math.round(width * 0.25),
        y: Math.round(height * 0.07),
        w: Math.round(width * 0.5),
        h: Math.round(44 * u),
      },
      titleSize: Math.round(32 * u),
      area: { x: 0, y: Math.round(height * 0.17), w: width, h: Math.round(height * 0.68) },
      fullArea: { x: 0, y: 0, w: width, h: height },
      digitsSize: Math.round(26 * u),
      margin: Math.round(4 * u),
      hint: {
        x: Math.round(width * 0.17),
        y: Math.round(height * 0.85),
        w: Math.round(width * 0.66),
        h: Math.round(30 * u),
      },
      hintSize: Math.round(22 * u),
      message: {
        x: Math.round(width * 0.12),
        y: Math.round(height * 0.3),
        w: Math.round(width * 0.76),
        h: Math.round(height * 0.45),
      },
      messageSize: Math.round(28 * u),
    };
  },
};
