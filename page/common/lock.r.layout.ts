// Round screens: the locked screen's title on the upper chord, the message in the middle, the button
// on a chord wide enough for it.
import type { LockLayout } from './lock';

export const layout: LockLayout = {
  geometry(width, height) {
    const u = width / 480;
    return {
      title: {
        x: Math.round(width * 0.2),
        y: Math.round(height * 0.12),
        w: Math.round(width * 0.6),
        h: Math.round(48 * u),
      },
      titleSize: Math.round(34 * u),
      message: {
        x: Math.round(width * 0.12),
        y: Math.round(height * 0.23),
        w: Math.round(width * 0.76),
        h: Math.round(height * 0.46),
      },
      messageSize: Math.round(26 * u),
      button: {
        x: Math.round(width * 0.24),
        y: Math.round(height * 0.7),
        w: Math.round(width * 0.52),
        h: Math.round(72 * u),
      },
      buttonSize: Math.round(30 * u),
    };
  },
};
