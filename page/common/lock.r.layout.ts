// Round screens: the locked screen's title on the upper chord, the message in the middle, the button
// on a chord wide enough for it.
import { centredBox } from './centred-box';
import type { LockLayout } from './lock';

export const layout: LockLayout = {
  geometry(width, height) {
    const u = width / 480;
    return {
      title: centredBox(width, height, 0.2, 0.12, Math.round(48 * u)),
      titleSize: Math.round(34 * u),
      message: centredBox(width, height, 0.12, 0.23, Math.round(height * 0.46)),
      messageSize: Math.round(26 * u),
      button: centredBox(width, height, 0.24, 0.7, Math.round(72 * u)),
      buttonSize: Math.round(30 * u),
    };
  },
};
