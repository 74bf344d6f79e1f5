// Square screens: the locked screen's title on top, the message, the button near the bottom.
import type { LockLayout } from './lock';

export const layout: LockLayout = {
  geometry(width, height) {
    const u = width / 390;
    return {
      title: { x: 0, y: Math.round(12 * u), w: width, h: Math.round(44 * u) },
      titleSize: Math.round(30 * u),
      message: {
        x: Math.round(width * 0.08),
        y: Math.round(64 * u),
        w: Math.round(width * 0.84),
        h: Math.round(height * 0.5),
      },
      messageSize: Math.round(26 * u),
      button: {
        x: Math.round(width * 0.15),
        y: height - Math.round(100 * u),
        w: Math.round(width * 0.7),
        h: Math.round(72 * u),
      },
      buttonSize: Math.round(28 * u),
    };
  },
};
