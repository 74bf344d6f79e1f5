// The real app end to end, shared by wallet-e2e.test.ts (fast lane) and wallet-e2e.slow.test.ts
// (slow lane): issuer on loopback, simulated watch + phone + settings page, one clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedWorld, startLocalIssuer, type WorldOptions } from '../../server/world';
import type { Ctx } from '../../server/domain/context';
import { startSimulator, type FullSimulator, type FullSimulatorOptions } from '../../sim/harness';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { OPEN_LIMITS } from '../server/helpers';
import { generateCode } from '../../lib/payment/code';
import type { TokenLease } from '../../lib/payment/types';
import { WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';

export interface World {
  sim: FullSimulator;
  issuerUrl: string;
  merchantKey: string;
  operatorKey: string;
  cardId: string | null;
  bindingCode: string;
  /** The issuer's domain context, for what an operator sets up (merchants, limits). */
  ctx: Ctx;
  close(): Promise<void>;
}

export async function world(
  device: string,
  opts: Partial<FullSimulatorOptions> = {},
  seed: WorldOptions = {},
): Promise<World> {
  const start = Date.UTC(2026, 10, 25, 9, 0, 0);
  // One clock for the issuer and the watch: the codes the watch makes are the issuer's "now" (the
  // issuer starts first, so it reads the simulator's clock through this holder).
  const watch: { sim?: FullSimulator } = {};
  const issuer = await startLocalIssuer({
    tmpPrefix: 'wallet-e2e-',
    now: () => watch.sim?.clock.now() ?? start,
    config: { rateLimits: OPEN_LIMITS },
  });
  const { cardId, merchantKey, operatorKey, bindingCode } = await seedWorld(issuer.ctx, seed);
  const sim = (watch.sim = await startSimulator({ ...opts, device, startMs: start }));
  return {
    sim,
    issuerUrl: issuer.url,
    cardId,
    merchantKey,
    operatorKey,
    bindingCode,
    ctx: issuer.ctx,
    async close() {
      await sim.close();
      await issuer.close();
    },
  };
}

export async function post(url: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

export async function bind(w: World) {
  await w.sim.settings.type({ label: 'Wallet address' }, w.issuerUrl);
  await w.sim.settings.type({ label: 'Binding code' }, w.bindingCode.toLowerCase());
  await w.sim.settings.press({ label: 'Bind' });
  await w.sim.clock.until(() => w.sim.settings.texts().some((t) => t.startsWith('Bound.')), 10_000);
}

/** The PIN the journeys choose on first use (lib/wallet/pin.ts); never in a log or a message (wrist-lock tests). */
export const TEST_PIN = '2580';
export const PIN_PAGE = 'page/pin/index.page';

/** Types digits on the keypad (page/pin). */
export async function typePin(sim: FullSimulator, pin: string) {
  for (const d of pin) await sim.watch.tap({ type: 'BUTTON', text: d });
}

/**
 * Opens Pay and waits for the code; on the way, chooses TEST_PIN (first use after binding: the keypad
 * asks twice) or enters it (locked), as a person would.
 */
export async function openPay(w: World, pin: string = TEST_PIN) {
  await w.sim.watch.tap('Pay');
  const shown = () => w.sim.watch.find({ type: 'CANVAS' }) !== undefined;
  await w.sim.clock.until(() => shown() || w.sim.watch.page === PIN_PAGE, 10_000);
  if (w.sim.watch.page === PIN_PAGE) {
    const choosing = w.sim.watch.texts().includes('Choose a PIN');
    await typePin(w.sim, pin);
    if (choosing) await typePin(w.sim, pin);
  }
  await w.sim.clock.until(shown, 10_000);
}

let w: World;

/** The journeys of walletSuite: binding and paying (both devices in the fast lane), and the rest (one device there). */
/** `it` for the suite's chosen journeys: a journey not asked for is not registered (the lanes split them). */
export function journeyIt<J extends string>(journeys: readonly J[]) {
  return (name: J, title: string, fn: () => Promise<void>): void => {
    if (journeys.includes(name)) it(title, fn);
  };
}

export type Journey = 'bind-pay' | 'emv' | 'offline' | 'transit' | 'scroll';
export const JOURNEYS: Journey[] = ['bind-pay', 'emv', 'offline', 'transit', 'scroll'];

/**
 * The wallet's journeys on one device. A round watch of API 3.7 and a square one of API 3.0, the lowest
 * the app supports (app.json minVersion): the watch realm offers each only the @zos calls of its level
 * (reference/zos-api.tsv).
 */
export function walletSuite(device: string, apiLevel: number, journeys: Journey[]): void {
  describe(`the wallet on '${device}' (API ${apiLevel})`, () => {
    beforeEach(async () => {
      w = await world(device);
    });
    afterEach(async () => w?.close());
    const journey = journeyIt(journeys);

    journey(
      'bind-pay',
      'binds in the settings page, pays at the till with a scanned code, and refuses the same code twice',
      async () => {
        expect(w.sim.watch.device.apiLevel).toBe(apiLevel);
        await bind(w);
        await openPay(w);
        // The sync after binding used only calls of the device's level (a missing one is recorded here).
        expect(w.sim.watch.errors).toEqual([]);
        expect(w.sim.watch.texts().some((t) => /^Phone not reachable/.test(t))).toBe(false);
        const code = (await decodeBarcode(w.sim.screenImage())).zxing;
        expect(code).toMatch(/^\d{20}$/);
        const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
          code,
          amount: 2_350,
          currency: 'CNY',
          idempotencyKey: 'r1',
        });
        expect(charge).toMatchObject({ status: 'approved', amount: 2_350 });
        const again = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
          code,
          amount: 100,
          currency: 'CNY',
          idempotencyKey: 'r2',
        });
        expect(again).toMatchObject({ status: 'declined', reason: 'used' });

        // The QR code after a tap carries the same code (reading from degraded screens: test/codes/scan-from-screen).
        await w.sim.watch.tap({ type: 'CANVAS' });
        const qr = await decodeQr(w.sim.screenImage());
        expect(qr.jsqr).toBe(code);

        // The watch brightened the screen for the scanner and restores it when the page closes.
        expect(w.sim.watch.display.brightness).toBe(100);
        await w.sim.watch.back();
        expect(w.sim.watch.display.autoBrightness).toBe(true);
      },
    );

    journey('emv', 'shows an EMV consumer-presented QR code on a second tap, which the issuer charges', async () => {
      await bind(w);
      await openPay(w);
      await w.sim.watch.tap({ type: 'CANVAS' });
      await w.sim.watch.tap({ type: 'CANVAS' });
      expect(w.sim.watch.texts()).toContain('EMV');
      const qr = await decodeQr(w.sim.screenImage());
      expect(qr.jsqr).toMatch(/^hQVDUFYw/); // base64 of 85 05 "CPV01"
      expect(qr.zxing).toBe(qr.jsqr);
      const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
        code: qr.jsqr,
        amount: 800,
        currency: 'CNY',
        idempotencyKey: 'emv-1',
      });
      expect(charge).toMatchObject({ status: 'approved', amount: 800 });
    });

    journey('offline', 'keeps making fresh, valid codes with the phone out of reach', async () => {
      await bind(w);
      await openPay(w);
      const first = (await decodeBarcode(w.sim.screenImage())).zxing;
      w.sim.link.cut();
      await w.sim.clock.advance(60_000);
      const next = (await decodeBarcode(w.sim.screenImage())).zxing;
      expect(next).toMatch(/^\d{20}$/);
      expect(next).not.toBe(first);
      const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
        code: next,
        amount: 500,
        currency: 'CNY',
        idempotencyKey: 'r3',
      });
      expect(charge).toMatchObject({ status: 'approved' });
    });

    journey(
      'transit',
      'shows a trip and the new balance on the transit page, and what is left today on the limits page',
      async () => {
        await bind(w);
        await post(`${w.issuerUrl}/v1/transit/taps`, w.operatorKey, {
          cardId: w.cardId,
          fare: 300,
          line: 'Line 2',
          idempotencyKey: 'g1',
        });
        await w.sim.watch.tap('Transit cards');
        await w.sim.clock.until(() => w.sim.watch.texts().some((t) => t.includes('Line 2')), 10_000);
        expect(w.sim.watch.texts()).toContain('¥17.00');
        await w.sim.watch.back();
        await w.sim.watch.tap('Limits');
        await w.sim.clock.until(() => w.sim.watch.texts().some((t) => t.startsWith('Spent today')), 10_000);
        expect(w.sim.watch.texts()).toContain('¥2,000.00');
      },
    );

    journey('scroll', 'keeps the transit list where the user scrolled it when a sync redraws it', async () => {
      await bind(w);
      const tap = (line: string, key: string) =>
        post(`${w.issuerUrl}/v1/transit/taps`, w.operatorKey, {
          cardId: w.cardId,
          fare: 200,
          line,
          idempotencyKey: key,
        });
      for (let i = 1; i <= 5; i++) await tap(`Line ${i}`, `s${i}`);
      await w.sim.watch.tap('Transit cards');
      await w.sim.clock.until(() => w.sim.watch.texts().includes('Line 5'), 10_000);
      await w.sim.watch.back();
      await tap('Line 6', 's6');
      // The page opens with the five stored trips; the sync bringing Line 6 arrives later.
      w.sim.link.delay(1_000);
      await w.sim.watch.tap('Transit cards');
      expect(w.sim.watch.texts()).not.toContain('Line 6');
      expect(await w.sim.watch.swipe({ dy: -40 })).toBe(-40);
      await w.sim.clock.until(() => w.sim.watch.texts().includes('Line 6'), 10_000);
      expect(w.sim.watch.find({ type: 'VIEW_CONTAINER' })?.props.pos_y).toBe(-40);
    });
  });
}

