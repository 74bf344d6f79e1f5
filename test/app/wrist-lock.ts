// The wrist lock and PIN end to end (issue 10 item 1), run by
// wrist-lock.slow.test.ts: issuer on loopback, simulated watch + phone + settings page, one clock; the
// watch's Wear sensor set by the test (sim/zos/sensor.ts).
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { LOCK_STORAGE_KEY, MAX_WRONG_PINS, parseLock, RESUME_MS, type LockRecord } from '../../lib/wallet/pin';
import { KEYS } from '../../lib/wallet/settings-keys';
import { WALLET_STORAGE_KEY, type Wallet } from '../../lib/wallet/wallet';
import type { WidgetNode } from '../../sim/render/screen-model';
import { widget } from '../../sim/zos/constants';
import { bind, journeyIt, openPay, PIN_PAGE, TEST_PIN, typePin, world, type World } from './wallet-e2e';

export const PAY_PAGE = 'page/pay/index.page';
const WRONG_PIN = '0000';

export type LockJourney = 'off-wrist' | 'five-wrong' | 'restart' | 'not-sure' | 'forgot';
export const LOCK_JOURNEYS: LockJourney[] = ['off-wrist', 'five-wrong', 'restart', 'not-sure', 'forgot'];

let w: World;

const codeShows = () => w.sim.watch.find({ type: 'CANVAS' }) !== undefined;
const lock = (): LockRecord => {
  const raw = w.sim.watch.storage.get(LOCK_STORAGE_KEY);
  return parseLock(typeof raw === 'string' ? JSON.parse(raw) : null);
};
const wallet = (): Wallet => JSON.parse(String(w.sim.watch.storage.get(WALLET_STORAGE_KEY))) as Wallet;
/** The 4 dots of the keypad: how many are filled (accent colour, page/common/ui.ts COLOR.accent). */
const filledDots = () =>
  w.sim.watch
    .snapshot()
    .widgets.flatMap(function all(n: WidgetNode): WidgetNode[] {
      return [n, ...n.children.flatMap(all)];
    })
    .filter((n) => n.type === 'CIRCLE' && n.props.color === 0x1db36b).length;

/** Off the wrist and back on: locked (the app ran all along). */
async function offAndOn() {
  await w.sim.watch.setWear(0);
  await w.sim.watch.setWear(1);
}

/** From the home page: Pay, which goes to the keypad when locked. */
async function payToKeypad() {
  await w.sim.watch.tap('Pay');
  await w.sim.clock.until(() => w.sim.watch.page === PIN_PAGE, 10_000);
}

