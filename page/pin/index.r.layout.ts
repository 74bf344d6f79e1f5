// Round screens: title and dots on the upper chords, the keypad's 4 rows of round keys inside the
// circle (the bottom row's outer corners stay within the radius).
import { centredBox } from '../common/centred-box';
import { keypad, type PinLayout } from './layout-types';

export const layout: PinLayout = {
  geometry(width, height) {
    const u = width / 480;
    const key = Math.round(height * 0.145);
    const gap = Math.round(height * 0.015);
    const dotY = Math.round(height * 0.2);
    const dotGap = Math.round(40 * u);
    return {
      title: centredBox(width, height, 0.22, 0.075, Math.round(40 * u)),
      titleSize: Math.round(28 * u),
      dots: [0, 1, 2, 3].map((i) => ({ x: Math.round(width / 2 + (i - 1.5) * dotGap), y: dotY })),
      dotRadius: Math.round(9 * u),
      message: centredBox(width, height, 0.14, 0.235, Math.round(30 * u)),
      messageSize: Math.round(20 * u),
      keys: keypad(width, Math.round(height * 0.3), key, key, gap),
      keySize: Math.round(32 * u),
      erasedMessage: centredBox(width, height, 0.12, 0.22, Math.round(height * 0.46)),
      erasedButton: centredBox(width, height, 0.3, 0.72, Math.round(70 * u)),
    };
  },
};
