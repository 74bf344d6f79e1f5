// Round screens for the text-list pages (transit, limits): rows follow the circle's chords.
import { chordRow, type ListLayout } from './list-layout';

export const layout: ListLayout = {
  geometry(width, height) {
    const u = width / 480;
    return {
      title: { x: Math.round(width * 0.2), y: Math.round(height * 0.08), w: Math.round(width * 0.6), h: Math.round(48 * u) },
      titleSize: Math.round(32 * u),
      row: (y, h) => chordRow(width, Math.round(20 * u), y, h),
      top: Math.round(height * 0.2),
      bigSize: Math.round(44 * u),
      textSize: Math.round(26 * u),
      smallSize: Math.round(22 * u),
      gap: Math.round(8 * u),
    };
  },
};
