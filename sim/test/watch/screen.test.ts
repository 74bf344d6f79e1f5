// The real pay page, rendered from the watch realm's widget tree, read back by the scanner from a
// degraded copy (barcode at 0.9 scale, QR at 0.8, both with 0.7 px blur), on a round and a square device.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadDevices } from '../../../reference/devices';
import { EMPTY_WALLET, WALLET_STORAGE_KEY, applySync } from '../../../lib/wallet/wallet';
import { FakeClock } from '../../kernel/clock';
import type { Link } from '../../kernel/contracts';
import { degrade } from '../../scan/degrade';
import { renderToImage } from '../../render/render';
import { decodeBarcode, decodeQr } from '../../scan/scanner';
import { createWatchRealm } from '../../kernel/watch-realm';
import { lease, sync, T0 } from '../../../test/wallet/fixtures';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** No phone: the page shows the stored code; its sync fails later, on the clock. */
const noPhone: Link = {
  attachWatch: () => ({ send: () => true, connected: () => true, onStatus: () => {} }),
  attachPhone: () => ({ send: () => {} }),
  cut() {}, restore() {}, dropNext() {}, delay() {},
  frames: [],
};

for (const name of ['Amazfit Balance', 'Amazfit Bip 5']) {
  describe(`pay page on ${name}`, () => {
    it('draws a barcode and, after a tap, a QR code that the scanner reads from degraded copies', async () => {
      const device = loadDevices().find((d) => d.name === name)!;
      const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
      const storage = new Map<string, unknown>([[WALLET_STORAGE_KEY, JSON.stringify(wallet)]]);
      const clock = new FakeClock(T0);
      const watch = await createWatchRealm({ device, clock, link: noPhone, storage, appDir: ROOT, entryPage: 'page/pay/index.page' });
      try {
        const digits = watch.texts().find((t) => /^[\d ]{12,}$/.test(t));
        expect(digits, `a row of code digits among ${JSON.stringify(watch.texts())}`).toBeDefined();
        const code = digits!.replace(/ /g, '');

        const bar = await decodeBarcode(degrade(renderToImage(watch.snapshot()), 0.9));
        expect(bar.zxing).toBe(code);

        // The code (one CANVAS) toggles barcode <-> QR; the corner of its quiet zone, too.
        const canvas = watch.snapshot().widgets.find((w) => w.type === 'CANVAS');
        expect(canvas).toBeDefined();
        await watch.tap({ x: Number(canvas!.props.x) + 2, y: Number(canvas!.props.y) + 2 });
        const qr = await decodeQr(degrade(renderToImage(watch.snapshot()), 0.8));
        expect(qr.jsqr ?? qr.zxing).toContain(code);
        expect(watch.errors).toEqual([]);
      } finally {
        await watch.close();
      }
    });
  });
}
