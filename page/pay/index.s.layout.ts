// Square screens: title on top, the code in the full-width middle, the hint at the bottom.
import type { PayLayout } from './layout-types';

export const layout: PayLayout = {
  geometry(width, height) {
    const u = width / 390;
    return {
      title: { x: 0, y: Math.round(8 * u), w: width, h: Math.round(40 * u) },
      titleSize: Math.round(28 * u),
      area: { x: 0, y: Math.round(50 * u), w: width, h: height - Math.round(96 * u) },
      fullArea: { x: 0, y: 0, w: width, h: height },
      digitsSize: Math.round(22 * u),
      margin: Math.round(2 * u),
      hint: { x: 0, y: height - Math.round(44 * u), w: width, h: Math.round(32 * u) },
      hintSize: Math.round(20 * u),
      message: {
        x: Math.round(width * 0.08),
        y: Math.round(height * 0.25),
        w: Math.round(width * 0.84),
        h: Math.round(height * 0.5),
      },
      messageSize: Math.round(26 * u),
    };
  },
};
