// Issue 10 at the till, the real app end to end (wallet-e2e.ts's world: issuer on loopback, simulated
// watch + phone + settings page, one clock): confirmation of a charge made by a register over HTTP,
// declines in the user's words, the link cut while waiting, a new code, the format remembered, the
// history page. till.slow.test.ts runs all of them on round and square devices (slow lane
// only: the fast lane must stay under 40 s).
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { ACTIVITY_WINDOW_MS } from '../../lib/wallet/activity';
import { PAY_MEMORY_KEY } from '../../lib/wallet/pay-memory';
import { WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';
import { leaseStepAt } from '../../lib/payment/lease';
import { codeForStep as codeFor } from '../../lib/payment/code';
import type { TokenLease } from '../../lib/payment/types';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { bind, journeyIt, openPay, post, world, type World } from './wallet-e2e';

export type TillJourney = 'confirm' | 'declined' | 'link-cut' | 'new-code' | 'format' | 'history';
export const TILL_JOURNEYS: TillJourney[] = ['confirm', 'declined', 'link-cut', 'new-code', 'format', 'history'];

let w: World;
let n = 0;

async function barcode(): Promise<string> {
  const code = (await decodeBarcode(w.sim.screenImage())).zxing;
  expect(code).toMatch(/^\d{20}$/);
  return code!;
}

function lease(): TokenLease {
  return (JSON.parse(String(w.sim.watch.storage.get(WALLET_STORAGE_KEY))) as { lease: TokenLease }).lease;
}

/** The TOTP step a numeric code was made for, found by trying the steps around now. */
function stepOf(code: string): number {
  const l = lease();
  const now = leaseStepAt(l, w.sim.clock.now());
  return [now - 1, now, now + 1].find((s) => code === codeFor(l, s))!;
}

function charge(code: string, amount: number) {
  return post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
    code,
    amount,
    currency: 'CNY',
    idempotencyKey: `till-${++n}`,
  });
}

const texts = () => w.sim.watch.texts();
/** "New code": its button, or on screens where the code takes them all, the digits line under it. */
async function newCode(): Promise<void> {
  if (texts().includes('New code')) return w.sim.watch.tap('New code');
  const digits = texts().find((t) => /^\d{4}( \d{4}){4}$/.test(t));
  expect(digits, 'no New code button and no digits line').toBeDefined();
  await w.sim.watch.tap({ type: 'BUTTON', text: digits! });
}
const showsCode = () => w.sim.watch.find({ type: 'CANVAS' }) !== undefined;
const activityFetches = () => w.sim.phone.fetches.filter((f) => f.url.includes('/v1/activity')).length;

/** Waits up to 5 s of simulated time for `text` on the watch; returns how long it took. */
async function within5s(text: string | RegExp): Promise<number> {
  const t0 = w.sim.clock.now();
  await w.sim.clock.until(() => texts().some((t) => (typeof text === 'string' ? t === text : text.test(t))), 5_000);
  return w.sim.clock.now() - t0;
}

