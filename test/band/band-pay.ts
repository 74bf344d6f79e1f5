// Issue 10's pay page on the bands (band/, API 1.0), end to end in the 1.0 watch realm with the phone realm
// and the issuer (wallet-e2e.ts's world): the wrist lock and its PIN (set twice, taken off while the code
// shows, unlock, five wrong PINs erase and a sync brings a new lease, a restart mid entry, "not sure",
// "Forgot PIN"), the confirmation of a charge a register makes over HTTP (with the 1.0 buzz), the link cut
// while waiting, a new code after a payment and on "New code", and the format remembered. Run by
// band-pay.slow.test.ts on both bands (slow lane only: the fast lane must stay under 40 s).
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { ACTIVITY_WINDOW_MS } from '../../lib/wallet/activity';
import { PAY_MEMORY_KEY } from '../../lib/wallet/pay-memory';
import { LOCK_STORAGE_KEY, MAX_WRONG_PINS, parseLock, type LockRecord } from '../../lib/wallet/pin';
import { KEYS } from '../../lib/wallet/settings-keys';
import { WALLET_STORAGE_KEY, type Wallet } from '../../lib/wallet/wallet';
import { leaseStepAt } from '../../lib/payment/lease';
import { codeForStep } from '../../lib/payment/code';
import { screenProblems } from '../../sim/render/problems';
import type { WidgetNode } from '../../sim/render/screen-model';
import { widget } from '../../sim/zos/constants';
import { WEAR_POLL_MS } from '../../band/page/common/wear';
import { bind, journeyIt, post, TEST_PIN, typePin, world, type World } from '../app/wallet-e2e';

const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));
export const BAND_PIN_PAGE = 'page/pin/index.page';
const PAY_PAGE = 'page/pay/index.page';
const WRONG_PIN = '0000';

export type BandPayJourney =
  'lock' | 'five-wrong' | 'restart' | 'forgot' | 'confirm' | 'link-cut' | 'new-code' | 'format';
export const BAND_PAY_JOURNEYS: BandPayJourney[] = [
  'lock',
  'five-wrong',
  'restart',
  'forgot',
  'confirm',
  'link-cut',
  'new-code',
  'format',
];

let w: World;
let n = 0;

const texts = () => w.sim.watch.texts();
/** `text` on screen, maybe wrapped over lines (1.0 TEXT does not wrap: the pages break lines themselves). */
const says = (text: string) => texts().join(' ').includes(text);
/** The format on screen, from its digits: 5 rows of 4 beside a barcode, 2 lines under a QR code, "EMV". */
function shownMode(): 'barcode' | 'qr' | 'emv' | null {
  if (texts().includes('EMV')) return 'emv';
  if (texts().some((t) => /^\d{4} \d{4}/.test(t))) return 'qr';
  return texts().filter((t) => /^\d{4}$/.test(t)).length === 5 ? 'barcode' : null;
}
/** "New code": its button, or where the code takes the whole screen, the digits (the watches' rule). */
async function newCode(): Promise<void> {
  if (texts().includes('New code')) return w.sim.watch.tap('New code');
  await w.sim.watch.tap({ type: 'BUTTON', text: /^\d{4}( \d{4})*$/ });
}
/** On the pay page: off the wrist until the page reads it, then back on: locked. */
async function lockIt() {
  await w.sim.watch.setWear(0);
  await w.sim.clock.advance(WEAR_POLL_MS);
  await w.sim.watch.setWear(1);
  expect(lock().unlocked).toBe(false);
}
const all = (n: WidgetNode): WidgetNode[] => [n, ...n.children.flatMap(all)];
const widgets = () => w.sim.watch.snapshot().widgets.flatMap(all);
/** A code shows: its white quiet zone (a FILL_RECT of COLOR.codeLight) is on screen. */
const codeShows = () => widgets().some((x) => x.type === 'FILL_RECT' && x.props.color === 0xffffff);
/** The code's digits as the page shows them beside or under it (what a cashier types). */
const digits = () =>
  texts()
    .filter((t) => /^\d{4}( \d{4})*$/.test(t))
    .join('')
    .replace(/ /g, '');
/** FILL_RECTs the app created so far in this run: the code is drawn as new ones at each draw. */
const rectsCreated = () =>
  w.sim.watch.uiCalls.filter((c) => c.call === 'createWidget' && c.type === widget.FILL_RECT).length;
/** The keypad's dots that are filled (COLOR.accent). */
const filledDots = () => widgets().filter((x) => x.type === 'CIRCLE' && x.props.color === 0x1db36b).length;

