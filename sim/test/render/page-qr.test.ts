// The real pay page, run in the watch realm: the code it draws must scan from a degraded picture of
// the screen (QR: scaled to 0.8 with ~0.7 px blur; barcode: 0.9), on a round and a square device.
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode } from '../../../lib/payment/code';
import { WALLET_STORAGE_KEY } from '../../../lib/wallet/wallet';
import { degrade } from '../../scan/degrade';
import { renderToImage } from '../../render/render';
import { openPageOffline, type OfflinePage } from '../../render/page';
import { decodeBarcode, decodeQr } from '../../scan/scanner';
import { lease, T0 } from '../../../test/wallet/fixtures';

const DEVICES = ['Amazfit Active Edge', 'Amazfit Bip 5 Unity'] as const; // the smallest round and square screens

let open: OfflinePage | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function payPage(device: string, toQr: boolean) {
  const l = lease();
  open = await openPageOffline({
    device,
    page: 'page/pay/index.page',
    startMs: T0,
    storage: { [WALLET_STORAGE_KEY]: JSON.stringify({ v: 1, lease: l, last: null, syncedAt: null }) },
    // The page switches to the QR code on a tap on the code, mid-screen.
    taps: toQr ? [{ fx: 0.5, fy: 0.5 }] : [],
  });
  expect(open.watch.errors).toEqual([]);
  return { image: renderToImage(open.snapshot()), code: generateCode(l, open.clock.now()) };
}

describe.each(DEVICES)('pay page on %s', (device) => {
  it('draws a QR code that both decoders read from the degraded screen', async () => {
    const { image, code } = await payPage(device, true);
    expect(await decodeQr(degrade(image, 0.8, 0.7))).toEqual({ jsqr: code, zxing: code });
  });

  it('draws a barcode that ZXing-C++ reads from the degraded screen', async () => {
    const { image, code } = await payPage(device, false);
    expect(await decodeBarcode(degrade(image, 0.9, 0.7))).toMatchObject({ zxing: code, format: 'Code128' });
  });
});
