// The shortcut card (app-widget/index.ts) on the simulated watch: it shows what is left today and the
// lowest transit balance (warning when under its threshold), a tap opens the pay page (through the
// keypad when locked), and the simulator refuses what a card may not do (a GROUP, Bluetooth).
// shortcut-card.test.ts (fast lane) runs it on the smallest round and square preview screens;
// shortcut-card.slow.test.ts on every preview device.
import { afterEach, describe, expect, it } from 'vitest';
import { WALLET_STORAGE_KEY, type Wallet } from '../../lib/wallet/wallet';
import { loadDevices } from '../../reference/devices';
import { FakeClock } from '../../sim/kernel/clock';
import { silentLink } from '../../sim/kernel/link';
import { createWatchRealm, type FullWatchRealm } from '../../sim/kernel/watch-realm';
import { textsOnScreen } from '../../sim/render/problems';
import { lease, lockEntry, sync, T0 } from '../../sim/fixtures/wallet';

export const CARD = 'app-widget/index';
const PAY = 'page/pay/index.page';
const PIN = 'page/pin/index.page';

const stored = (over: Partial<Wallet> = {}): Wallet => {
  const {
    now: _now,
    lease: _lease,
    ...doc
  } = sync({
    cards: [
      { id: 'c1', name: 'Metro', bal: 8_820, trips: [] },
      { id: 'c2', name: 'Bus', bal: 1_250, low: 2_000, trips: [] },
    ],
  });
  return { v: 1, lease: lease(), last: { ...doc, lease: null }, syncedAt: T0, clockOffsetMs: 0, ...over };
};

let realm: FullWatchRealm | null = null;
let clock = new FakeClock(T0);

export async function openCard(
  device: string,
  opts: { wallet?: Wallet | null; locked?: boolean; appDir?: string } = {},
): Promise<FullWatchRealm> {
  const d = loadDevices().find((x) => x.name === device);
  if (!d) throw new Error(`no device ${device}`);
  const storage = new Map<string, unknown>([lockEntry(T0, opts.locked ? { unlocked: false } : {})]);
  if (opts.wallet !== null) storage.set(WALLET_STORAGE_KEY, JSON.stringify(opts.wallet ?? stored()));
  realm = await createWatchRealm({
    device: d,
    clock: (clock = new FakeClock(T0 + 60_000)),
    link: silentLink(),
    storage,
    card: CARD,
    ...(opts.appDir ? { appDir: opts.appDir } : {}),
  });
  return realm;
}

export function shortcutCardSuite(devices: readonly string[]): void {
  afterEach(async () => {
    await realm?.close();
    realm = null;
  });
  for (const device of devices) {
    describe(`the shortcut card on '${device}'`, () => {
      it('shows what is left today and the lowest transit balance, readable, at the card size', async () => {
        const w = await openCard(device);
        expect(w.card).toBe(CARD);
        expect(w.page).toBeNull();
        const snap = w.snapshot();
        expect({ w: snap.width, h: snap.height }).toEqual({ w: w.cardSize.w, h: w.cardSize.h });
        expect(snap.height).toBe(Math.round(w.device.height / 2));
        // 2 000.00 - 123.45 spent: 1 876.55 left; the lowest card is the bus card, under its 20.00 threshold.
        const texts = w.texts();
        expect(texts).toEqual(expect.arrayContaining(['Left today', 'Bus ¥12.50', 'Low: under ¥20.00']));
        expect(texts.join(' ')).toMatch(/1,876\.55/);
        const shown = textsOnScreen(snap, { screenRadius: w.cardSize.radius });
        expect(shown.filter((t) => !t.readable).map((t) => t.text)).toEqual([]);
        expect(w.lifecycle.slice(0, 3)).toEqual(['app onCreate', `${CARD} onInit`, `${CARD} build`]);
        expect(w.errors).toEqual([]);
      });

      it('one tap opens the pay page; locked, the keypad first', async () => {
        let w = await openCard(device);
        await w.tap('Left today');
        expect(w.card).toBeNull();
        expect(w.page).toBe(PAY);
        expect(w.find({ type: 'CANVAS' })).toBeDefined(); // the code
        await w.close();
        w = await openCard(device, { locked: true });
        await w.tap({ x: 5, y: 5 }); // anywhere on the card
        await clock.until(() => w.page === PIN, 10_000);
        expect(w.find({ type: 'CANVAS' })).toBeUndefined(); // no code while locked
        expect(w.stack).toContain(PIN);
        expect(w.texts()).toContain('Enter PIN');
      });

      it('not set up: a short text, and a tap opens the app', async () => {
        const w = await openCard(device, { wallet: null });
        expect(w.texts()).toEqual(['Wrist Wallet is not set up yet', 'Tap to open']);
        await w.tap('Tap to open');
        expect(w.page).toBe('page/home/index.page');
      });
    });
  }
}
