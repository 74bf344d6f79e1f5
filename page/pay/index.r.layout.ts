// Round screens: the code sits in the middle band of the circle; title and hint on the shorter chords.
import { centredBox } from '../common/centred-box';
import type { PayLayout } from './layout-types';

export const layout: PayLayout = {
  geometry(width, height) {
    const u = width / 480;
    return {
      title: centredBox(width, height, 0.25, 0.07, Math.round(44 * u)),
      titleSize: Math.round(32 * u),
      area: { x: 0, y: Math.round(height * 0.17), w: width, h: Math.round(height * 0.68) },
      fullArea: { x: 0, y: 0, w: width, h: height },
      digitsSize: Math.round(26 * u),
      margin: Math.round(4 * u),
      hint: centredBox(width, height, 0.17, 0.85, Math.round(30 * u)),
      hintSize: Math.round(22 * u),
      message: centredBox(width, height, 0.12, 0.3, Math.round(height * 0.45)),
      messageSize: Math.round(28 * u),
    };
  },
};
