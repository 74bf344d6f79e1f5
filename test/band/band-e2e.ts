// The band app (band/, API 1.0) end to end on both bands, in the 1.0 watch realm with the phone realm and
// the issuer: bind in the settings page, pay at the till with the code scanned off the degraded screen
// (barcode at 0.9 scale, QR and EMV QR at 0.8, blurred 0.7 px, as for watches: test/codes/scan-from-screen.ts),
// the same code refused twice, brightness up and restored; a metro tap shows on the transit page and the
// limits page shows what is left; a card opened from the transit page shows its ride code, which a gate
// (server/reader) reads off the degraded screen and accepts, and the next step's; the history page shows a
// payment and its refund. Run by band-e2e.slow.test.ts (every journey on both bands; slow lane only: the
// fast lane must stay under 40 s).
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect } from 'vitest';
import type { DeviceFacts } from '../../reference/devices';
import { degrade } from '../../sim/scan/degrade';
import { decodeBarcode, decodeQr, type RgbaImage } from '../../sim/scan/scanner';
import { blankImage } from '../../sim/scan/degrade';
import { bind, journeyIt, post, world, type World } from '../app/wallet-e2e';
import { openBandPay } from './band-pay';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { Reader } from '../../server/reader/reader';
import { generateCode } from '../../lib/payment/code';
import { WALLET_STORAGE_KEY, type Wallet } from '../../lib/wallet/wallet';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));
const BLUR_PX = 0.7;

/** The picture moved right and down by `shift` px: another place for the scanner's pixel grid. */
function shifted(image: RgbaImage, shift: number): RgbaImage {
  if (shift === 0) return image;
  const out = blankImage(image.width + shift, image.height + shift, 0x000000);
  for (let y = 0; y < image.height; y++)
    out.data.set(
      image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4),
      ((y + shift) * out.width + shift) * 4,
    );
  return out;
}

/**
 * The barcode read from a 0.9 copy: at 2 px per module it reads or not depending on where the scanner's
 * pixels fall, so (as scan-from-screen.ts does for watches) from one of the ten offsets a 0.9 scale has.
 */
async function scanBarcode(image: RgbaImage): Promise<string | null> {
  for (let shift = 0; shift < 10; shift++) {
    const read = (await decodeBarcode(degrade(shifted(image, shift), 0.9, BLUR_PX))).zxing;
    if (read) return read;
  }
  return null;
}

const scanQr = (image: RgbaImage) => decodeQr(degrade(image, 0.8, BLUR_PX));

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const charge = (code: string, amount: number, key: string) =>
  post(`${w!.issuerUrl}/v1/merchant/charges`, w!.merchantKey, { code, amount, currency: 'CNY', idempotencyKey: key });

/** Taps the code (its white quiet zone is a FILL_RECT that takes taps) at the screen's middle. */
const tapCode = async () =>
  w!.sim.watch.tap({ x: Math.round(w!.sim.watch.device.width / 2), y: Math.round(w!.sim.watch.device.height / 2) });

/** The wallet the band stored (band/page/common/store.ts: UTF-16LE JSON in its /data folder). */
function storedBandWallet(): Wallet {
  const bytes = w!.sim.watch.band.files.get(`${WALLET_STORAGE_KEY}.json`);
  if (!bytes) throw new Error('the band stored no wallet');
  return JSON.parse(Buffer.from(bytes).toString('utf16le')) as Wallet;
}

export type BandJourney = 'pay' | 'transit' | 'ride' | 'history';

/**
 * Swipes up until `stop()` or until a swipe changes nothing: a list page either scrolls its layer or turns
 * to its next page (band-look's paginated list pages), so "nothing moved" is read off the texts.
 */
async function swipeThrough(stop: () => boolean): Promise<void> {
  let before = JSON.stringify(w!.sim.watch.texts());
  for (let swipes = 0; swipes < 60 && !stop(); swipes++) {
    await w!.sim.watch.swipe({ dy: -Math.round(w!.sim.watch.device.height / 3) });
    const now = JSON.stringify(w!.sim.watch.texts());
    if (now === before) return;
    before = now;
  }
}

