// Square screens (status bar hidden): title and dots on top, the keypad's 4 rows across the width.
import { keypad, type PinLayout } from './layout-types';

export const layout: PinLayout = {
  geometry(width, height) {
    const u = width / 390;
    const gap = Math.round(8 * u);
    const top = Math.round(height * 0.25);
    const kh = Math.floor((height - top - Math.round(10 * u) - 3 * gap) / 4);
    const kw = Math.round(width * 0.28);
    const dotGap = Math.round(36 * u);
    return {
      title: { x: 0, y: Math.round(6 * u), w: width, h: Math.round(36 * u) },
      titleSize: Math.round(26 * u),
      dots: [0, 1, 2, 3].map((i) => ({ x: Math.round(width / 2 + (i - 1.5) * dotGap), y: Math.round(56 * u) })),
      dotRadius: Math.round(8 * u),
      message: { x: 0, y: Math.round(70 * u), w: width, h: Math.round(30 * u) },
      messageSize: Math.round(19 * u),
      keys: keypad(width, top, kw, kh, gap),
      keySize: Math.round(30 * u),
      erasedMessage: {
        x: Math.round(width * 0.08),
        y: Math.round(56 * u),
        w: Math.round(width * 0.84),
        h: Math.round(height * 0.5),
      },
      erasedButton: {
        x: Math.round(width * 0.25),
        y: height - Math.round(100 * u),
        w: Math.round(width * 0.5),
        h: Math.round(72 * u),
      },
    };
  },
};