export function tillSuite(device: string, journeys: TillJourney[]): void {
  describe(`at the till on '${device}'`, () => {
    beforeEach(async () => {
      w = await world(device, {}, { merchantName: 'Campus canteen' });
      await bind(w);
    });
    afterEach(async () => w?.close());
    const journey = journeyIt(journeys);

    journey('confirm', 'a charge by a register shows "Paid" within 5 s with a buzz, then the next code', async () => {
      await openPay(w);
      const code = await barcode();
      const step = stepOf(code);
      expect(await charge(code, 2_350)).toMatchObject({ status: 'approved' });
      const took = await within5s('Paid');
      expect(took).toBeLessThanOrEqual(5_000);
      expect(texts()).toEqual(expect.arrayContaining(['Paid', '¥23.50', 'Campus canteen']));
      expect(showsCode()).toBe(false);
      expect(w.sim.watch.vibrationLog).toEqual([
        expect.objectContaining({ scene: 'VIBRATOR_SCENE_SHORT_STRONG', page: 'page/pay/index.page' }),
      ]);
      // Then a fresh code: the next step's, which the issuer takes at once.
      await w.sim.clock.until(showsCode, 6_000);
      const next = await barcode();
      expect(next).not.toBe(code);
      expect(stepOf(next)).toBe(step + 1);
      expect(await charge(next, 100)).toMatchObject({ status: 'approved' });
      await within5s('Paid');
      expect(texts()).toContain('¥1.00');
      expect(w.sim.watch.errors).toEqual([]);
    });

    journey('declined', "a declined charge shows why in the user's words, and the code moves on", async () => {
      // Limits set in the settings page: ¥20 a payment, ¥30 a day.
      await w.sim.settings.type({ label: 'Per payment (CNY)' }, '20');
      await w.sim.settings.type({ label: 'Per day (CNY)' }, '30');
      await w.sim.settings.press({ type: 'Button', label: 'Save limits' });
      await w.sim.clock.until(() => !w.sim.settings.texts().includes('Working…'), 10_000);
      await openPay(w);
      const first = await barcode();
      expect(await charge(first, 2_500)).toMatchObject({ status: 'declined', reason: 'over-per-payment' });
      await within5s('Declined');
      expect(texts()).toContain('Over the limit for one payment');
      expect(w.sim.watch.vibrationLog.at(-1)).toMatchObject({ scene: 'VIBRATOR_SCENE_NOTIFICATION' });
      await w.sim.clock.until(showsCode, 6_000);
      const second = await barcode();
      expect(second).not.toBe(first);
      expect(await charge(second, 2_000)).toMatchObject({ status: 'approved' });
      await within5s('Paid');
      // Two codes of the issuer's window are spent: the watch says when the next one comes, then shows it.
      await w.sim.clock.advance(4_500);
      expect(texts().some((t) => /^Next code in \d+ s$/.test(t)) || showsCode()).toBe(true);
      await w.sim.clock.until(showsCode, 70_000);
      const third = await barcode();
      expect(await charge(third, 1_500)).toMatchObject({ status: 'declined', reason: 'over-daily' });
      await within5s("Over today's spending limit");
      // Not enough money: the wallet holds ¥500 - ¥20; a raised limit lets a ¥600 payment through to the funds check.
      const credential = w.sim.settingsStorage.getItem('device.credential')!;
      await fetch(`${w.issuerUrl}/v1/limits`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify({ perPayment: 100_000, daily: 200_000 }),
      });
      // The watch may have to wait for the clock: two codes of this step were spent.
      await w.sim.clock.until(showsCode, 70_000);
      const fourth = await barcode();
      expect(await charge(fourth, 60_000)).toMatchObject({ status: 'declined', reason: 'insufficient-funds' });
      await within5s('Not enough money in the wallet');

      // Code already used: the page was closed and opened again before it learnt of a payment.
      await w.sim.clock.until(showsCode, 70_000);
      w.sim.link.cut();
      const fifth = await barcode();
      expect(await charge(fifth, 100)).toMatchObject({ status: 'approved' });
      await w.sim.watch.back();
      await w.sim.clock.advance(5_000);
      await w.sim.watch.tap('Pay');
      await w.sim.clock.until(showsCode, 10_000);
      expect(await barcode()).toBe(fifth); // the watch could not know
      w.sim.link.restore();
      expect(await charge(fifth, 100)).toMatchObject({ status: 'declined', reason: 'used' });
      await within5s('This code was already used');
      await w.sim.clock.until(showsCode, 70_000);
      expect(await barcode()).not.toBe(fifth);
    });

    journey(
      'link-cut',
      'the link cut while waiting: no answer, no error; restored, the watch learns within 5 s',
      async () => {
        await openPay(w);
        const code = await barcode();
        w.sim.link.cut();
        expect(await charge(code, 990)).toMatchObject({ status: 'approved' });
        await w.sim.clock.advance(20_000);
        expect(texts()).not.toContain('Paid');
        expect(await barcode()).toBe(code); // still this step's code: nothing was learnt
        expect(w.sim.watch.errors).toEqual([]);
        w.sim.link.restore();
        await within5s('Paid');
        expect(texts()).toContain('¥9.90');
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey('link-cut', 'asks only while the pay page is open, and for 2 minutes at most', async () => {
      const before = activityFetches();
      await w.sim.clock.advance(60_000);
      expect(activityFetches()).toBe(before); // home page: nothing
      await openPay(w);
      await w.sim.clock.advance(60_000);
      const open = activityFetches() - before;
      expect(open).toBeGreaterThanOrEqual(15);
      expect(open).toBeLessThanOrEqual(21);
      await w.sim.clock.advance(ACTIVITY_WINDOW_MS);
      const after2min = activityFetches();
      await w.sim.clock.advance(60_000);
      expect(activityFetches()).toBe(after2min); // stopped after 2 minutes
      await w.sim.watch.back();
      await openPay(w);
      const reopened = activityFetches();
      await w.sim.watch.back();
      await w.sim.clock.advance(60_000);
      expect(activityFetches() - reopened).toBeLessThanOrEqual(1); // closed: at most the one in flight
    });

    journey(
      'new-code',
      '"New code" shows the next step\'s code, which the issuer takes; not beyond its window',
      async () => {
        await openPay(w);
        const code = await barcode();
        const step = stepOf(code);
        await newCode();
        const next = await barcode();
        expect(stepOf(next)).toBe(step + 1);
        await newCode(); // step + 2 is outside the issuer's window: nothing happens
        expect(await barcode()).toBe(next);
        expect(await charge(next, 500)).toMatchObject({ status: 'approved' });
        await within5s('Paid');
        // Both codes of this step's window are spent or shown: the page waits for the clock.
        await w.sim.clock.advance(5_000);
        expect(texts().some((t) => /^Next code in \d+ s$/.test(t)) || showsCode()).toBe(true);
        await w.sim.clock.until(showsCode, 65_000);
        const later = await barcode();
        expect(stepOf(later)).toBe(step + 2);
        expect(await charge(later, 500)).toMatchObject({ status: 'approved' });
      },
    );

    journey('format', 'opens in the format used last; a tap that only wakes the screen changes nothing', async () => {
      await openPay(w);
      await w.sim.watch.tap({ type: 'CANVAS' });
      expect((await decodeQr(w.sim.screenImage())).jsqr).toMatch(/^\d{20}$/);
      await w.sim.watch.back();
      await openPay(w);
      expect((await decodeQr(w.sim.screenImage())).jsqr).toMatch(/^\d{20}$/); // QR again
      expect(JSON.parse(String(w.sim.watch.storage.get(PAY_MEMORY_KEY)))).toMatchObject({ mode: 'qr' });
      await w.sim.watch.relaunch();
      await openPay(w);
      expect((await decodeQr(w.sim.screenImage())).jsqr).toMatch(/^\d{20}$/);
      // Screen off, then a tap: it wakes the screen and nothing else.
      await w.sim.watch.pause();
      await w.sim.watch.tap({ type: 'CANVAS' });
      expect((await decodeQr(w.sim.screenImage())).jsqr).toMatch(/^\d{20}$/);
      expect(JSON.parse(String(w.sim.watch.storage.get(PAY_MEMORY_KEY)))).toMatchObject({ mode: 'qr' });
      // Awake, a tap moves on to the EMV code.
      await w.sim.watch.tap({ type: 'CANVAS' });
      expect(texts()).toContain('EMV');
      expect(JSON.parse(String(w.sim.watch.storage.get(PAY_MEMORY_KEY)))).toMatchObject({ mode: 'emv' });
    });

    journey('history', 'the history page shows the balance and the payments and refunds the sync brought', async () => {
      await openPay(w);
      const code = await barcode();
      const paid = await charge(code, 2_350);
      await within5s('Paid');
      await post(`${w.issuerUrl}/v1/merchant/refunds`, w.merchantKey, {
        chargeId: paid.chargeId,
        amount: 350,
        idempotencyKey: 'refund-1',
      });
      await w.sim.watch.back();
      await w.sim.watch.tap('History');
      await w.sim.clock.until(() => texts().some((t) => t.startsWith('Balance')), 10_000);
      await w.sim.clock.until(() => texts().includes('+¥3.50'), 10_000);
      expect(texts()).toEqual(
        expect.arrayContaining(['History', 'Balance ¥480.00', 'Campus canteen', '-¥23.50', '+¥3.50']),
      );
      expect(texts().filter((t) => /^Refund · \d\d:\d\d$/.test(t))).toHaveLength(1);
      expect(w.sim.watch.errors).toEqual([]);
    });
  });
}