/** Texts of the page from top to bottom, swiped through. */
async function allTexts(): Promise<string[]> {
  const seen = new Set<string>();
  await swipeThrough(() => {
    for (const t of w!.sim.watch.texts()) seen.add(t);
    return false;
  });
  return [...seen];
}

/** Swipes the page until `text` is on screen (a button further down, e.g. "Ride code"). */
const scrollTo = (text: string) => swipeThrough(() => w!.sim.watch.texts().includes(text));

export function bandSuite(band: DeviceFacts, journeys: BandJourney[]): void {
  describe(`the band app on '${band.name}' (API ${band.apiLevel.toFixed(1)})`, () => {
    const journey = journeyIt(journeys);

    journey(
      'pay',
      'binds, pays with the barcode, the QR code and the EMV QR code scanned off the degraded screen',
      async () => {
        w = await world(band.name, { appDir: BAND_APP });
        expect(w.sim.watch.device.apiLevel).toBe(1);
        await bind(w);
        await openBandPay(w); // through the keypad: a PIN chosen on first use (band-pay.ts)
        await w.sim.clock.until(() => w!.sim.watch.texts().some((t) => /^\d{4}$/.test(t)), 10_000);
        expect(w.sim.watch.errors).toEqual([]);
        const code = await scanBarcode(w.sim.screenImage());
        expect(code).toMatch(/^\d{20}$/);
        // The digits beside the barcode are the code's.
        expect(
          w.sim.watch
            .texts()
            .filter((t) => /^\d{4}$/.test(t))
            .join(''),
        ).toBe(code);
        expect(await charge(code!, 2_350, 'b1')).toMatchObject({ status: 'approved', amount: 2_350 });
        expect(await charge(code!, 100, 'b2')).toMatchObject({ status: 'declined', reason: 'used' });
        expect(w.sim.watch.display.brightness).toBe(100);

        await tapCode();
        const qr = await scanQr(w.sim.screenImage());
        expect(qr.jsqr).toBe(code);
        expect(qr.zxing).toBe(code);

        // The next step's code (this step's was charged above): the page draws it on its own timer.
        await w.sim.clock.advance(60_000);
        await tapCode();
        expect(w.sim.watch.texts()).toContain('EMV');
        const emv = await scanQr(w.sim.screenImage());
        expect(emv.jsqr).toMatch(/^hQVDUFYw/); // base64 of 85 05 "CPV01"
        const paid = await charge(emv.jsqr!, 800, 'b3');
        expect(paid, JSON.stringify(paid)).toMatchObject({ status: 'approved', amount: 800 });

        // Brightness and auto-brightness come back when the page goes.
        await w.sim.watch.back();
        expect(w.sim.watch.display.autoBrightness).toBe(true);
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey(
      'transit',
      'shows a metro trip and the new balance on the transit page, and what is left on the limits page',
      async () => {
        w = await world(band.name, { appDir: BAND_APP });
        await bind(w);
        await post(`${w.issuerUrl}/v1/transit/taps`, w.operatorKey, {
          cardId: w.cardId,
          fare: 300,
          line: 'Line 2',
          idempotencyKey: 'g1',
        });
        await w.sim.watch.tap('Transit cards');
        await w.sim.clock.until(() => w!.sim.watch.texts().includes('Line 2'), 10_000);
        expect(w.sim.watch.texts()).toContain('¥17.00');
        expect(w.sim.watch.texts()).toContain('-¥3.00');
        await w.sim.watch.back();
        await w.sim.watch.tap('Limits');
        await w.sim.clock.until(() => w!.sim.watch.texts().includes('Spent today'), 10_000);
        expect(w.sim.watch.texts()).toContain('¥2,000.00');
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey(
      'ride',
      "opens a card's page from the transit page, and its ride code, read off the degraded screen, passes a gate",
      async () => {
        w = await world(band.name, { appDir: BAND_APP });
        await bind(w);
        await w.sim.watch.tap('Transit cards');
        await w.sim.clock.until(() => w!.sim.watch.texts().includes('Metro card'), 10_000);
        await w.sim.watch.tap('Metro card');
        await w.sim.clock.until(() => w!.sim.watch.texts().some((t) => t.startsWith('As of ')), 10_000);
        expect(w.sim.watch.page).toBe('page/card/index.page');
        const card = w.sim.watch.texts();
        expect(card[0]).toBe('Metro card');
        expect(card).toContain('¥20.00');
        expect(card.some((t) => t.startsWith('As of '))).toBe(true);

        // A gate that fetched the issuer's keys, then reads the band's screen offline.
        const dir = mkdtempSync(join(tmpdir(), 'band-gate-'));
        const gate = new Reader({
          file: join(dir, 'gate.sqlite'),
          id: 'gate-band',
          line: 'Line 1',
          fare: 200,
          issuer: w.issuerUrl,
          operatorKey: w.operatorKey,
          now: () => w!.sim.clock.now(),
        });
        try {
          await gate.refresh();
          await scrollTo('Ride code');
          await w.sim.watch.tap('Ride code');
          await w.sim.clock.settle();
          expect(w.sim.watch.page).toBe('page/ride/index.page');
          expect(w.sim.watch.display).toMatchObject({ brightness: 100, autoBrightness: false, keepScreenOn: true });
          // ZXing (the gate's decoder first: sim/cli/reader.ts) reads the 3 px a module code at 0.8 scale.
          const first = await scanQr(w.sim.screenImage());
          expect(first.zxing).toMatch(/^\d{340}$/);
          const verdict = gate.read(first.zxing);
          expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
          expect(gate.read(first.zxing)).toMatchObject({ ok: false });
          // The next step's code, drawn on the page's own timer.
          await w.sim.clock.advance(RIDE_STEP_SECONDS * 1000);
          const second = await scanQr(w.sim.screenImage());
          expect(second.zxing).toMatch(/^\d{340}$/);
          expect(second.zxing).not.toBe(first.zxing);
          expect(gate.read(second.zxing)).toMatchObject({ ok: true });
          expect(w.sim.watch.errors).toEqual([]);
          await w.sim.watch.back();
          expect(w.sim.watch.display).toMatchObject({ autoBrightness: true, keepScreenOn: false });
        } finally {
          gate.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );

    journey('history', 'shows a payment and its refund on the history page', async () => {
      w = await world(band.name, { appDir: BAND_APP });
      await bind(w);
      // The history page syncs as it opens: the band stores its lease and the balance, no payments yet.
      await w.sim.watch.tap('History');
      await w.sim.clock.until(() => w!.sim.watch.texts().some((t) => t.startsWith('Balance ')), 10_000);
      expect(w.sim.watch.texts()).toContain('No payments yet');
      await w.sim.watch.back();
      // This step's code from the lease the band stored (the pay page is the pay journey's).
      const code = generateCode(storedBandWallet().lease!, w.sim.clock.now());
      const paid = await charge(code, 2_350, 'h1');
      expect(paid).toMatchObject({ status: 'approved' });
      const refund = await post(`${w.issuerUrl}/v1/merchant/refunds`, w.merchantKey, {
        chargeId: paid.chargeId,
        amount: 500,
        idempotencyKey: 'h2',
      });
      expect(refund, JSON.stringify(refund)).not.toHaveProperty('error');
      await w.sim.watch.tap('History');
      // The page shows what the band stored, then syncs and redraws with the charge and the refund.
      await w.sim.clock.until(() => w!.sim.watch.texts().includes('Canteen'), 10_000);
      expect(w.sim.watch.page).toBe('page/history/index.page');
      const texts = await allTexts();
      expect(texts).toContain('Canteen');
      expect(texts).toContain('-¥23.50');
      expect(texts).toContain('+¥5.00');
      expect(texts.some((t) => t.startsWith('Refund · '))).toBe(true);
      expect(texts.some((t) => t.startsWith('Balance '))).toBe(true);
      expect(w.sim.watch.errors).toEqual([]);
    });
  });
}
