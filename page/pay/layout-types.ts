import type { Rect } from '../../lib/codes/rects';
import type { PayGeometry } from '../../lib/wallet/pay-view';

/** Geometry of the pay page for one screen shape (index.r.layout.ts, index.s.layout.ts). */
export interface PayLayout {
  geometry(
    width: number,
    height: number,
  ): PayGeometry & {
    title: Rect;
    titleSize: number;
    hint: Rect;
    hintSize: number;
    message: Rect;
    messageSize: number;
  };
}
