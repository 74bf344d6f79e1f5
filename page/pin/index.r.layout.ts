// Round screens: title and dots on the upper chords, the keypad's 4 rows of round keys inside the
// circle (the bottom row's outer corners stay within the radius).
import { keypad, type PinLayout } from './layout-types';

export const layout: PinLayout = {
  geometry(width, height) {
    const u = width / 480;
    const key = Math.round(height * 0.145);
    const gap = Math.round(height * 0.015);
    const dotY = Math.round(height * 0.2);
    const dotGap = Math.round(40 * u);
    return {
      title: {
        x: Math.round(width * 0.22),
        y: Math.round(height * 0.075),
        w: Math.round(width * 0.56),
        h: Math.round(40 * u),
      },
      titleSize: Math.round(28 * u),
      dots: [0, 1, 2, 3].map((i) => ({ x: Math.round(width / 2 + (i - 1.5) * dotGap), y: dotY })),
      dotRadius: Math.round(9 * u),
      message: {
        x: Math.round(width * 0.14),
        y: Math.round(height * 0.235),
        w: Math.round(width * 0.72),
        h: Math.round(30 * u),
      },
      messageSize: Math.round(20 * u),
      keys: keypad(width, Math.round(height * 0.3), key, key, gap),
      keySize: Math.round(32 * u),
      erasedMessage: {
        x: Math.round(width * 0.12),
        y: Math.round(height * 0.22),
        w: Math.round(width * 0.76),
        h: Math.round(height * 0.46),
      },
      erasedButton: {
        x: Math.round(width * 0.3),
        y: Math.round(height * 0.72),
        w: Math.round(width * 0.4),
        h: Math.round(70 * u),
      },
    };
  },
};
