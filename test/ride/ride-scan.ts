// The ride code on the watch's screen: on each device the ride view's QR code keeps 4 px per module
// or more inside the screen (cheap: every target device); painted and degraded as the scanner sees
// it (scaled 0.8, blurred 0.7 px, as for payment QR codes) it reads back with jsQR and ZXing-C++;
// and the real ride page, run in the watch realm, shows a code that reads from its degraded screen,
// verifies offline, and is replaced at the next 30 s step; the screen is bright while it shows and restored after.
import { describe, expect, it } from 'vitest';
import { screenOf } from '../../lib/codes/layout';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { verifyRideCode } from '../../lib/ride/verify';
import { MIN_PX_PER_MODULE } from '../../lib/wallet/pay-view';
import { rideView } from '../../lib/wallet/ride-view';
import { applySync, EMPTY_WALLET, WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';
import { layout as roundLayout } from '../../page/pay/index.r.layout';
import { layout as squareLayout } from '../../page/pay/index.s.layout';
import type { DeviceFacts } from '../../reference/devices';
import { sync } from '../../sim/fixtures/wallet';
import { openPageOffline } from '../../sim/render/page';
import { renderToImage } from '../../sim/render/render';
import { blankImage, degrade, fillRects } from '../../sim/scan/degrade';
import { decodeQr } from '../../sim/scan/scanner';
import { CARD_A, ISSUER_KEYS, NOW, rideLease } from '../../sim/fixtures/ride';

const lease = rideLease(7);
const wallet = applySync(EMPTY_WALLET, sync({ lease, now: NOW, asOf: NOW }), NOW);

export function rideViewOn(d: DeviceFacts, now = NOW) {
  const g = (d.shape === 'round' ? roundLayout : squareLayout).geometry(d.width, d.height);
  const v = rideView(wallet, now, CARD_A, screenOf(d), g);
  if (v.kind !== 'code') throw new Error(`no ride code on ${d.name}: ${v.titleKey}`);
  return v;
}

export function rideScanSuite(o: { geometryOn: DeviceFacts[]; decodeOn: DeviceFacts[]; pageOn: DeviceFacts[] }): void {
  const label = (d: DeviceFacts) => ({ d, name: `${d.name} (${d.shape} ${d.width}x${d.height})` });

  describe('the ride QR code on the screen', () => {
    it.each(o.geometryOn.map(label))('$name: 4 px per module or more, inside the screen', ({ d }) => {
      const v = rideViewOn(d);
      expect(v.layout.pxPerModule).toBeGreaterThanOrEqual(MIN_PX_PER_MODULE.qr);
      const b = v.layout.bounds;
      expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= d.width && b.y + b.h <= d.height).toBe(true);
    });

    it.each(o.decodeOn.map(label))('$name: reads from a degraded copy of the painted code', async ({ d }) => {
      const v = rideViewOn(d);
      const painted = fillRects(
        fillRects(blankImage(d.width, d.height, 0x000000), [v.layout.bounds], 0xffffff),
        v.layout.rects,
        0x000000,
      );
      expect(await decodeQr(degrade(painted, 0.8, 0.7))).toEqual({ jsqr: v.payload, zxing: v.payload });
    });

    it.each(o.pageOn.map(label))(
      '$name: the real ride page, read from its degraded screen, a new code each step',
      async ({ d }) => {
        const page = await openPageOffline({
          device: d.name,
          page: 'page/ride/index.page',
          startMs: NOW,
          storage: { [WALLET_STORAGE_KEY]: JSON.stringify(wallet) },
        });
        try {
          const read = async () => decodeQr(degrade(renderToImage(page.snapshot()), 0.8, 0.7));
          const first = await read();
          expect(first.jsqr).toBe(first.zxing);
          expect(verifyRideCode(first.zxing, { keys: ISSUER_KEYS, nowMs: page.clock.now() })).toMatchObject({
            ok: true,
            serial: lease.ride![0]!.serial,
          });
          await page.clock.advance(RIDE_STEP_SECONDS * 1000);
          await page.clock.settle();
          const second = await read();
          expect(second.zxing).not.toBe(first.zxing);
          expect(verifyRideCode(second.zxing, { keys: ISSUER_KEYS, nowMs: page.clock.now() })).toMatchObject({
            ok: true,
          });
          expect(page.watch.errors).toEqual([]);
          // Bright and kept on for the gate, no status bar over the code; the user's settings back when it goes.
          expect(page.snapshot().statusBar).toBeNull();
          const before = { brightness: 60, autoBrightness: true, dropWristPaused: null };
          expect(page.watch.display).toMatchObject({
            brightness: 100,
            autoBrightness: false,
            dropWristPaused: 120_000,
          });
          await page.close();
          expect(page.watch.display).toMatchObject(before);
        } finally {
          await page.close();
        }
      },
    );
  });
}