export function wristLockSuite(device: string, journeys: LockJourney[]): void {
  describe(`the wrist lock on '${device}'`, () => {
    beforeEach(async () => {
      w = await world(device);
      await bind(w);
    });
    afterEach(async () => w?.close());
    const journey = journeyIt(journeys);

    journey(
      'off-wrist',
      'asks for a PIN twice on first use; off the wrist the code vanishes at once and no code is made',
      async () => {
        await w.sim.watch.tap('Pay');
        await w.sim.clock.until(() => w.sim.watch.page === PIN_PAGE, 10_000);
        expect(w.sim.watch.texts()).toContain('Choose a PIN');
        await typePin(w.sim, TEST_PIN);
        expect(w.sim.watch.texts()).toContain('Once more');
        await typePin(w.sim, '1111'); // not the same: start over
        expect(w.sim.watch.texts()).toEqual(expect.arrayContaining(['Choose a PIN', 'The two PINs differ. Again']));
        expect(lock().pin).toBeNull();
        await typePin(w.sim, TEST_PIN);
        await typePin(w.sim, TEST_PIN);
        await w.sim.clock.until(codeShows, 10_000);
        expect(w.sim.watch.page).toBe(PAY_PAGE);
        expect(w.sim.watch.errors).toEqual([]);

        // Taken off while the code shows: gone in the same turn, before any clock time passes.
        const createdBefore = canvasesCreated();
        expect(createdBefore).toBeGreaterThan(0);
        await w.sim.watch.setWear(0);
        expect(codeShows()).toBe(false);
        expect(w.sim.watch.texts()).toEqual(expect.arrayContaining(['Locked', 'Unlock']));
        // Minutes pass (the code's refresh would have drawn two more): no code is made or drawn.
        await w.sim.clock.advance(150_000);
        await w.sim.watch.setWear(1); // back on the wrist: still locked
        await w.sim.clock.advance(60_000);
        expect(codeShows()).toBe(false);
        expect(canvasesCreated()).toBe(createdBefore);
        expect(lock().unlocked).toBe(false);

        await w.sim.watch.tap('Unlock');
        expect(w.sim.watch.page).toBe(PIN_PAGE);
        expect(w.sim.watch.texts()).toContain('Enter PIN');
        await typePin(w.sim, TEST_PIN);
        await w.sim.clock.until(codeShows, 10_000);
        expect(lock()).toMatchObject({ unlocked: true, wrong: 0 });
      },
    );

    journey(
      'five-wrong',
      'five wrong PINs in a row erase the lease with a clear screen; a sync brings a new one',
      async () => {
        await openPay(w);
        const first = wallet().lease!.leaseId;
        await w.sim.watch.back();
        await offAndOn();
        await payToKeypad();
        for (let i = 1; i < MAX_WRONG_PINS; i++) {
          await typePin(w.sim, WRONG_PIN);
          expect(w.sim.watch.texts()).toContain(`Wrong PIN. Tries left: ${MAX_WRONG_PINS - i}`);
        }
        // A right PIN in between would reset the count; here the fifth is wrong too.
        await typePin(w.sim, WRONG_PIN);
        expect(w.sim.watch.texts()).toEqual(expect.arrayContaining(['Code erased', 'OK']));
        expect(w.sim.watch.texts().join(' ')).toMatch(/Too many wrong PINs/);
        expect(wallet().lease).toBeNull();
        expect(w.sim.watch.find({ type: 'BUTTON', text: '1' })).toBeUndefined(); // the keypad is gone

        // OK: the pay page says the code was erased (no phone: nothing new yet).
        w.sim.link.cut();
        await w.sim.watch.tap('OK');
        expect(w.sim.watch.page).toBe(PAY_PAGE);
        expect(w.sim.watch.texts()).toContain('Code erased');
        expect(codeShows()).toBe(false);
        // The phone back in reach: the home page's sync brings a new lease, which the PIN still guards.
        w.sim.link.restore();
        await w.sim.watch.back();
        await w.sim.clock.until(() => wallet().lease !== null, 20_000);
        expect(wallet().lease!.leaseId).not.toBe(first);
        await payToKeypad();
        expect(w.sim.watch.texts()).toContain('Enter PIN');
        await typePin(w.sim, TEST_PIN);
        await w.sim.clock.until(codeShows, 10_000);
        expect(lock()).toMatchObject({ wrong: 0, erased: false, unlocked: true });
      },
    );

    journey('restart', 'a restart in the middle of PIN entry keeps the lock and the count of wrong tries', async () => {
      // Mid-way through choosing: nothing is stored, the keypad starts over.
      await w.sim.watch.tap('Pay');
      await w.sim.clock.until(() => w.sim.watch.page === PIN_PAGE, 10_000);
      await typePin(w.sim, TEST_PIN);
      await typePin(w.sim, TEST_PIN.slice(0, 2));
      await w.sim.watch.relaunch();
      await payToKeypad();
      expect(w.sim.watch.texts()).toContain('Choose a PIN');
      expect(lock().pin).toBeNull();
      await typePin(w.sim, TEST_PIN);
      await typePin(w.sim, TEST_PIN);
      await w.sim.clock.until(codeShows, 10_000);
      await w.sim.watch.back();
      await offAndOn();

      // Two digits in, then the app restarts: still locked, the keypad empty, no try counted.
      await payToKeypad();
      await typePin(w.sim, TEST_PIN.slice(0, 2));
      expect(filledDots()).toBe(2);
      await w.sim.watch.relaunch();
      expect(lock()).toMatchObject({ unlocked: false, wrong: 0 });
      await payToKeypad();
      expect(filledDots()).toBe(0);
      expect(w.sim.watch.texts()).toContain('Enter PIN');

      // Three wrong, a restart, two more: the count survived, the lease is erased.
      for (let i = 0; i < 3; i++) await typePin(w.sim, WRONG_PIN);
      await w.sim.watch.relaunch();
      expect(lock().wrong).toBe(3);
      await payToKeypad();
      await typePin(w.sim, WRONG_PIN);
      expect(w.sim.watch.texts()).toContain('Wrong PIN. Tries left: 1');
      await typePin(w.sim, WRONG_PIN);
      expect(wallet().lease).toBeNull();
    });

    journey('restart', 'a new start unlocks only if the app saw the watch worn lately and it is worn now', async () => {
      await openPay(w);
      // Closed and opened again a minute later, worn all along: no PIN.
      await w.sim.watch.close();
      await w.sim.clock.advance(60_000);
      await w.sim.watch.relaunch();
      await w.sim.watch.tap('Pay');
      await w.sim.clock.until(codeShows, 10_000);
      // Longer away than RESUME_MS: locked.
      await w.sim.watch.close();
      await w.sim.clock.advance(RESUME_MS + 1_000);
      await w.sim.watch.relaunch();
      await payToKeypad();
      await typePin(w.sim, TEST_PIN);
      await w.sim.clock.until(codeShows, 10_000);
      // Started while off the wrist: locked, whatever the time.
      await w.sim.watch.close();
      await w.sim.watch.setWear(0);
      await w.sim.watch.relaunch();
      expect(lock().unlocked).toBe(false);
    });

    journey('not-sure', 'a watch not sure it is worn asks for the PIN each time the pay page opens', async () => {
      await openPay(w);
      await w.sim.watch.back();
      await w.sim.watch.setWear(3);
      for (let round = 0; round < 2; round++) {
        await payToKeypad();
        expect(w.sim.watch.texts()).toContain('Enter PIN');
        await typePin(w.sim, TEST_PIN);
        await w.sim.clock.until(codeShows, 10_000);
        await w.sim.watch.back();
        expect(lock().unlocked).toBe(false);
      }
      // Sure again (worn): one PIN, then the pay page opens straight to the code.
      await w.sim.watch.setWear(1);
      await payToKeypad();
      await typePin(w.sim, TEST_PIN);
      await w.sim.clock.until(codeShows, 10_000);
      await w.sim.watch.back();
      await w.sim.watch.tap('Pay');
      await w.sim.clock.until(codeShows, 10_000);
      // "In motion" counts as worn.
      await w.sim.watch.setWear(2);
      expect(codeShows()).toBe(true);
    });

    journey(
      'forgot',
      '"Forgot PIN" in the settings page clears the wallet at the next sync and asks for a new PIN',
      async () => {
        await openPay(w);
        const before = wallet().lease!.leaseId;
        const oldPin = lock().pin;
        await w.sim.watch.back();
        await w.sim.settings.press({ type: 'Button', label: 'Forgot PIN' });
        await w.sim.clock.until(
          () => w.sim.settings.texts().some((t) => /forgets its payment code and PIN/.test(t)),
          10_000,
        );
        expect(w.sim.settingsStorage.getItem(KEYS.pinReset)).not.toBeNull();

        await w.sim.watch.tap('Pay');
        await w.sim.clock.until(() => w.sim.watch.page === PIN_PAGE, 10_000);
        expect(w.sim.watch.texts()).toContain('Choose a PIN');
        expect(lock().pin).toBeNull();
        expect(wallet().lease!.leaseId).not.toBe(before);
        await typePin(w.sim, '1357');
        await typePin(w.sim, '1357');
        await w.sim.clock.until(codeShows, 10_000);
        expect(lock().pin).not.toEqual(oldPin);

        // The next sync reports the wipe done: the phone stops sending it, and the new PIN stays.
        await w.sim.watch.back();
        await w.sim.clock.until(() => w.sim.settingsStorage.getItem(KEYS.pinReset) === null, 10_000);
        await offAndOn();
        await payToKeypad();
        await typePin(w.sim, '1357');
        await w.sim.clock.until(codeShows, 10_000);
      },
    );
  });
}

/** CANVAS widgets the app created so far in this run (the pay page draws each code on a new one). */
function canvasesCreated(): number {
  return w.sim.watch.uiCalls.filter((c) => c.call === 'createWidget' && c.type === widget.CANVAS).length;
}