/** Watch clock skews: a name and the skew in ms. */
export const SKEWS: Array<[string, number]> = [
  ['90 s ahead', 90_000],
  ['90 s behind', -90_000],
  ['5 minutes ahead', 300_000],
  ['5 minutes behind', -300_000],
  ['1 hour ahead', 3_600_000],
  ['1 hour behind', -3_600_000],
];

/** The fast lane's skew: behind by minutes (the raw code would be refused; the synced offset fixes it). The
 * others, an hour behind (the raw clock shows no code) among them, run in the slow lane. */
export const FAST_SKEWS = ['5 minutes behind'];

/** A watch whose clock is off by each of `skews` still shows codes the issuer charges. */
export function clockSkewSuite(skews: Array<[string, number]>): void {
  describe('a watch whose clock is off', () => {
    afterEach(async () => w?.close());

    // The issuer and the phone read the simulator's clock; the watch's Date reads it + skew.
    it.each(skews)('%s: after a sync, the code it shows is charged by the issuer', async (_, skew) => {
      w = await world('Amazfit Balance', { watchClockSkewMs: skew });
      await bind(w);
      await openPay(w);
      const stored = JSON.parse(String(w.sim.watch.storage.get(WALLET_STORAGE_KEY))) as {
        clockOffsetMs?: number;
        lease: TokenLease;
      };
      // Learnt at the sync: the issuer's time minus the watch's at the reply (the link and fetch take no clock time here).
      expect(stored.clockOffsetMs).toBe(-skew);
      const code = (await decodeBarcode(w.sim.screenImage())).zxing;
      const watchNow = w.sim.clock.now() + skew;
      if (Math.abs(skew) >= 300_000 && watchNow >= stored.lease.notBefore) {
        // What a watch going by its own clock would show (an hour behind, it shows none: "not valid yet"): refused.
        const raw = generateCode(stored.lease, watchNow);
        const refused = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
          code: raw,
          amount: 1_000,
          currency: 'CNY',
          idempotencyKey: `raw${skew}`,
        });
        expect(refused).toMatchObject({ status: 'declined' });
      }
      const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
        code,
        amount: 1_000,
        currency: 'CNY',
        idempotencyKey: `skew${skew}`,
      });
      expect(charge).toMatchObject({ status: 'approved', amount: 1_000 });
      // Still right a few steps later, on the page's own refresh.
      await w.sim.clock.advance(150_000);
      const later = (await decodeBarcode(w.sim.screenImage())).zxing;
      expect(later).not.toBe(code);
      const again = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
        code: later,
        amount: 500,
        currency: 'CNY',
        idempotencyKey: `skew${skew}-2`,
      });
      expect(again).toMatchObject({ status: 'approved' });
    });
  });
}
