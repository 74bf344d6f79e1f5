// The QRCODE-widget scan property, shared by scan.test.ts (fast lane, few runs) and
// scan.slow.test.ts (slow lane, full strength).
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { renderToImage } from '../../render/render';
import { decodeQr } from '../../scan/scanner';
import { degrade } from '../../scan/degrade';
import type { ScreenSnapshot, WidgetNode } from '../../render/screen-model';
import { node } from './pixels';

export const round466 = (widgets: WidgetNode[]): ScreenSnapshot => ({
  width: 466,
  height: 466,
  shape: 'round',
  background: 0,
  widgets,
});
export const qrWidget = (content: string, side: number) => {
  const at = Math.round((466 - side) / 2);
  return node('QRCODE', {
    content,
    x: at,
    y: at,
    w: side,
    h: side,
    bg_x: at - 16,
    bg_y: at - 16,
    bg_w: side + 32,
    bg_h: side + 32,
    bg_radius: 8,
  });
};

/** A QRCODE widget of random short ASCII content, 220 px, reads from the degraded screen: `numRuns` contents. */
export function qrReadsShortAscii(numRuns: number): void {
  it('decodes any short ASCII content drawn at 220 px', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefxyz0123456789:/.-_=?&'.split('')),
          minLength: 1,
          maxLength: 60,
        }),
        async (content) => {
          const shot = degrade(renderToImage(round466([qrWidget(content, 220)])), 0.8, 0.7);
          const read = await decodeQr(shot);
          expect(read.zxing).toBe(content);
          expect(read.jsqr).toBe(content);
        },
      ),
      { numRuns },
    );
  });
}