function readRecord<T>(key: string): T | null {
  const bytes = w.sim.watch.band.files.get(`${key}.json`);
  if (!bytes) return null;
  const units = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return JSON.parse(String.fromCharCode(...units)) as T;
}
const lock = (): LockRecord => parseLock(readRecord(LOCK_STORAGE_KEY));
const wallet = (): Wallet => readRecord<Wallet>(WALLET_STORAGE_KEY)!;

function stepOf(code: string): number {
  const l = wallet().lease!;
  const now = leaseStepAt(l, w.sim.clock.now());
  return [now - 1, now, now + 1].find((s) => code === codeForStep(l, s))!;
}

function charge(code: string, amount: number) {
  return post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, {
    code,
    amount,
    currency: 'CNY',
    idempotencyKey: `band-${++n}`,
  });
}

/** Waits up to 5 s of simulated time for `text` on the band; returns how long it took. */
async function within5s(text: string): Promise<number> {
  const t0 = w.sim.clock.now();
  await w.sim.clock.until(() => texts().includes(text), 5_000);
  return w.sim.clock.now() - t0;
}

/**
 * Opens Pay from the home page and waits for the code; on the way chooses `pin` (first use: the keypad
 * asks twice) or enters it (locked), as a person would.
 */
export async function openBandPay(world: World, pin: string = TEST_PIN): Promise<void> {
  w = world;
  await w.sim.watch.tap('Pay');
  await w.sim.clock.until(() => codeShows() || w.sim.watch.page === BAND_PIN_PAGE, 10_000);
  if (w.sim.watch.page === BAND_PIN_PAGE) {
    const choosing = texts().includes('Choose a PIN');
    await typePin(w.sim, pin);
    if (choosing) await typePin(w.sim, pin);
  }
  await w.sim.clock.until(codeShows, 10_000);
}

async function payToKeypad() {
  await w.sim.watch.tap('Pay');
  await w.sim.clock.until(() => w.sim.watch.page === BAND_PIN_PAGE, 10_000);
}

/** Off the wrist while the code shows, `phase` ms into the poll period: how long until the code is gone. */
async function vanishDelay(phase: number): Promise<number> {
  await w.sim.clock.advance(phase);
  await w.sim.watch.setWear(0);
  const t0 = w.sim.clock.now();
  while (codeShows()) {
    await w.sim.clock.advance(10);
    if (w.sim.clock.now() - t0 > 5_000) throw new Error('the code never vanished');
  }
  return w.sim.clock.now() - t0;
}

export function bandPaySuite(device: string, journeys: BandPayJourney[]): void {
  describe(`the band pay page on '${device}'`, () => {
    beforeEach(async () => {
      w = await world(device, { appDir: BAND_APP }, { merchantName: 'Campus canteen' });
      await bind(w);
    });
    afterEach(async () => w?.close());
    const journey = journeyIt(journeys);

    journey(
      'lock',
      'a PIN set twice; off the wrist the code vanishes within one poll; unlock; "not sure"',
      async () => {
        await w.sim.watch.tap('Pay');
        await w.sim.clock.until(() => w.sim.watch.page === BAND_PIN_PAGE, 10_000);
        expect(texts()).toContain('Choose a PIN');
        expect(screenProblems(w.sim.watch.snapshot())).toEqual([]);
        await typePin(w.sim, TEST_PIN);
        expect(texts()).toContain('Once more');
        await typePin(w.sim, '1111'); // not the same: start over
        expect(texts()).toContain('Choose a PIN');
        expect(says('The two PINs differ. Again')).toBe(true);
        expect(lock().pin).toBeNull();
        await typePin(w.sim, TEST_PIN);
        await typePin(w.sim, TEST_PIN);
        await w.sim.clock.until(codeShows, 10_000);
        expect(w.sim.watch.page).toBe(PAY_PAGE);
        expect(digits()).toMatch(/^\d{20}$/);

        // Taken off at several points of the poll period: gone within one period (WEAR_POLL_MS).
        const delays: number[] = [];
        for (const phase of [0, 170, 330, 490]) {
          delays.push(await vanishDelay(phase));
          expect(texts()).toEqual(expect.arrayContaining(['Locked', 'Unlock']));
          expect(lock().unlocked).toBe(false);
          await w.sim.watch.setWear(1);
          await w.sim.watch.tap('Unlock');
          expect(w.sim.watch.page).toBe(BAND_PIN_PAGE);
          expect(texts()).toContain('Enter PIN');
          await typePin(w.sim, TEST_PIN);
          await w.sim.clock.until(codeShows, 10_000);
        }
        expect(Math.max(...delays)).toBeLessThanOrEqual(WEAR_POLL_MS);
        expect(Math.min(...delays)).toBeGreaterThan(0);

        // Locked, minutes pass (the code's refresh would have drawn more): no code is made or drawn.
        await w.sim.watch.setWear(0);
        await w.sim.clock.advance(WEAR_POLL_MS);
        const created = rectsCreated();
        await w.sim.clock.advance(150_000);
        await w.sim.watch.setWear(1); // back on the wrist: still locked
        await w.sim.clock.advance(60_000);
        expect(codeShows()).toBe(false);
        expect(rectsCreated()).toBe(created);
        expect(lock().unlocked).toBe(false);
        await w.sim.watch.tap('Unlock');
        await typePin(w.sim, TEST_PIN);
        await w.sim.clock.until(codeShows, 10_000);

        // Closed and opened within RESUME_MS, worn: no PIN. "Not sure" asks for it at each opening.
        await w.sim.watch.back();
        await w.sim.watch.tap('Pay');
        await w.sim.clock.until(codeShows, 10_000);
        await w.sim.watch.back();
        await w.sim.watch.setWear(3);
        for (let round = 0; round < 2; round++) {
          await payToKeypad();
          expect(texts()).toContain('Enter PIN');
          await typePin(w.sim, TEST_PIN);
          await w.sim.clock.until(codeShows, 10_000);
          await w.sim.clock.advance(5 * WEAR_POLL_MS); // polls while unsure do not lock it under the code
          expect(codeShows()).toBe(true);
          await w.sim.watch.back();
          expect(lock().unlocked).toBe(false);
        }
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey('five-wrong', 'five wrong PINs erase the lease with a clear screen; a sync brings a new one', async () => {
      await openBandPay(w);
      const first = wallet().lease!.leaseId;
      await lockIt();
      await w.sim.watch.back();
      await payToKeypad();
      for (let i = 1; i < MAX_WRONG_PINS; i++) {
        await typePin(w.sim, WRONG_PIN);
        expect(says(`Wrong PIN. Tries left: ${MAX_WRONG_PINS - i}`)).toBe(true);
      }
      await typePin(w.sim, WRONG_PIN);
      expect(texts()).toEqual(expect.arrayContaining(['Code erased', 'OK']));
      expect(texts().join(' ')).toMatch(/Too many wrong PINs/);
      expect(screenProblems(w.sim.watch.snapshot())).toEqual([]);
      expect(wallet().lease).toBeNull();
      expect(w.sim.watch.find({ type: 'BUTTON', text: '1' })).toBeUndefined(); // the keypad is gone

      // OK: the pay page says the code was erased (no phone: nothing new yet).
      w.sim.link.cut();
      await w.sim.watch.tap('OK');
      expect(w.sim.watch.page).toBe(PAY_PAGE);
      expect(texts()).toContain('Code erased');
      expect(codeShows()).toBe(false);
      // The phone back in reach: the home page's sync brings a new lease, which the PIN still guards.
      w.sim.link.restore();
      await w.sim.watch.back();
      await w.sim.clock.until(() => wallet().lease !== null, 20_000);
      expect(wallet().lease!.leaseId).not.toBe(first);
      await payToKeypad();
      expect(texts()).toContain('Enter PIN');
      await typePin(w.sim, TEST_PIN);
      await w.sim.clock.until(codeShows, 10_000);
      expect(lock()).toMatchObject({ wrong: 0, erased: false, unlocked: true });
      expect(w.sim.watch.errors).toEqual([]);
    });

    journey('five-wrong', 'a lock record that does not read back erases the lease, as five wrong PINs do', async () => {
      await openBandPay(w);
      await w.sim.watch.back();
      // A PIN field that is not a PIN hash: reading it as "no PIN" would let anyone choose one.
      const text = JSON.stringify({ v: 1, pin: { alg: 'plain', digits: '2580' }, wrong: 0, unlocked: true });
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) bytes[2 * i] = text.charCodeAt(i);
      w.sim.watch.band.files.set(`${LOCK_STORAGE_KEY}.json`, bytes);
      w.sim.link.cut();
      await w.sim.watch.tap('Pay');
      await w.sim.clock.advance(1_000);
      expect(texts()).toContain('Code erased');
      expect(codeShows()).toBe(false);
      expect(wallet().lease).toBeNull();
      expect(lock()).toMatchObject({ pin: null, erased: true, unlocked: false });
      // A new lease comes only from the bound phone, and with it a new PIN.
      w.sim.link.restore();
      await w.sim.watch.back();
      await w.sim.clock.until(() => wallet().lease !== null, 20_000);
      await payToKeypad();
      expect(texts()).toContain('Choose a PIN');
    });

    journey('restart', 'a restart in the middle of PIN entry keeps the lock and the count of wrong tries', async () => {
      await payToKeypad();
      await typePin(w.sim, TEST_PIN);
      await typePin(w.sim, TEST_PIN.slice(0, 2));
      await w.sim.watch.relaunch();
      await payToKeypad();
      expect(texts()).toContain('Choose a PIN');
      expect(lock().pin).toBeNull();
      await typePin(w.sim, TEST_PIN);
      await typePin(w.sim, TEST_PIN);
      await w.sim.clock.until(codeShows, 10_000);
      await w.sim.watch.back();
      await w.sim.watch.relaunch();

      // Relaunched within RESUME_MS, worn: the pay page trusts its last read (the header of lock.ts)...
      await w.sim.watch.tap('Pay');
      await w.sim.clock.until(codeShows, 10_000);
      // ...taken off under it, it locks; two digits in, then the app restarts: no try counted.
      await lockIt();
      await w.sim.watch.tap('Unlock');
      await typePin(w.sim, TEST_PIN.slice(0, 2));
      expect(filledDots()).toBe(2);
      await w.sim.watch.relaunch();
      expect(lock()).toMatchObject({ unlocked: false, wrong: 0 });
      await payToKeypad();
      expect(filledDots()).toBe(0);
      expect(texts()).toContain('Enter PIN');

      // Three wrong, a restart, two more: the count survived, the lease is erased.
      for (let i = 0; i < 3; i++) await typePin(w.sim, WRONG_PIN);
      await w.sim.watch.relaunch();
      expect(lock().wrong).toBe(3);
      await payToKeypad();
      await typePin(w.sim, WRONG_PIN);
      expect(says('Wrong PIN. Tries left: 1')).toBe(true);
      await typePin(w.sim, WRONG_PIN);
      expect(wallet().lease).toBeNull();
      expect(w.sim.watch.errors).toEqual([]);
    });

    journey(
      'forgot',
      '"Forgot PIN" in the settings page wipes the band at its next sync and asks for a new PIN',
      async () => {
        await openBandPay(w);
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
        await w.sim.clock.until(() => w.sim.watch.page === BAND_PIN_PAGE, 10_000);
        expect(texts()).toContain('Choose a PIN');
        expect(lock().pin).toBeNull();
        expect(wallet().lease!.leaseId).not.toBe(before);
        await typePin(w.sim, '1357');
        await typePin(w.sim, '1357');
        await w.sim.clock.until(codeShows, 10_000);
        expect(lock().pin).not.toEqual(oldPin);

        // The next sync reports the wipe done: the phone stops sending it, and the new PIN stays.
        await w.sim.watch.back();
        await w.sim.clock.until(() => w.sim.settingsStorage.getItem(KEYS.pinReset) === null, 10_000);
        await w.sim.clock.advance(6 * 60_000); // past RESUME_MS: the pay page asks again
        await payToKeypad();
        await typePin(w.sim, '1357');
        await w.sim.clock.until(codeShows, 10_000);
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey(
      'confirm',
      'a register charge shows "Paid" within 5 s with a buzz, then the next code; a decline says why',
      async () => {
        await openBandPay(w);
        const code = digits();
        const step = stepOf(code);
        expect(await charge(code, 2_350)).toMatchObject({ status: 'approved' });
        expect(await within5s('Paid')).toBeLessThanOrEqual(5_000);
        expect(texts()).toEqual(expect.arrayContaining(['Paid', '¥23.50', 'Campus canteen']));
        expect(codeShows()).toBe(false);
        expect(screenProblems(w.sim.watch.snapshot())).toEqual([]);
        expect(w.sim.watch.vibrationLog).toEqual([expect.objectContaining({ scene: 'scene 25', page: PAY_PAGE })]);
        // Then the next step's code, which the issuer takes at once.
        await w.sim.clock.until(codeShows, 6_000);
        const next = digits();
        expect(next).not.toBe(code);
        expect(stepOf(next)).toBe(step + 1);
        // A limit of ¥20 a payment set in the settings page, then a ¥25 charge: declined, and why.
        await w.sim.settings.type({ label: 'Per payment (CNY)' }, '20');
        await w.sim.settings.type({ label: 'Per day (CNY)' }, '1000');
        await w.sim.settings.press({ type: 'Button', label: 'Save limits' });
        await w.sim.clock.until(() => w.sim.settings.texts().some((t) => t.startsWith('Limits saved')), 10_000);
        expect(await charge(next, 2_500)).toMatchObject({ status: 'declined', reason: 'over-per-payment' });
        await within5s('Declined');
        expect(texts()).toEqual(expect.arrayContaining(['Declined', '¥25.00']));
        expect(says('Over the limit for one payment')).toBe(true);
        // The second buzz vibrates: the page stopped the first (VIBRATE.mdx).
        expect(w.sim.watch.vibrationLog.map((v) => v.scene)).toEqual(['scene 25', 'scene 0']);
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey(
      'link-cut',
      'the link cut while waiting: nothing, no error; restored, "Paid" within 5 s; asks only while open',
      async () => {
        await openBandPay(w);
        const code = digits();
        w.sim.link.cut();
        expect(await charge(code, 990)).toMatchObject({ status: 'approved' });
        await w.sim.clock.advance(20_000);
        expect(texts()).not.toContain('Paid');
        expect(digits()).toBe(code); // nothing learnt: still this step's code
        w.sim.link.restore();
        await within5s('Paid');
        expect(texts()).toContain('¥9.90');

        // Asks every 3 s while open, for 2 minutes at most after the last payment; nothing once closed.
        const fetches = () => w.sim.phone.fetches.filter((f) => f.url.includes('/v1/activity')).length;
        const t0 = fetches();
        await w.sim.clock.advance(60_000);
        expect(fetches() - t0).toBeGreaterThanOrEqual(15);
        expect(fetches() - t0).toBeLessThanOrEqual(21);
        await w.sim.clock.advance(ACTIVITY_WINDOW_MS);
        const after = fetches();
        await w.sim.clock.advance(30_000);
        expect(fetches()).toBe(after);
        await w.sim.watch.back();
        await w.sim.watch.tap('Pay');
        await w.sim.clock.until(codeShows, 10_000);
        await w.sim.clock.advance(9_500);
        const open = fetches();
        await w.sim.watch.back();
        await w.sim.clock.advance(60_000);
        expect(fetches() - open).toBeLessThanOrEqual(1); // closed: at most the one in flight
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey(
      'new-code',
      'a new code after a payment and on "New code", never the paid one, within the issuer window',
      async () => {
        await openBandPay(w);
        const code = digits();
        const step = stepOf(code);
        await newCode();
        const next = digits();
        expect(stepOf(next)).toBe(step + 1);
        await newCode(); // step + 2 is outside the issuer's window: nothing happens
        expect(digits()).toBe(next);
        expect(await charge(next, 500)).toMatchObject({ status: 'approved' });
        await within5s('Paid');
        // Both codes of this step's window are spent or shown: the page waits for the clock.
        await w.sim.clock.advance(5_000);
        expect(/Next code in \d+ s/.test(texts().join(' ')) || codeShows()).toBe(true);
        expect(digits()).not.toBe(next);
        await w.sim.clock.until(codeShows, 65_000);
        const later = digits();
        expect(stepOf(later)).toBe(step + 2);
        expect(await charge(later, 500)).toMatchObject({ status: 'approved' });
        expect(w.sim.watch.errors).toEqual([]);
      },
    );

    journey('format', 'opens in the format used last, across a relaunch; a waking tap changes nothing', async () => {
      await openBandPay(w);
      expect(shownMode()).toBe('barcode');
      const mid = { x: Math.round(w.sim.watch.device.width / 2), y: Math.round(w.sim.watch.device.height / 2) };
      await w.sim.watch.tap(mid);
      expect(shownMode()).toBe('qr');
      expect(readRecord(PAY_MEMORY_KEY)).toMatchObject({ mode: 'qr' });
      await w.sim.watch.back();
      await w.sim.watch.tap('Pay');
      await w.sim.clock.until(codeShows, 10_000);
      expect(shownMode()).toBe('qr'); // QR again
      await w.sim.watch.relaunch();
      await openBandPay(w);
      expect(shownMode()).toBe('qr');
      // Screen off, then a tap: it wakes the screen and nothing else.
      await w.sim.watch.pause();
      await w.sim.watch.tap(mid);
      expect(shownMode()).toBe('qr');
      await w.sim.watch.tap(mid);
      expect(shownMode()).toBe('emv');
      expect(readRecord(PAY_MEMORY_KEY)).toMatchObject({ mode: 'emv' });
      expect(w.sim.watch.errors).toEqual([]);
    });
  });
}
